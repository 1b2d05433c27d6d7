import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { actOnCase } from './act-on-case.ts';
import { findCaseForOfficial } from './get-case-for-official.ts';
import { findOwnCase } from './get-case-for-applicant.ts';

export const MESSAGE_MAX_LENGTH = 5000;
/** An empty request for missing documents: the official is asked what is missing, not for "the message". */
export const COMPLETION_TEXT_REQUIRED = 'tracking.completion.text_required';

/**
 * Checks a free text typed on a case (message, reason, request): trimmed, not empty, not too long. `required` names
 * the message for an empty text when the field's own ("Scrieți textul mesajului") would not say what is asked.
 */
export function caseText(value: unknown, field: string, max = MESSAGE_MAX_LENGTH, required = `tracking.${field}.required`): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) throw new AppError(required, 'invalid', {}, { [field]: required });
  if (text.length > max) throw new AppError('tracking.text.too_long', 'invalid', { max }, { [field]: 'tracking.text.too_long' });
  return text;
}

/**
 * A message in a case's thread, from the applicant or from an official who may write on the case. It is a case
 * action of type `message` (so it is in the timeline and audited); an official's message is emailed to the applicant.
 */
export async function sendCaseMessage(
  deps: Pick<AppDeps, 'db' | 'now' | 'notifier' | 'config'>,
  actor: Actor,
  input: { caseId: string; text: unknown; transactionId: string },
): Promise<{ status: string; duplicate: boolean; message: { seq: number; at: Date } }> {
  const text = caseText(input.text, 'text');
  const at = deps.now();
  return deps.db.transaction(async (tx) => {
    try {
      await findOwnCase(tx, actor, input.caseId, at);
    } catch (err) {
      if (!actor.isOfficial) throw err;
      await findCaseForOfficial(tx, actor, input.caseId, 'cases.message');
    }
    const r = await actOnCase(tx, deps, { caseId: input.caseId, type: 'message', actorId: actor.accountId, transactionId: input.transactionId, payload: { text }, at });
    return { status: r.status, duplicate: r.duplicate, message: { seq: r.seq, at: r.at } };
  });
}
