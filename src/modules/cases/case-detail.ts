import type { Executor } from '../../db/database.ts';
import { bucharestDay, type IsoDate } from '../../platform/calendar/calendar.ts';
import { formatRegistryNumber } from '../registry/domain/registry-number.ts';
import { listEntriesLinkedTo } from '../registry/store.ts';
import { allQuestions, type FormDefinition } from '../catalog/domain/form-definition.ts';
import type { RequiredDocument } from '../catalog/domain/service-definition.ts';
import {
  type ActionType,
  type AnswerOutcome,
  type CaseStatus,
  clockOf,
  type DeadlineView,
  deadlineView,
  isAllowed,
  outcomeOf,
  type Join,
  type Redirect,
  redirectDueOn,
  TERM_EXTENSION_DAYS,
} from './domain/case-state.ts';
import type { Applicant } from './schema.ts';
import { type CaseViewRow, findActorsInfo, findCaseView, findDepartmentNames, listActions, listCaseDocuments, listJoinedInto } from './store.ts';
import { findInstitution } from '../organisation/store.ts';
import { getClosures } from '../organisation/closures.ts';
import { type RefusalView, refusalView } from './domain/refusal-term.ts';

/** Who did something on a case, as the applicant may see it: never an official's contact data. */
export type ActionBy =
  | { kind: 'applicant' }
  | { kind: 'official'; name: string; roles: { role: string; departmentName: string | null }[] }
  | { kind: 'other'; name: string | null };

export type TimelineEntry = {
  seq: number;
  type: ActionType;
  at: Date;
  by: ActionBy;
  text: string | null;
  reason: string | null;
  /** A refusal proposed on the answer's route (its reasons in `reason`), on its way to approval and signing. */
  refusal: boolean;
  days: number | null;
  /** term_recounted: the answer's last day before and after. */
  recount?: { from: string; to: string };
  /** Where the case went: the official it was assigned to, the department it was sent to. */
  to: string | null;
  /** The registry number of what came in with this action (the documents that completed the file). */
  registryNumber: string | null;
};

/** A document the city hall obtains from its issuer with the applicant's consent (OUG 41/2016). */
export type FetchedDocumentView = { id: string; name: { ro: string; en: string }; issuer: RequiredDocument['issuer'] | null; consentAt: Date };

export type CaseDocumentView = {
  id: string;
  direction: 'in' | 'out';
  viaRegistry: boolean;
  /** What the file is for: the required document or the form's question it was uploaded for (null: not said). */
  purpose: { ro: string; en: string } | null;
  filename: string; mediaType: string; sizeBytes: number; createdAt: Date };

/** The label of what an uploaded file answers: a required document's name, else the file question's label. */
function purposeOf(def: CaseViewRow['definition'], d: { requiredDocumentId: string | null; questionId: string | null }): { ro: string; en: string } | null {
  const doc = d.requiredDocumentId ? def.documents.find((x) => x.id === d.requiredDocumentId) : undefined;
  if (doc) return doc.name;
  const id = d.questionId?.split('__').at(-1);
  if (!id) return null;
  const q = allQuestions(def.form)
    .flatMap((i) => (i.type === 'group' ? i.questions : [i]))
    .find((x) => x.id === id);
  return q ? q.label : null;
}

export type CaseDetail = {
  id: string;
  institutionId: string;
  applicantAccountId: string | null;
  trackingCode: string;
  kind: 'request' | 'petition' | 'information';
  channel: 'online' | 'counter' | 'email' | 'post';
  status: CaseStatus;
  serviceName: { ro: string; en: string };
  serviceCode: string;
  number: string;
  submittedAt: Date;
  departmentName: string | null;
  applicant: Applicant;
  form: FormDefinition;
  answers: Record<string, unknown>;
  deadline: DeadlineView;
  /** A public-information request's 5 days to refuse it (Legea 544/2001 art. 7(2)); null for other cases. */
  refusal: RefusalView | null;
  /** The fee computed at submission from the answers, in bani (0: free). */
  feeBani: number;
  extensions: { day: IsoDate; days: number; reason: string }[];
  timeline: TimelineEntry[];
  documents: CaseDocumentView[];
  /** What the issued answer says (granted, refused, information); null before it is issued or for older answers. */
  outcome: AnswerOutcome | null;
  fetchedDocuments: FetchedDocumentView[];
  /** The open request to complete the file, with the documents sent since it was made. */
  completion: { requestedAt: Date; text: string; uploaded: CaseDocumentView[] } | null;
  /**
   * A petition meant for another institution (OG 27/2002 art. 6¹): the last day to send it on (null: not a petition),
   * whether that day has passed, where it went and when (`at`), and — for one received so — where it came from.
   */
  redirect: { dueOn: IsoDate | null; late: boolean; to: Redirect | null; at: Date | null; from: { institutionName: string; number: string } | null };
  /**
   * Repeated petitions (OG 27/2002 art. 10): the earlier one this was joined to, and the ones joined to this (its
   * answer covers them).
   */
  join: { to: Join | null; joined: { id: string; number: string }[]; sentOn: SentOnWith | null };
  allowed: { message: boolean; withdraw: boolean; complete: boolean; requestCompletion: boolean; extend: boolean; redirect: boolean; join: boolean };
};

/**
 * A joined petition whose first petition was sent on to the competent institution went along with it (OG 27/2002
 * art. 6¹, 10): where, when, and its own number there (`platform`) or its own outgoing letter's number here
 * (`outside`); `outgoingNumber`: its own outgoing letter here (null: sent to the platform before these were
 * registered); `told`: its petitioner was e-mailed (null: not recorded then).
 */
export type SentOnWith = { kind: 'platform' | 'outside'; institutionName: string; email: string | null; number: string; late: boolean; at: Date; outgoingNumber: string | null; told: boolean | null };

/** Where this joined petition (`number`) went with the petition it was joined to, read from that one's redirection. */
export async function sentOnWith(db: Executor, join: Join | null, number: string): Promise<SentOnWith | null> {
  if (!join) return null;
  const sent = (await listActions(db, join.caseId)).findLast((a) => a.type === 'redirected');
  const r = sent?.payload.redirect;
  const mine = r?.joined?.find((j) => j.number === number);
  if (!sent || !r || !mine) return null;
  return {
    kind: r.kind,
    institutionName: r.institutionName,
    email: r.kind === 'outside' ? r.email : null,
    number: mine.sentAs,
    late: r.late,
    at: sent.at,
    outgoingNumber: r.kind === 'outside' ? mine.sentAs : (mine.outgoingNumber ?? null),
    told: mine.told ?? null,
  };
}

/** Where a received petition came from: the sending institution and the number it had there. */
async function receivedFrom(db: Executor, caseId: string | null): Promise<{ institutionName: string; number: string } | null> {
  const from = caseId ? await findCaseView(db, caseId) : null;
  if (!from) return null;
  const inst = await findInstitution(db, from.institutionId);
  return { institutionName: inst?.name ?? '—', number: formatRegistryNumber(from.number, from.registeredOn) };
}

/** Everything a case page shows, read on one executor (a transaction when the read is audited). */
export async function buildCaseDetail(db: Executor, row: CaseViewRow, now: Date): Promise<CaseDetail> {
  const actions = await listActions(db, row.id);
  const actorIds = [...new Set(actions.flatMap((a) => [a.actorId, a.type === 'assigned' ? a.payload.assigneeId : null]).filter((x): x is string => !!x))];
  const actors = await findActorsInfo(db, actorIds, row.institutionId);
  const departments = await findDepartmentNames(db, [...new Set(actions.map((a) => (a.type === 'forwarded' ? a.payload.departmentId : null)).filter((x): x is string => !!x))]);
  // A completion's documents are registered in the same transaction, at the action's time, linked to the case's entry.
  const incoming = actions.some((a) => a.type === 'completed') ? (await listEntriesLinkedTo(db, row.registryEntryId)).filter((e) => e.caseId === row.id && e.direction === 'incoming') : [];
  const registeredWith = (at: Date) => {
    const e = incoming.find((x) => x.registeredAt.getTime() === at.getTime());
    return e ? formatRegistryNumber(e.number, e.registeredOn) : null;
  };
  const docs = (await listCaseDocuments(db, row.id)).map((d) => ({
    id: d.id,
    direction: d.direction,
    /** A document that came in through the registry (a counter filing's scans, a paper completion), not uploaded by the applicant. */
    viaRegistry: d.direction === 'in' && d.uploadedBy !== null && d.uploadedBy !== row.applicantAccountId,
    purpose: purposeOf(row.definition, d),
    filename: d.filename,
    mediaType: d.mediaType,
    sizeBytes: d.sizeBytes,
    createdAt: d.createdAt,
  }));
  const def = row.definition;
  const closures = await getClosures(db, row.institutionId);
  const clock = clockOf(actions, { term: def.term, tacitApproval: def.tacitApproval, kind: def.caseKind }, closures);
  const today = bucharestDay(now);
  const by = (actorId: string | null): ActionBy => {
    if (actorId && actorId === row.applicantAccountId) return { kind: 'applicant' };
    const info = actorId ? actors.get(actorId) : undefined;
    if (info?.isOfficial) return { kind: 'official', name: info.name, roles: info.roles };
    return { kind: 'other', name: info?.name ?? null };
  };
  const timeline = actions.map((a) => ({
    seq: a.seq,
    type: a.type,
    at: a.at,
    by: by(a.actorId),
    text: a.payload.text ?? null,
    reason: a.payload.reason ?? null,
    refusal: a.payload.refusal === true,
    days: a.payload.days ?? null,
    recount: a.payload.recount,
    to:
      a.type === 'assigned' && a.payload.assigneeId
        ? (actors.get(a.payload.assigneeId)?.name ?? null)
        : a.type === 'forwarded' && a.payload.departmentId
          ? (departments.get(a.payload.departmentId) ?? null)
          : a.type === 'redirected' && a.payload.redirect
            ? `${a.payload.redirect.institutionName} (${a.payload.redirect.kind === 'platform' ? a.payload.redirect.number : a.payload.redirect.outgoingNumber})`
            : a.type === 'joined' && a.payload.join
              ? a.payload.join.number
              : null,
    registryNumber: a.type === 'completed' ? registeredWith(a.at) : null,
  }));
  const redirectDue = redirectDueOn(row.kind, row.registeredOn, closures);
  const joinedTo = actions.findLast((a) => a.type === 'joined')?.payload.join ?? null;
  const redirected = actions.findLast((a) => a.type === 'redirected' && a.payload.redirect);
  const lastRequest = [...actions].reverse().find((a) => a.type === 'completion_requested');
  const completion =
    row.status === 'awaiting_applicant' && lastRequest
      ? { requestedAt: lastRequest.at, text: lastRequest.payload.text ?? '', uploaded: docs.filter((d) => d.direction === 'in' && d.createdAt >= lastRequest.at) }
      : null;
  return {
    id: row.id,
    institutionId: row.institutionId,
    applicantAccountId: row.applicantAccountId,
    trackingCode: row.trackingCode,
    kind: row.kind,
    channel: row.channel,
    status: row.status,
    serviceName: def.name,
    serviceCode: def.code,
    number: formatRegistryNumber(row.number, row.registeredOn),
    submittedAt: row.submittedAt,
    departmentName: row.departmentName,
    applicant: row.applicant,
    form: def.form,
    answers: row.answers,
    deadline: deadlineView(row.dueOn, row.status, today),
    refusal: refusalView({ kind: row.kind, registeredOn: row.registeredOn, closed: clock.stopped, actions }, today, await getClosures(db, row.institutionId)),
    feeBani: row.feeBani,
    extensions: clock.extensions,
    timeline,
    documents: docs,
    outcome: outcomeOf(actions),
    // Named as in the service version the case was submitted with (published versions never change).
    fetchedDocuments: row.fetchedDocuments.map((f) => {
      const doc = def.documents.find((d) => d.id === f.documentId);
      return { id: f.documentId, name: doc?.name ?? { ro: f.documentId, en: f.documentId }, issuer: doc?.issuer ?? null, consentAt: new Date(f.consentAt) };
    }),
    completion,
    redirect: {
      dueOn: redirectDue,
      late: redirectDue !== null && today > redirectDue,
      to: redirected?.payload.redirect ?? null,
      at: redirected?.at ?? null,
      from: await receivedFrom(db, row.receivedFromCaseId),
    },
    join: {
      to: joinedTo,
      sentOn: await sentOnWith(db, joinedTo, formatRegistryNumber(row.number, row.registeredOn)),
      joined: row.kind === 'petition' ? (await listJoinedInto(db, row.id)).map((j) => ({ id: j.id, number: formatRegistryNumber(j.number, j.registeredOn) })) : [],
    },
    allowed: {
      message: isAllowed(row.status, 'message'),
      withdraw: isAllowed(row.status, 'withdrawn'),
      complete: isAllowed(row.status, 'completed'),
      requestCompletion: isAllowed(row.status, 'completion_requested'),
      extend: isAllowed(row.status, 'extended') && TERM_EXTENSION_DAYS[row.kind] !== null && !actions.some((a) => a.type === 'extended'),
      redirect: isAllowed(row.status, 'redirected') && redirectDue !== null,
      join: isAllowed(row.status, 'joined') && row.kind === 'petition',
    },
  };
}
