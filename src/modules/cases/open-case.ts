import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/database.ts';
import { type AuditInput, recordAudits } from '../../platform/audit/audit.ts';
import { bucharestDay } from '../../platform/calendar/calendar.ts';
import { newTrackingCode } from '../../platform/ids/tracking-code.ts';
import { getServiceVersion } from '../catalog/get-service-version.ts';
import { getClosures } from '../organisation/closures.ts';
import { getDepartmentByCode } from '../organisation/get-department-by-code.ts';
import { enterWorkflow } from '../workflow/enter-workflow.ts';
import { numberDocument, type Registered } from '../registry/register-document.ts';
import { type CaseAction, clockOf } from './domain/case-state.ts';
import { type Applicant, caseDocument } from './schema.ts';
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
  /** Documents uploaded to the draft, attached to the new case. */
  draftId?: string | null;
  at: Date;
};

export type OpenedCase = { caseId: string; trackingCode: string; registry: Registered; dueOn: string };

/** What the caller adds to the opening: work done before the number is taken, audit entries appended with the case's. */
export type OpenCaseExtras = {
  /** Runs once the case exists, before the registry number is taken (the counter is not locked yet). */
  beforeNumber?: (caseId: string) => Promise<void>;
  /** More entries for the institution's audit chain, appended in the same batch as the case's own. */
  audit?: (caseId: string, registry: Registered) => AuditInput[];
};

/**
 * Creates the case, its registry entry with the legal number, its tracking code and its first action in the
 * caller's transaction: the legal clock starts at registration, so there is no case without a number and no
 * number without a case.
 *
 * Order matters under load: every submission of an institution takes the same registry counter and appends to
 * the same audit chain, and both rows stay locked until commit. So the case, its action, its workflow step and
 * the caller's `beforeNumber` come first (case.registry_entry_id is checked at commit, migration 0037), and the
 * number and the audit entries come last; the caller should commit soon after (npm run bench -- submissions).
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
  await insertCase(tx, {
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
    updatedAt: input.at,
  });
  await insertAction(tx, caseId, 1, submitted);
  await enterWorkflow(tx, caseId, { closures });
  if (input.draftId) await tx.update(caseDocument).set({ caseId }).where(eq(caseDocument.draftId, input.draftId));
  await extras.beforeNumber?.(caseId);
  const { registered: registry, audit } = await numberDocument(
    tx,
    {
      institutionId: version.institutionId,
      direction: 'incoming',
      channel: input.channel,
      issuerName: input.applicant.name,
      summary: def.name.ro,
      departmentId: department.id,
      fileCode: def.fileCode,
      caseId,
      registeredBy: input.actorId,
      at: input.at,
    },
    registryEntryId,
  );
  await recordAudits(tx, [
    audit,
    {
      chain: version.institutionId,
      actorId: input.actorId,
      action: 'case.submitted',
      subjectId: input.applicantAccountId,
      entity: 'case',
      entityId: caseId,
      details: { number: registry.display, service: version.code, channel: input.channel },
    },
    ...(extras.audit?.(caseId, registry) ?? []),
  ]);
  return { caseId, trackingCode, registry, dueOn: clock.dueOn };
}
