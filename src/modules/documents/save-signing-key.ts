import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { PLATFORM_CHAIN, recordAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/http/errors.ts';
import { keyContext, sealP12, subjectOfPkcs12 } from './signing-keys.ts';
import { findSigningKey, upsertSigningKey } from './store.ts';

export type SigningKeyStatus = { kind: 'pkcs12' | 'csc'; subject: string; since: Date } | null;

/** The official's own signing key, if any (never its contents). */
export async function getSigningKeyStatus(deps: Pick<AppDeps, 'db'>, actor: Actor): Promise<SigningKeyStatus> {
  if (!actor.isOfficial) throw new AppError('forbidden', 'forbidden');
  const key = await findSigningKey(deps.db, actor.accountId);
  return key ? { kind: key.kind, subject: key.certificateSubject, since: key.createdAt } : null;
}

/**
 * An official stores their PKCS#12 (.p12/.pfx): it must open with the PIN they type (so a typo is caught now, not
 * when signing) and is kept sealed at rest; the PIN itself is not stored.
 */
export async function saveSigningKey(deps: Pick<AppDeps, 'db' | 'now' | 'config'>, actor: Actor, input: { p12: Uint8Array | null; pin: unknown }): Promise<{ subject: string }> {
  if (!actor.isOfficial || !actor.mfaPassed) throw new AppError('forbidden', 'forbidden');
  const pin = typeof input.pin === 'string' ? input.pin : '';
  const fields: Record<string, string> = {};
  if (!input.p12 || input.p12.length === 0) fields.file = 'documents.key.file_required';
  else if (input.p12.length > 64 * 1024) fields.file = 'documents.key.file_large';
  if (!pin) fields.pin = 'documents.sign.pin_required';
  if (Object.keys(fields).length) throw new AppError('documents.key.invalid', 'invalid', {}, fields);
  let subject: string;
  try {
    subject = subjectOfPkcs12(input.p12!, pin);
  } catch {
    throw new AppError('signing.pkcs12_invalid', 'invalid', {}, { pin: 'signing.pkcs12_invalid' });
  }
  const at = deps.now();
  await deps.db.transaction(async (tx) => {
    await upsertSigningKey(tx, {
      accountId: actor.accountId,
      kind: 'pkcs12',
      sealedP12: sealP12(deps.config.sessionSecret, input.p12!, keyContext(actor.accountId)),
      cscUrl: null,
      cscClientId: null,
      sealedCscSecret: null,
      cscCredentialId: null,
      certificateSubject: subject,
      createdAt: at,
    });
    await recordAudit(tx, {
      chain: actor.memberships[0]?.institutionId ?? PLATFORM_CHAIN,
      actorId: actor.accountId,
      action: 'document.signing_key_saved',
      entity: 'account',
      entityId: actor.accountId,
      details: { subject },
      ip: actor.ip,
    });
  });
  return { subject };
}
