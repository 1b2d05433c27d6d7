import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../app.ts';
import type { Executor, Tx } from '../../db/database.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { bucharestDay, type IsoDate } from '../../platform/calendar/calendar.ts';
import { AppError } from '../../platform/http/errors.ts';
import { followCasePath } from '../../platform/ids/tracking-code.ts';
import { listPublished, type PublishedService } from '../catalog/store.ts';
import { validateEmail } from '../identity/domain/registration.ts';
import { getClosures } from '../organisation/closures.ts';
import { findInstitution, type InstitutionRow, listInstitutions } from '../organisation/store.ts';
import { formatRegistryNumber } from '../registry/domain/registry-number.ts';
import { lockRegisters, registerDocument } from '../registry/register-document.ts';
import { completeEntry, markSent } from '../registry/store.ts';
import { isClosedStatus, type Join, type Redirect, type RedirectedJoined, redirectDueOn } from './domain/case-state.ts';
import { findCaseForOfficial } from './get-case-for-official.ts';
import { notifyApplicant } from './notify-applicant.ts';
import { openCase } from './open-case.ts';
import { recordCaseAction } from './record-case-action.ts';
import { caseTable } from './schema.ts';
import { caseText } from './send-case-message.ts';
import { type CaseViewRow, findCaseView, insertCaseDocument, listActions, listCaseDocuments, listJoinedInto, lockCase, setJoinedTo } from './store.ts';

/** The petitioner is told where the petition went and from when its 30 days run (texts under `redirect.email.*`). */
export const REDIRECTED_PLATFORM_TEMPLATE = 'tracking.redirected.platform.v1';
export const REDIRECTED_OUTSIDE_TEMPLATE = 'tracking.redirected.outside.v1';
/** The petition itself, e-mailed to an institution outside the platform: its documents named (none, or too big to attach)… */
export const PETITION_SENT_ON_TEMPLATE = 'cases.petition_sent_on.v1';
/** …or attached to the message. */
export const PETITION_SENT_ON_ATTACHED_TEMPLATE = 'cases.petition_sent_on.attached.v1';
/**
 * The petitioner's documents are attached when together they stay under this size (as the message carries them, in
 * base64, about a third more): mail servers commonly refuse messages over 10–25 MB, and a refused message would carry
 * nothing at all. Larger ones are named, with where to ask for them.
 */
export const MAX_ATTACHED_BYTES = 7 * 1024 * 1024;

/** An institution of this platform a petition can be sent on to: it has a published petition service to receive it. */
export type RedirectTarget = { id: string; slug: string; name: string };

/** The petition service an institution receives petitions with: `PETITIE` when it has it, else its first petition service. */
const petitionServiceOf = (services: PublishedService[]) => services.find((s) => s.definition.code === 'PETITIE') ?? services.find((s) => s.definition.caseKind === 'petition') ?? null;

/** Every other institution of the platform that receives petitions (has a published petition service), by name. */
export async function listRedirectTargets(db: Executor, fromInstitutionId: string): Promise<RedirectTarget[]> {
  const receiving = new Set((await listPublished(db)).filter((s) => s.definition.caseKind === 'petition').map((s) => s.institutionId));
  return (await listInstitutions(db)).filter((i) => i.id !== fromInstitutionId && receiving.has(i.id)).map((i) => ({ id: i.id, slug: i.slug, name: i.name }));
}

/** Where the official sends the petition: an institution of the platform (its id or slug), or one outside it. */
export type RedirectInput = {
  caseId: string;
  /** `platform`: the institution's id or slug in `institution`; `outside`: its name and e-mail address. */
  to: unknown;
  institution?: unknown;
  name?: unknown;
  email?: unknown;
  reason?: unknown;
  transactionId: string;
};

export type RedirectResult = { status: string; redirect: Redirect; duplicate: boolean };

/** The 5 days of OG 27/2002 art. 6¹ as the official sees them: the last day, and whether it has passed. */
export async function redirectClock(db: Executor, row: Pick<CaseViewRow, 'kind' | 'registeredOn' | 'institutionId'>, today: IsoDate): Promise<{ dueOn: IsoDate; late: boolean } | null> {
  const dueOn = redirectDueOn(row.kind, row.registeredOn, await getClosures(db, row.institutionId));
  return dueOn ? { dueOn, late: today > dueOn } : null;
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/**
 * Sends a petition registered here, but meant for another institution, on to the competent one (OG 27/2002 art. 6¹,
 * 8(2)), with a reason the petitioner reads:
 * - to an institution of this platform: it becomes a case there, of its petition service, registered in its own
 *   registry under its own number (the legal 30 days run from that registration), linked to this case, with the
 *   petitioner's documents; an outgoing letter is registered here, in the same transaction, so this register shows
 *   the forward too;
 * - to an institution outside the platform: an outgoing document is registered here and the petition is e-mailed to
 *   the address the official gave (through the outbox).
 * This case closes as redirected and the petitioner is e-mailed where it went. The 5 days are a duty, not a bar: a
 * petition sent on later still goes, and the delay is on record (`late`). The same transactionId again returns the
 * first result; a second redirection of a redirected case is refused (409), so nothing is sent twice.
 */
export async function redirectPetition(deps: Pick<AppDeps, 'db' | 'now' | 'notifier' | 'config'>, actor: Actor, input: RedirectInput): Promise<RedirectResult> {
  const at = deps.now();
  return deps.db.transaction(async (tx) => {
    const found = await findCaseForOfficial(tx, actor, input.caseId, 'cases.redirect');
    // One redirection at a time: a colleague's (or a retried request's) waits here, then finds the case closed.
    await lockCase(tx, found.id);
    const actions = await listActions(tx, found.id);
    const same = actions.find((a) => a.transactionId === input.transactionId);
    if (same?.type === 'redirected' && same.payload.redirect) return { status: 'redirected', redirect: same.payload.redirect, duplicate: true };
    const done = actions.findLast((a) => a.type === 'redirected')?.payload.redirect;
    if (done) throw new AppError('cases.redirect.already', 'conflict', { institution: done.institutionName });
    if (found.kind !== 'petition') throw new AppError('cases.redirect.not_petition', 'conflict');
    if (isClosedStatus(found.status)) throw new AppError('cases.redirect.closed', 'conflict');

    // Field errors in the form's order: where to, then why.
    const fields: Record<string, string> = {};
    let reason = '';
    let reasonError: Record<string, string> = {};
    try {
      reason = caseText(input.reason, 'reason', 1000, 'cases.redirect.reason_required');
    } catch (err) {
      if (!(err instanceof AppError) || !err.fields) throw err;
      reasonError = err.fields;
    }
    const clock = await redirectClock(tx, found, bucharestDay(at));
    const late = clock?.late ?? false;
    const number = formatRegistryNumber(found.number, found.registeredOn);
    const from = await findInstitution(tx, found.institutionId);
    if (!from) throw new AppError('case.not_found', 'not_found');

    if (input.to === 'platform') {
      const wanted = text(input.institution);
      const targets = await listRedirectTargets(tx, found.institutionId);
      const target = targets.find((i) => i.id === wanted || i.slug === wanted);
      if (!wanted) fields.institution = 'cases.redirect.institution_required';
      else if (!target) fields.institution = 'cases.redirect.institution_unknown';
      Object.assign(fields, reasonError);
      if (Object.keys(fields).length || !target) throw new AppError('validation', 'invalid', {}, fields);
      const service = petitionServiceOf((await listPublished(tx, target.id)).filter((s) => s.definition.caseKind === 'petition'));
      if (!service) throw new AppError('validation', 'invalid', {}, { institution: 'cases.redirect.institution_unknown' });
      // Numbers are taken in both registers (there for the petition, here for the letter), each counter locked to
      // commit: both are locked first, in one order, so two institutions sending each other a petition at the same
      // moment wait for each other instead of deadlocking.
      await lockRegisters(tx, [found.institutionId, target.id], at);
      const opened = await openThere(tx, found, { service, fromName: from.name, actorId: actor.accountId, at });
      const sentOnTo = (row: CaseViewRow, numberThere: string) =>
        registerSentOn(tx, actor, row, { from: from.name, addressee: target.name, channel: 'online', where: `, înregistrată acolo cu nr. ${numberThere}`, at });
      const outgoingNumber = await sentOnTo(found, opened.registry.display);
      // Joined petitions (art. 10) are on the same matter, so the same institution is competent: each goes along and is
      // joined there to this one, so the one answer there covers them all as it would have here.
      const joined: RedirectedJoined[] = [];
      const received: [string, string][] = [];
      const followThere = (c: { caseId: string; trackingCode: string }, accountId: string | null) => `${deps.config.baseUrl}${followCasePath({ id: c.caseId, trackingCode: c.trackingCode, applicantAccountId: accountId })}`;
      for (const j of await joinedRows(tx, found.id)) {
        const copy = await openThere(tx, j, { service, fromName: from.name, actorId: actor.accountId, at, joinTo: { caseId: opened.caseId, number: opened.registry.display, entryId: opened.registry.id } });
        const letter = await sentOnTo(j, copy.registry.display);
        received.push([copy.caseId, formatRegistryNumber(j.number, j.registeredOn)]);
        // Its petitioner is told where it went, as for a petition sent on by itself (art. 6¹).
        const told = await notifyApplicant(tx, deps, { caseId: j.id, template: REDIRECTED_PLATFORM_TEMPLATE, data: { institution: target.name, newNumber: copy.registry.display, reason, link: followThere(copy, j.applicantAccountId) } });
        joined.push({ number: formatRegistryNumber(j.number, j.registeredOn), sentAs: copy.registry.display, outgoingNumber: letter, told: told.length > 0 });
      }
      const told = await notifyApplicant(tx, deps, { caseId: found.id, template: REDIRECTED_PLATFORM_TEMPLATE, data: { institution: target.name, newNumber: opened.registry.display, reason, link: followThere(opened, found.applicantAccountId) } });
      const redirect: Redirect = {
        kind: 'platform',
        institutionId: target.id,
        institutionName: target.name,
        caseId: opened.caseId,
        number: opened.registry.display,
        outgoingNumber,
        late,
        told: told.length > 0,
        ...(joined.length ? { joined } : {}),
      };
      await close(tx, actor, found, { redirect, reason, transactionId: input.transactionId, at });
      // Each case opened there is on that institution's record as received from here.
      for (const [caseId, fromNumber] of [[opened.caseId, number], ...received] as const) {
        await recordAudit(tx, { chain: target.id, actorId: actor.accountId, action: 'case.received', subjectId: found.applicantAccountId, entity: 'case', entityId: caseId, details: { from: from.name, fromNumber } });
      }
      return { status: 'redirected', redirect, duplicate: false };
    }

    if (input.to !== 'outside') fields.to = 'cases.redirect.to_required';
    const name = text(input.name);
    if (input.to === 'outside' && !name) fields.name = 'cases.redirect.name_required';
    else if (name.length > 300) fields.name = 'cases.redirect.name_too_long';
    const email = input.to === 'outside' ? validateEmail(input.email) : '';
    if (typeof email !== 'string') fields.email = email.error === 'identity.email.required' ? 'cases.redirect.email_required' : 'cases.redirect.email_invalid';
    Object.assign(fields, reasonError);
    if (Object.keys(fields).length || typeof email !== 'string') throw new AppError('validation', 'invalid', {}, fields);

    const to = { name, email };
    const outgoingNumber = await emailOutside(tx, deps, actor, found, { to, from, reason, at });
    // Joined petitions (art. 10) go along, each under its own outgoing letter, so that institution registers them all.
    const joined: RedirectedJoined[] = [];
    for (const j of await joinedRows(tx, found.id)) {
      const sentAs = await emailOutside(tx, deps, actor, j, { to, from, reason, at });
      const told = await notifyApplicant(tx, deps, { caseId: j.id, template: REDIRECTED_OUTSIDE_TEMPLATE, data: { institution: name, email, outgoingNumber: sentAs, reason } });
      joined.push({ number: formatRegistryNumber(j.number, j.registeredOn), sentAs, told: told.length > 0 });
    }
    const told = await notifyApplicant(tx, deps, { caseId: found.id, template: REDIRECTED_OUTSIDE_TEMPLATE, data: { institution: name, email, outgoingNumber, reason } });
    const redirect: Redirect = { kind: 'outside', institutionName: name, email, outgoingNumber, late, told: told.length > 0, ...(joined.length ? { joined } : {}) };
    await close(tx, actor, found, { redirect, reason, transactionId: input.transactionId, at });
    return { status: 'redirected', redirect, duplicate: false };
  });
}

/** Closes the case as redirected (no status e-mail: the caller writes its own) and audits where it went (`case.redirected` says only the status). */
async function close(tx: Tx, actor: Actor, row: CaseViewRow, input: { redirect: Redirect; reason: string; transactionId: string; at: Date }): Promise<void> {
  await recordCaseAction(tx, { caseId: row.id, type: 'redirected', actorId: actor.accountId, transactionId: input.transactionId, payload: { reason: input.reason, redirect: input.redirect }, at: input.at });
  await recordAudit(tx, {
    chain: row.institutionId,
    actorId: actor.accountId,
    action: 'case.redirect_target',
    subjectId: row.applicantAccountId,
    entity: 'case',
    entityId: row.id,
    details: { to: input.redirect.institutionName, number: input.redirect.kind === 'platform' ? input.redirect.number : input.redirect.outgoingNumber, late: input.redirect.late },
  });
}

/** The petitions joined to this one (OG 27/2002 art. 10), whole, oldest first. */
async function joinedRows(tx: Tx, caseId: string): Promise<CaseViewRow[]> {
  const rows: CaseViewRow[] = [];
  for (const j of await listJoinedInto(tx, caseId)) {
    const row = await findCaseView(tx, j.id);
    if (row) rows.push(row);
  }
  return rows;
}

/**
 * A petition registered here becomes a case of `service` at the competent institution, under its own number, with
 * where it came from and the petitioner's documents; `joinTo`: joined there to the case sent with it.
 */
async function openThere(tx: Tx, row: CaseViewRow, input: { service: PublishedService; fromName: string; actorId: string; at: Date; joinTo?: { caseId: string; number: string; entryId: string } }) {
  const opened = await openCase(tx, {
    serviceVersionId: input.service.versionId,
    applicantAccountId: row.applicantAccountId,
    companyId: row.companyId,
    applicant: row.applicant,
    answers: row.answers,
    channel: row.channel,
    actorId: input.actorId,
    transactionId: randomUUID(),
    feeBani: 0,
    at: input.at,
  });
  const number = formatRegistryNumber(row.number, row.registeredOn);
  await tx.update(caseTable).set({ receivedFromCaseId: row.id }).where(eq(caseTable.id, opened.caseId));
  await completeEntry(tx, opened.registry.id, {
    issuerReference: String(row.number),
    issuerDate: row.registeredOn,
    summary: `Petiție trimisă spre competentă soluționare de ${input.fromName} (nr. ${number}, OG 27/2002 art. 6¹)`,
    ...(input.joinTo ? { linkedEntryId: input.joinTo.entryId } : {}),
  });
  await copyDocuments(tx, row.id, opened.caseId, input.at);
  if (input.joinTo) {
    const join: Join = { caseId: input.joinTo.caseId, number: input.joinTo.number, answeredOn: null };
    await recordCaseAction(tx, { caseId: opened.caseId, type: 'joined', actorId: input.actorId, transactionId: randomUUID(), payload: { join }, at: input.at });
    await setJoinedTo(tx, opened.caseId, input.joinTo.caseId);
  }
  return opened;
}

/** Registers an outgoing letter here and e-mails the petition to an institution outside the platform; its number. */
async function emailOutside(
  tx: Tx,
  deps: Pick<AppDeps, 'notifier'>,
  actor: Actor,
  row: CaseViewRow,
  input: { to: { name: string; email: string }; from: InstitutionRow; reason: string; at: Date },
): Promise<string> {
  const { to, from } = input;
  const number = formatRegistryNumber(row.number, row.registeredOn);
  // Registered before anything quotes its number; the counter stays locked to commit, as for every outgoing letter.
  const outgoing = await registerSentOn(tx, actor, row, { from: from.name, addressee: `${to.name} <${to.email}>`, channel: 'email', where: '', at: input.at });
  const a = row.applicant;
  const files = (await listCaseDocuments(tx, row.id)).filter((d) => d.direction === 'in');
  const documents = files.map((d) => d.filename);
  const attach = files.length > 0 && files.reduce((sum, d) => sum + d.sizeBytes, 0) <= MAX_ATTACHED_BYTES;
  await deps.notifier.enqueue(tx, {
    template: attach ? PETITION_SENT_ON_ATTACHED_TEMPLATE : PETITION_SENT_ON_TEMPLATE,
    attachments: attach ? files.map((d) => ({ filename: d.filename, mediaType: d.mediaType, sha256: d.sha256, sizeBytes: d.sizeBytes })) : [],
    institutionId: row.institutionId,
    to: { email: to.email, locale: 'ro' },
    data: {
      outgoingNumber: outgoing,
      number,
      from: from.name,
      reason: input.reason,
      petitioner: [a.name, a.address, a.email, a.phone].filter(Boolean).join(', '),
      subject: text(row.answers.subject) || row.definition.name.ro,
      content: text(row.answers.content) || '—',
      documents: documents.length ? documents.join(', ') : '—',
      replyTo: from.email ?? from.phone ?? from.address,
    },
  });
  return outgoing;
}

/**
 * Registers here, sent the same day, the outgoing letter that sends the petition `row` on (OG 27/2002 art. 6¹), linked
 * to the petition's entry, so the register shows where it went; its number. `where`: added to the register's short
 * content (the number it was registered under there).
 */
async function registerSentOn(tx: Tx, actor: Actor, row: CaseViewRow, input: { from: string; addressee: string; channel: 'email' | 'online'; where: string; at: Date }): Promise<string> {
  const number = formatRegistryNumber(row.number, row.registeredOn);
  const outgoing = await registerDocument(tx, {
    institutionId: row.institutionId,
    direction: 'outgoing',
    channel: input.channel,
    issuerName: input.from,
    addressee: input.addressee,
    summary: `Petiția nr. ${number} trimisă spre competentă soluționare${input.where} (OG 27/2002 art. 6¹)`,
    departmentId: row.departmentId,
    fileCode: row.definition.fileCode,
    linkedEntryId: row.registryEntryId,
    caseId: row.id,
    registeredBy: actor.accountId,
    at: input.at,
  });
  await markSent(tx, outgoing.id, outgoing.day);
  return outgoing.display;
}

/** The petitioner's documents go with the petition: the same blobs (content-addressed), new rows on the new case. */
async function copyDocuments(tx: Tx, fromCaseId: string, toCaseId: string, at: Date): Promise<void> {
  for (const d of await listCaseDocuments(tx, fromCaseId)) {
    if (d.direction !== 'in') continue;
    await insertCaseDocument(tx, { ...d, id: randomUUID(), caseId: toCaseId, draftId: null, createdAt: at });
  }
}

export type RedirectForm = {
  caseId: string;
  number: string;
  /** Whether it may be sent on now: an open petition not yet sent. */
  open: boolean;
  clock: { dueOn: IsoDate; late: boolean } | null;
  targets: RedirectTarget[];
  /** The petitions joined to this one (art. 10): they go along with it. */
  joined: string[];
  done: Redirect | null;
};

/** What the form for sending a petition on needs, for an official who may do it (else 404/403 as for the case). */
export async function getRedirectForm(deps: Pick<AppDeps, 'db' | 'now'>, actor: Actor, caseId: string): Promise<RedirectForm> {
  const row = await findCaseForOfficial(deps.db, actor, caseId, 'cases.redirect');
  const done = (await listActions(deps.db, row.id)).findLast((a) => a.type === 'redirected')?.payload.redirect ?? null;
  return {
    caseId: row.id,
    number: formatRegistryNumber(row.number, row.registeredOn),
    open: row.kind === 'petition' && !isClosedStatus(row.status) && !done,
    clock: await redirectClock(deps.db, row, bucharestDay(deps.now())),
    targets: await listRedirectTargets(deps.db, row.institutionId),
    joined: (await listJoinedInto(deps.db, row.id)).map((j) => formatRegistryNumber(j.number, j.registeredOn)),
    done,
  };
}
