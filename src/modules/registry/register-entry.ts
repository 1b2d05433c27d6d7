import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { bucharestDay } from '../../platform/calendar/calendar.ts';
import { AppError } from '../../platform/http/errors.ts';
import { formatDateTime } from '../../platform/i18n/format.ts';
import { attachCaseDocuments } from '../cases/attach-case-documents.ts';
import type { Applicant } from '../cases/schema.ts';
import { openCase } from '../cases/open-case.ts';
import { findPublishedByCode } from '../catalog/store.ts';
import { listDepartments } from '../organisation/store.ts';
import { actOnStep } from '../workflow/act-on-step.ts';
import { getCaseWorkflow } from '../workflow/get-case-workflow.ts';
import { checkScans, refuseInfectedScans, type Scan, storeScans } from './check-scans.ts';
import type { EntryDraft } from './domain/entry-form.ts';
import { type Channel, type Direction, formatRegistryNumber } from './domain/registry-number.ts';
import { firstOfMatter, registerDocument } from './register-document.ts';
import { assertCan, type RegistryDeps } from './registry-scope.ts';
import { completeEntry, findEntryByNumber, findRecentTwin, insertDocument, setEntryResolution } from './store.ts';
import { holdOpenDepartment } from '../organisation/hold-open-department.ts';

/** The register's "modul de rezolvare" of an anonymous petition or one without contact data (OG 27/2002 art. 7). */
export const UNANSWERED_PETITION_CODE = 'entry.filed_unanswered';

export type RegisterEntryInput = {
  actor: Actor;
  institutionId: string;
  draft: EntryDraft;
  scans: Scan[];
  ip?: string | null;
  /**
   * Refuse, unless the draft confirms it, a document just like one the same clerk registered in the last
   * TWIN_MINUTES: the form filled again by the browser's Back button must not take a second number unnoticed.
   */
  refuseTwin?: boolean;
};

export const TWIN_MINUTES = 30;

/** `routed`: for a case opened with a department chosen, whether it was sent there (false: the clerk sends it from the case). */
export type RegisteredEntry = { entryId: string; display: string; caseId: string | null; trackingCode: string | null; routed?: boolean };

/** Case kinds a clerk may open straight from a registered paper document: petitions, requests, information requests. */
const PAPER_CASE_KINDS = new Set(['petition', 'information']);

/**
 * Registers a paper or e-mail document typed by a registry clerk, with its scans, and — when the clerk asks —
 * opens the case for it (a petition or request of the catalogue) under the same number: the case's registration
 * IS this document's registration, so the legal term starts now and the number is not spent twice.
 */
export async function registerEntry(deps: RegistryDeps, input: RegisterEntryInput): Promise<RegisteredEntry> {
  const { actor, institutionId, draft } = input;
  assertCan(actor, 'registry.register', institutionId);
  const fieldError = (field: string, code: string) => new AppError(code, 'invalid', {}, { [field]: code });

  if (draft.departmentId) {
    const departments = await listDepartments(deps.db, institutionId);
    if (!departments.some((d) => d.id === draft.departmentId)) throw fieldError('departmentId', 'registry.department_unknown');
  }
  const repliesTo = draft.repliesTo ? await findEntryByNumber(deps.db, institutionId, draft.repliesTo.number, draft.repliesTo.day) : null;
  if (draft.repliesTo && !repliesTo) throw fieldError('repliesTo', 'registry.reply_to_unknown');
  const linked = draft.linkedTo ? await findEntryByNumber(deps.db, institutionId, draft.linkedTo.number, draft.linkedTo.day) : null;
  if (draft.linkedTo && !linked) throw fieldError('linkedTo', 'registry.linked_to_unknown');

  const service = draft.caseServiceCode ? await findPublishedByCode(deps.db, institutionId, draft.caseServiceCode) : null;
  if (draft.caseServiceCode && (!service || !PAPER_CASE_KINDS.has(service.definition.caseKind))) throw fieldError('caseServiceCode', 'registry.case_service_unknown');
  if (service && draft.direction !== 'incoming') throw fieldError('caseServiceCode', 'registry.case_only_incoming');

  const refuseTwinIn = async (db: Executor) => {
    if (!input.refuseTwin || draft.confirmedTwin) return;
    const twin = await findRecentTwinEntry({ db, now: deps.now }, { actor, institutionId, direction: draft.direction, channel: draft.channel, issuerName: draft.issuerName, summary: draft.summary });
    if (twin) throw new AppError('registry.twin_recent', 'conflict', twin, { confirmTwin: 'registry.twin_recent' });
  };
  await refuseTwinIn(deps.db);

  const checked = checkScans(input.scans, deps.config.uploadLimitBytes);
  await refuseInfectedScans(deps, checked);
  // Blobs are content-addressed and immutable: storing before the transaction leaves at most an unreferenced copy.
  const stored = await storeScans(deps.blobs, checked);
  const at = deps.now();

  const registered = await deps.db.transaction(async (tx) => {
    // Held open until this commits: a department closed since the check above gets no document (see closeDepartment).
    if (draft.departmentId && !(await holdOpenDepartment(tx, institutionId, draft.departmentId))) throw fieldError('departmentId', 'registry.department_unknown');
    if (input.refuseTwin && !draft.confirmedTwin) {
      // Again under a lock on the clerk: two calls at once (a retried request) both passed the check above.
      await lockClerkRegistering(tx, actor);
      await refuseTwinIn(tx);
    }
    let entryId: string;
    let display: string;
    let caseId: string | null = null;
    let trackingCode: string | null = null;
    const details = {
      issuerCode: draft.issuerCode,
      issuerReference: draft.issuerReference,
      issuerDate: draft.issuerDate,
      addressee: draft.addressee,
      pageCount: draft.pageCount,
      annexCount: draft.annexCount,
      linkedEntryId: linked?.id ?? null,
      repliesToEntryId: repliesTo?.id ?? null,
    };
    if (service) {
      const isCompany = draft.issuerCode !== null && draft.issuerCode.length !== 13;
      const applicant: Applicant = {
        kind: isCompany ? 'company' : 'person',
        name: draft.issuerName,
        cnp: isCompany ? null : draft.issuerCode,
        cui: isCompany ? draft.issuerCode : null,
        email: draft.issuerEmail,
        phone: draft.issuerPhone,
        address: draft.issuerAddress,
      };
      const opened = await openCase(tx, {
        serviceVersionId: service.versionId,
        applicantAccountId: null,
        companyId: null,
        applicant,
        // The paper itself is the request: its scan is attached; the summary stands for the typed answers.
        answers: { subject: draft.summary, content: draft.summary, registeredOnPaper: true },
        channel: draft.channel,
        actorId: actor.accountId,
        transactionId: randomUUID(),
        feeBani: 0,
        at,
      });
      entryId = opened.registry.id;
      display = opened.registry.display;
      caseId = opened.caseId;
      trackingCode = opened.trackingCode;
      await completeEntry(tx, entryId, {
        ...details,
        linkedEntryId: linked ? await firstOfMatter(tx, institutionId, linked.id) : null,
        summary: draft.summary,
        ...(draft.departmentId ? { departmentId: draft.departmentId } : {}),
        ...(draft.fileCode ? { fileCode: draft.fileCode } : {}),
      });
      await attachCaseDocuments(tx, { caseId, institutionId, documents: stored, actorId: actor.accountId });
    } else {
      const r = await registerDocument(tx, {
        institutionId,
        direction: draft.direction,
        channel: draft.channel,
        issuerName: draft.issuerName,
        issuerReference: draft.issuerReference,
        issuerDate: draft.issuerDate,
        addressee: draft.addressee,
        summary: draft.summary,
        pageCount: draft.pageCount,
        annexCount: draft.annexCount,
        departmentId: draft.departmentId,
        fileCode: draft.fileCode,
        linkedEntryId: linked?.id ?? null,
        repliesToEntryId: repliesTo?.id ?? null,
        registeredBy: actor.accountId,
        at,
      });
      entryId = r.id;
      display = r.display;
      if (draft.issuerCode) await completeEntry(tx, entryId, { issuerCode: draft.issuerCode });
      // OG 27/2002 art. 7: filed without an answer at once, with the clerk's reason; no case, so no legal term runs.
      if (draft.unansweredReason) await setEntryResolution(tx, entryId, { code: UNANSWERED_PETITION_CODE, note: draft.unansweredReason, day: r.day, fileCode: null });
    }
    for (const s of stored) {
      await insertDocument(tx, { id: randomUUID(), institutionId, registryEntryId: entryId, ...s, uploadedBy: actor.accountId, createdAt: at });
    }
    await recordAudit(tx, {
      chain: institutionId,
      actorId: actor.accountId,
      action: 'registry.entry_completed',
      entity: 'registry_entry',
      entityId: entryId,
      details: {
        number: display,
        scans: stored.map((s) => s.sha256),
        caseId,
        repliesTo: repliesTo ? formatRegistryNumber(repliesTo.number, repliesTo.registeredOn) : null,
        linkedTo: linked ? formatRegistryNumber(linked.number, linked.registeredOn) : null,
        unansweredPetition: draft.unansweredReason,
      },
      ip: input.ip ?? null,
    });
    return { entryId, display, caseId, trackingCode };
  });
  if (!registered.caseId || !draft.departmentId) return registered;
  return { ...registered, routed: await routeOpenedCase(deps, actor, registered.caseId, draft.departmentId) };
}

/**
 * The department the clerk chose for a paper request that opened a case is where the case goes: the registry's own
 * step of its workflow ("Registratura trimite la compartiment") is done at once, as the clerk would from the case
 * page. Another official acting first, or a department the workflow refuses, leaves it for the case page.
 */
async function routeOpenedCase(deps: RegistryDeps, actor: Actor, caseId: string, departmentId: string): Promise<boolean> {
  const wf = await getCaseWorkflow(deps, actor, caseId);
  if (!wf.actions.includes('forward')) return false;
  try {
    await actOnStep(deps, actor, { caseId, action: 'forward', step: wf.step.key, version: wf.version, transactionId: randomUUID(), departmentId });
    return true;
  } catch (err) {
    if (err instanceof AppError && err.kind !== 'unavailable') return false;
    throw err;
  }
}

/** Until the transaction ends, the clerk's other registrations wait: the twin check and the insert are made as one. */
export async function lockClerkRegistering(tx: Executor, actor: Actor): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`registry.twin:${actor.accountId}`}))`);
}

/**
 * The entry the same clerk registered in the last TWIN_MINUTES just like this one (same direction, channel, issuer
 * and summary) — its number and when, as a message shows them — or null.
 */
export async function findRecentTwinEntry(
  deps: { db: Executor; now: RegistryDeps['now'] },
  input: { actor: Actor; institutionId: string; direction: Direction; channel: Channel; issuerName: string; summary: string },
): Promise<{ number: string; time: string } | null> {
  const since = new Date(deps.now().getTime() - TWIN_MINUTES * 60_000);
  const { actor, institutionId, ...same } = input;
  const twin = await findRecentTwin(deps.db, institutionId, { ...same, registeredBy: actor.accountId, since, sinceDay: bucharestDay(since) });
  return twin ? { number: formatRegistryNumber(twin.number, twin.registeredOn), time: formatDateTime(twin.registeredAt) } : null;
}

/** Today in Bucharest, for bounding the dates a clerk types. */
export const registryToday = (deps: Pick<RegistryDeps, 'now'>) => bucharestDay(deps.now());
