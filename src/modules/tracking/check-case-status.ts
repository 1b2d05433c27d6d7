import type { AppDeps } from '../../app.ts';
import { bucharestDay } from '../../platform/calendar/calendar.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { CaseStatus } from '../cases/domain/case-state.ts';
import { findCaseStatusByCodeAndNumber } from '../cases/find-case-status.ts';
import { type DeadlineView, deadlineView } from './domain/deadline.ts';
import { parseStatusQuery, STATUS_CHECK_LIMIT, STATUS_CHECK_WINDOW_MINUTES, statusThrottleKey } from './domain/status-query.ts';
import { enforceLimit } from '../identity/rate-limit.ts';

export type PublicStatus = { status: CaseStatus; serviceName: { ro: string; en: string }; number: string; deadline: DeadlineView };

/**
 * The public status check: with the tracking code AND the registration number of a receipt, anyone sees the
 * status, the service and the deadline — nothing about the person. Any mismatch gives the same "not found"; tries
 * are limited per IP address so codes cannot be guessed.
 */
export async function checkCaseStatus(deps: Pick<AppDeps, 'db' | 'now'>, input: { code: string; number: string; ip: string | null }): Promise<PublicStatus> {
  const now = deps.now();
  await enforceLimit(deps.db, [statusThrottleKey(input.ip)], { limit: STATUS_CHECK_LIMIT, windowMinutes: STATUS_CHECK_WINDOW_MINUTES }, now, 'tracking.status.rate_limited');
  const query = parseStatusQuery(input.code, input.number);
  const found = query ? await findCaseStatusByCodeAndNumber(deps.db, query) : null;
  if (!found) throw new AppError('tracking.status.not_found', 'not_found');
  return { status: found.status, serviceName: found.serviceName, number: found.number, deadline: deadlineView(found.dueOn, found.status, bucharestDay(now)) };
}
