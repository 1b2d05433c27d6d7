import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { findPublishedByCode } from '../catalog/store.ts';
import { DEMO_ACCOUNTS, type DemoAccount } from '../identity/seed-demo.ts';
import { DEMO } from '../organisation/seed-demo.ts';
import { openCase } from './open-case.ts';
import { recordCaseAction } from './record-case-action.ts';

/** OG 27/2002 art. 6¹, 8(2): a petition sent to the wrong institution is sent on to the competent one within 5 days. */
let t: TestApp;
// Monday 23.11.2026, 10:00 in Bucharest: the 5 days end on Saturday 28.11 → Monday 30.11 is Sf. Andrei, 1.12 the
// national day, so the last day is Wednesday 2.12.
let clock = Date.parse('2026-11-23T08:00:00Z');
const now = () => new Date(clock);
const { maria, registryClerk, deputyMayor, inspector, taxesRegistryClerk, taxesAdministrator } = DEMO_ACCOUNTS;
let petitionVersion = '';
let requestVersion = '';

beforeAll(async () => {
  t = await startTestApp();
  t.deps.now = now;
  petitionVersion = (await findPublishedByCode(t.database.db, DEMO.sector5, 'PETITIE'))!.versionId;
  requestVersion = (await findPublishedByCode(t.database.db, DEMO.sector5, 'COPII-ARHIVA'))!.versionId;
});
afterAll(async () => t?.stop());

const signIn = (a: DemoAccount): Promise<Client> => signInDemo(t, a, () => (clock += 30_000), a.membership ? '/birou' : '/cont');

async function open(version = petitionVersion, answers: Record<string, unknown> = { subject: 'Impozitul pe clădire calculat greșit', content: 'Decizia de impunere pe 2026 are o suprafață greșită.' }) {
  const c = await t.database.db.transaction((tx) =>
    openCase(tx, {
      serviceVersionId: version,
      applicantAccountId: maria.id,
      companyId: null,
      applicant: { kind: 'person', name: maria.displayName, email: maria.email, address: 'Str. Fabrica de Chibrituri 1' },
      answers,
      channel: 'online',
      actorId: maria.id,
      transactionId: crypto.randomUUID(),
      feeBani: 0,
      at: now(),
    }),
  );
  return { id: c.caseId, number: c.registry.display };
}

async function outbox(template: string, to: string, containing: string) {
  const rows = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox_message WHERE lower(recipient) = lower($1) AND template = $2 AND body_text LIKE $3', [to, template, `%${containing}%`]);
  return Number(rows[0]?.n ?? 0);
}

type RegistryNumber = { number: number; date: string; formatted: string };
type ForwardedTo = {
  kind: string;
  institutionName: string;
  email: string | null;
  caseNumber: RegistryNumber | null;
  outgoingNumber: RegistryNumber | null;
  sentAt: string;
  late: boolean;
  petitionerNotified: boolean | null;
  alongWith: RegistryNumber | null;
};
type MyCase = { status: string; joinedTo: { number: RegistryNumber; answeredOn: string | null } | null; forwardedTo: ForwardedTo | null };
const DGITL = 'Direcția Generală de Impozite și Taxe Locale Sector 5';

/** The outgoing letters registered here that sent the case on. */
async function lettersOf(caseId: string) {
  return t.database.query<{ number: number; institution_id: string; addressee: string; sent_on: string; channel: string; summary: string; linked: boolean; matter: string }>(
    `SELECT e.number, e.institution_id, e.addressee, e.sent_on::text, e.channel, e.summary, e.linked_entry_id = c.registry_entry_id AS linked, e.linked_entry_id AS matter
     FROM registry_entry e JOIN "case" c ON c.id = e.case_id WHERE e.case_id = $1 AND e.direction = 'outgoing'`,
    [caseId],
  );
}
const numberOn = (n: number, day: string): RegistryNumber => ({ number: n, date: day, formatted: `${n}/${day.split('-').reverse().join('.')}` });

type Redirected = { status: string; institutionName: string; number: { number: number; date: string; formatted: string }; caseId: string | null; late: boolean; duplicate: boolean };
type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

describe('sending a petition on to an institution of the platform', () => {
  it('opens a case there under its own number, linked to this one; the petitioner is told; this case closes as redirected', async () => {
    const p = await open();
    const clerk = await signIn(registryClerk);
    const form = (await clerk.api('GET', `/api/v1/cases/${p.id}/redirection`)).json<{ open: boolean; dueOn: string; late: boolean; targets: { slug: string }[] }>();
    expect(form).toMatchObject({ open: true, dueOn: '2026-12-02', late: false });
    expect(form.targets.map((x) => x.slug).sort()).toEqual(['dgaspc5', 'dgitl5']);

    const transactionId = crypto.randomUUID();
    const sentAt = now().toISOString();
    const res = await clerk.api('POST', `/api/v1/cases/${p.id}/redirection`, { to: 'platform', institution: 'dgitl5', reason: 'Impozitele locale sunt stabilite de DGITL Sector 5.', transactionId });
    expect(res.status).toBe(201);
    const r = res.json<Redirected>();
    expect(r).toMatchObject({ status: 'redirected', institutionName: 'Direcția Generală de Impozite și Taxe Locale Sector 5', late: false, duplicate: false });
    // The same shape as every registry number the API gives: the sequence, the day, and the two as written.
    expect(r.number).toEqual({ number: expect.any(Number), date: '2026-11-23', formatted: `${r.number.number}/23.11.2026` });

    // The competent institution's registry clerk has it, registered in its own register, with where it came from.
    const there = await signIn(taxesRegistryClerk);
    const received = await there.api('GET', `/api/v1/cases/${r.caseId}`);
    expect(received.status).toBe(200);
    expect(received.json()).toMatchObject({ number: r.number, status: 'registered', applicant: { name: maria.displayName } });
    const page = await there.get(`/birou/dosare/${r.caseId}`);
    expect(page.body).toContain(`Petiție primită de la Primăria Sectorului 5, unde fusese înregistrată cu nr. ${p.number}`);
    const entry = await t.database.query<{ summary: string; issuer_reference: string; institution_id: string }>(
      'SELECT e.summary, e.issuer_reference, e.institution_id FROM registry_entry e JOIN "case" c ON c.registry_entry_id = e.id WHERE c.id = $1',
      [r.caseId],
    );
    expect(entry[0]).toMatchObject({ institution_id: DEMO.taxes, issuer_reference: p.number.split('/')[0] });
    expect(entry[0]!.summary).toContain(`Primăria Sectorului 5 (nr. ${p.number}`);

    // Here: closed, the register says how it was resolved, the timeline says where it went.
    const here = (await clerk.api('GET', `/api/v1/cases/${p.id}`)).json<{ status: string; timeline: { type: string }[] }>();
    expect(here.status).toBe('redirected');
    expect(here.timeline.at(-1)!.type).toBe('redirected');
    const resolution = await t.database.query<{ resolution: string }>('SELECT resolution FROM registry_entry WHERE case_id = $1 AND direction = $2', [p.id, 'incoming']);
    expect(resolution[0]!.resolution).toBe('Trimisă spre competentă soluționare la 23.11.2026');
    expect(await outbox('tracking.redirected.platform.v1', maria.email, `Acolo a fost înregistrată cu nr. ${r.number.formatted}; termenul de 30 de zile pentru răspuns curge de la această înregistrare`)).toBe(1);

    // This register shows the forward too: an outgoing letter to the competent institution, sent that day, linked to
    // the petition's entry and saying under which number it was registered there.
    const letters = await lettersOf(p.id);
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ institution_id: DEMO.sector5, addressee: DGITL, sent_on: '2026-11-23', channel: 'online', linked: true });
    expect(letters[0]!.summary).toBe(`Petiția nr. ${p.number} trimisă spre competentă soluționare, înregistrată acolo cu nr. ${r.number.formatted} (OG 27/2002 art. 6¹)`);
    expect(res.json<{ outgoingNumber: RegistryNumber }>().outgoingNumber).toEqual(numberOn(letters[0]!.number, '2026-11-23'));

    // The petitioner follows it: both cases are in her account, the new one with its own number; the API says where
    // the first went, under which numbers, when, and that she was told.
    const citizen = await signIn(maria);
    expect((await citizen.api('GET', `/api/v1/me/cases/${r.caseId}`)).json<MyCase>()).toMatchObject({ status: 'registered', forwardedTo: null, joinedTo: null });
    // Her pages say it too: where this one went and under which number, and where the new one came from.
    expect((await citizen.get(`/cont/cereri/${p.id}`)).body).toContain(`Petiția a fost trimisă la ${DGITL}, unde a fost înregistrată cu nr. ${r.number.formatted}.`);
    expect((await citizen.get(`/cont/cereri/${r.caseId}`)).body).toContain(`Petiție primită de la Primăria Sectorului 5, unde fusese înregistrată cu nr. ${p.number}.`);
    const mine = (await citizen.api('GET', `/api/v1/me/cases/${p.id}`)).json<MyCase>();
    expect(mine).toMatchObject({ status: 'redirected', joinedTo: null });
    expect(mine.forwardedTo).toEqual({
      kind: 'platform',
      institutionName: DGITL,
      email: null,
      caseNumber: r.number,
      outgoingNumber: numberOn(letters[0]!.number, '2026-11-23'),
      sentAt,
      late: false,
      petitionerNotified: true,
      alongWith: null,
    });

    // Forwarding twice is harmless: the same call again answers the first result; another call is refused.
    const again = await clerk.api('POST', `/api/v1/cases/${p.id}/redirection`, { to: 'platform', institution: 'dgitl5', reason: 'Impozitele locale sunt stabilite de DGITL Sector 5.', transactionId });
    expect(again.status).toBe(201);
    expect(again.json<Redirected>()).toMatchObject({ number: r.number, caseId: r.caseId, duplicate: true });
    const other = await clerk.api('POST', `/api/v1/cases/${p.id}/redirection`, { to: 'platform', institution: 'dgaspc5', reason: 'Altă instituție' });
    expect(other.status).toBe(409);
    expect(other.json<ErrorBody>().error.message).toBe('Petiția a fost deja trimisă la Direcția Generală de Impozite și Taxe Locale Sector 5; nu se mai trimite o dată.');
    const opened = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM "case" WHERE received_from_case_id = $1', [p.id]);
    expect(opened[0]!.n).toBe(1);
    expect(await outbox('tracking.redirected.platform.v1', maria.email, p.number)).toBe(1);
  });
});

describe('sending a petition on to an institution outside the platform', () => {
  it('asks for the name and a correct e-mail, then registers an outgoing letter and e-mails the petition', async () => {
    const p = await open();
    const clerk = await signIn(registryClerk);
    const bad = await clerk.api('POST', `/api/v1/cases/${p.id}/redirection`, { to: 'outside', name: '', email: 'anaf-at-mfinante', reason: '' });
    expect(bad.status).toBe(400);
    expect(bad.json<ErrorBody>().error.fields).toEqual({ name: 'cases.redirect.name_required', email: 'cases.redirect.email_invalid', reason: 'cases.redirect.reason_required' });

    const res = await clerk.api('POST', `/api/v1/cases/${p.id}/redirection`, { to: 'outside', name: 'ANAF – DGRFP București', email: 'petitii@anaf.example.ro', reason: 'Impozitul pe venit ține de ANAF.' });
    expect(res.status).toBe(201);
    const r = res.json<Redirected>();
    expect(r).toMatchObject({ status: 'redirected', institutionName: 'ANAF – DGRFP București', caseId: null, duplicate: false });

    const out = await t.database.query<{ direction: string; addressee: string; sent_on: string; linked_entry_id: string | null; institution_id: string }>(
      'SELECT direction, addressee, sent_on::text, linked_entry_id, institution_id FROM registry_entry WHERE case_id = $1 AND direction = $2',
      [p.id, 'outgoing'],
    );
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ addressee: 'ANAF – DGRFP București <petitii@anaf.example.ro>', sent_on: '2026-11-23', institution_id: DEMO.sector5 });
    expect(out[0]!.linked_entry_id).not.toBeNull();
    expect(await outbox('cases.petition_sent_on.v1', 'petitii@anaf.example.ro', 'Decizia de impunere pe 2026 are o suprafață greșită.')).toBe(1);
    expect(await outbox('cases.petition_sent_on.v1', 'petitii@anaf.example.ro', `Petent: ${maria.displayName}, Str. Fabrica de Chibrituri 1, ${maria.email}`)).toBe(1);
    expect(await outbox('tracking.redirected.outside.v1', maria.email, `cu adresa nr. ${r.number.formatted}`)).toBe(1);
    const mine = (await (await signIn(maria)).api('GET', `/api/v1/me/cases/${p.id}`)).json<MyCase>();
    expect(mine.forwardedTo).toMatchObject({ kind: 'outside', institutionName: 'ANAF – DGRFP București', email: 'petitii@anaf.example.ro', caseNumber: null, outgoingNumber: r.number, petitionerNotified: true, alongWith: null });
  });

  it('says when the petitioner could not be told by e-mail (no address): the registry writes to them', async () => {
    const c = await t.database.db.transaction((tx) =>
      openCase(tx, {
        serviceVersionId: petitionVersion,
        applicantAccountId: null,
        companyId: null,
        applicant: { kind: 'person', name: 'Vasile Ghișeu', address: 'Str. Sebastian 10' },
        answers: { subject: 'Impozitul pe venit', content: 'Declarația unică.' },
        channel: 'post',
        actorId: registryClerk.id,
        transactionId: crypto.randomUUID(),
        feeBani: 0,
        at: now(),
      }),
    );
    const clerk = await signIn(registryClerk);
    expect((await clerk.api('POST', `/api/v1/cases/${c.caseId}/redirection`, { to: 'outside', name: 'ANAF', email: 'petitii@anaf.example.ro', reason: 'Impozitul pe venit ține de ANAF.' })).status).toBe(201);
    expect((await clerk.api('GET', `/api/v1/cases/${c.caseId}`)).json<MyCase>().forwardedTo).toMatchObject({ kind: 'outside', petitionerNotified: false });
  });
});

describe('sending on a petition that repeated ones were joined to', () => {
  it('sends them along: to the platform each is registered there and joined to it; outside each goes under its own letter', async () => {
    const clerk = await signIn(registryClerk);
    const pair = async () => {
      const first = await open();
      clock += 60_000;
      const repeated = await open(petitionVersion, { subject: 'Impozitul pe clădire, din nou', content: 'Tot suprafața greșită.' });
      expect((await clerk.api('POST', `/api/v1/cases/${repeated.id}/join`, { into: first.id })).status).toBe(201);
      return { first, repeated };
    };

    const a = await pair();
    // The official is told before sending that they go along.
    expect((await clerk.get(`/birou/dosare/${a.first.id}/redirectionare`)).body).toContain(`Petițiile aceluiași petent conexate la aceasta (${a.repeated.number}) sunt trimise împreună cu ea`);
    expect((await clerk.api('GET', `/api/v1/cases/${a.first.id}/redirection`)).json<{ joined: { formatted: string }[] }>().joined.map((n) => n.formatted)).toEqual([a.repeated.number]);
    const res = await clerk.api('POST', `/api/v1/cases/${a.first.id}/redirection`, { to: 'platform', institution: 'dgitl5', reason: 'Impozitele locale sunt stabilite de DGITL Sector 5.' });
    expect(res.status).toBe(201);
    const r = res.json<Redirected & { joined: { number: { formatted: string }; sentAs: { formatted: string } }[] }>();
    expect(r.joined.map((j) => j.number.formatted)).toEqual([a.repeated.number]);
    // Each went under its own outgoing letter here, as outside the platform: the register shows both forwards.
    const sentOn = [...(await lettersOf(a.first.id)), ...(await lettersOf(a.repeated.id))];
    expect(sentOn.map((l) => l.summary)).toEqual([
      `Petiția nr. ${a.first.number} trimisă spre competentă soluționare, înregistrată acolo cu nr. ${r.number.formatted} (OG 27/2002 art. 6¹)`,
      `Petiția nr. ${a.repeated.number} trimisă spre competentă soluționare, înregistrată acolo cu nr. ${r.joined[0]!.sentAs.formatted} (OG 27/2002 art. 6¹)`,
    ]);
    // Both linked to the first document of the matter (the repeated petition's entry is linked to the first one's).
    const matter = await t.database.query<{ id: string }>('SELECT registry_entry_id AS id FROM "case" WHERE id = $1', [a.first.id]);
    expect(sentOn.map((l) => [l.institution_id, l.matter])).toEqual([[DEMO.sector5, matter[0]!.id], [DEMO.sector5, matter[0]!.id]]);
    // There, the repeated petition is registered under its own number and joined to the one sent with it: one answer.
    const there = await signIn(taxesRegistryClerk);
    const thereFirst = await there.get(`/birou/dosare/${r.caseId}`);
    expect(thereFirst.body).toContain(`Petiții ale aceluiași petent conexate la aceasta: ${r.joined[0]!.sentAs.formatted}`);
    expect((await clerk.get(`/birou/dosare/${a.first.id}`)).body).toContain(`Petițiile conexate la aceasta au fost trimise împreună cu ea: ${a.repeated.number} (${r.joined[0]!.sentAs.formatted})`);
    const thereCopy = await t.database.query<{ id: string }>('SELECT c.id FROM "case" c JOIN registry_entry e ON e.id = c.registry_entry_id WHERE c.joined_to_case_id = $1', [r.caseId]);
    expect(thereCopy).toHaveLength(1);
    const audited = await t.database.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_entry WHERE action = 'case.received' AND entity_id = $1", [thereCopy[0]!.id]);
    expect(audited[0]!.n).toBe(1);
    // The petitioner is told, for each petition, where it went and under which number.
    expect(await outbox('tracking.redirected.platform.v1', maria.email, `Petiția dumneavoastră nr. ${a.repeated.number}`)).toBe(1);
    expect(await outbox('tracking.redirected.platform.v1', maria.email, `Acolo a fost înregistrată cu nr. ${r.joined[0]!.sentAs.formatted}`)).toBe(1);

    const b = await pair();
    const out = await clerk.api('POST', `/api/v1/cases/${b.first.id}/redirection`, { to: 'outside', name: 'ANAF', email: 'petitii@anaf.example', reason: 'Impozitul pe venit este al ANAF.' });
    expect(out.status).toBe(201);
    const sentAs = out.json<{ joined: { sentAs: { formatted: string } }[] }>().joined[0]!.sentAs.formatted;
    expect(await outbox('cases.petition_sent_on.v1', 'petitii@anaf.example', `cu nr. ${b.repeated.number}`)).toBe(1);
    expect(await outbox('tracking.redirected.outside.v1', maria.email, `Petiția dumneavoastră nr. ${b.repeated.number}`)).toBe(1);
    const letters = await t.database.query<{ subject: string }>('SELECT subject FROM outbox_message WHERE recipient = $1 AND template = $2', ['petitii@anaf.example', 'cases.petition_sent_on.v1']);
    expect(letters.map((l) => l.subject)).toContain(`Petiție trimisă spre competentă soluționare – adresa nr. ${sentAs}`);
  });
});

describe('the page of a repeated petition sent on with the one it was joined to', () => {
  it('tells the official, the petitioner and the API where it went and under which number, in Romanian and English', async () => {
    const clerk = await signIn(registryClerk);
    const first = await open();
    clock += 60_000;
    const repeated = await open(petitionVersion, { subject: 'Din nou', content: 'Aceeași problemă.' });
    expect((await clerk.api('POST', `/api/v1/cases/${repeated.id}/join`, { into: first.id })).status).toBe(201);
    // Before the first is sent on, the joined one's page says only that it was joined.
    expect((await clerk.get(`/birou/dosare/${repeated.id}`)).body).not.toContain('Odată cu petiția');
    expect((await clerk.api('GET', `/api/v1/cases/${repeated.id}/join`)).json<{ sentOn: unknown }>().sentOn).toBeNull();

    const r = (await clerk.api('POST', `/api/v1/cases/${first.id}/redirection`, { to: 'platform', institution: 'dgitl5', reason: 'Impozitele locale sunt stabilite de DGITL Sector 5.' })).json<{
      institutionName: string;
      joined: { sentAs: { formatted: string } }[];
    }>();
    const there = r.joined[0]!.sentAs.formatted;
    const said = `Odată cu petiția nr. ${first.number}, a fost trimisă instituției competente, ${r.institutionName}, unde a fost înregistrată cu nr. ${there}`;
    expect((await clerk.get(`/birou/dosare/${repeated.id}`)).body).toContain(said);
    const api = (await clerk.api('GET', `/api/v1/cases/${repeated.id}/join`)).json<{ sentOn: { kind: string; institutionName: string; number: { formatted: string } } }>().sentOn;
    expect(api).toMatchObject({ kind: 'platform', institutionName: r.institutionName, number: { formatted: there } });

    const petitioner = await signIn(maria);
    const page = (await petitioner.get(`/cont/cereri/${repeated.id}`)).body;
    expect(page).toContain(`Petiția a fost conexată la petiția dumneavoastră nr. ${first.number}`);
    expect(page).toContain(said);
    // Her API says it too: joined to the first, and sent on along with it, under its own numbers there and here.
    const mine = (await petitioner.api('GET', `/api/v1/me/cases/${repeated.id}`)).json<MyCase>();
    expect(mine.joinedTo).toMatchObject({ number: { formatted: first.number }, answeredOn: null });
    const [own] = await lettersOf(repeated.id);
    expect(mine.forwardedTo).toMatchObject({
      kind: 'platform',
      institutionName: r.institutionName,
      caseNumber: { formatted: there },
      outgoingNumber: { formatted: `${own!.number}/23.11.2026` },
      petitionerNotified: true,
      alongWith: { formatted: first.number },
    });
    await petitioner.get('/?lang=en');
    expect((await petitioner.get(`/cont/cereri/${repeated.id}`)).body).toContain(`Along with petition no. ${first.number}, it was sent to the competent institution, ${r.institutionName}, where it was registered under no. ${there}`);

    // Outside the platform: the address and its own outgoing letter's number here.
    const first2 = await open();
    clock += 60_000;
    const repeated2 = await open(petitionVersion, { subject: 'Din nou', content: 'Aceeași problemă.' });
    expect((await clerk.api('POST', `/api/v1/cases/${repeated2.id}/join`, { into: first2.id })).status).toBe(201);
    const out = await clerk.api('POST', `/api/v1/cases/${first2.id}/redirection`, { to: 'outside', name: 'ANAF', email: 'petitii@anaf.example', reason: 'Impozitul pe venit este al ANAF.' });
    const letter = out.json<{ joined: { sentAs: { formatted: string } }[] }>().joined[0]!.sentAs.formatted;
    expect((await clerk.get(`/birou/dosare/${repeated2.id}`)).body).toContain(`Odată cu petiția nr. ${first2.number}, a fost trimisă prin e-mail instituției competente, ANAF (petitii@anaf.example), cu adresa nr. ${letter}`);
  });
});

describe('who may send a petition on, and when', () => {
  it('answers 404 for a case one may not read, 403 for one read but not sent on; refuses a closed case and a request', async () => {
    const p = await open();
    const body = { to: 'outside', name: 'ANAF', email: 'petitii@anaf.example.ro', reason: 'Competența ANAF' };
    for (const who of [maria, inspector, taxesRegistryClerk, taxesAdministrator]) {
      const c = await signIn(who);
      expect((await c.api('POST', `/api/v1/cases/${p.id}/redirection`, body)).status, who.email).toBe(404);
    }
    const deputy = await signIn(deputyMayor);
    expect((await deputy.api('POST', `/api/v1/cases/${p.id}/redirection`, body)).status).toBe(403);
    expect(await outbox('cases.petition_sent_on.v1', 'petitii@anaf.example.ro', p.number)).toBe(0);

    const clerk = await signIn(registryClerk);
    await t.database.db.transaction((tx) => recordCaseAction(tx, { caseId: p.id, type: 'withdrawn', actorId: maria.id, transactionId: crypto.randomUUID(), payload: { reason: 'Nu mai este cazul' }, at: now() }));
    const closed = await clerk.api('POST', `/api/v1/cases/${p.id}/redirection`, body);
    expect(closed.status).toBe(409);
    expect(closed.json<ErrorBody>().error.code).toBe('cases.redirect.closed');
    expect((await clerk.api('GET', `/api/v1/cases/${p.id}/redirection`)).json()).toMatchObject({ open: false });

    const r = await open(requestVersion, { subject: 'Copie', content: 'Vă rog o copie din arhivă.' });
    const notPetition = await clerk.api('POST', `/api/v1/cases/${r.id}/redirection`, body);
    expect(notPetition.status).toBe(409);
    expect(notPetition.json<ErrorBody>().error.code).toBe('cases.redirect.not_petition');
  });

  it('shows the 5 days on the case page, flags them once missed, and still sends the petition, marked late', async () => {
    const p = await open();
    let clerk = await signIn(registryClerk);
    const page = await clerk.get(`/birou/dosare/${p.id}`);
    expect(page.body).toContain('Termen pentru trimiterea la instituția competentă: 02.12.2026');
    expect(page.body).toContain(`href="/birou/dosare/${p.id}/redirectionare"`);

    clock += 10 * 86_400_000;
    // Ten days on, the session has long ended: signed in again.
    clerk = await signIn(registryClerk);
    const late = await clerk.get(`/birou/dosare/${p.id}`);
    expect(late.body).toContain('Termenul de 5 zile pentru trimiterea la instituția competentă a trecut la 02.12.2026');
    const formPage = await clerk.get(`/birou/dosare/${p.id}/redirectionare`);
    expect(formPage.status).toBe(200);

    // The form keeps what was typed and says what is missing.
    const missing = await clerk.post(`/birou/dosare/${p.id}/redirectionare`, { to: 'outside', name: 'ANAF', email: '', reason: 'Competența ANAF' });
    expect(missing.status).toBe(400);
    expect(missing.body).toContain('Scrieți adresa de e-mail a instituției.');
    expect(missing.body).toContain('value="ANAF"');
    expect(missing.body).toContain('Competența ANAF');

    const sent = await clerk.follow(await clerk.post(`/birou/dosare/${p.id}/redirectionare`, { to: 'platform', institution: 'dgaspc5', reason: 'Ajutoarele sociale sunt ale DGASPC.' }));
    expect(sent.body).toContain('Petiția a fost trimisă la Direcția Generală de Asistență Socială și Protecția Copilului Sector 5 și înregistrată acolo cu nr.');
    expect(sent.body).toContain('Trimisă după termenul de 5 zile.');
    const logged = (await clerk.api('GET', `/api/v1/cases/${p.id}/redirection`)).json<{ redirect: { late: boolean } }>();
    expect(logged.redirect.late).toBe(true);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await t.client().get('/api/docs/json')).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths)).toContain('/api/v1/cases/{caseId}/redirection');
  });
});
