import type { AppDeps } from '../../app.ts';
import type { Executor } from '../../db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { bucharestDay } from '../../platform/calendar/calendar.ts';
import { AppError } from '../../platform/http/errors.ts';
import { buildCaseDetail, type CaseDetail } from './case-detail.ts';
import { type CaseViewRow, findCaseView, listActiveRepresentedCompanyIds } from './store.ts';
import { isUuid } from '../../platform/ids/uuid.ts';

/**
 * The case if the actor applied for it for themselves, or acts today for the company that applied (whoever filed a
 * company's case sees it only while their mandate is in force); otherwise the same "not found" as for a case that
 * does not exist, so a guessed id tells nothing.
 */
export async function findOwnCase(db: Executor, actor: Actor, caseId: string, now: Date): Promise<CaseViewRow> {
  const row = isUuid(caseId) ? await findCaseView(db, caseId) : null;
  if (row && !row.companyId && row.applicantAccountId === actor.accountId) return row;
  if (row?.companyId) {
    const companies = await listActiveRepresentedCompanyIds(db, actor.accountId, bucharestDay(now));
    if (companies.includes(row.companyId)) return row;
  }
  throw new AppError('case.not_found', 'not_found');
}

/**
 * Steps whose remarks stay inside the institution: a return's, and a refusal proposed on the answer's route (its reasons
 * reach the applicant in the signed answer, when it is issued — not while the head of department may still send it back).
 */
const INTERNAL_REMARKS: readonly string[] = ['returned', 'sent_for_approval', 'approved'];

/**
 * A citizen's own case with its timeline, documents and deadline. Reading one's own case is not audited. A return's
 * remarks are one official's to another about the work ("the plan's scale is wrong"): the applicant sees that the
 * case went back a step, not what was said.
 */
export async function getCaseForApplicant(deps: Pick<AppDeps, 'db' | 'now'>, actor: Actor, caseId: string): Promise<CaseDetail> {
  const now = deps.now();
  const row = await findOwnCase(deps.db, actor, caseId, now);
  const detail = await buildCaseDetail(deps.db, row, now);
  return { ...detail, timeline: detail.timeline.map((e) => (INTERNAL_REMARKS.includes(e.type) ? { ...e, reason: null, text: null, refusal: false } : e)) };
}
