import type { AppDeps } from '../../app.ts';
import type { Executor } from '../../db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { can } from '../../platform/auth/permissions.ts';
import { AppError } from '../../platform/http/errors.ts';
import { loadInstitution } from '../admin/load-institution.ts';
import { formatRegistryNumber, parseRegistryNumber } from '../registry/domain/registry-number.ts';
import { firstOfMatter } from '../registry/register-document.ts';
import { completeEntry } from '../registry/store.ts';
import { type SentOnWith, sentOnWith } from './case-detail.ts';
import { isClosedStatus, type Join } from './domain/case-state.ts';
import { findCaseForOfficial } from './get-case-for-official.ts';
import { notifyApplicant } from './notify-applicant.ts';
import { recordCaseAction } from './record-case-action.ts';
import { caseText } from './send-case-message.ts';
import { type CaseViewRow, findCaseView, listActions, listEarlierPetitionsOf, lockCase, type PetitionRef, setJoinedTo } from './store.ts';

/** The petitioner is told their petition was joined to the earlier one (texts under `join.email.*`). */
export const JOINED_TEMPLATE = 'tracking.joined.v1';
/** …or, the earlier one already answered, that the new one is filed at its number with reference to that answer. */
export const JOINED_ANSWERED_TEMPLATE = 'tracking.joined.answered.v1';

export type JoinCandidate = { id: string; number: string; subject: string | null; answered: boolean };

const candidate = (p: PetitionRef): JoinCandidate => ({ id: p.id, number: formatRegistryNumber(p.number, p.registeredOn), subject: p.subject, answered: p.status === 'issued' || p.status === 'archived' });

/**
 * The earlier petitions of the same petitioner in the institution that the official may read, newest first: what this
 * one can be joined to. One in a department they cannot see is not offered (its page would answer 404 to them).
 */
async function candidatesFor(db: Executor, actor: Actor, row: CaseViewRow): Promise<JoinCandidate[]> {
  const a = row.applicant;
  const earlier = await listEarlierPetitionsOf(db, {
    institutionId: row.institutionId,
    excludeId: row.id,
    before: row.submittedAt,
    accountId: row.applicantAccountId,
    cnp: a.cnp ?? null,
    cui: a.cui ?? null,
    email: a.email ?? null,
  });
  // A petition sent on to another institution, withdrawn or refused as such is not one an answer here covers.
  const inst = await loadInstitution(db, row.institutionId);
  const readable = (p: PetitionRef) => can(actor, 'cases.read', { institutionId: row.institutionId, departmentId: p.departmentId, departmentPath: inst?.pathOf(p.departmentId) ?? [] });
  return earlier.filter((p) => !['redirected', 'withdrawn', 'rejected'].includes(p.status) && readable(p)).map(candidate);
}

/** `sentOn`: the petition it was joined to was sent on to the competent institution, and this one went along. */
export type JoinForm = { caseId: string; number: string; open: boolean; candidates: JoinCandidate[]; done: Join | null; sentOn: SentOnWith | null };

/** What the form for joining a repeated petition needs, for an official who may do it (else 404/403 as for the case). */
export async function getJoinForm(deps: Pick<AppDeps, 'db'>, actor: Actor, caseId: string): Promise<JoinForm> {
  const row = await findCaseForOfficial(deps.db, actor, caseId, 'cases.join');
  const done = (await listActions(deps.db, row.id)).findLast((a) => a.type === 'joined')?.payload.join ?? null;
  const number = formatRegistryNumber(row.number, row.registeredOn);
  return {
    caseId: row.id,
    number,
    sentOn: await sentOnWith(deps.db, done, number),
    open: row.kind === 'petition' && !isClosedStatus(row.status),
    candidates: done ? [] : await candidatesFor(deps.db, actor, row),
    done,
  };
}

/**
 * Joins a repeated petition — the same petitioner, the same issue — to the earlier one the official picks (OG 27/2002
 * art. 10): this case closes as joined, its register entry is linked to the earlier one's, and the earlier case's answer
 * covers both (its page lists the petitions joined to it, so the answer refers to all of them). When the earlier one
 * was already answered, the new one is filed at its number, with reference to that answer. The petitioner is
 * e-mailed either way. `into`: the earlier case's id, or its registration number (`123/20.11.2026`). The same
 * transactionId again returns the first result; joining a closed case is refused (409).
 */
export async function joinPetition(
  deps: Pick<AppDeps, 'db' | 'now' | 'notifier' | 'config'>,
  actor: Actor,
  input: { caseId: string; into: unknown; reason?: unknown; transactionId: string },
): Promise<{ status: string; join: Join; duplicate: boolean }> {
  const at = deps.now();
  return deps.db.transaction(async (tx) => {
    const row = await findCaseForOfficial(tx, actor, input.caseId, 'cases.join');
    await lockCase(tx, row.id);
    const actions = await listActions(tx, row.id);
    const same = actions.find((a) => a.transactionId === input.transactionId);
    if (same?.type === 'joined' && same.payload.join) return { status: 'joined', join: same.payload.join, duplicate: true };
    if (row.kind !== 'petition') throw new AppError('cases.join.not_petition', 'conflict');
    if (isClosedStatus(row.status)) throw new AppError('cases.join.closed', 'conflict');

    const wanted = typeof input.into === 'string' ? input.into.trim() : '';
    const candidates = await candidatesFor(tx, actor, row);
    const parsed = parseRegistryNumber(wanted);
    const target = candidates.find((c) => c.id === wanted || (parsed && c.number === formatRegistryNumber(parsed.number, parsed.day)));
    const fields: Record<string, string> = {};
    if (!wanted) fields.into = 'cases.join.into_required';
    else if (!target) fields.into = 'cases.join.into_unknown';
    let reason = '';
    try {
      reason = input.reason === undefined || input.reason === '' ? '' : caseText(input.reason, 'reason', 1000);
    } catch (err) {
      if (!(err instanceof AppError) || !err.fields) throw err;
      Object.assign(fields, err.fields);
    }
    if (Object.keys(fields).length || !target) throw new AppError('validation', 'invalid', {}, fields);

    const first = await findCaseView(tx, target.id);
    if (!first) throw new AppError('validation', 'invalid', {}, { into: 'cases.join.into_unknown' });
    const answeredOn = (await listActions(tx, first.id)).findLast((a) => a.type === 'issued')?.day ?? null;
    const join: Join = { caseId: first.id, number: target.number, answeredOn };
    await recordCaseAction(tx, { caseId: row.id, type: 'joined', actorId: actor.accountId, transactionId: input.transactionId, payload: { join, ...(reason ? { reason } : {}) }, at });
    await setJoinedTo(tx, row.id, first.id);
    // The register links documents on the same matter to the first one (Instrucțiunile 217/1996): the first petition's
    // own first document when it was itself linked to an earlier one.
    await completeEntry(tx, row.registryEntryId, { linkedEntryId: await firstOfMatter(tx, row.institutionId, first.registryEntryId) });
    await notifyApplicant(tx, deps, {
      caseId: row.id,
      template: answeredOn ? JOINED_ANSWERED_TEMPLATE : JOINED_TEMPLATE,
      data: { firstNumber: target.number, answeredOn: answeredOn ? `${answeredOn.slice(8, 10)}.${answeredOn.slice(5, 7)}.${answeredOn.slice(0, 4)}` : '' },
    });
    return { status: 'joined', join, duplicate: false };
  });
}
