import type { Actor, Role } from './actor.ts';

/**
 * Authorization model: permissions are (action, scope).
 *
 * - An **action** is `<area>.<verb>` (`officials.invite`, `organisation.read`). Use cases ask for it, never pages alone.
 * - A **grant** gives a role one action at one **scope**; an official's roles come from their memberships, each in one
 *   institution and either one department (`departmentId`) or the whole institution (`departmentId` null).
 * - A **target** says what is acted on: its institution, its department (with `departmentPath`, the department and its
 *   ancestors, so a director's department scope covers the services below the directorate) and its owner.
 *
 * Scopes, from narrow to wide:
 * - `own`: the target's `ownerAccountId` is the actor (citizens' grants are all of this kind, see CITIZEN_GRANTS).
 * - `department`: the target is in the institution of the membership, and in its department or below it. A membership
 *   without a department has the whole institution as its department. A target given without any department asks
 *   "may the actor do this somewhere in the institution" (to show a list page); the use case then checks each row with
 *   its `departmentPath` (`[]` for a row of the whole institution, which department scope does not cover).
 * - `institution`: anything of the membership's institution; another institution's target is refused.
 * - `all`: every institution of the deployment (no role has it yet).
 */
export type Scope = 'own' | 'department' | 'institution' | 'all';
export type Target = {
  institutionId?: string | null;
  departmentId?: string | null;
  /**
   * The target's department and its ancestors (any order); defaults to [departmentId]. Given as `[]`, it says the
   * target belongs to the whole institution (no department), which department-scoped grants do not cover.
   */
  departmentPath?: readonly string[] | null;
  ownerAccountId?: string | null;
};

export type Grant = { action: string; scope: Scope };

/** Every official may look up the institution's organisation chart and who works where. */
const EVERY_OFFICIAL: Grant[] = [{ action: 'organisation.read', scope: 'institution' }];

/**
 * Following a case: read it, write to the applicant, ask for missing documents, extend a petition's term, send a
 * petition meant for another institution on to it (OG 27/2002 art. 6¹), join a repeated petition to the first (art. 10).
 */
const CASES = (scope: Scope, ...verbs: ('read' | 'message' | 'request_completion' | 'extend' | 'redirect' | 'join')[]): Grant[] => verbs.map((v) => ({ action: `cases.${v}`, scope }));
const CASES_ALL = ['read', 'message', 'request_completion', 'extend', 'redirect', 'join'] as const;
/** The institution's register (registratură): register documents, read and search it, export it. */
const REGISTRY = (...verbs: ('register' | 'read' | 'export')[]): Grant[] => verbs.map((v) => ({ action: `registry.${v}`, scope: 'institution' }));

/** The workflow: act at a step one's role answers for; assign and reassign work (heads); edit a service's steps. */
const WORKFLOW = (scope: Scope, ...verbs: ('act' | 'assign')[]): Grant[] => verbs.map((v) => ({ action: `workflow.${v}`, scope }));

/**
 * A registered document that opens no case (a letter, a notice from another institution) goes to the department it was
 * routed to: its people read it there, record how it was resolved, or forward it to another department.
 */
const REGISTRY_HANDLE = (scope: Scope): Grant[] => [{ action: 'registry.handle', scope }];

/** Answer documents: prepare (validate, generate, correct) and issue; templates are the administrator's. */
const DOCUMENTS = (scope: Scope, ...verbs: ('prepare' | 'issue')[]): Grant[] => verbs.map((v) => ({ action: `documents.${v}`, scope }));

/** Checking the mandate under which a person asks to act for a company (the registry receives such papers). */
const VERIFY_MANDATES: Grant[] = [{ action: 'representations.verify', scope: 'institution' }];

/** Confirming a person's identity at the counter, from their identity document (their CNP becomes verified). */
const VERIFY_IDENTITY: Grant[] = [{ action: 'identity.verify', scope: 'institution' }];

/** What each official role may do. Areas add their actions here as they are built. */
export const ROLE_GRANTS: Record<Role, Grant[]> = {
  registry_clerk: [...EVERY_OFFICIAL, ...WORKFLOW('institution', 'act'), ...CASES('institution', 'read', 'redirect', 'join'), ...REGISTRY('register', 'read', 'export'), { action: 'assisted.submit', scope: 'institution' }, ...DOCUMENTS('institution', 'issue'), ...VERIFY_MANDATES, ...VERIFY_IDENTITY],
  inspector: [...EVERY_OFFICIAL, ...WORKFLOW('department', 'act'), ...CASES('department', 'read', 'message', 'request_completion'), ...DOCUMENTS('department', 'prepare'), ...REGISTRY_HANDLE('department')],
  head_of_department: [...EVERY_OFFICIAL, ...WORKFLOW('department', 'act', 'assign'), { action: 'officials.read', scope: 'department' }, ...CASES('department', ...CASES_ALL), { action: 'reports.read', scope: 'department' }, ...DOCUMENTS('department', 'prepare'), ...REGISTRY_HANDLE('department')],
  director: [...EVERY_OFFICIAL, ...WORKFLOW('department', 'act', 'assign'), { action: 'officials.read', scope: 'department' }, ...CASES('department', ...CASES_ALL), { action: 'reports.read', scope: 'institution' }, ...DOCUMENTS('department', 'prepare'), ...REGISTRY_HANDLE('department')],
  secretary_general: [...EVERY_OFFICIAL, ...WORKFLOW('institution', 'act', 'assign'), { action: 'officials.read', scope: 'institution' }, { action: 'audit.read', scope: 'institution' }, ...CASES('institution', ...CASES_ALL), ...REGISTRY('read'), ...REGISTRY_HANDLE('institution'), { action: 'reports.read', scope: 'institution' }, ...DOCUMENTS('institution', 'prepare', 'issue')],
  mayor: [...EVERY_OFFICIAL, ...WORKFLOW('institution', 'act', 'assign'), { action: 'officials.read', scope: 'institution' }, ...CASES('institution', ...CASES_ALL), ...REGISTRY('read'), ...REGISTRY_HANDLE('institution'), { action: 'reports.read', scope: 'institution' }, ...DOCUMENTS('institution', 'prepare', 'issue')],
  deputy_mayor: [...EVERY_OFFICIAL, ...WORKFLOW('institution', 'act'), { action: 'officials.read', scope: 'institution' }, ...CASES('institution', 'read')],
  archivist: [...EVERY_OFFICIAL],
  administrator: [
    ...EVERY_OFFICIAL,
    { action: 'admin.access', scope: 'institution' },
    { action: 'officials.read', scope: 'institution' },
    { action: 'officials.invite', scope: 'institution' },
    { action: 'officials.manage', scope: 'institution' },
    { action: 'outbox.read', scope: 'institution' },
    { action: 'audit.read', scope: 'institution' },
    { action: 'organisation.manage', scope: 'institution' },
    { action: 'catalog.manage', scope: 'institution' },
    { action: 'workflow.manage', scope: 'institution' },
    { action: 'documents.templates', scope: 'institution' },
    ...VERIFY_MANDATES,
  ],
};

/** What anyone with an account (citizen or official) may do with their own records. */
export const CITIZEN_GRANTS: Grant[] = [
  { action: 'account.read', scope: 'own' },
  { action: 'account.update', scope: 'own' },
  { action: 'two_factor.manage', scope: 'own' },
  { action: 'submission.manage', scope: 'own' },
];

export function can(actor: Actor, action: string, target: Target = {}): boolean {
  if (target.ownerAccountId && target.ownerAccountId === actor.accountId && CITIZEN_GRANTS.some((g) => g.action === action)) return true;
  const strict = Array.isArray(target.departmentPath);
  const path = target.departmentPath ?? (target.departmentId ? [target.departmentId] : []);
  for (const m of actor.memberships) {
    for (const g of ROLE_GRANTS[m.role] ?? []) {
      if (g.action !== action) continue;
      if (g.scope === 'all') return true;
      if (target.institutionId && target.institutionId !== m.institutionId) continue;
      if (g.scope === 'institution') return true;
      if (g.scope === 'department') {
        if (m.departmentId === null || path.includes(m.departmentId) || (!strict && path.length === 0)) return true;
      }
      if (g.scope === 'own' && target.ownerAccountId === actor.accountId) return true;
    }
  }
  return false;
}

/**
 * For list pages: the departments whose rows the actor may see for `action` in an institution —
 * `'institution'` for all of them, else the department ids of their department-scoped memberships (rows in
 * sub-departments are included by checking each row with `can` and its `departmentPath`).
 */
export function departmentsInScope(actor: Actor, action: string, institutionId: string): 'institution' | string[] {
  const departments: string[] = [];
  for (const m of actor.memberships) {
    if (m.institutionId !== institutionId) continue;
    for (const g of ROLE_GRANTS[m.role] ?? []) {
      if (g.action !== action) continue;
      if (g.scope === 'all' || g.scope === 'institution') return 'institution';
      if (g.scope === 'department') {
        if (m.departmentId === null) return 'institution';
        departments.push(m.departmentId);
      }
    }
  }
  return departments;
}
