import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { bucharestDay } from '../../platform/calendar/calendar.ts';
import { formatRegistryNumber } from '../registry/domain/registry-number.ts';
import { type CaseListRow, listActiveRepresentedCompanyIds, listCasesOwnedBy } from './store.ts';

export const CASES_PAGE_SIZE = 20;

export type ApplicantCaseItem = Omit<CaseListRow, 'number' | 'registeredOn'> & { number: string };

/** "Cererile mele": the person's cases and those of the companies they act for, newest first, one page at a time. */
export async function listCasesOfApplicant(
  deps: Pick<AppDeps, 'db' | 'now'>,
  actor: Actor,
  input: { page: number },
): Promise<{ items: ApplicantCaseItem[]; page: number; pageCount: number; total: number; today: string }> {
  const today = bucharestDay(deps.now());
  const page = Math.max(1, Math.floor(input.page));
  const companyIds = await listActiveRepresentedCompanyIds(deps.db, actor.accountId, today);
  const { total, rows } = await listCasesOwnedBy(deps.db, { accountId: actor.accountId, companyIds, limit: CASES_PAGE_SIZE, offset: (page - 1) * CASES_PAGE_SIZE });
  return {
    items: rows.map(({ number, registeredOn, ...r }) => ({ ...r, number: formatRegistryNumber(number, registeredOn) })),
    page,
    pageCount: Math.max(1, Math.ceil(total / CASES_PAGE_SIZE)),
    total,
    today,
  };
}
