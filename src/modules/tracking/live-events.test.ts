import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventStream, type Stream } from '../../../test/support/event-stream.ts';
import { type Client, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { publishServiceVersion } from '../catalog/publish-service.ts';
import { openCase } from '../cases/open-case.ts';
import { recordCaseAction } from '../cases/record-case-action.ts';
import { session } from '../identity/schema.ts';
import { DEMO_ACCOUNTS, type DemoAccount } from '../identity/seed-demo.ts';
import { DEMO } from '../organisation/seed-demo.ts';

let t: TestApp;
let base: string;
let clock = Date.now();
const now = () => new Date(clock);
const { ion, maria, inspector, registryClerk } = DEMO_ACCOUNTS;
let versionId: string;
let civilStatusVersion: string;

const L = (ro: string, en = ro) => ({ ro, en });

beforeAll(async () => {
  t = await startTestApp();
  t.deps.now = now;
  const definition = {
    code: 'TEST-LIVE',
    category: 'urbanism',
    name: L('Aviz de test', 'Test approval'),
    description: L('Serviciu de test.', 'Test service.'),
    applicants: 'both',
    caseKind: 'request',
    documents: [],
    form: { schemaVersion: 1, pages: [{ id: 'cerere', title: L('Cererea'), items: [{ id: 'subject', type: 'text', label: L('Subiect', 'Subject'), required: true }] }] },
    fee: { kind: 'none' },
    term: { days: 30, unit: 'calendar' },
    tacitApproval: false,
    departmentCode: 'CU',
    fileCode: 'III-1',
    keywords: [],
  };
  versionId = (await t.database.db.transaction((tx) => publishServiceVersion(tx, { institutionId: DEMO.sector5, definition, actorId: null, at: now() }))).versionId;
  const civil = { ...definition, code: 'TEST-LIVE-SC', departmentCode: 'SC' };
  civilStatusVersion = (await t.database.db.transaction((tx) => publishServiceVersion(tx, { institutionId: DEMO.sector5, definition: civil, actorId: null, at: now() }))).versionId;
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
// Stopping the app ends the streams still open: a hanging stream would keep this from returning.
afterAll(async () => t?.stop());

async function openFor(who: DemoAccount, serviceVersionId = versionId): Promise<string> {
  const c = await t.database.db.transaction((tx) =>
    openCase(tx, {
      serviceVersionId,
      applicantAccountId: who.id,
      companyId: null,
      applicant: { kind: 'person', name: who.displayName, cnp: '1800101123450', email: who.email },
      answers: { subject: 'Reabilitare fațadă' },
      channel: 'online',
      actorId: who.id,
      transactionId: crypto.randomUUID(),
      feeBani: 0,
      at: now(),
    }),
  );
  return c.caseId;
}

const signIn = (a: DemoAccount): Promise<Client> => signInDemo(t, a, () => (clock += 30_000), a.totpSecret ? '/birou' : '/cont');

/** The inspector writes to the applicant: an action in the case's log, committed. */
const officialWrites = (caseId: string, text: string) =>
  t.database.db.transaction((tx) => recordCaseAction(tx, { caseId, type: 'message', actorId: inspector.id, transactionId: crypto.randomUUID(), payload: { text }, at: now() }));

/** Opens an event stream as the browser's EventSource would, with the client's cookies. */
const openStream = (client: Client | null, path: string): Promise<Stream> => openEventStream(base, client, path);

const CHANGED = /event: changed\n/;

describe('live updates of a request page', () => {
  it('the applicant’s open page hears at once that an official wrote, and only about their own case', async () => {
    const ionClient = await signIn(ion);
    const mine = await openFor(ion);
    const other = await openFor(ion);
    // Opening a case notifies too: on a busy machine that notice could reach the stream opened after it.
    await t.database.notifications.settle('pd_case_changed');
    const stream = await openStream(ionClient, `/cont/cereri/${mine}/evenimente`);
    try {
      expect(stream.status).toBe(200);
      expect(stream.type).toMatch(/^text\/event-stream/);
      expect(await stream.waitFor(/retry: \d+/)).toBe(true);

      await officialWrites(other, 'Despre cealaltă cerere');
      expect(await stream.waitFor(CHANGED, 1_000)).toBe(false);

      await officialWrites(mine, 'Vă rugăm să aduceți originalul');
      expect(await stream.waitFor(CHANGED)).toBe(true);
      // The stream says only that something changed; what changed is read through the page.
      expect(stream.text()).not.toContain('originalul');
    } finally {
      stream.close();
    }
  });

  it('someone else’s case, or a case that does not exist, answers 404 and no stream; signed out, no stream', async () => {
    const ionsCase = await openFor(ion);
    const mariaClient = await signIn(maria);
    const foreign = await openStream(mariaClient, `/cont/cereri/${ionsCase}/evenimente`);
    const missing = await openStream(mariaClient, `/cont/cereri/${crypto.randomUUID()}/evenimente`);
    const anonymous = await openStream(null, `/cont/cereri/${ionsCase}/evenimente`);
    for (const s of [foreign, missing, anonymous]) s.close();
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(anonymous.type).not.toMatch(/event-stream/);
    expect([302, 303, 401]).toContain(anonymous.status);
  });

  it('the official’s open file hears the applicant’s changes; an official of the case sees it, a citizen does not', async () => {
    const caseId = await openFor(ion);
    const official = await signIn(inspector);
    const stream = await openStream(official, `/birou/dosare/${caseId}/evenimente`);
    const ionClient = await signIn(ion);
    const asCitizen = await openStream(ionClient, `/birou/dosare/${caseId}/evenimente`);
    asCitizen.close();
    try {
      expect(stream.status).toBe(200);
      expect(asCitizen.status).toBe(404);
      await t.database.db.transaction((tx) => recordCaseAction(tx, { caseId, type: 'message', actorId: ion.id, transactionId: crypto.randomUUID(), payload: { text: 'Am trimis actul' }, at: now() }));
      expect(await stream.waitFor(CHANGED)).toBe(true);
    } finally {
      stream.close();
    }
  });

  it('an open tab does not keep an idle session alive: the stream does not count as activity', async () => {
    const ionClient = await signIn(ion);
    const caseId = await openFor(ion);
    const seen = async () => (await t.database.db.select({ at: session.lastSeenAt }).from(session).where(eq(session.accountId, ion.id))).map((r) => r.at.getTime()).sort().at(-1)!;
    const lastSeen = await seen();
    clock += 5 * 60_000; // five minutes later, still within the idle timeout
    const stream = await openStream(ionClient, `/cont/cereri/${caseId}/evenimente`);
    stream.close();
    expect(stream.status).toBe(200);
    expect(await seen()).toBe(lastSeen);
    // A page the person opens does count.
    await ionClient.get(`/cont/cereri/${caseId}`);
    expect(await seen()).toBe(clock);
  });

  it('one person gets a few streams at once (one per open tab), then 429; closing one frees its place', async () => {
    const ionClient = await signIn(ion);
    const caseId = await openFor(ion);
    const streams: Stream[] = [];
    try {
      for (let i = 0; i < 5; i++) streams.push(await openStream(ionClient, `/cont/cereri/${caseId}/evenimente`));
      expect(streams.map((s) => s.status)).toEqual([200, 200, 200, 200, 200]);
      const sixth = await openStream(ionClient, `/cont/cereri/${caseId}/evenimente`);
      sixth.close();
      expect(sixth.status).toBe(429);
      streams.pop()!.close();
      await new Promise((r) => setTimeout(r, 200));
      const again = await openStream(ionClient, `/cont/cereri/${caseId}/evenimente`);
      streams.push(again);
      expect(again.status).toBe(200);
    } finally {
      for (const s of streams) s.close();
    }
  });

  it('an official’s open inbox hears of a new or changed case in their departments only; the registry hears of all', async () => {
    const urbanism = await signIn(inspector);
    const registry = await signIn(registryClerk);
    const citizen = await signIn(ion);
    // The earlier tests' cases notified too: none of those notices may reach the streams opened now.
    await t.database.notifications.settle('pd_case_changed');
    const mine = await openStream(urbanism, '/birou/evenimente');
    const all = await openStream(registry, '/birou/evenimente');
    const none = await openStream(citizen, '/birou/evenimente');
    none.close();
    try {
      expect([mine.status, all.status, none.status]).toEqual([200, 200, 403]);
      await openFor(ion, civilStatusVersion); // a civil-status request: not the urbanism inspector's
      expect(await all.waitFor(CHANGED)).toBe(true);
      expect(await mine.waitFor(CHANGED, 1_000)).toBe(false);
      await openFor(ion); // an urbanism request
      expect(await mine.waitFor(CHANGED)).toBe(true);
    } finally {
      mine.close();
      all.close();
    }
  });
});

