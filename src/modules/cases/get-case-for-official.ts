import type { AppDeps } from '../../app.ts';
import type { Executor } from '../../db/database.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { can, type Target } from '../../platform/auth/permissions.ts';
import { AppError } from '../../platform/http/errors.ts';
import { loadInstitution } from '../admin/load-institution.ts';
import { buildCaseDetail, type CaseDetail } from './case-detail.ts';
import { type CaseViewRow, findCaseView } from './store.ts';
import { isUuid } from '../../platform/ids/uuid.ts';
import { holdsWorkStep } from '../workflow/holds-work-step.ts';

/**
 * The case if the official may do `action` on it (their membership covers its department, or the whole
 * institution). A case they may not even read answers "not found", like a missing one; one they may read but
 * not act on answers "forbidden".
 */
export async function findCaseForOfficial(db: Executor, actor: Actor, caseId: string, action: string): Promise<CaseViewRow> {
  const row = isUuid(caseId) ? await findCaseView(db, caseId) : null;
  if (!row || !actor.isOfficial) throw new AppError('case.not_found', 'not_found');
  const inst = await loadInstitution(db, row.institutionId);
  const target = { institutionId: row.institutionId, departmentId: row.departmentId, departmentPath: inst?.pathOf(row.departmentId) ?? [] };
  if (!can(actor, 'cases.read', target)) throw new AppError('case.not_found', 'not_found');
  if (action !== 'cases.read' && !can(actor, action, target)) throw new AppError('forbidden', 'forbidden');
  return row;
}

/** The case's place in the institution, as permissions read it (its department and the departments above it). */
export async function caseTargetOf(db: Executor, row: Pick<CaseViewRow, 'institutionId' | 'departmentId'>): Promise<Target & { institutionId: string }> {
  const inst = await loadInstitution(db, row.institutionId);
  return { institutionId: row.institutionId, departmentId: row.departmentId, departmentPath: inst?.pathOf(row.departmentId) ?? [] };
}

/**
 * Who asks the applicant for missing documents: the official the case is with, at its analysis or an approval
 * (holdsWorkStep, as for setting a signed answer aside), or whoever may assign its work (the head of its department,
 * and above) — not any inspector of the department while the case is still at the registry or with a colleague.
 */
export async function mayRequestCompletion(db: Executor, actor: Actor, c: { id: string }, target: Target): Promise<boolean> {
  if (!can(actor, 'cases.request_completion', target)) return false;
  return can(actor, 'workflow.assign', target) || (await holdsWorkStep(db, actor, c.id));
}

/** What an official may do on a case now: the page offers exactly these, the API lists them in `may`. */
export type OfficialMay = { message: boolean; requestCompletion: boolean; extend: boolean; registerWithdrawal: boolean; redirect: boolean; join: boolean };

/** Their rights over the case (its department, or the whole institution) and what its state still allows: one rule. */
function officialMay(actor: Actor, target: Parameters<typeof can>[2] & { institutionId: string }, allowed: CaseDetail['allowed'], withThem: { requestCompletion: boolean }): OfficialMay {
  return {
    message: can(actor, 'cases.message', target) && allowed.message,
    requestCompletion: withThem.requestCompletion && allowed.requestCompletion,
    extend: can(actor, 'cases.extend', target) && allowed.extend,
    redirect: can(actor, 'cases.redirect', target) && allowed.redirect,
    join: can(actor, 'cases.join', target) && allowed.join,
    // A withdrawal brought on paper is registered by the registry (registerPaperWithdrawal).
    registerWithdrawal: can(actor, 'registry.register', { institutionId: target.institutionId }) && allowed.withdraw,
  };
}

/** An official reads a case: the applicant's data is shown, so the read is audited (`case.viewed`). */
export async function getCaseForOfficial(deps: Pick<AppDeps, 'db' | 'now'>, actor: Actor, caseId: string): Promise<CaseDetail & { may: OfficialMay }> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const row = await findCaseForOfficial(tx, actor, caseId, 'cases.read');
    const detail = await buildCaseDetail(tx, row, now);
    await recordAudit(tx, {
      chain: row.institutionId,
      actorId: actor.accountId,
      action: 'case.viewed',
      subjectId: row.applicantAccountId,
      entity: 'case',
      entityId: row.id,
      details: { number: detail.number },
      ip: actor.ip,
    });
    const target = await caseTargetOf(tx, row);
    return { ...detail, may: officialMay(actor, target, detail.allowed, { requestCompletion: await mayRequestCompletion(tx, actor, row, target) }) };
  });
}
