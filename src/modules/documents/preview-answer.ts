import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/http/errors.ts';
import { formatRegistryNumber } from '../registry/domain/registry-number.ts';
import { CLOSED_STATUSES, fillAnswer, loadAnswerContext, planSigners } from './answer-context.ts';
import type { AnswerOutcome } from './domain/answer-text.ts';
import type { PartialRefusal } from './domain/partial-refusal.ts';
import type { PlannedSigner } from './schema.ts';
import { listCaseAnswerDocuments, listSignatures } from './store.ts';

export type AnswerPreview = {
  caseId: string;
  number: string;
  title: string;
  body: string;
  /** Placeholders without a value in this case (written as "—"). */
  missing: string[];
  signers: PlannedSigner[];
  templateVersion: number | null;
  /** The answer the official wrote (null: not yet written; nothing can be generated); `partialRefusal` for `partial`. */
  answer: { outcome: AnswerOutcome; text: string; partialRefusal: PartialRefusal | null } | null;
  /** A public-information request (Legea 544/2001): it may be answered in part (`partial`). */
  partialAllowed: boolean;
  /** Someone has signed the current version: its text is frozen until it is withdrawn. */
  lockedBy: string | null;
};

/**
 * "Validează": the answer the official wrote, as it would be generated now inside the template, every placeholder
 * filled, and what is missing. Changes nothing.
 */
export async function previewAnswer(deps: Pick<AppDeps, 'db' | 'now'>, actor: Actor, input: { caseId: string; pendingNumberText: string }): Promise<AnswerPreview> {
  const at = deps.now();
  return deps.db.transaction(async (tx) => {
    const ctx = await loadAnswerContext(tx, actor, input.caseId, 'documents.prepare');
    if ((CLOSED_STATUSES as readonly string[]).includes(ctx.row.status)) throw new AppError('documents.case_closed', 'conflict');
    const filled = await fillAnswer(tx, ctx, { officialName: actor.displayName, outgoingNumber: input.pendingNumberText, at });
    const signers = await planSigners(tx, ctx, actor);
    await recordAudit(tx, {
      chain: ctx.row.institutionId,
      actorId: actor.accountId,
      action: 'document.previewed',
      subjectId: ctx.row.applicantAccountId,
      entity: 'case',
      entityId: ctx.row.id,
      ip: actor.ip,
    });
    const [latest] = await listCaseAnswerDocuments(tx, ctx.row.id);
    const open = latest && (latest.status === 'signing' || latest.status === 'signed');
    const signedBy = open ? (await listSignatures(tx, latest.id))[0]?.signerName : undefined;
    return {
      caseId: ctx.row.id,
      number: formatRegistryNumber(ctx.row.number, ctx.row.registeredOn),
      ...filled,
      signers,
      templateVersion: ctx.template.version,
      answer: ctx.draft ? { outcome: ctx.draft.outcome, text: ctx.draft.text, partialRefusal: ctx.draft.partialRefusal ?? null } : null,
      partialAllowed: ctx.row.kind === 'information',
      lockedBy: signedBy ?? null,
    };
  });
}
