import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { findPublishedByCode } from '../catalog/store.ts';
import { DEMO_ACCOUNTS } from '../identity/seed-demo.ts';
import { DEMO } from '../organisation/seed-demo.ts';
import { listNumbers } from '../registry/store.ts';
import { openCase } from './open-case.ts';
import { redirectPetition } from './redirect-petition.ts';
import { actorOf } from './seed-demo.ts';

/*
 * Sending a petition on to another institution of the platform takes a number in two registers in one transaction:
 * the petition's there, the outgoing letter's here (OG 27/2002 art. 6¹), each counter locked to commit. Two
 * institutions sending each other petitions at the same moment lock the same two counters: taken in opposite orders
 * they would deadlock (PostgreSQL would abort one, answered 500); taken in one order, one waits for the other.
 * PGlite runs one transaction at a time, so the forwards only interleave on a server (DATABASE_URL); the registers'
 * numbers are checked on both. The scenario uses its own far-off year, so the counts are its own.
 */

let t: TestApp;
const AT = new Date('2034-03-15T08:00:00Z');
const YEAR = 2034;
const PAIRS = 6;

beforeAll(async () => {
  t = await startTestApp({ workers: false });
  t.deps.now = () => AT;
});
afterAll(async () => t?.stop());

/** A petition filed at `institutionId`, registered under its number there. */
async function petitionAt(institutionId: string, n: number) {
  const version = (await findPublishedByCode(t.database.db, institutionId, 'PETITIE'))!.versionId;
  const opened = await t.database.db.transaction((tx) =>
    openCase(tx, {
      serviceVersionId: version,
      applicantAccountId: null,
      companyId: null,
      applicant: { kind: 'person', name: `Petent ${n}`, email: `petent${n}@exemplu.ro` },
      answers: { subject: `Petiția ${n}`, content: 'Nu ține de instituția aceasta.' },
      channel: 'online',
      actorId: null,
      transactionId: crypto.randomUUID(),
      feeBani: 0,
      at: AT,
    }),
  );
  return opened.caseId;
}

const oneToN = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('two institutions sending each other petitions at the same moment', () => {
  it('sends every one, each register numbered 1..N without a gap, every forward an outgoing letter in its sender’s register', async () => {
    const here: string[] = [];
    const there: string[] = [];
    for (let i = 0; i < PAIRS; i++) {
      here.push(await petitionAt(DEMO.sector5, i));
      there.push(await petitionAt(DEMO.taxes, 100 + i));
    }
    const sector5Clerk = actorOf(DEMO_ACCOUNTS.registryClerk);
    const taxesClerk = actorOf(DEMO_ACCOUNTS.taxesRegistryClerk);
    const reason = 'Nu ține de noi.';
    const results = await Promise.allSettled(
      here.flatMap((caseId, i) => [
        redirectPetition(t.deps, sector5Clerk, { caseId, to: 'platform', institution: DEMO.taxes, reason, transactionId: crypto.randomUUID() }),
        redirectPetition(t.deps, taxesClerk, { caseId: there[i]!, to: 'platform', institution: DEMO.sector5, reason, transactionId: crypto.randomUUID() }),
      ]),
    );
    // What went wrong, as PostgreSQL said it (a deadlock: "deadlock detected"), not the query that failed.
    const failed = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as Error & { cause?: Error }).cause?.message ?? String(r.reason)] : []));
    expect(failed).toEqual([]);

    // Each register: its own petitions, those received from the other, and one outgoing letter per petition sent on.
    for (const [institutionId, sent] of [
      [DEMO.sector5, here],
      [DEMO.taxes, there],
    ] as const) {
      expect(await listNumbers(t.database.db, institutionId, YEAR)).toEqual(oneToN(3 * PAIRS));
      const letters = await t.database.query<{ case_id: string; institution_id: string; number: number; forwarded: string }>(
        `SELECT e.case_id, e.institution_id, e.number,
           (SELECT a.payload->'redirect'->>'outgoingNumber' FROM case_action a WHERE a.case_id = e.case_id AND a.type = 'redirected') AS forwarded
         FROM registry_entry e WHERE e.institution_id = $1 AND e.year = $2 AND e.direction = 'outgoing'`,
        [institutionId, YEAR],
      );
      expect(letters.map((l) => l.case_id).sort()).toEqual([...sent].sort());
      for (const l of letters) expect(l.forwarded).toBe(`${l.number}/15.03.${YEAR}`);
    }
  });
});
