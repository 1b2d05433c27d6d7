import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, multipartForm, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { DEMO_ACCOUNTS } from '../identity/seed-demo.ts';
import { COUNTER_APPLICANT_ANSWERS } from './test-fixtures.ts';

/*
 * At the counter the clerk copies the person's home address into the service's form (its "Adresa de domiciliu"): that
 * address is how the answer reaches them, so the identification block does not ask for it a second time as a
 * "contact" — the form came back with "Scrieți cel puțin un contact" and the clerk typed the same address twice.
 */
let t: TestApp;
let clock = Date.now();
let clerk: Client;

beforeAll(async () => {
  t = await startTestApp({ workers: false });
  t.deps.now = () => new Date(clock);
  clerk = await signInDemo(t, DEMO_ACCOUNTS.registryClerk, () => (clock += 30_000), '/birou/ghiseu');
});
afterAll(async () => t?.stop());

async function file(fields: Record<string, string>) {
  await clerk.get('/birou/ghiseu/servicii/CERERE-GEN');
  const { body, type } = multipartForm({ _csrf: clerk.csrf, ...fields });
  return clerk.request('POST', '/birou/ghiseu/servicii/CERERE-GEN', body as unknown as string, { 'content-type': type });
}

const person = { pLastName: 'Țurcanu', pFirstName: 'Ștefania', pCnp: '2750505123452', pIdType: 'CI', pIdSeries: 'RX', pIdNumber: '654321', pPageCount: '1' };
const request = { subject: 'Adeverință', content: 'Vă rog să-mi eliberați o adeverință.', declaration_truth: 'yes' };

describe('a counter request whose form gives the home address', () => {
  it('needs no other contact, and the case is written to that address', async () => {
    const res = await file({ ...person, ...COUNTER_APPLICANT_ANSWERS, ...request });
    expect(res.status, res.body.slice(res.body.indexOf('govuk-error-summary'), res.body.indexOf('govuk-error-summary') + 600)).toBe(303);
    const [row] = await t.database.query<{ applicant: { address: string | null; name: string } }>("SELECT applicant FROM \"case\" WHERE applicant->>'cnp' = $1", [person.pCnp]);
    expect(row!.applicant.address).toBe('Calea 13 Septembrie nr. 90, București, Sector 5');
  });

  it('still asks for a contact when neither the person nor the form gives one', async () => {
    const res = await file({ ...person, pCnp: '1800101123450', applicant_kind: 'pj', company_cui: '18547290', company_name: 'Construct Demo SRL', representative_name: 'Ștefania Țurcanu', representative_role: 'administrator', ...request });
    expect(res.status).toBe(400);
    expect(res.body).toContain('Scrieți cel puțin un contact: e-mail, telefon sau adresă.');
  });
});
