import type { AppDeps } from '../../app.ts';
import type { Tx } from '../../db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/http/errors.ts';
import { findCaseForOfficial } from '../cases/get-case-for-official.ts';
import { checkSecondFactorCode, failedCodeError } from '../identity/two-factor-check-code.ts';
import { findTwoFactorAccount } from '../identity/two-factor-store.ts';
import { nextSigner, SIGNING_REASON } from './domain/signers.ts';
import { officialSigner } from './signing-keys.ts';
import { type AnswerDocumentRow, findAnswerDocument, findSigningKey, insertSignature, listSignatures, lockAnswerDocument, updateAnswerDocument } from './store.ts';
import { isUuid } from '../../platform/ids/uuid.ts';
import { checkStepAllowsSignature } from '../workflow/signing-step.ts';

export type SignInput = { documentId: string; pin: unknown; code: unknown; transactionId: string };
export type Signed = { documentId: string; seq: number; complete: boolean; duplicate: boolean };

const text = (v: unknown, max: number) => (typeof v === 'string' ? v.trim().slice(0, max) : '');

async function refused(tx: Tx, actor: Actor, doc: { id: string; institutionId: string; caseId: string }, reason: 'pin' | 'totp' | 'locked'): Promise<void> {
  await recordAudit(tx, {
    chain: doc.institutionId,
    actorId: actor.accountId,
    action: 'document.sign_refused',
    entity: 'answer_document',
    entityId: doc.id,
    details: { caseId: doc.caseId, reason },
    ip: actor.ip,
  });
}

/**
 * The next official in the signing plan signs the answer, once the case has reached the workflow step where they act
 * (signing-step.ts): their PIN opens their key (or authorises the remote
 * signature) and a current TOTP code proves it is them now. The code is checked first, in its own committed
 * transaction (a wrong one counts towards the two-factor lockout and is audited as `document.sign_refused`), so
 * every PIN attempt costs a fresh code: at most two guesses a minute. The signature is an incremental revision
 * over the current file; the document row is then updated under a lock, and only if nobody signed meanwhile.
 */
export async function signAnswer(deps: Pick<AppDeps, 'db' | 'now' | 'blobs' | 'config'>, actor: Actor, input: SignInput): Promise<Signed> {
  const at = deps.now();
  const pin = text(input.pin, 200);
  const code = text(input.code, 20).replace(/\s/g, '');
  const errors: Record<string, string> = {};
  if (!pin) errors.pin = 'documents.sign.pin_required';
  if (!/^\d{6}$/.test(code)) errors.code = 'documents.sign.code_required';
  if (Object.keys(errors).length) throw new AppError('documents.sign.incomplete', 'invalid', {}, errors);

  const doc = isUuid(input.documentId) ? await findAnswerDocument(deps.db, input.documentId) : null;
  if (!doc) throw new AppError('documents.not_found', 'not_found');
  await findCaseForOfficial(deps.db, actor, doc.caseId, 'cases.read');
  const done = await listSignatures(deps.db, doc.id);
  const same = done.find((s) => s.transactionId === input.transactionId);
  if (same) return { documentId: doc.id, seq: same.seq, complete: doc.status !== 'signing', duplicate: true };
  if (doc.status !== 'signing') throw new AppError('documents.not_signing', 'conflict');
  const next = nextSigner(doc.signers, done.length);
  if (!next || next.accountId !== actor.accountId) throw new AppError('documents.not_your_turn', 'forbidden', { name: next?.name ?? '—' });
  // Their turn, and the case at their step: the mayor does not sign while the head of department still has it to approve.
  await checkStepAllowsSignature(deps.db, actor, doc.caseId, doc.signers, done.length);
  const key = await findSigningKey(deps.db, actor.accountId);
  if (!key) throw new AppError('documents.no_signing_key', 'conflict');

  // Second factor first, committed whatever the outcome (the lockout count must survive a refusal).
  const check = await deps.db.transaction(async (tx) => {
    const account = await findTwoFactorAccount(tx, actor.accountId);
    if (!account?.totpSecret || !account.totpEnabledAt) {
      await refused(tx, actor, doc, 'totp');
      return { ok: false as const, lockedUntil: null };
    }
    try {
      const result = await checkSecondFactorCode(tx, {
        accountId: actor.accountId,
        sealedSecret: account.totpSecret,
        code,
        allowRecoveryCode: false,
        sessionSecret: deps.config.sessionSecret,
        now: at,
        ip: actor.ip,
        // Recorded in the two-factor audit entry; signing is a use of the code like a sign-in.
        purpose: 'sign_in',
      });
      if (!result.ok) await refused(tx, actor, doc, 'totp');
      return result;
    } catch (err) {
      if (err instanceof AppError && err.code === 'two_factor.locked') {
        await refused(tx, actor, doc, 'locked');
        return { ok: false as const, lockedUntil: at, error: err };
      }
      throw err;
    }
  });
  if (!check.ok) {
    if ('error' in check && check.error) throw check.error;
    const err = failedCodeError(check);
    throw new AppError(err.code, err.kind, err.params, err.code === 'two_factor.wrong_code' ? { code: 'two_factor.wrong_code' } : undefined);
  }

  const current = await deps.blobs.get(doc.currentSha256);
  if (!current) throw new AppError('documents.file_missing', 'unavailable');
  let signed: Uint8Array;
  try {
    const signer = officialSigner(deps.config.sessionSecret, key, pin, null);
    signed = await signer.sign(current, {
      name: next.name,
      reason: SIGNING_REASON[next.role] ?? 'Semnat',
      location: doc.institutionName,
      signingTime: at,
    });
  } catch (err) {
    if (err instanceof AppError && (err.code === 'signing.pkcs12_invalid' || err.code === 'signing.pin_invalid' || err.code === 'signing.credential_locked')) {
      await deps.db.transaction((tx) => refused(tx, actor, doc, 'pin'));
      throw new AppError(err.code === 'signing.credential_locked' ? err.code : 'signing.pin_invalid', err.kind === 'forbidden' ? 'forbidden' : 'invalid', {}, { pin: err.code === 'signing.credential_locked' ? err.code : 'signing.pin_invalid' });
    }
    throw err;
  }
  const sha256 = await deps.blobs.put(signed);

  return deps.db.transaction(async (tx) => {
    const locked = (await lockAnswerDocument(tx, doc.id)) as AnswerDocumentRow;
    const now = await listSignatures(tx, doc.id);
    if (locked.status !== 'signing' || locked.currentSha256 !== doc.currentSha256 || now.length !== done.length) throw new AppError('documents.changed', 'conflict');
    const seq = now.length + 1;
    await insertSignature(tx, {
      documentId: doc.id,
      seq,
      accountId: actor.accountId,
      role: next.role,
      signerName: next.name,
      method: key.kind,
      signedAt: at,
      sha256,
      transactionId: input.transactionId,
    });
    const complete = seq >= locked.signers.length;
    await updateAnswerDocument(tx, doc.id, { currentSha256: sha256, sizeBytes: signed.length, status: complete ? 'signed' : 'signing' });
    await recordAudit(tx, {
      chain: doc.institutionId,
      actorId: actor.accountId,
      action: 'document.signed',
      entity: 'answer_document',
      entityId: doc.id,
      details: { caseId: doc.caseId, seq, role: next.role, method: key.kind, sha256 },
      ip: actor.ip,
    });
    return { documentId: doc.id, seq, complete, duplicate: false };
  });
}
