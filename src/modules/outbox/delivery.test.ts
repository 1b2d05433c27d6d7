import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { defineMessages, registerMessages } from '../../platform/i18n/i18n.ts';
import { DELIVER_JOB } from '../../platform/notify/create-notifier.ts';
import { outboxMessage } from '../../platform/notify/schema.ts';
import { startSmsSimulator, type SmsSimulator } from '../../platform/notify/sms-simulator.ts';
import { registerTemplate } from '../../platform/notify/templates.ts';
import { deliverMessage } from './deliver-message.ts';
import { MAX_DELIVERY_ATTEMPTS } from './domain/delivery-policy.ts';
import { SWEEP_JOB } from './module.ts';
import { requeueStaleMessages } from './requeue-stale-messages.ts';
import { findMessage, type OutboxRow } from './store.ts';
import { readMime, startTestSmtpServer, type TestSmtpServer, waitFor } from './testing.ts';

const TEMPLATE = 'outbox_test.registered.v1';
registerMessages(
  'outbox-test',
  defineMessages(
    {
      'outbox_test.subject': 'Cererea nr. {number} a fost înregistrată',
      'outbox_test.body': 'Bună ziua, {name}! Șeful serviciului și colegii din țară vă mulțumesc.',
      'outbox_test.action': 'Vedeți cererea',
      'outbox_test.sms': 'Cererea nr. {number} a fost înregistrată. Primăria Sectorului 5',
    },
    {
      'outbox_test.subject': 'Request no. {number} has been registered',
      'outbox_test.body': 'Hello, {name}! Thank you.',
      'outbox_test.action': 'See the request',
      'outbox_test.sms': 'Request no. {number} has been registered.',
    },
  ),
);
registerTemplate(TEMPLATE, {
  subjectKey: 'outbox_test.subject',
  bodyKeys: ['outbox_test.body'],
  action: { labelKey: 'outbox_test.action', urlParam: 'url' },
  smsKey: 'outbox_test.sms',
});

const FROM = 'Primăria Sectorului 5 <no-reply@sector5.test>';
let t: TestApp;
let smtp: TestSmtpServer;
let sim: SmsSimulator;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  sim = await startSmsSimulator({ token: 'sim-token' });
  t = await startTestApp({
    config: {
      mail: { mode: 'smtp', smtpUrl: smtp.url, from: FROM },
      sms: { mode: 'http', gatewayUrl: sim.url, token: 'sim-token', sender: 'PRIMARIA5' },
    },
  });
  // Small, fixed retry delays so a test sees all six attempts in seconds (production: 5 s with backoff).
  await t.deps.jobs.boss.updateQueue(DELIVER_JOB, { retryDelay: 1, retryBackoff: false });
  // updateQueue drops pg-boss's cached queue; a send outside any transaction reloads it (on PGlite a reload
  // from inside the business transaction would wait for that transaction). The message does not exist: a no-op.
  await t.deps.jobs.send(DELIVER_JOB, { id: '00000000-0000-4000-8000-000000000000' });
});
afterAll(async () => {
  await t?.stop();
  await smtp?.stop();
  await sim?.stop();
});

async function enqueue(to: { email?: string; phone?: string }, channels: ('email' | 'sms')[] = ['email']): Promise<string[]> {
  return t.deps.db.transaction((tx) =>
    t.deps.notifier.enqueue(tx, {
      template: TEMPLATE,
      to: { ...to, locale: 'ro' },
      data: { number: '12345/22.11.2026', name: 'Ștefan Țăranu', url: 'http://localhost:3000/cereri/ABCD2345' },
      channels,
    }),
  );
}

const settled = (id: string, timeoutMs = 30_000) =>
  waitFor(
    async () => {
      const m = await findMessage(t.deps.db, id);
      return m && m.status !== 'queued' ? m : null;
    },
    { timeoutMs, what: `message ${id} to be sent or failed` },
  );

describe('email delivery over SMTP', () => {
  it('delivers an enqueued email with its subject, From, UTF-8 diacritics and records the Message-ID', async () => {
    const [id] = await enqueue({ email: 'stefan@exemplu.test' });
    const m = await settled(id!);
    expect(m.status).toBe('sent');
    expect(m.attempts).toBe(1);
    expect(m.sentAt).toBeInstanceOf(Date);

    const mail = smtp.received.find((r) => r.to.includes('stefan@exemplu.test'))!;
    expect(mail.from).toBe('no-reply@sector5.test');
    const parsed = readMime(mail.raw);
    expect(parsed.headers.subject).toBe('Cererea nr. 12345/22.11.2026 a fost înregistrată');
    expect(parsed.headers.from).toContain('Primăria Sectorului 5');
    expect(parsed.headers.from).toContain('<no-reply@sector5.test>');
    expect(parsed.headers['message-id']).toBe(m.providerId);
    expect(parsed.text).toContain('Bună ziua, Ștefan Țăranu! Șeful serviciului și colegii din țară vă mulțumesc.');
    expect(parsed.text).toContain('Vedeți cererea: http://localhost:3000/cereri/ABCD2345');
    expect(parsed.text).toContain('Primăria Digitală — mesaj automat, vă rugăm să nu răspundeți.');
    expect(parsed.html).toContain('<html lang="ro">');
    expect(parsed.html).toContain('Primăria Sectorului 5');
    expect(parsed.html).toContain('<a href="http://localhost:3000/cereri/ABCD2345"');
    expect(parsed.html).toContain('Șeful serviciului');
  });

  it('retries a temporary refusal (451) and finally sends', async () => {
    smtp.script('amanat@exemplu.test', [451, 451]);
    const [id] = await enqueue({ email: 'amanat@exemplu.test' });
    const m = await settled(id!);
    expect(m.status).toBe('sent');
    expect(m.attempts).toBe(3);
    expect(m.lastError).toContain('451');
    expect(smtp.rcptAttempts.get('amanat@exemplu.test')).toBe(3);
    expect(smtp.received.filter((r) => r.to.includes('amanat@exemplu.test'))).toHaveLength(1);
  });

  it('fails at once on a permanent refusal (550), without retrying', async () => {
    smtp.script('inexistent@exemplu.test', [550, 550, 550]);
    const [id] = await enqueue({ email: 'inexistent@exemplu.test' });
    const m = await settled(id!);
    expect(m.status).toBe('failed');
    expect(m.attempts).toBe(1);
    expect(m.lastError).toContain('550');
    await new Promise((r) => setTimeout(r, 3000));
    expect(smtp.rcptAttempts.get('inexistent@exemplu.test')).toBe(1);
    expect((await findMessage(t.deps.db, id!))!.status).toBe('failed');
  });

  it('marks a message failed after the last attempt when the server keeps refusing for now', async () => {
    smtp.script('plin@exemplu.test', Array(20).fill(451));
    const [id] = await enqueue({ email: 'plin@exemplu.test' });
    const m = await settled(id!, 45_000);
    expect(m.status).toBe('failed');
    expect(m.attempts).toBe(MAX_DELIVERY_ATTEMPTS);
    expect(m.lastError).toContain('451');
    expect(smtp.rcptAttempts.get('plin@exemplu.test')).toBe(MAX_DELIVERY_ATTEMPTS);
  });

  it('sends a burst promptly over a few reused connections, a refused address retried on its own, every message recorded', async () => {
    // One job per fetch, fetched once a second, over a new connection each: a hundred e-mails took over 100 s.
    smtp.script('rafala-amanat@exemplu.test', [451]);
    const connectionsBefore = smtp.connections();
    const ids = await t.deps.db.transaction(async (tx) => {
      const out: string[] = [];
      for (let i = 0; i < 100; i++) {
        const to = i === 50 ? 'rafala-amanat@exemplu.test' : `rafala${i}@exemplu.test`;
        out.push(...(await t.deps.notifier.enqueue(tx, { template: TEMPLATE, to: { email: to, locale: 'ro' }, data: { number: `${i}/22.11.2026`, name: 'Ana', url: 'http://localhost:3000/x' }, channels: ['email'] })));
      }
      return out;
    });
    // Generous against the 100 s of one a second: a burst goes out in a few seconds here, the retry after 1 s.
    await waitFor(async () => (await t.database.query("SELECT 1 FROM outbox_message WHERE id = ANY($1::uuid[]) AND status = 'sent'", [ids])).length === 100, { timeoutMs: 30_000, what: 'the burst to be sent' });
    expect(smtp.received.filter((r) => r.to.some((to) => to.startsWith('rafala'))).length).toBe(100);
    expect(smtp.connections() - connectionsBefore).toBeLessThanOrEqual(10);
    const [late] = await t.database.query<{ attempts: number; last_error: string }>("SELECT attempts, last_error FROM outbox_message WHERE recipient = 'rafala-amanat@exemplu.test'");
    expect(late).toMatchObject({ attempts: 2, last_error: expect.stringContaining('451') });
  });

  it('delivers the messages fetched with one the SMTP server does not answer, and those queued after, while it hangs', async () => {
    // Without an answer the SMTP client waits for its 60 s socket timeout. A worker that ran its batch one job after
    // another held the messages fetched after the hanging one (and every message queued meanwhile) that long.
    const release = smtp.hang('fara-raspuns@exemplu.test');
    try {
      const recipients = ['fara-raspuns@exemplu.test', ...Array.from({ length: 7 }, (_, i) => `acelasi-lot${i}@exemplu.test`)];
      const [hung, ...others] = await t.deps.db.transaction(async (tx) => {
        const out: string[] = [];
        for (const email of recipients) out.push(...(await t.deps.notifier.enqueue(tx, { template: TEMPLATE, to: { email, locale: 'ro' }, data: { number: '1/23.11.2026', name: 'Ana', url: 'http://localhost:3000/x' }, channels: ['email'] })));
        return out;
      });
      const sent = (ids: string[]) => async () => (await t.database.query("SELECT 1 FROM outbox_message WHERE id = ANY($1::uuid[]) AND status = 'sent'", [ids])).length === ids.length;
      await waitFor(sent(others), { timeoutMs: 15_000, what: 'the messages fetched with the hanging one' });
      const [later] = await enqueue({ email: 'dupa-blocaj@exemplu.test' });
      await waitFor(sent([later!]), { timeoutMs: 15_000, what: 'a message queued while one hangs' });
      expect(smtp.received.filter((r) => r.to.some((to) => to.startsWith('acelasi-lot') || to === 'dupa-blocaj@exemplu.test'))).toHaveLength(8);
      expect((await findMessage(t.deps.db, hung!))!).toMatchObject({ status: 'queued', attempts: 1 });
    } finally {
      release();
    }
    // Answered at last, the hanging message goes out on its first attempt.
    const m = await settled((await t.database.query<{ id: string }>("SELECT id FROM outbox_message WHERE recipient = 'fara-raspuns@exemplu.test'"))[0]!.id);
    expect(m).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('does not send a message twice when its job runs again', async () => {
    const [id] = await enqueue({ email: 'o-data@exemplu.test' });
    await settled(id!);
    await t.deps.jobs.send(DELIVER_JOB, { id: id! });
    const again = await deliverMessage(
      { ...t.deps, transports: { mailer: null, sms: { send: () => Promise.reject(new Error('must not be called')) } } },
      { id: id! },
    );
    expect(again).toBe('skipped');
    await new Promise((r) => setTimeout(r, 2500));
    expect(smtp.received.filter((r) => r.to.includes('o-data@exemplu.test'))).toHaveLength(1);
    const m = (await findMessage(t.deps.db, id!))!;
    expect(m.attempts).toBe(1);
  });
});

describe('SMS delivery through the gateway protocol (simulator over HTTP)', () => {
  it('sends an SMS to the E.164 number with the configured sender', async () => {
    const ids = await enqueue({ phone: '0722 123 456' }, ['sms']);
    expect(ids).toHaveLength(1);
    const m = await settled(ids[0]!);
    expect(m.status).toBe('sent');
    const sms = sim.messages.find((s) => s.id === m.providerId)!;
    expect(sms.to).toBe('+40722123456');
    expect(sms.sender).toBe('PRIMARIA5');
    expect(sms.text).toBe('Cererea nr. 12345/22.11.2026 a fost înregistrată. Primăria Sectorului 5');
  });

  it('retries while the gateway answers 503, then sends', async () => {
    const before = sim.requests;
    sim.failNext(2);
    const [id] = await enqueue({ phone: '+40 733 000 111' }, ['sms']);
    const m = await settled(id!);
    expect(m.status).toBe('sent');
    expect(m.attempts).toBe(3);
    expect(m.lastError).toContain('503');
    expect(sim.requests - before).toBe(3);
    expect(sim.messages.filter((s) => s.to === '+40733000111')).toHaveLength(1);
  });

  it('fails at once when the gateway refuses the message (4xx)', async () => {
    sim.failNext(1, 422);
    const [id] = await enqueue({ phone: '0744 555 666' }, ['sms']);
    const m = await settled(id!);
    expect(m.status).toBe('failed');
    expect(m.attempts).toBe(1);
    expect(m.lastError).toContain('422');
  });

  it('fails without calling the gateway when the number is not a phone number', async () => {
    const before = sim.requests;
    const [id] = await enqueue({ phone: '12' }, ['sms']);
    const m = await settled(id!);
    expect(m.status).toBe('failed');
    expect(m.lastError).toContain('invalid phone number');
    expect(sim.requests).toBe(before);
  });
});

describe('the sweep', () => {
  it('is scheduled every minute', async () => {
    const schedules = await t.deps.jobs.boss.getSchedules();
    expect(schedules.find((s) => s.name === SWEEP_JOB)?.cron).toBe('* * * * *');
  });

  it('re-queues a message left queued for longer than any wait between attempts (15 minutes), and leaves one waiting for its next attempt alone', async () => {
    const insert = (id: string, email: string, minutesAgo: number) =>
      t.deps.db.insert(outboxMessage).values({
        id,
        channel: 'email',
        recipient: email,
        template: TEMPLATE,
        locale: 'ro',
        subject: 'Mesaj rămas în coadă',
        bodyText: 'Text',
        createdAt: sql`now() - make_interval(mins => ${minutesAgo})`,
        updatedAt: sql`now() - make_interval(mins => ${minutesAgo})`,
      });
    const stale = '0b0e0000-0000-4000-8000-000000000001';
    const recent = '0b0e0000-0000-4000-8000-000000000002';
    await insert(stale, 'uitat@exemplu.test', 20);
    // Tried 12 minutes ago: its job waits up to 10 minutes between late attempts (plus polling) and still holds it.
    await insert(recent, 'recent@exemplu.test', 12);

    expect(await requeueStaleMessages(t.deps)).toBe(1);
    expect(await requeueStaleMessages(t.deps)).toBe(0); // just re-queued: not again for fifteen minutes
    const m = await settled(stale);
    expect(m.status).toBe('sent');
    expect(smtp.received.some((r) => r.to.includes('uitat@exemplu.test'))).toBe(true);
    const [r] = await t.deps.db.select().from(outboxMessage).where(eq(outboxMessage.id, recent));
    expect((r as OutboxRow).status).toBe('queued');
  });
});
