import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { findPublishedByCode } from '../catalog/store.ts';
import { DEMO_ACCOUNTS, type DemoAccount } from '../identity/seed-demo.ts';
import { DEMO, demoDepartmentId } from '../organisation/seed-demo.ts';
import type { ActionType } from './domain/case-state.ts';
import { openCase } from './open-case.ts';
import { recordCaseAction } from './record-case-action.ts';

/** OG 27/2002 art. 10: repeated petitions of the same petitioner on the same issue are joined to the first; one answer. */
let t: TestApp;
let clock = Date.parse('2026-11-23T08:00:00Z');
const now = () => new Date(clock);
const DAY = 86_400_000;
const { maria, ion, registryClerk, deputyMayor, taxesRegistryClerk } = DEMO_ACCOUNTS;
let version = '';

beforeAll(async () => {
  t = await startTestApp();
  t.deps.now = now;
  version = (await findPublishedByCode(t.database.db, DEMO.sector5, 'PETITIE'))!.versionId;
});
afterAll(async () => t?.stop());

const signIn = (a: DemoAccount): Promise<Client> => signInDemo(t, a, () => (clock += 30_000), a.membership ? '/birou' : '/cont');

async function open(who: DemoAccount, subject: string) {
  const c = await t.database.db.transaction((tx) =>
    openCase(tx, {
      serviceVersionId: version,
      applicantAccountId: who.id,
      companyId: null,
      applicant: { kind: 'person', name: who.displayName, email: who.email },
      answers: { subject, content: `${subject}: vă rog să luați măsuri.` },
      channel: 'online',
      actorId: who.id,
      transactionId: crypto.randomUUID(),
      feeBani: 0,
      at: now(),
    }),
  );
  clock += DAY;
  return { id: c.caseId, number: c.registry.display };
}

/** Takes a case through its workflow to an issued answer, as the log records it. */
async function answer(caseId: string) {
  for (const type of ['assigned', 'sent_for_approval', 'approved', 'signed', 'issued'] as const satisfies readonly ActionType[]) {
    await t.database.db.transaction((tx) => recordCaseAction(tx, { caseId, type, actorId: registryClerk.id, transactionId: crypto.randomUUID(), payload: type === 'assigned' ? { assigneeId: registryClerk.id } : {}, at: now() }));
  }
}

async function outbox(template: string, to: string, containing: string) {
  const rows = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox_message WHERE lower(recipient) = lower($1) AND template = $2 AND body_text LIKE $3', [to, template, `%${containing}%`]);
  return Number(rows[0]?.n ?? 0);
}

type JoinForm = { open: boolean; candidates: { id: string; number: string; answered: boolean }[] };
type Joined = { status: string; joined: { caseId: string; number: string; answeredOn: string | null }; duplicate: boolean };
type ErrorBody = { error: { code: string; fields?: Record<string, string> } };

describe('a repeated petition before the first is answered', () => {
  it('is joined to the earlier one the official picks; one answer covers both, and each page says so', async () => {
    const first = await open(maria, 'Groapă în asfalt pe str. Sebastian');
    const others = await open(ion, 'Groapă în asfalt pe str. Sebastian');
    const second = await open(maria, 'Tot groapa de pe str. Sebastian');
    const clerk = await signIn(registryClerk);

    const form = (await clerk.api('GET', `/api/v1/cases/${second.id}/join`)).json<JoinForm>();
    expect(form.open).toBe(true);
    // Only the same petitioner's earlier petitions: not Ion's, not the later one.
    expect(form.candidates.map((c) => c.number)).toContain(first.number);
    expect(form.candidates.map((c) => c.number)).not.toContain(others.number);
    expect((await clerk.api('POST', `/api/v1/cases/${second.id}/join`, { into: others.id })).json<ErrorBody>().error.fields).toEqual({ into: 'cases.join.into_unknown' });
    expect((await clerk.api('POST', `/api/v1/cases/${first.id}/join`, { into: second.number })).json<ErrorBody>().error.fields).toEqual({ into: 'cases.join.into_unknown' });

    const transactionId = crypto.randomUUID();
    const res = await clerk.api('POST', `/api/v1/cases/${second.id}/join`, { into: first.number, transactionId });
    expect(res.status).toBe(201);
    expect(res.json<Joined>()).toEqual({ status: 'joined', joined: { caseId: first.id, number: first.number, answeredOn: null }, duplicate: false });
    expect(await outbox('tracking.joined.v1', maria.email, `a fost conexată la aceasta (OG 27/2002, art. 10): veți primi un singur răspuns, pentru amândouă`)).toBe(1);

    // Joining twice is harmless: the same call answers the first result, another is refused, nothing is sent again.
    expect((await clerk.api('POST', `/api/v1/cases/${second.id}/join`, { into: first.number, transactionId })).json<Joined>().duplicate).toBe(true);
    const again = await clerk.api('POST', `/api/v1/cases/${second.id}/join`, { into: first.number });
    expect(again.status).toBe(409);
    expect(again.json<ErrorBody>().error.code).toBe('cases.join.closed');
    expect(await outbox('tracking.joined.v1', maria.email, second.number)).toBe(1);

    const joinedPage = await clerk.get(`/birou/dosare/${second.id}`);
    expect(joinedPage.body).toContain(`Conexată la petiția nr. ${first.number}: răspunsul la aceasta le cuprinde pe amândouă`);
    const firstPage = await clerk.get(`/birou/dosare/${first.id}`);
    expect(firstPage.body).toContain(`Petiții ale aceluiași petent conexate la aceasta: ${second.number}. Răspunsul trebuie să se refere la toate`);
    const entries = await t.database.query<{ linked: string | null; first: string }>(
      'SELECT e.linked_entry_id AS linked, (SELECT registry_entry_id FROM "case" WHERE id = $2) AS first FROM registry_entry e JOIN "case" c ON c.registry_entry_id = e.id WHERE c.id = $1',
      [second.id, first.id],
    );
    expect(entries[0]!.linked).toBe(entries[0]!.first);
    // The petitioner's API says what her case page says: joined to which petition (its number and day), sent nowhere.
    const citizen = await signIn(maria);
    const mine = (await citizen.api('GET', `/api/v1/me/cases/${second.id}`)).json<{ status: string; number: unknown; joinedTo: unknown; forwardedTo: unknown }>();
    expect(mine).toMatchObject({ status: 'joined', number: { formatted: second.number } });
    const [n, day] = first.number.split('/') as [string, string];
    expect(mine.joinedTo).toEqual({ number: { number: Number(n), date: day.split('.').reverse().join('-'), formatted: first.number }, answeredOn: null });
    expect(mine.forwardedTo).toBeNull();
    // The first petition is joined to nothing: what covers the repeated one is its own answer.
    expect((await citizen.api('GET', `/api/v1/me/cases/${first.id}`)).json<{ joinedTo: unknown }>().joinedTo).toBeNull();
  });
});

describe('a repeated petition after the first was answered', () => {
  it('is filed at the first number with reference to the answer given', async () => {
    const first = await open(maria, 'Copac uscat în fața blocului');
    await answer(first.id);
    const answeredOn = new Date(clock).toISOString().slice(0, 10);
    const later = await open(maria, 'Copacul uscat, din nou');
    const clerk = await signIn(registryClerk);
    const form = (await clerk.api('GET', `/api/v1/cases/${later.id}/join`)).json<JoinForm>();
    expect(form.candidates.find((c) => c.id === first.id)).toMatchObject({ answered: true });
    const res = await clerk.api('POST', `/api/v1/cases/${later.id}/join`, { into: first.id });
    expect(res.json<Joined>().joined).toEqual({ caseId: first.id, number: first.number, answeredOn });
    const day = `${answeredOn.slice(8, 10)}.${answeredOn.slice(5, 7)}.${answeredOn.slice(0, 4)}`;
    expect(await outbox('tracking.joined.answered.v1', maria.email, `la care v-am răspuns la ${day}. De aceea a fost clasată la numărul inițial`)).toBe(1);
    expect((await clerk.get(`/birou/dosare/${later.id}`)).body).toContain(`Petiție repetată după răspuns: clasată la numărul inițial, nr. ${first.number}, la care s-a răspuns la ${day}`);
    const mine = (await (await signIn(maria)).api('GET', `/api/v1/me/cases/${later.id}`)).json<{ joinedTo: { number: { formatted: string }; answeredOn: string | null } }>();
    expect(mine.joinedTo).toMatchObject({ number: { formatted: first.number }, answeredOn });
  });
});

describe('who may join a petition', () => {
  it('answers 404 for a case one may not read and 403 for one read but not joined; the form says what is missing', async () => {
    const first = await open(maria, 'Zgomot de la terasa din parc');
    const second = await open(maria, 'Zgomotul de la terasă continuă');
    expect((await (await signIn(taxesRegistryClerk)).api('POST', `/api/v1/cases/${second.id}/join`, { into: first.id })).status).toBe(404);
    expect((await (await signIn(maria)).api('POST', `/api/v1/cases/${second.id}/join`, { into: first.id })).status).toBe(404);
    expect((await (await signIn(deputyMayor)).api('POST', `/api/v1/cases/${second.id}/join`, { into: first.id })).status).toBe(403);

    const clerk = await signIn(registryClerk);
    const page = await clerk.get(`/birou/dosare/${second.id}/conexare`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(first.number);
    const bad = await clerk.post(`/birou/dosare/${second.id}/conexare`, { reason: 'Aceeași problemă' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Alegeți petiția anterioară.');
    expect(bad.body).toContain('Aceeași problemă');
    const done = await clerk.follow(await clerk.post(`/birou/dosare/${second.id}/conexare`, { into: first.id }));
    expect(done.body).toContain(`Petiția a fost conexată la petiția nr. ${first.number}. Petentul a fost anunțat.`);
  });
});

describe('the register', () => {
  it('links the joined petition to the first document of the matter, as any document on it', async () => {
    let clerk = await signIn(registryClerk);
    const letter = (await clerk.api('POST', '/api/v1/registry/entries', { direction: 'incoming', channel: 'post', issuerName: 'Maria Ionescu', summary: 'Scrisoare despre parcarea de pe str. Sebastian', pageCount: 1 })).json<{ id: string }>();
    const first = await open(maria, 'Parcarea de pe str. Sebastian');
    // The first petition was registered as linked to that earlier letter on the same matter.
    await t.database.query('UPDATE registry_entry SET linked_entry_id = $1 WHERE case_id = $2', [letter.id, first.id]);
    const second = await open(maria, 'Tot parcarea de pe str. Sebastian');
    clerk = await signIn(registryClerk);
    expect((await clerk.api('POST', `/api/v1/cases/${second.id}/join`, { into: first.id })).status).toBe(201);
    const linked = await t.database.query<{ linked: string }>('SELECT e.linked_entry_id AS linked FROM registry_entry e JOIN "case" c ON c.registry_entry_id = e.id WHERE c.id = $1', [second.id]);
    expect(linked[0]!.linked).toBe(letter.id);
  });
});

describe('the earlier petitions a head of department is offered', () => {
  it('are only those she may read: one in another department is neither offered nor accepted', async () => {
    const { headPublicRelations } = DEMO_ACCOUNTS;
    const elsewhere = await open(maria, 'Autorizație de construire pentru vecin');
    const own = await open(maria, 'Zgomot de la șantierul vecinului');
    const repeated = await open(maria, 'Din nou zgomotul de la șantier');
    const moveTo = (caseId: string, code: string) => t.database.query('UPDATE "case" SET department_id = $2 WHERE id = $1', [caseId, demoDepartmentId(DEMO.sector5, code)]);
    await moveTo(elsewhere.id, 'AC');
    await moveTo(own.id, 'RP');
    await moveTo(repeated.id, 'RP');
    const head = await signIn(headPublicRelations);
    expect((await head.get(`/birou/dosare/${elsewhere.id}`)).status).toBe(404);

    const form = (await head.api('GET', `/api/v1/cases/${repeated.id}/join`)).json<JoinForm>();
    expect(form.candidates.map((c) => c.number)).toContain(own.number);
    expect(form.candidates.map((c) => c.number)).not.toContain(elsewhere.number);
    expect((await head.get(`/birou/dosare/${repeated.id}/conexare`)).body).not.toContain(elsewhere.number);
    const refused = await head.api('POST', `/api/v1/cases/${repeated.id}/join`, { into: elsewhere.id });
    expect(refused.status).toBe(400);
    expect(refused.json<ErrorBody>().error.fields).toEqual({ into: 'cases.join.into_unknown' });
    expect((await head.api('POST', `/api/v1/cases/${repeated.id}/join`, { into: own.number })).status).toBe(201);
  });
});
