import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { transactionAfter } from '../../../test/support/race.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { DEMO_ACCOUNTS, type DemoAccount } from '../identity/seed-demo.ts';
import { submitDraft } from './submit-draft.ts';

/*
 * A service withdrawn from the online catalogue at the instant a citizen submits a request for it: either the request
 * is registered before the withdrawal, or it is refused with the withdrawal's message and the draft is kept — never a
 * request registered after the administrator was told the service no longer takes any. Runs on PGlite and, with
 * DATABASE_URL, on PostgreSQL, where the submissions and the withdrawal really run at once.
 */

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await startTestApp({ workers: false });
  admin = await signInDemo(t, DEMO_ACCOUNTS.taxesAdministrator, () => {});
});
afterAll(async () => t?.stop());

type ErrorAnswer = { error: { code: string; message: string } };
const SERVICE_API = '/api/v1/admin/catalog/services/dgitl5/CERT-FISCAL';

async function answeredDraft(c: Client): Promise<string> {
  const d = (await c.api('POST', '/api/v1/drafts', { serviceCode: 'CERT-FISCAL', institution: 'dgitl5', restart: true })).json<{ id: string }>();
  expect((await c.api('PUT', `/api/v1/drafts/${d.id}/pages/tip_solicitant`, { answers: { applicant_kind: 'pf' } })).status).toBe(200);
  expect((await c.api('PUT', `/api/v1/drafts/${d.id}/pages/scop`, { answers: { purpose: 'credit', delivery: 'electronic', on_behalf: 'nu' } })).status).toBe(200);
  return d.id;
}

const setWithdrawn = async (withdrawn: boolean) => expect((await admin.api('POST', `${SERVICE_API}/${withdrawn ? 'withdraw' : 'republish'}`, {})).status).toBe(200);

/** The draft's case, if it was submitted, with when it was registered and when the service was withdrawn. */
async function outcome(draftId: string) {
  const [row] = await t.database.query<{ submitted_case_id: string | null; cases: number }>(
    'SELECT d.submitted_case_id, (SELECT count(*)::int FROM "case" c WHERE c.id = d.submitted_case_id) AS cases FROM case_draft d WHERE d.id = $1',
    [draftId],
  );
  return row!;
}

function citizen(a: DemoAccount, displayName: string): Actor {
  return { accountId: a.id, sessionId: 'test', email: a.email, displayName, locale: 'ro', isOfficial: false, emailVerified: true, totpEnabled: false, mfaPassed: true, memberships: [], ip: null };
}

describe('a withdrawal at the instant of a submission', () => {
  it('refuses the request, keeping the draft, when the withdrawal is committed after the draft was read but before its registration', async () => {
    const maria = await signInDemo(t, DEMO_ACCOUNTS.maria, () => {});
    const draftId = await answeredDraft(maria);
    // The administrator's withdrawal lands between the submission's first look at the service (offered) and its
    // transaction: the first transaction the submission opens waits for the withdrawal to be committed.
    const race = transactionAfter(t.deps.db, () => setWithdrawn(true));
    try {
      await expect(submitDraft({ ...t.deps, db: race.db }, citizen(DEMO_ACCOUNTS.maria, 'Maria Ionescu'), { draftId, declared: true })).rejects.toMatchObject({
        code: 'submission.service_withdrawn',
      });
      expect(race.ran()).toBe(true);
      // Nothing was registered; the citizen still has her draft, and sending it again tells her why it cannot go.
      expect(await outcome(draftId)).toEqual({ submitted_case_id: null, cases: 0 });
      expect((await maria.api('GET', `/api/v1/drafts/${draftId}`)).status).toBe(200);
      const again = await maria.api('POST', `/api/v1/drafts/${draftId}/submit`, { declaration: true });
      expect(again.status).toBe(409);
      expect(again.json<ErrorAnswer>().error.message).toContain('Serviciul a fost retras din catalogul online, așa că cererea nu mai poate fi trimisă pe platformă. Ciorna rămâne salvată');
    } finally {
      await setWithdrawn(false);
    }
    // Republished, the same draft is sent.
    expect((await maria.api('POST', `/api/v1/drafts/${draftId}/submit`, { declaration: true })).status).toBe(200);
  });

  it('submissions racing a withdrawal are each either registered or refused with the withdrawal message, never half-done', async () => {
    const maria = await signInDemo(t, DEMO_ACCOUNTS.maria, () => {});
    const ion = await signInDemo(t, DEMO_ACCOUNTS.ion, () => {});
    for (let round = 0; round < 4; round++) {
      const drafts = [
        { c: maria, id: await answeredDraft(maria) },
        { c: ion, id: await answeredDraft(ion) },
      ];
      const [answers] = await Promise.all([
        Promise.all(drafts.map((d) => d.c.api('POST', `/api/v1/drafts/${d.id}/submit`, { declaration: true }))),
        setWithdrawn(true),
      ]);
      for (const [i, res] of answers.entries()) {
        const state = await outcome(drafts[i]!.id);
        if (res.status === 200) {
          expect(state.cases).toBe(1);
        } else {
          expect(res.status).toBe(409);
          expect(res.json<ErrorAnswer>().error.code).toBe('submission.service_withdrawn');
          expect(state).toEqual({ submitted_case_id: null, cases: 0 });
        }
      }
      // Once the withdrawal is answered, no submission gets through.
      const late = await answeredDraftAfter(maria);
      expect(late.status).toBe(409);
      await setWithdrawn(false);
    }
  });
});

/** A draft started while the service is offered, submitted after it was withdrawn. */
async function answeredDraftAfter(c: Client) {
  await setWithdrawn(false);
  const id = await answeredDraft(c);
  await setWithdrawn(true);
  return c.api('POST', `/api/v1/drafts/${id}/submit`, { declaration: true });
}
