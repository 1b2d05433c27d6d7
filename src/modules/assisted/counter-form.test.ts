import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { DEMO_SERVICES } from '../catalog/seed-services.ts';
import { DEMO_ACCOUNTS } from '../identity/seed-demo.ts';

/*
 * The counter form is read by the registry clerk, who fills it in for the applicant: its pages and questions speak
 * about the applicant ("Datele solicitantului"), not to the person reading them.
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

/** The page's own content, without the site's header and banners. */
const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

describe('the counter form speaks about the applicant', () => {
  it('titles the applicant’s page and asks who applies in the third person, in Romanian and English', async () => {
    const ro = main((await clerk.get('/birou/ghiseu/servicii/CERERE-GEN')).body);
    expect(ro).toContain('<h2 class="govuk-heading-m">Datele solicitantului</h2>');
    expect(ro).toContain('Solicitantul depune cererea ca:');
    // The note on a page that applies only after an answer quotes the question as the clerk reads it.
    expect(ro).toContain('Doar dacă la „Solicitantul depune cererea ca:” răspunsul este: Persoană fizică.');
    expect(ro).not.toContain('dumneavoastră');
    expect(ro).not.toContain('Depuneți cererea ca:');

    expect((await clerk.get('/birou/ghiseu/servicii/CERERE-GEN?lang=en')).status).toBe(303);
    const en = main((await clerk.get('/birou/ghiseu/servicii/CERERE-GEN')).body);
    expect(en).toContain('<h2 class="govuk-heading-m">Applicant’s details</h2>');
    expect(en).toContain('The applicant is applying as:');
    expect(en).not.toContain('Your details');
    expect((await clerk.get('/birou/ghiseu/servicii/CERERE-GEN?lang=ro')).status).toBe(303);
  });

  it('has no page of a demo service of the clerk’s institution addressed to “dumneavoastră”', async () => {
    const codes = DEMO_SERVICES.filter((d) => d.institutionSlug === 'sector5').map((d) => d.service.code);
    expect(codes.length).toBeGreaterThan(10);
    for (const code of codes) {
      const res = await clerk.get(`/birou/ghiseu/servicii/${code}`);
      expect(res.status, code).toBe(200);
      expect(main(res.body), code).not.toContain('dumneavoastră');
    }
  });
});
