import type { AppDeps } from '../../app.ts';
import type { Executor } from '../../db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { can } from '../../platform/auth/permissions.ts';
import { cachedConfig } from '../../platform/cache/config-cache.ts';
import type { Closures, IsoDate } from '../../platform/calendar/calendar.ts';
import { AppError } from '../../platform/http/errors.ts';
import { markTermsForRecount } from '../cases/mark-terms-for-recount.ts';
import { moveStepDueDays } from '../workflow/move-step-due-days.ts';
import { type ClosureRow, deleteClosure, insertClosure, listClosureRows, listClosureRowsFrom, lockClosures } from './store.ts';

/** The institution's extra closed days, for legal-term counting (calendar.ts `Closures`). */
export async function getClosures(db: Executor, institutionId: string): Promise<Closures> {
  return cachedConfig(`closures:${institutionId}`, async () => new Set((await listClosureRows(db, institutionId)).map((r) => r.day)));
}

/**
 * A look-ahead from `today` counted in each institution's working days (a reminder "due within N working days"), for
 * jobs that go over all institutions at once: `until(id)` is where it ends for one institution — its closed days
 * skipped, as its deadlines were counted — and `widest` the latest of them, to read the candidates in one query.
 */
export async function lookAheadByInstitution(
  db: Executor,
  today: IsoDate,
  end: (today: IsoDate, closures?: Closures) => IsoDate,
): Promise<{ widest: IsoDate; until: (institutionId: string) => IsoDate }> {
  const byInstitution = new Map<string, Set<IsoDate>>();
  for (const r of await listClosureRowsFrom(db, today)) {
    const days = byInstitution.get(r.institutionId) ?? new Set<IsoDate>();
    days.add(r.day);
    byInstitution.set(r.institutionId, days);
  }
  const plain = end(today);
  const ends = new Map([...byInstitution].map(([id, days]) => [id, end(today, days)]));
  const widest = [plain, ...ends.values()].sort().at(-1) ?? plain;
  return { widest, until: (institutionId) => ends.get(institutionId) ?? plain };
}

export async function listClosures(deps: Pick<AppDeps, 'db'>, input: { actor: Actor; institutionId: string }): Promise<ClosureRow[]> {
  if (!can(input.actor, 'organisation.read', { institutionId: input.institutionId })) throw new AppError('forbidden', 'forbidden');
  return listClosureRows(deps.db, input.institutionId);
}

/**
 * What a closed day added or removed changes in the open cases, in the same transaction: their legal terms are listed to
 * be counted again by the next daily deadline job (markTermsForRecount), before any reminder; the due days of the steps
 * they are at move at once (moveStepDueDays). Changes of one institution's closed days take turns, so each counts from
 * the closed days the one before it left. Answers how many steps moved.
 */
async function recountOpenCases(tx: Executor, input: { institutionId: string; day: string; closed: boolean }): Promise<number> {
  await markTermsForRecount(tx, { institutionId: input.institutionId, day: input.day });
  // Read in this transaction, not from the cache: the change itself is not committed yet.
  const closures = new Set((await listClosureRows(tx, input.institutionId)).map((r) => r.day));
  return moveStepDueDays(tx, { ...input, closures });
}

/** Adds a closed day. Only future days: a day already lived through stays as it was counted. */
export async function addClosure(
  deps: Pick<AppDeps, 'db' | 'now'>,
  input: { actor: Actor; institutionId: string; day: string; reason: string; today: string },
): Promise<void> {
  if (!can(input.actor, 'organisation.manage', { institutionId: input.institutionId })) throw new AppError('forbidden', 'forbidden');
  const fields: Record<string, string> = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.day) || Number.isNaN(new Date(`${input.day}T00:00:00Z`).getTime())) fields.day = 'organisation.closure_day_invalid';
  else if (input.day <= input.today) fields.day = 'organisation.closure_day_past';
  if (input.reason.trim().length < 3) fields.reason = 'organisation.closure_reason_required';
  if (Object.keys(fields).length) throw new AppError('validation', 'invalid', {}, fields);
  await deps.db.transaction(async (tx) => {
    await lockClosures(tx, input.institutionId);
    const added = await insertClosure(tx, { institutionId: input.institutionId, day: input.day, reason: input.reason.trim(), createdBy: input.actor.accountId, createdAt: deps.now() });
    if (!added) throw new AppError('validation', 'invalid', {}, { day: 'organisation.closure_exists' });
    const stepsMoved = await recountOpenCases(tx, { institutionId: input.institutionId, day: input.day, closed: true });
    await recordAudit(tx, {
      chain: input.institutionId,
      actorId: input.actor.accountId,
      action: 'institution.closure_added',
      entity: 'institution',
      entityId: input.institutionId,
      details: { day: input.day, reason: input.reason.trim(), stepsMoved },
      ip: input.actor.ip,
    });
  });
}

export async function removeClosure(deps: Pick<AppDeps, 'db'>, input: { actor: Actor; institutionId: string; day: string; today: string }): Promise<void> {
  if (!can(input.actor, 'organisation.manage', { institutionId: input.institutionId })) throw new AppError('forbidden', 'forbidden');
  if (input.day <= input.today) throw new AppError('organisation.closure_day_past', 'conflict');
  await deps.db.transaction(async (tx) => {
    await lockClosures(tx, input.institutionId);
    if (!(await deleteClosure(tx, input.institutionId, input.day))) throw new AppError('not_found', 'not_found');
    const stepsMoved = await recountOpenCases(tx, { institutionId: input.institutionId, day: input.day, closed: false });
    await recordAudit(tx, {
      chain: input.institutionId,
      actorId: input.actor.accountId,
      action: 'institution.closure_removed',
      entity: 'institution',
      entityId: input.institutionId,
      details: { day: input.day, stepsMoved },
      ip: input.actor.ip,
    });
  });
}
