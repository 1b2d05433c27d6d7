import { addDays, type Closures, daysBetween, type IsoDate, legalDeadline, nextWorkingDay, type Term } from '../../../platform/calendar/calendar.ts';

/*
 * A case (dosar) is an append-only log of actions; its status, assignee and clock are folds over the log
 * (OpenCRVS habit), so there is no status column to drift. Which action may follow which status is one table.
 */

export const CASE_STATUSES = [
  'registered',
  'assigned',
  'awaiting_applicant',
  'in_approval',
  'approved',
  'signed',
  'issued',
  'rejected',
  'withdrawn',
  'redirected',
  'joined',
  'archived',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/**
 * What an issued answer says: the request is granted, refused (with reasons and the legal remedy), or the answer
 * gives information (a public-information request under Legea 544/2001, a petition's answer), or — a public-information
 * request only — gives part of it and refuses the rest on an exemption of Legea 544/2001 art. 12 (`partial`).
 */
export const ANSWER_OUTCOMES = ['granted', 'refused', 'information', 'partial'] as const;
export type AnswerOutcome = (typeof ANSWER_OUTCOMES)[number];

/** How a closed case was resolved, as a code the register renders in its reader's language. */
export const RESOLUTION_CODES = ['issued', 'issued.granted', 'issued.refused', 'issued.information', 'issued.partial', 'rejected', 'withdrawn', 'redirected', 'joined'] as const;
export type ResolutionCode = (typeof RESOLUTION_CODES)[number];

const RESOLUTION_RO: Record<ResolutionCode, string> = {
  issued: 'Soluționată: răspuns emis la {date}',
  'issued.granted': 'Admisă: răspuns emis la {date}',
  'issued.refused': 'Respinsă: răspuns motivat emis la {date}',
  'issued.information': 'Informații comunicate: răspuns emis la {date}',
  'issued.partial': 'Comunicată parțial, cu refuz motivat pentru informațiile exceptate: răspuns emis la {date}',
  rejected: 'Respinsă la {date}',
  withdrawn: 'Retrasă de solicitant la {date}',
  redirected: 'Trimisă spre competentă soluționare la {date}',
  joined: 'Conexată la petiția anterioară pe aceeași problemă la {date}',
};

/**
 * How a closed case was resolved, for the register's column of that name: a code and the day, plus the Romanian
 * text kept as the official record; null while the case is open. Archiving a resolved case does not change it.
 */
export function resolutionOf(status: CaseStatus, day: IsoDate, outcome?: AnswerOutcome | null): { code: ResolutionCode; text: string } | null {
  const code: ResolutionCode | null =
    status === 'issued' ? (outcome ? `issued.${outcome}` : 'issued') : status === 'rejected' ? 'rejected' : status === 'withdrawn' ? 'withdrawn' : status === 'redirected' ? 'redirected' : status === 'joined' ? 'joined' : null;
  if (!code) return null;
  const date = `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`;
  return { code, text: RESOLUTION_RO[code].replace('{date}', date) };
}

/** The outcome of the answer a case was issued with (null: issued before answers had one, or not issued). */
export function outcomeOf(actions: readonly CaseAction[]): AnswerOutcome | null {
  return actions.findLast((a) => a.type === 'issued')?.payload.outcome ?? null;
}

export const ACTION_TYPES = [
  'submitted',
  'assigned',
  'completion_requested',
  'completed',
  'message',
  'sent_for_approval',
  'approved',
  'returned',
  'forwarded',
  'rejected',
  'signed',
  'issued',
  'withdrawn',
  'extended',
  /** The term counted again (migration 0056's correction, a closed day added or removed): its last day moved. */
  'term_recounted',
  'redirected',
  'joined',
  'archived',
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export type CaseAction = {
  type: ActionType;
  at: Date;
  /** The Bucharest calendar day of `at` (the legal clock counts days). */
  day: IsoDate;
  actorId: string | null;
  /** Idempotency: the same transactionId twice is the same action. */
  transactionId: string;
  payload: {
    assigneeId?: string;
    departmentId?: string;
    reason?: string;
    /** extended: days added (petitions: at most 15, once). */
    days?: number;
    /** term_recounted: the last day before and after (the clock itself is counted from the log, not from this). */
    recount?: { from: IsoDate; to: IsoDate };
    text?: string;
    /** issued: what the answer says. */
    outcome?: AnswerOutcome;
    /** sent_for_approval, approved: the official proposes refusing the request, for `reason` (a refusal travels the answer's route). */
    refusal?: boolean;
    /** redirected: where the petition went (OG 27/2002 art. 6¹). */
    redirect?: Redirect;
    /** joined: the earlier petition it was joined to (OG 27/2002 art. 10). */
    join?: Join;
  };
};

/**
 * Where a petition sent to the wrong institution went: another institution on this platform, where it is a case
 * registered under that institution's own number, or one outside it, written to by e-mail under an outgoing number.
 * Either way the outgoing letter is registered here (`outgoingNumber`; to the platform only since 23.11.2026, absent
 * on earlier ones). `late`: sent after the 5 days of OG 27/2002 art. 6¹ (it must still go, but the delay is on record).
 * `told`: the petitioner was e-mailed where it went (false: no address, or e-mails turned off; absent on redirections
 * recorded before it was kept).
 */
export type Redirect =
  | { kind: 'platform'; institutionId: string; institutionName: string; caseId: string; number: string; outgoingNumber?: string; late: boolean; told?: boolean; joined?: RedirectedJoined[] }
  | { kind: 'outside'; institutionName: string; email: string; outgoingNumber: string; late: boolean; told?: boolean; joined?: RedirectedJoined[] };

/**
 * A petition joined to a redirected one (OG 27/2002 art. 10) went along: its number here, and there (platform) or its
 * outgoing letter's (outside); to the platform, its own outgoing letter here too (`outgoingNumber`, since 23.11.2026);
 * `told` as for the redirection.
 */
export type RedirectedJoined = { number: string; sentAs: string; outgoingNumber?: string; told?: boolean };

/**
 * The earlier petition of the same petitioner on the same issue that a petition was joined to (OG 27/2002 art. 10):
 * one answer covers both; `answeredOn`: that one had already been answered, so the new one is filed at its number.
 */
export type Join = { caseId: string; number: string; answeredOn: IsoDate | null };

/** What may happen next, by status. Messages and archiving are handled as their own rows. */
export const ALLOWED_ACTIONS = {
  registered: ['assigned', 'forwarded', 'redirected', 'joined', 'rejected', 'withdrawn', 'message', 'extended', 'completion_requested'],
  assigned: ['assigned', 'completion_requested', 'sent_for_approval', 'forwarded', 'redirected', 'joined', 'rejected', 'withdrawn', 'message', 'extended'],
  awaiting_applicant: ['completed', 'withdrawn', 'message', 'rejected', 'assigned'],
  in_approval: ['approved', 'returned', 'rejected', 'message', 'withdrawn', 'extended'],
  approved: ['signed', 'returned', 'message'],
  signed: ['signed', 'issued', 'message'],
  issued: ['archived', 'message'],
  rejected: ['archived', 'message'],
  withdrawn: ['archived'],
  redirected: ['archived'],
  joined: ['archived'],
  archived: [],
} as const satisfies Record<CaseStatus, readonly ActionType[]>;

const NEXT_STATUS: Partial<Record<ActionType, CaseStatus>> = {
  submitted: 'registered',
  assigned: 'assigned',
  completion_requested: 'awaiting_applicant',
  completed: 'assigned',
  sent_for_approval: 'in_approval',
  approved: 'approved',
  returned: 'assigned',
  forwarded: 'registered',
  rejected: 'rejected',
  signed: 'signed',
  issued: 'issued',
  withdrawn: 'withdrawn',
  redirected: 'redirected',
  joined: 'joined',
  archived: 'archived',
};

/**
 * An answered, refused, withdrawn, redirected (sent to the competent institution), joined (to an earlier petition on
 * the same issue, whose answer covers it) or archived case: its legal clock stands still and nobody works on it.
 */
export const CLOSED_STATUSES = ['issued', 'rejected', 'withdrawn', 'redirected', 'joined', 'archived'] as const satisfies readonly CaseStatus[];
export const OPEN_STATUSES = CASE_STATUSES.filter((s) => !(CLOSED_STATUSES as readonly CaseStatus[]).includes(s));
export const isClosedStatus = (status: string) => (CLOSED_STATUSES as readonly string[]).includes(status);

export function isAllowed(status: CaseStatus, action: ActionType): boolean {
  return (ALLOWED_ACTIONS[status] as readonly ActionType[]).includes(action);
}

export function statusOf(actions: readonly CaseAction[]): CaseStatus {
  let status: CaseStatus = 'registered';
  for (const a of actions) status = NEXT_STATUS[a.type] ?? status;
  return status;
}

export function assigneeOf(actions: readonly CaseAction[]): string | null {
  let who: string | null = null;
  for (const a of actions) {
    if (a.type === 'assigned') who = a.payload.assigneeId ?? null;
    if (a.type === 'forwarded') who = null;
  }
  return who;
}

export function departmentOf(actions: readonly CaseAction[], initial: string | null): string | null {
  let dept = initial;
  for (const a of actions) if (a.type === 'forwarded' && a.payload.departmentId) dept = a.payload.departmentId;
  return dept;
}

export type ClockRules = {
  term: Term;
  /** OUG 27/2003: the term is extended when missing documents are asked in time. */
  tacitApproval: boolean;
  /** Petitions (OG 27/2002) and public-information requests (Legea 544/2001) may have their term extended once. */
  kind: 'request' | 'petition' | 'information';
};

/**
 * By how many days, at most, a case's term may be extended — once, before it runs out, telling the applicant — or null
 * when it cannot be: a petition by 15 days (OG 27/2002 art. 9); a public-information request from 10 to 30 days from
 * registration when the information is hard to find, the requester told within the first 10 (Legea 544/2001
 * art. 7(1)); any other request never.
 */
export const TERM_EXTENSION_DAYS = { request: null, petition: 15, information: 20 } as const satisfies Record<ClockRules['kind'], number | null>;

/** Whether a service's term asks for an answer at all: 0 days means its registration is the confirmation. */
export const expectsAnswer = (term: Term) => term.days > 0;

export type Clock = {
  /** The last day on which the answer is on time; null when the service expects no answer (a term of 0 days). */
  dueOn: IsoDate | null;
  /** Days the clock stood still or was extended, for the timeline. */
  extensions: { day: IsoDate; days: number; reason: string }[];
  stopped: boolean;
};

/**
 * The legal deadline of a case from its log.
 * - Starts on the registration day (the `submitted` action).
 * - `extended` adds its days (petitions: the use case allows one extension of at most 15 days).
 * - With tacit approval, a completion request made at least 10 days before the term ends (5 when the term is
 *   under 15 days) extends the term by 10 (or 5) days, once (OUG 27/2003 art. 6); a later request does not.
 * - Issued, rejected, withdrawn or archived cases have a stopped clock.
 * - A term of 0 days means no answer is expected (a notice, a booking): there is no deadline to meet or extend.
 */
export function clockOf(actions: readonly CaseAction[], rules: ClockRules, closures?: Closures): Clock {
  const submitted = actions.find((a) => a.type === 'submitted');
  if (!submitted) throw new Error('a case without its submitted action');
  const stopped = isClosedStatus(statusOf(actions));
  if (!expectsAnswer(rules.term)) return { dueOn: null, extensions: [], stopped };
  // An extension lengthens the term itself (30 + 15 days end 45 days after registration), so it is added to the
  // term's own last day, before Codul civil art. 2554 rolls a non-working last day forward — not to the rolled day.
  let end = rules.term.unit === 'calendar' ? addDays(submitted.day, rules.term.days + 1) : legalDeadline(submitted.day, rules.term, closures);
  let due = nextWorkingDay(end, closures);
  const extensions: Clock['extensions'] = [];
  const short = rules.term.unit === 'calendar' ? rules.term.days < 15 : rules.term.days < 11;
  const notice = short ? 5 : 10;
  // OUG 27/2003 art. 6(4)–(5): the irregularity is notified at least 10 (5) days before the term set by law ends, and
  // that term is extended by 10 (5) days — once: asking again would put tacit approval off for ever.
  const legalDue = due;
  let completionExtended = false;
  for (const a of actions) {
    if (a.type === 'extended' && a.payload.days) {
      end = addDays(end, a.payload.days);
      due = nextWorkingDay(end, closures);
      extensions.push({ day: a.day, days: a.payload.days, reason: a.payload.reason ?? '' });
    }
    if (a.type === 'completion_requested' && rules.tacitApproval && !completionExtended && a.day <= addDays(legalDue, -notice)) {
      completionExtended = true;
      end = addDays(end, notice);
      due = nextWorkingDay(end, closures);
      extensions.push({ day: a.day, days: notice, reason: 'completion_requested' });
    }
  }
  return { dueOn: due, extensions, stopped };
}

/**
 * How a case stands against its legal deadline, seen on `today` (Bucharest calendar day). A case of a service that
 * expects no answer (a term of 0 days) has no deadline: `dueOn` and `daysLeft` are null and it is never overdue.
 */
export type DeadlineView = {
  dueOn: IsoDate | null;
  /** Calendar days until the last valid day: 0 = due today, negative = overdue by that many days. */
  daysLeft: number | null;
  overdue: boolean;
  stopped: boolean;
};

export function deadlineView(dueOn: IsoDate | null, status: CaseStatus, today: IsoDate): DeadlineView {
  const stopped = isClosedStatus(status);
  if (dueOn === null) return { dueOn, daysLeft: null, overdue: false, stopped };
  const daysLeft = daysBetween(today, dueOn);
  return { dueOn, daysLeft, overdue: !stopped && daysLeft < 0, stopped };
}

/** OG 27/2002 art. 6¹: a petition sent to the wrong institution is sent on to the competent one within 5 days of registration. */
export const REDIRECT_DAYS = 5;

/**
 * The last day on which a petition registered on `registeredOn` is sent on to the competent institution in time: 5 days
 * counted as every term in days (Codul civil art. 2553–2554: neither the registration day nor the last day counts,
 * a non-working last day rolls forward). Null for a case that is not a petition. The law says "zile" without
 * "lucrătoare", so calendar days.
 */
export function redirectDueOn(kind: ClockRules['kind'], registeredOn: IsoDate, closures?: Closures): IsoDate | null {
  return kind === 'petition' ? legalDeadline(registeredOn, { days: REDIRECT_DAYS, unit: 'calendar' }, closures) : null;
}
