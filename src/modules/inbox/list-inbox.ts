import type { AppDeps } from '../../app.ts';
import type { Executor } from '../../db/database.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { can, departmentsInScope } from '../../platform/auth/permissions.ts';
import { bucharestDay } from '../../platform/calendar/calendar.ts';
import { AppError } from '../../platform/http/errors.ts';
import { type InstitutionWithDepartments, loadInstitution } from '../admin/load-institution.ts';
import { getClosures } from '../organisation/closures.ts';
import { stepDueSoonUntil } from '../workflow/send-step-reminders.ts';
import { type AssignChoices, type CandidatesMemo, listAssignChoices } from '../workflow/list-assign-choices.ts';
import { getWorkflowFor } from '../workflow/step-context.ts';
import { stepOf } from '../workflow/domain/workflow-definition.ts';
import { answerAwaitsSignatureOf, listCasesAwaitingSignatureOf } from '../documents/answer-awaiting-signature.ts';
import { findInbox, INBOXES, type Inbox, parseSearch } from './domain/inboxes.ts';
import { countInbox, type InboxFilter, type InboxRow, listInbox, listInboxServices } from './store.ts';

export const INBOX_PAGE_SIZE = 25;
/** Navigation counts stop here ("999+"). */
export const COUNT_CAP = 1000;
/** Pagination counts stop here: nobody pages through more. */
const PAGE_COUNT_CAP = 10_000;

/** The institutions where the official works on cases (acts at workflow steps). */
const workInstitutions = (actor: Actor) => [...new Set(actor.memberships.map((m) => m.institutionId))].filter((id) => can(actor, 'workflow.act', { institutionId: id }));

/**
 * Whether the official has inboxes at all: an archivist or an administrator works on no workflow step, and their
 * office home shows their other tools instead of refusing them on their first sign-in.
 */
export const hasInboxes = (actor: Actor): boolean => actor.isOfficial && workInstitutions(actor).length > 0;

/** The institution whose inboxes the official works in: the one asked for, else their first. */
function institutionOf(actor: Actor, asked?: string | null): string {
  const ids = workInstitutions(actor);
  if (asked) {
    if (!ids.includes(asked)) throw new AppError('forbidden', 'forbidden');
    return asked;
  }
  if (!actor.isOfficial || ids.length === 0) throw new AppError('forbidden', 'forbidden');
  return ids[0]!;
}

function descendants(inst: InstitutionWithDepartments, rootId: string): string[] {
  return inst.departments.filter((d) => inst.pathOf(d.id).includes(rootId)).map((d) => d.id);
}

async function filterFor(db: Executor, actor: Actor, input: { institutionId?: string | null; q?: string; service?: string | null; now: Date }): Promise<InboxFilter> {
  const institutionId = institutionOf(actor, input.institutionId);
  const inst = await loadInstitution(db, institutionId);
  if (!inst) throw new AppError('not_found', 'not_found');
  const pools = actor.memberships
    .filter((m) => m.institutionId === institutionId && can({ ...actor, memberships: [m] }, 'workflow.act', { institutionId }))
    .map((m) => ({ role: m.role, departmentIds: m.departmentId ? descendants(inst, m.departmentId) : null }));
  const scope = departmentsInScope(actor, 'cases.read', institutionId);
  const today = bucharestDay(input.now);
  return {
    institutionId,
    accountId: actor.accountId,
    pools,
    doneDepartments: scope === 'institution' ? null : [...new Set(scope.flatMap((d) => descendants(inst, d)))],
    today,
    dueSoonUntil: stepDueSoonUntil(today, await getClosures(db, institutionId)),
    search: parseSearch(input.q),
    serviceCode: input.service?.trim() || null,
    signatureCaseIds: await listCasesAwaitingSignatureOf(db, actor, institutionId),
  };
}

/** Every inbox with how many cases it holds (capped), for the navigation list. */
export async function countInboxes(deps: Pick<AppDeps, 'db' | 'now'>, actor: Actor, input: { institutionId?: string | null } = {}): Promise<{ inbox: Inbox; count: number }[]> {
  const f = await filterFor(deps.db, actor, { ...input, now: deps.now() });
  const out: { inbox: Inbox; count: number }[] = [];
  for (const inbox of INBOXES) out.push({ inbox, count: await countInbox(deps.db, inbox.query, f, COUNT_CAP) });
  return out;
}

export type InboxLine = InboxRow & {
  currentStep: string | null;
  stepName: { ro: string; en: string } | null;
  /** The case's answer waits for this official's signature (PIN and code, on the case page) before the step can be marked signed. */
  signAnswerFirst: boolean;
  /** In the official's own tasks: the answer waits for their signature (a head approving must sign it first). */
  awaitsMySignature: boolean;
  /** In an inbox whose quick action assigns: whether the official takes the case and to whom they may give it. */
  assign: AssignChoices | null;
};

export type InboxPage = {
  inbox: Inbox;
  institutionId: string;
  lines: InboxLine[];
  total: number;
  page: number;
  pageCount: number;
  /** The institution's services, to filter by (by name: an official does not know the codes). */
  services: { code: string; name: { ro: string; en: string } }[];
};

/**
 * A page of one inbox, with the step names of each case's workflow. The rows name applicants, so the view is
 * audited (the cases shown are listed in the entry).
 */
export async function listInboxPage(
  deps: Pick<AppDeps, 'db' | 'now'>,
  actor: Actor,
  input: { inboxId: string; institutionId?: string | null; q?: string; service?: string | null; page?: number },
): Promise<InboxPage> {
  const inbox = findInbox(input.inboxId);
  if (!inbox) throw new AppError('not_found', 'not_found');
  const page = Math.max(1, Math.floor(input.page ?? 1) || 1);
  return deps.db.transaction(async (tx) => {
    const f = await filterFor(tx, actor, { ...input, now: deps.now() });
    const rows = await listInbox(tx, inbox.query, f, { limit: INBOX_PAGE_SIZE, offset: (page - 1) * INBOX_PAGE_SIZE });
    const total = await countInbox(tx, inbox.query, f, PAGE_COUNT_CAP);
    const workflows = new Map<string, Awaited<ReturnType<typeof getWorkflowFor>>['workflow']>();
    const candidates: CandidatesMemo = new Map();
    const lines: InboxLine[] = [];
    for (const r of rows) {
      if (!workflows.has(r.serviceCode)) workflows.set(r.serviceCode, (await getWorkflowFor(tx, f.institutionId, r.serviceCode)).workflow);
      const step = stepOf(workflows.get(r.serviceCode)!, r.stepKey);
      // Only the signing inbox asks: its quick "Semnează" would be refused while the answer lacks this signature.
      const signAnswerFirst = inbox.quickAction?.action === 'sign' && (await answerAwaitsSignatureOf(tx, r.id, actor.accountId));
      // "Sarcinile mele" says which of the official's cases wait for their signature on the answer before the step moves.
      const awaitsMySignature = inbox.id === 'sarcinile-mele' && (await answerAwaitsSignatureOf(tx, r.id, actor.accountId));
      // A head distributes the work (she chooses the inspector); an inspector takes it: the row offers what applies.
      const assign = inbox.quickAction?.action === 'assign' ? await listAssignChoices(tx, actor, r.id, candidates) : null;
      lines.push({ ...r, currentStep: step?.key ?? null, stepName: step?.name ?? null, signAnswerFirst, awaitsMySignature, assign });
    }
    await recordAudit(tx, {
      chain: f.institutionId,
      actorId: actor.accountId,
      action: 'inbox.viewed',
      entity: 'inbox',
      entityId: null,
      details: { inbox: inbox.id, page, searched: f.search !== null, cases: rows.map((r) => r.id) },
      ip: actor.ip,
    });
    const services = await listInboxServices(tx, f.institutionId);
    return { inbox, institutionId: f.institutionId, lines, total, page, pageCount: Math.max(1, Math.ceil(total / INBOX_PAGE_SIZE)), services };
  });
}
