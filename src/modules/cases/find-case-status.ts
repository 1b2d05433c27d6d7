import type { Executor } from '../../db/database.ts';
import { formatRegistryNumber } from '../registry/domain/registry-number.ts';
import type { CaseStatus } from './domain/case-state.ts';
import { findCaseByCodeAndNumber } from './store.ts';

/** Status, service and deadline of the case with this tracking code and registration number (no personal data). */
export async function findCaseStatusByCodeAndNumber(
  db: Executor,
  input: { code: string; number: number; day: string | null },
): Promise<{ status: CaseStatus; dueOn: string | null; serviceName: { ro: string; en: string }; number: string } | null> {
  const row = await findCaseByCodeAndNumber(db, input);
  return row ? { status: row.status, dueOn: row.dueOn, serviceName: row.serviceName, number: formatRegistryNumber(row.number, row.registeredOn) } : null;
}
