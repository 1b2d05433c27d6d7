import type { Executor } from '../../db/database.ts';
import { formatRegistryNumber } from '../registry/domain/registry-number.ts';
import { OPEN_STATUSES } from './domain/case-state.ts';
import { type DeadlineCaseRow, listOpenCasesDue } from './store.ts';


/** Open cases (the legal clock running) whose last valid day falls between `from` and `to` (null: any earlier day). */
export async function listCasesDue(db: Executor, input: { from: string | null; to: string }): Promise<(Omit<DeadlineCaseRow, 'number' | 'registeredOn'> & { number: string })[]> {
  const rows = await listOpenCasesDue(db, { ...input, openStatuses: OPEN_STATUSES });
  return rows.map(({ number, registeredOn, ...r }) => ({ ...r, number: formatRegistryNumber(number, registeredOn) }));
}
