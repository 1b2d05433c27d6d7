import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { sealAudit, verifyAudit } from '../../platform/audit/audit.ts';
import { csrfTokenFor } from '../../platform/http/csrf.ts';
import type { Notifier } from '../../platform/notify/notifier.ts';
import { findPublishedByCode } from '../catalog/store.ts';
import { openCase } from '../cases/open-case.ts';
import { account, person } from '../identity/schema.ts';
import { insertSession } from '../identity/session-store.ts';
import { validCnp } from '../identity/test-helpers.ts';
import { DEMO } from '../organisation/seed-demo.ts';
import { listNumbers } from '../registry/store.ts';
import { SUBMISSION_RECEIVED } from './templates.ts';

/*
 * Whole submissions under concurrency, on the fiscal certificate of DGITL Sector 5 (DEMO.taxes): the registry
 * numbers of the institution for a year stay exactly 1..N with rollbacks in the middle of submissions, also across
 * midnight of 1 January in Bucharest; every committed case has a tracking code, a registry entry, its audit entries
 * and exactly one "submission received" email. Each scenario uses its own far-off year so the counts are its own.
 * First at the use-case level (openCase + the email in one transaction), then through the JSON API.
 */

let t: TestApp;
let versionId: string;

/** The clock of the request being served: each simulated citizen submits at their own instant. */
const clock = new AsyncLocalStorage<Date>();
/** Citizens whose next submit fails after the case is opened (the transaction rolls back). */
const failNextSubmit = new Set<string>();

beforeAll(async () => {
  t = await startTestApp({ workers: false });
  const svc = await findPublishedByCode(t.database.db, DEMO.taxes, 'CERT-FISCAL');
  versionId = svc!.versionId;
  t.deps.now = () => clock.getStore() ?? new Date();
  // Fail the submit transaction at COMMIT, after openCase took the number: the e-mail is queued before the number,
  // so the injected fault breaks the case's link to its registry entry, a foreign key checked only at commit (0037).
  const real = t.deps.notifier;
  const failing: Notifier = {
    async enqueue(tx, message) {
      const ids = await real.enqueue(tx, message);
      const email = message.to.email ?? '';
      if (message.template === SUBMISSION_RECEIVED && failNextSubmit.delete(email)) {
        const caseId = String(message.data.url).split('/').pop();
        await tx.execute(sql`UPDATE "case" SET registry_entry_id = ${randomUUID()} WHERE id = ${caseId}`);
      }
      return ids;
    },
  };
  t.deps.notifier = failing;
});
afterAll(async () => t?.stop());

const BEFORE_MIDNIGHT = (year: number) => new Date(`${year}-12-31T21:59:59.500Z`); // 23:59:59.5 on 31 December in Bucharest
const AFTER_MIDNIGHT = (year: number) => new Date(`${year}-12-31T22:00:00.500Z`); // 00:00:00.5 on 1 January

class Rollback extends Error {}

/** What the database says about the institution's submissions registered in `year`. */
async function ledger(year: number) {
  const numbers = await listNumbers(t.database.db, DEMO.taxes, year);
  const cases = await t.database.query<{ id: string; tracking_code: string | null; number: number | null; emails: number; audits: number }>(
    `SELECT c.id, c.tracking_code, r.number,
       (SELECT count(*)::int FROM outbox_message o WHERE o.template = $3 AND o.body_text LIKE '%/cont/cereri/' || c.id::text || '%') AS emails,
       (SELECT count(*)::int FROM audit_entry a WHERE a.chain = $4 AND a.entity_id = c.id::text AND a.action = 'case.submitted') AS audits
     FROM "case" c LEFT JOIN registry_entry r ON r.id = c.registry_entry_id
     WHERE c.institution_id = $1 AND r.year = $2`,
    [DEMO.taxes, year, SUBMISSION_RECEIVED, DEMO.taxes],
  );
  const orphanEntries = await t.database.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM registry_entry r WHERE r.institution_id = $1 AND r.year = $2 AND NOT EXISTS (SELECT 1 FROM "case" c WHERE c.registry_entry_id = r.id)`,
    [DEMO.taxes, year],
  );
  return { numbers, cases, orphanEntries: orphanEntries[0]!.n };
}

const oneToN = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

function expectWholeSubmissions(l: Awaited<ReturnType<typeof ledger>>, committed: number) {
  expect(l.numbers).toEqual(oneToN(committed));
  expect(l.cases).toHaveLength(committed);
  expect(l.orphanEntries).toBe(0);
  expect(l.cases.map((c) => c.number).sort((a, b) => a! - b!)).toEqual(oneToN(committed));
  for (const c of l.cases) {
    expect(c.tracking_code).toMatch(/^[A-Z0-9]{8}$/);
    expect(c.emails).toBe(1);
    expect(c.audits).toBe(1);
  }
  expect(new Set(l.cases.map((c) => c.tracking_code)).size).toBe(committed);
}

describe('opening cases concurrently (use case level), some transactions rolled back after opening', () => {
  /** One submission as submitDraft does it: openCase and the email in one transaction; `rollback` throws after both. */
  async function submit(n: number, at: Date, rollback: boolean) {
    try {
      return await t.database.db.transaction(async (tx) => {
        const opened = await openCase(tx, {
          serviceVersionId: versionId,
          applicantAccountId: null,
          companyId: null,
          applicant: { kind: 'person', name: `Cetățean ${n}`, cnp: validCnp(n), email: `uc${n}@exemplu.ro` },
          answers: { applicant_kind: 'pf', purpose: 'credit', delivery: 'electronic', on_behalf: 'nu' },
          channel: 'online',
          actorId: null,
          transactionId: `uc:${randomUUID()}`,
          feeBani: 0,
          at,
        });
        await t.deps.notifier.enqueue(tx, {
          template: SUBMISSION_RECEIVED,
          to: { email: `uc${n}@exemplu.ro`, locale: 'ro' },
          data: { name: `Cetățean ${n}`, service: 'Certificat de atestare fiscală', number: opened.registry.display, trackingCode: opened.trackingCode, dueOn: opened.dueOn, url: `http://localhost:3000/cont/cereri/${opened.caseId}` },
        });
        if (rollback) throw new Rollback();
        return opened;
      });
    } catch (e) {
      if (e instanceof Rollback) return null;
      throw e;
    }
  }

  it('numbers 60 concurrent submissions, 12 rolled back, 1..48 with no gap or duplicate, each with one case, email and audit entry', async () => {
    const at = new Date('2031-06-16T07:30:00Z');
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => submit(i, at, i % 5 === 1)));
    const committed = results.filter((r) => r !== null);
    expect(committed).toHaveLength(48);
    expect(committed.every((r) => r.registry.display.endsWith('/16.06.2031'))).toBe(true);
    expectWholeSubmissions(await ledger(2031), 48);
  });

  it('restarts at 1 on 1 January with concurrent submissions at 23:59:59.5 and 00:00:00.5 Bucharest time', async () => {
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => submit(100 + i, i % 2 ? AFTER_MIDNIGHT(2032) : BEFORE_MIDNIGHT(2032), i % 6 === 4)));
    const old = results.filter((r) => r !== null && r.registry.year === 2032);
    const fresh = results.filter((r) => r !== null && r.registry.year === 2033);
    expect(old.length + fresh.length).toBe(results.filter((r) => r !== null).length);
    expect(old.length).toBeGreaterThan(10);
    expect(fresh.length).toBeGreaterThan(10);
    expect(old.every((r) => r!.registry.display.endsWith('/31.12.2032'))).toBe(true);
    expect(fresh.every((r) => r!.registry.display.endsWith('/01.01.2033'))).toBe(true);
    expectWholeSubmissions(await ledger(2032), old.length);
    expectWholeSubmissions(await ledger(2033), fresh.length);
  });
});

/** A verified citizen with a full profile (name, CNP, address: the applicant pages are prefilled) and a session. */
async function citizen(n: number, at: Date): Promise<{ email: string; client: Client; at: Date }> {
  const id = randomUUID();
  const email = `concurrent${n}@exemplu.ro`;
  await t.database.db.insert(account).values({ id, email, emailVerifiedAt: at, displayName: `Cetățean ${n}`, createdAt: at, updatedAt: at });
  await t.database.db.insert(person).values({ accountId: id, firstName: 'Cetățean', lastName: String(n), cnp: validCnp(n), address: `Str. Sebastian nr. ${n}, Sector 5, București` });
  const token = await insertSession(t.database.db, { accountId: id, mfaPassed: true, ip: '127.0.0.1', userAgent: 'concurrency test', absoluteHours: 12, now: at });
  const client = t.client();
  client.cookies.set('pd_session', token);
  client.csrf = csrfTokenFor(t.deps.config.sessionSecret, token); // what the pages of this session carry
  return { email, client, at };
}

type Submitted = { caseId: string; number: { formatted: string }; trackingCode: string; alreadySubmitted: boolean };

/** Draft, answers, consent: ready to submit (no upload needed when applying for oneself). */
async function fillDraft(c: { client: Client; at: Date }): Promise<string> {
  return clock.run(c.at, async () => {
    const created = await c.client.api('POST', '/api/v1/drafts', { serviceCode: 'CERT-FISCAL', institution: 'dgitl5' });
    expect(created.status).toBe(201);
    const id = created.json<{ id: string }>().id;
    for (const [page, answers] of [
      ['tip_solicitant', { applicant_kind: 'pf' }],
      ['scop', { purpose: 'credit', delivery: 'electronic', on_behalf: 'nu' }],
    ] as const) {
      expect((await c.client.api('PUT', `/api/v1/drafts/${id}/pages/${page}`, { answers })).status).toBe(200);
    }
    expect((await c.client.api('POST', `/api/v1/drafts/${id}/consents`, { agreed: ['death_certificate'] })).status).toBe(200);
    return id;
  });
}

const submitOver = (c: { client: Client; at: Date }, draftId: string) => clock.run(c.at, () => c.client.api('POST', `/api/v1/drafts/${draftId}/submit`, { declaration: true }));

/**
 * `count` citizens fill their drafts and submit at the same time; every `doubleEvery`-th submits twice at once
 * (double click), every `failEvery`-th fails once after the case was opened and then submits again.
 */
async function submitConcurrently(firstN: number, count: number, at: (i: number) => Date, doubleEvery: number, failEvery: number) {
  const citizens = await Promise.all(Array.from({ length: count }, (_, i) => citizen(firstN + i, at(i))));
  const drafts = await Promise.all(citizens.map((c) => fillDraft(c)));
  citizens.forEach((c, i) => {
    if (i % failEvery === failEvery - 1) failNextSubmit.add(c.email);
  });
  const first = await Promise.all(
    citizens.map(async (c, i) => {
      const tries = i % doubleEvery === 0 ? [submitOver(c, drafts[i]!), submitOver(c, drafts[i]!)] : [submitOver(c, drafts[i]!)];
      return Promise.all(tries);
    }),
  );
  const failed = first.map((responses, i) => (responses.every((r) => r.status === 500) ? i : -1)).filter((i) => i >= 0);
  // The failing citizens' only submit (or both, for a double click: the injected failure fires once) rolled back.
  const retried = await Promise.all(failed.map((i) => submitOver(citizens[i]!, drafts[i]!)));
  const outcome = new Map<number, Submitted>();
  first.forEach((responses, i) => {
    const ok = responses.filter((r) => r.status === 200).map((r) => r.json<Submitted>());
    if (ok.length) {
      // A double submit answers the same case twice, and only one of the two answers created it.
      expect(new Set(ok.map((s) => s.caseId)).size).toBe(1);
      expect(ok.filter((s) => !s.alreadySubmitted)).toHaveLength(1);
      outcome.set(i, ok[0]!);
    }
  });
  failed.forEach((i, k) => {
    expect(retried[k]!.status).toBe(200);
    expect(retried[k]!.json<Submitted>().alreadySubmitted).toBe(false);
    outcome.set(i, retried[k]!.json<Submitted>());
  });
  expect(failNextSubmit.size).toBe(0); // every injected failure fired
  return { citizens, drafts, first, failed, outcome };
}

describe('submitting through the JSON API concurrently', () => {
  it('gives ~50 concurrent submitters with double submits and failed submissions the numbers 1..N and one case per draft', async () => {
    const at = new Date('2034-03-10T08:15:00Z');
    const r = await submitConcurrently(1, 50, () => at, 5, 7);
    expect(r.failed.length).toBeGreaterThanOrEqual(7 - 1); // i % 7 === 6: 7 citizens, a double click of one may have succeeded on its other try
    for (const responses of r.first) for (const res of responses) expect([200, 500]).toContain(res.status);
    expect(r.outcome.size).toBe(50);
    const caseIds = [...r.outcome.values()].map((s) => s.caseId);
    expect(new Set(caseIds).size).toBe(50);
    expect([...r.outcome.values()].every((s) => s.number.formatted.endsWith('/10.03.2034'))).toBe(true);
    // Each draft points at its case, and no draft got two cases.
    const links = await t.database.query<{ n: number; drafts: number }>(
      'SELECT count(*)::int AS n, count(DISTINCT d.id)::int AS drafts FROM "case" c JOIN case_draft d ON d.submitted_case_id = c.id WHERE c.id = ANY($1::uuid[])',
      [caseIds],
    );
    expect(links[0]).toEqual({ n: 50, drafts: 50 });
    expectWholeSubmissions(await ledger(2034), 50);
    const declared = await t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_entry WHERE chain = $1 AND action = 'submission.declared' AND entity_id = ANY($2::text[])`,
      [DEMO.taxes, caseIds],
    );
    expect(declared[0]!.n).toBe(50);
  });

  it('numbers submissions sent at 23:59:59.5 and 00:00:00.5 on New Year in their own years, 1..N each', async () => {
    const r = await submitConcurrently(200, 30, (i) => (i % 2 ? AFTER_MIDNIGHT(2035) : BEFORE_MIDNIGHT(2035)), 4, 6);
    expect(r.failed.length).toBeGreaterThanOrEqual(4); // i % 6 === 5: 5 citizens, one of them also double-clicks
    expect(r.outcome.size).toBe(30);
    const all = [...r.outcome.entries()];
    const old = all.filter(([i]) => i % 2 === 0).map(([, s]) => s);
    const fresh = all.filter(([i]) => i % 2 === 1).map(([, s]) => s);
    expect(old.every((s) => s.number.formatted.endsWith('/31.12.2035'))).toBe(true);
    expect(fresh.every((s) => s.number.formatted.endsWith('/01.01.2036'))).toBe(true);
    expectWholeSubmissions(await ledger(2035), 15);
    expectWholeSubmissions(await ledger(2036), 15);
  });

  it('leaves every audit chain intact', async () => {
    // Concurrent submissions wrote their entries unsealed, in whatever order they committed; sealing links them.
    await sealAudit(t.database.db);
    const result = await verifyAudit(t.database.db);
    expect(result.breaks).toEqual([]);
    expect(result.checked).toBeGreaterThan(48 + 40 + 2 * (50 + 30));
  });
});
