import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { PLATFORM_CHAIN, recordAudit } from '../../platform/audit/audit.ts';
import { auditEntry } from '../../platform/audit/schema.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import { outboxMessage } from '../../platform/notify/schema.ts';
import { account, membership, person, session } from '../identity/schema.ts';
import { insertSession } from '../identity/session-store.ts';
import { findDefaultInstitution } from '../organisation/store.ts';
import { DEMO_ACCOUNTS } from '../identity/seed-demo.ts';
import { findPublishedByCode } from '../catalog/store.ts';
import { openCase } from '../cases/open-case.ts';
import { DEMO } from '../organisation/seed-demo.ts';

let t: TestApp;
const ids = { ana: randomUUID(), bogdan: randomUUID(), carmen: randomUUID(), inspector: randomUUID(), oidcOnly: randomUUID() };
const PASSWORD = 'o parolă lungă și sigură';

async function addAccount(id: string, input: { email: string; name: [string, string]; cnp?: string; password?: boolean; official?: boolean }) {
  await t.database.db.insert(account).values({
    id,
    email: input.email,
    emailVerifiedAt: new Date(),
    passwordHash: input.password === false ? null : await hashPassword(PASSWORD),
    displayName: input.name.join(' '),
    isOfficial: input.official ?? false,
  });
  if (!input.official) await t.database.db.insert(person).values({ accountId: id, firstName: input.name[0], lastName: input.name[1], cnp: input.cnp ?? null });
}

async function signedIn(accountId: string) {
  const token = await insertSession(t.database.db, { accountId, mfaPassed: true, ip: '127.0.0.1', userAgent: 'vitest', absoluteHours: 12, now: new Date() });
  const c = t.client();
  c.cookies.set('pd_session', token);
  return c;
}

async function message(recipient: string, accountId: string | null, subject: string) {
  await t.database.db.insert(outboxMessage).values({
    id: randomUUID(),
    channel: 'email',
    recipient,
    accountId,
    template: 'test.message.v1',
    locale: 'ro',
    subject,
    bodyText: `${subject} – corp`,
  });
}

beforeAll(async () => {
  // Workers on: they create the delivery queue at start; enqueuing into a queue that does not exist yet
  // from inside a transaction blocks on PGlite (the queue is created outside the transaction).
  t = await startTestApp();
  await addAccount(ids.ana, { email: 'ana.privacy@example.ro', name: ['Ana', 'Marin'], cnp: '2950312418717' });
  await addAccount(ids.bogdan, { email: 'bogdan.privacy@example.ro', name: ['Bogdan', 'Stan'], cnp: '1961204419026' });
  await addAccount(ids.oidcOnly, { email: 'roeid.only@example.ro', name: ['Ioana', 'Dinu'], password: false });
  await addAccount(ids.inspector, { email: 'inspector.privacy@example.ro', name: ['Mihai', 'Inspectorescu'], official: true });
  const institution = await findDefaultInstitution(t.database.db);
  await t.database.db.insert(membership).values({ id: randomUUID(), accountId: ids.inspector, institutionId: institution!.id, role: 'inspector' });

  await message('ana.privacy@example.ro', ids.ana, 'Cererea dumneavoastră a fost înregistrată');
  await message('ANA.privacy@example.ro', null, 'Mesaj trimis înainte de cont');
  await message('bogdan.privacy@example.ro', ids.bogdan, 'Mesaj pentru Bogdan');

  await t.database.db.transaction(async (tx) => {
    const audit = (actorId: string, action: string, subjectId: string) =>
      recordAudit(tx, { chain: PLATFORM_CHAIN, actorId, action, subjectId, entity: 'person', entityId: subjectId });
    await audit(ids.inspector, 'person.viewed', ids.ana);
    await audit(ids.ana, 'account.profile_updated', ids.ana);
    await audit(ids.inspector, 'person.viewed', ids.bogdan);
    // Enough reads of Bogdan's file for a second page of his access log.
    for (let i = 0; i < 22; i++) await audit(ids.inspector, 'case.viewed', ids.bogdan);
  });
});
afterAll(async () => t?.stop());

describe('my personal data', () => {
  it('shows everything held about the person on one page, in Romanian', async () => {
    const c = await signedIn(ids.ana);
    const res = await c.get('/cont/datele-mele');
    expect(res.status).toBe(200);
    expect(res.body).toContain('Datele personale pe care le deținem despre dumneavoastră');
    expect(res.body).toContain('2950312418717');
    expect(res.body).toContain('Cererea dumneavoastră a fost înregistrată');
    expect(res.body).toContain('Mesaj trimis înainte de cont');
    expect(res.body).not.toContain('1961204419026');
    expect(res.body).not.toContain('Mesaj pentru Bogdan');
    expect(res.body).toContain('href="/cont/datele-mele.json"');
    // Stored codes read as words: the language, the messages' channel.
    expect(res.body).toContain('<dd class="govuk-summary-list__value">română</dd>');
    expect(res.body).toMatch(/<td class="govuk-table__cell"[^>]*>e-mail<\/td>/);
    // The audit trail reads as words, not as the platform's codes.
    expect(res.body).toMatch(/<td class="govuk-table__cell"[^>]*>Profilul a fost modificat<\/td>/);
    expect(res.body).not.toContain('account.profile_updated');
  });

  it('names a company representative’s capacity in words', async () => {
    const c = await signedIn(DEMO_ACCOUNTS.maria.id);
    const res = await c.get('/cont/datele-mele');
    expect(res.body).toContain('Construct Demo SRL');
    expect(res.body).toMatch(/<td class="govuk-table__cell"[^>]*>reprezentant<\/td>/);
    expect(res.body).not.toMatch(/>representative</);
  });

  it('downloads the export as a JSON attachment with the CNP and the messages sent to them, and audits it', async () => {
    const c = await signedIn(ids.ana);
    const res = await c.get('/cont/datele-mele.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="datele-mele-\d{4}-\d{2}-\d{2}\.json"$/);
    const data = res.json<{ accountId: string; sections: Record<string, Record<string, unknown>[]> }>();
    expect(data.accountId).toBe(ids.ana);
    expect(data.sections.person![0]!.cnp).toBe('2950312418717');
    expect(data.sections.messages!.map((m) => m.subject).sort()).toEqual(['Cererea dumneavoastră a fost înregistrată', 'Mesaj trimis înainte de cont']);
    expect(res.body).not.toContain('1961204419026');
    expect(res.body).not.toContain('Mesaj pentru Bogdan');
    // Never secrets: no password hash, no session token hash.
    expect(res.body).not.toContain('$argon2');
    expect(data.sections.account![0]!.hasPassword).toBe(true);
    const exported = await t.database.db
      .select()
      .from(auditEntry)
      .where(and(eq(auditEntry.subjectId, ids.ana), eq(auditEntry.action, 'privacy.exported')));
    expect(exported).toHaveLength(1);
    expect(exported[0]!.actorId).toBe(ids.ana);
  });

  it('answers the API only with the caller’s own data, whatever is put in the URL', async () => {
    const bogdan = await signedIn(ids.bogdan);
    const res = await bogdan.get(`/api/v1/me/data?accountId=${ids.ana}&id=${ids.ana}`, { accept: 'application/json' });
    expect(res.status).toBe(200);
    const data = res.json<{ accountId: string; sections: Record<string, Record<string, unknown>[]> }>();
    expect(data.accountId).toBe(ids.bogdan);
    expect(data.sections.person![0]!.cnp).toBe('1961204419026');
    expect(res.body).not.toContain('2950312418717');
    expect(res.body).not.toContain(ids.ana);

    const anonymous = await t.client().get('/api/v1/me/data', { accept: 'application/json' });
    expect(anonymous.status).toBe(401);
    expect((await t.client().get('/cont/datele-mele')).status).toBe(303);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await t.client().get('/api/docs/json')).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/me/data', '/api/v1/me/access-log']));
  });
});

describe('who accessed my data', () => {
  it('lists an official’s read of the person, with name, role and time, but not the person’s own actions', async () => {
    const c = await signedIn(ids.ana);
    const res = await c.get('/cont/cine-mi-a-accesat-datele');
    expect(res.status).toBe(200);
    expect(res.body).toContain('Cine v-a accesat datele');
    expect(res.body).toContain('Mihai Inspectorescu');
    expect(res.body).toContain('Inspector');
    expect(res.body).toContain('Datele personale au fost consultate de un funcționar');
    expect(res.body).toMatch(/\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}/);
    expect(res.body).not.toContain('account.profile_updated');

    const api = await c.get('/api/v1/me/access-log', { accept: 'application/json' });
    const log = api.json<{ total: number; entries: { action: string; actorName: string; roles: string[] }[] }>();
    expect(log.total).toBe(1);
    expect(log.entries).toEqual([expect.objectContaining({ action: 'person.viewed', actorName: 'Mihai Inspectorescu', roles: ['inspector'] })]);
  });

  it('pages a long log, 20 entries a page', async () => {
    const c = await signedIn(ids.bogdan);
    const first = (await c.get('/api/v1/me/access-log', { accept: 'application/json' })).json<{ total: number; pageCount: number; entries: unknown[] }>();
    expect(first).toMatchObject({ total: 23, pageCount: 2 });
    expect(first.entries).toHaveLength(20);
    const second = (await c.get('/api/v1/me/access-log?page=2', { accept: 'application/json' })).json<{ entries: unknown[] }>();
    expect(second.entries).toHaveLength(3);
    const page = await c.get('/cont/cine-mi-a-accesat-datele?pagina=2');
    expect(page.body).toContain('govuk-pagination');
  });
});

describe('what happened to a request, in words', () => {
  it('tells a citizen that her request was submitted and that an official read it, never by the platform’s codes', async () => {
    await addAccount(ids.carmen, { email: 'carmen.privacy@example.ro', name: ['Carmen', 'Ilie'], cnp: '2900101419994' });
    const official = DEMO_ACCOUNTS.headPublicRelations;
    const sesizare = await findPublishedByCode(t.database.db, DEMO.sector5, 'SESIZARE');
    const opened = await t.database.db.transaction((tx) =>
      openCase(tx, {
        serviceVersionId: sesizare!.versionId,
        applicantAccountId: ids.carmen,
        companyId: null,
        applicant: { kind: 'person', name: 'Carmen Ilie', cnp: '2900101419994', email: 'carmen.privacy@example.ro' },
        answers: { description: 'Groapă în asfalt pe Str. Sebastian' },
        channel: 'online',
        actorId: ids.carmen,
        transactionId: randomUUID(),
        feeBani: 0,
        at: new Date(),
      }),
    );
    const office = await signInDemo(t, official, () => {}, '/birou');
    expect((await office.get(`/birou/dosare/${opened.caseId}`)).status).toBe(200);
    // An older record whose action has no words is told by what it touched, not by its code.
    await recordAudit(t.database.db, { chain: PLATFORM_CHAIN, actorId: ids.inspector, action: 'account.x', subjectId: ids.carmen, entity: 'account', entityId: ids.carmen });

    const c = await signedIn(ids.carmen);
    const data = await c.get('/cont/datele-mele');
    expect(data.body).toMatch(/<td class="govuk-table__cell"[^>]*>Cererea a fost depusă și înregistrată<\/td>/);
    expect(data.body).toMatch(/<td class="govuk-table__cell"[^>]*>Dosarul cererii a fost consultat de un funcționar<\/td>/);
    expect(data.body).toMatch(/<td class="govuk-table__cell"[^>]*>Au fost modificate date despre dumneavoastră: contul<\/td>/);
    expect(data.body).not.toMatch(/case\.(submitted|viewed)|account\.x/);

    const log = await c.get('/cont/cine-mi-a-accesat-datele');
    expect(log.body).toContain(official.displayName);
    expect(log.body).toContain('Dosarul cererii a fost consultat de un funcționar');
    expect(log.body).toContain('Au fost modificate date despre dumneavoastră: contul');
    expect(log.body).not.toMatch(/case\.viewed|account\.x|A modificat: account/);

    await c.get('/?lang=en');
    const inEnglish = await c.get('/cont/cine-mi-a-accesat-datele');
    expect(inEnglish.body).toContain('An official read the case file');
    expect(inEnglish.body).toContain('Data about you was changed: the account');
    const api = (await c.get('/api/v1/me/access-log', { accept: 'application/json' })).json<{ entries: { action: string; description: string }[] }>();
    expect(api.entries).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'case.viewed', description: 'An official read the case file' })]));
  });
});

describe('asking for the account to be deleted', () => {
  it('explains what is deleted and what the law keeps', async () => {
    const c = await signedIn(ids.bogdan);
    const res = await c.get('/cont/stergere');
    expect(res.status).toBe(200);
    expect(res.body).toContain('Legea arhivelor naționale nr. 16/1996');
    expect(res.body).toContain('Codul de procedură fiscală');
    expect(res.body).toContain('jurnalul de audit');
    expect(res.body).toContain('type="password"');
  });

  it('refuses a wrong password and changes nothing', async () => {
    const c = await signedIn(ids.ana);
    await c.get('/cont/stergere');
    const res = await c.post('/cont/stergere', { password: 'greșită' });
    expect(res.status).toBe(400);
    expect(res.body).toContain('Parola nu este corectă');
    expect(res.body).toContain('Eroare:');
    const [row] = await t.database.db.select({ at: account.deletionRequestedAt }).from(account).where(eq(account.id, ids.ana));
    expect(row!.at).toBeNull();
    expect((await c.get('/cont/datele-mele')).status).toBe(200);
  });

  it('with the right password records the request, signs out every session, emails a confirmation and audits it', async () => {
    const other = await signedIn(ids.ana);
    const c = await signedIn(ids.ana);
    await c.get('/cont/stergere');
    const res = await c.post('/cont/stergere', { password: PASSWORD });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/cont/stergere/trimisa');
    expect((await c.follow(res)).body).toContain('Cererea de ștergere a fost trimisă');

    const [row] = await t.database.db.select({ at: account.deletionRequestedAt }).from(account).where(eq(account.id, ids.ana));
    expect(row!.at).toBeInstanceOf(Date);
    const live = await t.database.db.select().from(session).where(and(eq(session.accountId, ids.ana), isNull(session.revokedAt)));
    expect(live).toHaveLength(0);
    expect((await other.get('/cont/datele-mele')).status).toBe(303);
    expect((await other.get('/api/v1/me/data', { accept: 'application/json' })).status).toBe(401);

    const mails = await t.database.db
      .select()
      .from(outboxMessage)
      .where(and(eq(outboxMessage.accountId, ids.ana), eq(outboxMessage.template, 'privacy.deletion_requested.v1')));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.recipient).toBe('ana.privacy@example.ro');
    expect(mails[0]!.subject).toBe('Am primit cererea de ștergere a contului');
    const audited = await t.database.db
      .select()
      .from(auditEntry)
      .where(and(eq(auditEntry.subjectId, ids.ana), eq(auditEntry.action, 'privacy.deletion_requested')));
    expect(audited).toHaveLength(1);
  });

  it('asks an account without a password (identity provider only) to tick a confirmation instead', async () => {
    const c = await signedIn(ids.oidcOnly);
    const page = await c.get('/cont/stergere');
    expect(page.body).not.toContain('type="password"');
    expect(page.body).toContain('type="checkbox"');
    const refused = await c.post('/cont/stergere', {});
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('Bifați confirmarea');
    const done = await c.post('/cont/stergere', { confirm: 'da' });
    expect(done.status).toBe(303);
    const [row] = await t.database.db.select({ at: account.deletionRequestedAt }).from(account).where(eq(account.id, ids.oidcOnly));
    expect(row!.at).toBeInstanceOf(Date);
  });
});
