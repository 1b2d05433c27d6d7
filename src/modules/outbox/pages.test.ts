import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../app.ts';
import { type Client, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { outboxAttachment, outboxMessage } from '../../platform/notify/schema.ts';
import { account, membership } from '../identity/schema.ts';
import { insertSession } from '../identity/session-store.ts';
import { registerPerson } from '../identity/test-helpers.ts';
import { DEMO } from '../organisation/seed-demo.ts';
import { findMessage } from './store.ts';
import { startTestSmtpServer, type TestSmtpServer, waitFor } from './testing.ts';

let t: TestApp;
let smtp: TestSmtpServer;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  // Outbox mode (the default), with an SMTP server configured all the same: nothing may reach it.
  t = await startTestApp({ config: { mail: { mode: 'outbox', smtpUrl: smtp.url, from: 'Primăria <no-reply@p.test>' } } });
});
afterAll(async () => {
  await t?.stop();
  await smtp?.stop();
});

/** A client signed in (second factor passed) as a new account, official with these roles or a citizen. */
async function signedIn(app: TestApp, roles: 'citizen' | 'administrator' | 'inspector', institutionId: string = DEMO.sector5): Promise<{ client: Client; accountId: string }> {
  const accountId = randomUUID();
  const official = roles !== 'citizen';
  await app.deps.db.insert(account).values({
    id: accountId,
    email: `${roles}-${accountId.slice(0, 8)}@exemplu.test`,
    emailVerifiedAt: new Date(),
    displayName: `Test ${roles}`,
    isOfficial: official,
    totpEnabledAt: official ? new Date() : null,
  });
  if (official) await app.deps.db.insert(membership).values({ id: randomUUID(), accountId, institutionId, role: roles });
  const token = await insertSession(app.deps.db, { accountId, mfaPassed: true, ip: null, userAgent: null, absoluteHours: 1, now: new Date() });
  const client = app.client();
  client.cookies.set(SESSION_COOKIE, token);
  return { client, accountId };
}

async function insertMessages(recipient: string, count: number, institutionId: string = DEMO.sector5) {
  const base = Date.now() - 3600_000;
  await t.deps.db.insert(outboxMessage).values(
    Array.from({ length: count }, (_, i) => ({
      id: randomUUID(),
      channel: 'email' as const,
      institutionId,
      recipient,
      template: 'outbox_test.list.v1',
      locale: 'ro',
      subject: `Mesajul numărul ${i + 1}`,
      bodyText: `Textul ${i + 1}`,
      status: 'sent' as const,
      createdAt: new Date(base + i * 1000),
    })),
  );
}

/** The only message to this recipient, once its delivery job has run. */
const deliveredTo = (recipient: string) =>
  waitFor(
    async () => {
      const [row] = await t.database.query<{ id: string }>('SELECT id FROM outbox_message WHERE recipient = $1', [recipient]);
      const msg = row ? await findMessage(t.deps.db, row.id) : null;
      return msg?.status === 'sent' ? msg : null;
    },
    { what: `the message to ${recipient} to be delivered` },
  );

describe('outbox mode', () => {
  it('records an email as sent with provider id "outbox" and sends nothing over SMTP', async () => {
    const c = t.client();
    await registerPerson(c, 601);
    const m = await deliveredTo('cetatean601@exemplu.ro');
    expect(m.providerId).toBe('outbox');
    expect(m.attempts).toBe(1);
    expect(smtp.received).toHaveLength(0);
    expect(smtp.rcptAttempts.size).toBe(0);
  });
});

describe('/dev/mesaje (development tool)', () => {
  it('lets a newcomer open their verification email and confirm the address by following its link', async () => {
    const c = t.client();
    await registerPerson(c, 602);
    await deliveredTo('cetatean602@exemplu.ro');
    const visitor = t.client();
    const list = await visitor.get('/dev/mesaje?catre=cetatean602%40exemplu.ro');
    expect(list.status).toBe(200);
    expect(list.body).toContain('Instrument pentru dezvoltatori');
    expect(list.body).toContain('cetatean602@exemplu.ro');
    const href = /href="(\/dev\/mesaje\/[0-9a-f-]{36})"/.exec(list.body)![1]!;
    const page = await visitor.get(href);
    expect(page.status).toBe(200);
    expect(page.body).toContain('cetatean602@exemplu.ro');
    expect(page.body).toMatch(/Încercări de trimitere<\/dt>\s*<dd class="govuk-summary-list__value">1</);
    const link = /<a class="govuk-link" href="(http:\/\/localhost:3000\/confirmare-email\?token=[^"]+)"/.exec(page.body)?.[1];
    expect(link, 'a clickable verification link').toBeTruthy();
    const confirmed = await c.follow(await c.get(link!.replace('http://localhost:3000', '').replace(/&amp;/g, '&')));
    expect(confirmed.status).toBe(200);
    const [row] = await t.database.query<{ verified: boolean }>(
      "SELECT email_verified_at IS NOT NULL AS verified FROM account WHERE email = 'cetatean602@exemplu.ro'",
    );
    expect(row?.verified).toBe(true);
  });

  it('names the files an e-mail carries', async () => {
    const id = randomUUID();
    await t.deps.db.insert(outboxMessage).values({ id, channel: 'email', institutionId: DEMO.sector5, recipient: 'registratura@anaf.example', template: 'outbox_test.list.v1', locale: 'ro', subject: 'Petiție trimisă', bodyText: 'Petiția', status: 'sent' });
    await t.deps.db.insert(outboxAttachment).values({ messageId: id, position: 0, filename: 'decizie-impunere.pdf', mediaType: 'application/pdf', sha256: 'a'.repeat(64), sizeBytes: 2048 });
    const page = await t.client().get(`/dev/mesaje/${id}`);
    expect(page.body).toMatch(/Fișiere atașate<\/dt>\s*<dd class="govuk-summary-list__value">decizie-impunere\.pdf \(2 KB\)</);
  });

  it('lists newest first, filters by recipient and paginates', async () => {
    await insertMessages('paginare@exemplu.test', 30);
    const c = t.client();
    const first = await c.get('/dev/mesaje?catre=paginare');
    expect(first.body).toContain('30 de mesaje');
    // Five columns are wider than a phone: the table scrolls in its own box instead of widening the page.
    expect(first.body).toContain('<div class="pd-table-scroll" role="region" aria-label="Mesaje trimise" tabindex="0"><table class="govuk-table">');
    expect(first.body.indexOf('Mesajul numărul 30')).toBeLessThan(first.body.indexOf('Mesajul numărul 29'));
    expect(first.body).not.toContain('Mesajul numărul 5<');
    expect(first.body).not.toContain('cetatean60');
    expect(first.body).toContain('class="govuk-pagination"');
    expect(first.body).toContain('href="/dev/mesaje?catre=paginare&amp;pagina=2"');
    const second = await c.get('/dev/mesaje?catre=paginare&pagina=2');
    expect(second.body).toContain('Mesajul numărul 5<');
    expect(second.body).toContain('Mesajul numărul 1<');
    expect(second.body).not.toContain('Mesajul numărul 6<');
    const none = await c.get('/dev/mesaje?catre=nimeni%40nicaieri.test');
    expect(none.body).toContain('Nu există mesaje pentru „nimeni@nicaieri.test”.');
  });

  it('answers the JSON outbox for one exact recipient with the links of each message', async () => {
    await insertMessages('json@exemplu.test', 2);
    await insertMessages('alt-json@exemplu.test', 1);
    const res = await t.client().get('/api/v1/dev/outbox?to=JSON@exemplu.test');
    expect(res.status).toBe(200);
    const { messages } = res.json<{ messages: { recipient: string; subject: string; links: string[] }[] }>();
    expect(messages.map((m) => m.subject)).toEqual(['Mesajul numărul 2', 'Mesajul numărul 1']);
    const reg = await t.client().get('/api/v1/dev/outbox?to=cetatean602@exemplu.ro');
    expect(reg.json<{ messages: { links: string[] }[] }>().messages[0]!.links[0]).toMatch(/^http:\/\/localhost:3000\/confirmare-email\?token=/);
  });

  it('answers 404 for an unknown message', async () => {
    expect((await t.client().get(`/dev/mesaje/${randomUUID()}`)).status).toBe(404);
    expect((await t.client().get('/dev/mesaje/nu-e-un-id')).status).toBe(404);
  });
});

describe('/admin/mesaje', () => {
  it('sends an anonymous visitor to sign in', async () => {
    const res = await t.client().get('/admin/mesaje');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/autentificare?next=%2Fadmin%2Fmesaje');
  });

  it('refuses a citizen and an official without outbox.read', async () => {
    const [id] = await t.database.query<{ id: string }>('SELECT id FROM outbox_message LIMIT 1');
    for (const who of ['citizen', 'inspector'] as const) {
      const { client } = await signedIn(t, who);
      const list = await client.get('/admin/mesaje');
      expect(list.status).toBe(403);
      expect(list.body).not.toContain('cetatean60');
      expect((await client.get(`/admin/mesaje/${id!.id}`)).status).toBe(403);
    }
  });

  it('shows an administrator the messages and audits the reading of one', async () => {
    const { client, accountId } = await signedIn(t, 'administrator');
    const list = await client.get('/admin/mesaje?catre=cetatean602');
    expect(list.status).toBe(200);
    expect(list.body).toContain('<h1 class="govuk-heading-l">Mesaje trimise</h1>');
    expect(list.body).not.toContain('Instrument pentru dezvoltatori');
    const href = /href="(\/admin\/mesaje\/([0-9a-f-]{36}))"/.exec(list.body)!;
    const page = await client.get(href[1]!);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Trimis');
    expect(page.body).toContain('outbox');
    const audits = await t.database.query<{ action: string; entity_id: string | null }>(
      'SELECT action, entity_id FROM audit_entry WHERE actor_id = $1 ORDER BY id',
      [accountId],
    );
    expect(audits.map((a) => a.action)).toEqual(['outbox.listed', 'outbox_message.viewed']);
    expect(audits[1]!.entity_id).toBe(href[2]);
  });
});

describe('whose messages an administrator reads', () => {
  it('reads only those of their own institution: another institution\'s are not listed and answer 404', async () => {
    await insertMessages('cetatean-sector5@exemplu.test', 1, DEMO.sector5);
    await insertMessages('cetatean-dgitl@exemplu.test', 1, DEMO.taxes);
    const { client } = await signedIn(t, 'administrator', DEMO.taxes);
    const list = await client.get('/admin/mesaje');
    expect(list.status).toBe(200);
    expect(list.body).toContain('cetatean-dgitl@exemplu.test');
    expect(list.body).not.toContain('cetatean-sector5@exemplu.test');
    const [other] = await t.database.query<{ id: string }>("SELECT id FROM outbox_message WHERE recipient = 'cetatean-sector5@exemplu.test'");
    expect((await client.get(`/admin/mesaje/${other!.id}`)).status).toBe(404);
    // The deployment's own institution's administrator reads the account e-mails, sent in its name.
    const { client: own } = await signedIn(t, 'administrator', DEMO.sector5);
    await registerPerson(t.client(), 603);
    const mine = await own.get('/admin/mesaje?catre=cetatean603');
    expect(mine.body).toContain('cetatean603@exemplu.ro');
    expect((await client.get('/admin/mesaje?catre=cetatean603')).body).not.toContain('cetatean603@exemplu.ro');
  });
});

describe('in production', () => {
  let prod: TestApp;
  beforeAll(async () => {
    prod = await startTestApp({ workers: false, config: { env: 'production' } });
  });
  afterAll(async () => prod?.stop());

  it('has no /dev pages and no dev JSON outbox', async () => {
    const c = prod.client();
    expect((await c.get('/dev/mesaje')).status).toBe(404);
    expect((await c.get(`/dev/mesaje/${randomUUID()}`)).status).toBe(404);
    expect((await c.get('/api/v1/dev/outbox')).status).toBe(404);
    const docs = await c.get('/api/docs/json');
    expect(docs.body).not.toContain('/api/v1/dev/outbox');
  });

  it('shows an administrator the links of a message without their secrets', async () => {
    const id = randomUUID();
    await prod.deps.db.insert(outboxMessage).values({
      id,
      channel: 'email',
      institutionId: DEMO.sector5,
      recipient: 'cineva@exemplu.test',
      template: 'identity.reset_password.v1',
      locale: 'ro',
      subject: 'Resetarea parolei',
      bodyText: 'Resetați parola: https://primarie.example/parola-noua?token=SECRETSECRETSECRET',
      status: 'sent',
    });
    const { client } = await signedIn(prod, 'administrator');
    const page = await client.get(`/admin/mesaje/${id}`);
    expect(page.status).toBe(200);
    expect(page.body).not.toContain('SECRETSECRETSECRET');
    expect(page.body).toContain('https://primarie.example/parola-noua?token=…');
    expect(page.body).toContain('doar destinatarul le poate folosi');
  });
});
