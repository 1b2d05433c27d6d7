import type { Executor } from '../../db/database.ts';
import { formatRegistryNumber } from '../registry/domain/registry-number.ts';
import { CASE_STATUSES, type CaseStatus } from './domain/case-state.ts';
import { type DeadlineCaseRow, listOpenCasesDue } from './store.ts';

const STOPPED: readonly CaseStatus[] = ['issued', 'rejected', 'withdrawn', 'archived'];
export const OPEN_STATUSES = CASE_STATUSES.filter((s) => !STOPPED.includes(s));

/** Open cases (the legal clock running) whose last valid day falls between `from` and `to` (null: any earlier day). */
export async function listCasesDue(db: Executor, input: { from: string | null; to: string }): Promise<(Omit<DeadlineCaseRow, 'number' | 'registeredOn'> & { number: string })[]> {
  const rows = await listOpenCasesDue(db, { ...input, openStatuses: OPEN_STATUSES });
  return rows.map(({ number, registeredOn, ...r }) => ({ ...r, number: formatRegistryNumber(number, registeredOn) }));
}
