import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/database.ts';
import type { AuditInput } from '../../platform/audit/audit.ts';
import { bucharestDay } from '../../platform/calendar/calendar.ts';
import { newTrackingCode } from '../../platform/ids/tracking-code.ts';
import { getServiceVersion } from '../catalog/get-service-version.ts';
import { getClosures } from '../organisation/closures.ts';
import { getDepartmentByCode } from '../organisation/get-department-by-code.ts';
import { firstStep } from '../workflow/enter-workflow.ts';
import { type Registered, REGISTRY_NUMBER, registerDocument } from '../registry/register-document.ts';
import { type CaseAction, clockOf } from './domain/case-state.ts';
import { type Applicant, caseDocument, type FetchedDocument } from './schema.ts';
import { insertAction, insertCase } from './store.ts';
import { eq } from 'drizzle-orm';

export type OpenCaseInput = {
  serviceVersionId: string;
  applicantAccountId: string | null;
  companyId: string | null;
  applicant: Applicant;
  answers: Record<string, unknown>;
  channel: 'online' | 'counter' | 'email' | 'post';
  /** The citizen (online) or the clerk (counter, post, email). */
  actorId: string | null;
  transactionId: string;
  feeBani: number;
  /** Documents the institution obtains from their issuers with the applicant's consent (OUG 41/2016). */
  fetchedDocuments?: FetchedDocument[];
  /** Documents uploaded to the draft, attached to the new case. */
  draftId?: string | null;
  /** The registry entry's short content; the service's name when not given. */
  summary?: string;
  /** The register's "Număr de file" of a request handed in on paper (at the counter); none for an online one. */
  pageCount?: number | null;
  at: Date;
};

export type OpenedCase = { caseId: string; trackingCode: string; registry: Registered; dueOn: string | null };

/**
 * The register's "Conținut pe scurt" of a request: the service, and what it is about when the form asks for a
 * subject (a petition's "Subiectul petiției") — "Petiție" alone tells the register's reader nothing.
 */
export function registerSummary(serviceName: string, answers: Record<string, unknown>): string {
  const subject = typeof answers.subject === 'string' ? answers.subject.replace(/\s+/g, ' ').trim() : '';
  const text = subject ? `${serviceName} – ${subject}` : serviceName;
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

/** Stands for the registry number in messages and audit details written before the number is taken. */
export const NUMBER_PLACEHOLDER = REGISTRY_NUMBER;

/** What the caller adds to the opening: work done before the number is taken, audit entries appended with the case's. */
export type OpenCaseExtras = {
  /**
   * Runs once the case exists, before the registry number is taken (the counter is not locked yet). Messages it
   * queues may quote NUMBER_PLACEHOLDER: return their outbox ids and the number is put in their place.
   */
  beforeNumber?: (caseId: string, opened: { trackingCode: string; dueOn: string | null }) => Promise<{ outboxIds?: string[] } | undefined>;
  /** More entries for the institution's audit chain, recorded with the case's own; NUMBER_PLACEHOLDER in details is replaced. */
  audit?: (caseId: string) => AuditInput[];
};

/**
 * Creates the case, its registry entry with the legal number, its tracking code and its first action in the
 * caller's transaction: the legal clock starts at registration, so there is no case without a number and no
 * number without a case.
 *
 * Order matters under load: every submission of an institution takes the same registry counter, which stays locked
 * from the number to commit. So the case, its action, its workflow step and the caller's `beforeNumber` (the
 * e-mail) come first (case.registry_entry_id is checked at commit, migration 0037), and one last statement takes
 * the number, records the entry, the audit entries and puts the number into the queued messages; the caller should
 * commit right after (npm run bench -- submissions).
 */
export async function openCase(tx: Tx, input: OpenCaseInput, extras: OpenCaseExtras = {}): Promise<OpenedCase> {
  const version = await getServiceVersion(tx, input.serviceVersionId);
  const def = version.definition;
  const department = await getDepartmentByCode(tx, version.institutionId, def.departmentCode);
  const caseId = randomUUID();
  const registryEntryId = randomUUID();
  const submitted: CaseAction = {
    type: 'submitted',
    at: input.at,
    day: bucharestDay(input.at),
    actorId: input.actorId,
    transactionId: input.transactionId,
    payload: {},
  };
  const closures = await getClosures(tx, version.institutionId);
  const clock = clockOf([submitted], { term: def.term, tacitApproval: def.tacitApproval, kind: def.caseKind }, closures);
  // A tracking code collision is astronomically unlikely (25^8); the unique index would refuse it anyway.
  const trackingCode = newTrackingCode();
  // Inserted already on its workflow's first step (the registry inbox), due counted from registration.
  const step = await firstStep(tx, { institutionId: version.institutionId, serviceCode: def.code, caseDepartmentId: department.id, seq: 1, at: input.at, closures });
  await insertCase(tx, {
    ...(step ?? {}),
    id: caseId,
    institutionId: version.institutionId,
    serviceVersionId: version.id,
    kind: def.caseKind,
    trackingCode,
    registryEntryId,
    applicantAccountId: input.applicantAccountId,
    companyId: input.companyId,
    applicant: input.applicant,
    answers: input.answers,
    channel: input.channel,
    submittedAt: input.at,
    departmentId: department.id,
    status: 'registered',
    assigneeId: null,
    dueOn: clock.dueOn,
    feeBani: input.feeBani,
    fetchedDocuments: input.fetchedDocuments ?? [],
    updatedAt: input.at,
  });
  await insertAction(tx, caseId, 1, submitted);
  if (input.draftId) await tx.update(caseDocument).set({ caseId }).where(eq(caseDocument.draftId, input.draftId));
  const outboxIds = (await extras.beforeNumber?.(caseId, { trackingCode, dueOn: clock.dueOn }))?.outboxIds ?? [];
  const registry = await registerDocument(
    tx,
    {
      institutionId: version.institutionId,
      direction: 'incoming',
      channel: input.channel,
      issuerName: input.applicant.name,
      summary: input.summary ?? registerSummary(def.name.ro, input.answers),
      pageCount: input.pageCount ?? null,
      departmentId: department.id,
      fileCode: def.fileCode,
      caseId,
      registeredBy: input.actorId,
      at: input.at,
    },
    {
      entryId: registryEntryId,
      outboxIds,
      audits: [
        {
          chain: version.institutionId,
          actorId: input.actorId,
          action: 'case.submitted',
          subjectId: input.applicantAccountId,
          entity: 'case',
          entityId: caseId,
          details: { number: NUMBER_PLACEHOLDER, service: version.code, channel: input.channel },
        },
        ...(extras.audit?.(caseId) ?? []),
      ],
    },
  );
  return { caseId, trackingCode, registry, dueOn: clock.dueOn };
}
