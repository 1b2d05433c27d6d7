import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { componentExamples } from '../../platform/web/examples.tsx';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ workers: false });
});
afterAll(async () => t?.stop());

describe('static pages', () => {
  it('publishes the accessibility statement in the public-sector format, with the ADR enforcement procedure', async () => {
    const page = await t.client().get('/accesibilitate');
    expect(page.status).toBe(200);
    for (const text of [
      'Declarație de accesibilitate',
      'Primăria Sectorului 5',
      'Ordonanța de urgență a Guvernului nr. 112/2018',
      'Stadiul conformității',
      'parțial conform',
      'WCAG) versiunea 2.2, nivelul AA',
      'Conținut neaccesibil',
      'Feedback și date de contact',
      'Procedura de punere în aplicare',
      'Autoritatea pentru Digitalizarea României',
      'registratura@sector5.ro',
    ]) {
      expect(page.body).toContain(text);
    }
  });

  it('names the institution as data controller, with purposes, legal bases, retention, rights and the DPO', async () => {
    const page = await t.client().get('/confidentialitate');
    expect(page.status).toBe(200);
    for (const text of ['Operatorul datelor dumneavoastră este Primăria Sectorului 5', 'art. 6 alin. (1) lit. c)', 'Legii nr. 16/1996', 'cel mult 30 de zile', 'ANSPDCP', 'În atenția DPO']) {
      expect(page.body).toContain(text);
    }
  });

  it('lists exactly the four strictly necessary cookies with purpose and expiry', async () => {
    const page = await t.client().get('/cookies');
    const names = [...page.body.matchAll(/<code>(pd_\w+)<\/code>/g)].map((m) => m[1]);
    expect(names).toEqual(['pd_session', 'pd_anon', 'pd_lang', 'pd_flash']);
    expect(page.body).toContain('după o inactivitate de 30 min sau după cel mult 12 h');
    expect(page.body).toContain('După 60 de secunde');
  });

  it('shows the institution contact details and the way to write online', async () => {
    const page = await t.client().get('/contact');
    expect(page.body).toContain('registratura@sector5.ro');
    expect(page.body).toContain('href="/contact/mesaj"');
  });

  it('has every page in English too', async () => {
    const c = t.client();
    await c.get('/?lang=en');
    expect((await c.get('/accesibilitate')).body).toContain('Enforcement procedure');
    expect((await c.get('/confidentialitate')).body).toContain('Who the data controller is');
    expect((await c.get('/cookies')).body).toContain('Strictly necessary cookies');
    const contact = await c.get('/contact');
    expect(contact.body).toContain('Write to us online');
    // The institution's opening days, typed in Romanian by its administrator, read in English.
    const hours = contact.body.slice(contact.body.indexOf('<main'), contact.body.indexOf('</main>'));
    expect(hours).toMatch(/Monday|Tuesday|Friday/);
    expect(hours).not.toMatch(/Luni|Marți|Vineri/);
  });
});

describe('error pages and the component gallery (not in production)', () => {
  it.each([
    [403, 'Nu aveți acces la această pagină'],
    [404, 'Pagina nu a fost găsită'],
    [500, 'Ne pare rău, a apărut o problemă'],
    [503, 'Serviciul este temporar indisponibil'],
  ])('renders %i in the layout with what to do next', async (status, heading) => {
    const page = await t.client().get(`/dev/erori/${status}`);
    expect(page.status).toBe(status);
    expect(page.body).toContain(`<h1 class="govuk-heading-l">${heading}</h1>`);
    expect(page.body).toContain('href="/contact"');
    expect(page.body).not.toContain('example of an unexpected failure');
  });

  it('a page that is not found (an old link to a service) leads back to the catalogue, in both languages', async () => {
    const c = t.client();
    const page = await c.get('/servicii/sector5/NU-EXISTA');
    expect(page.status).toBe(404);
    expect(page.body).toContain('<a class="govuk-link" href="/servicii">Căutați serviciul în lista serviciilor primăriei</a>');
    await c.get('/?lang=en');
    expect((await c.get('/nu-exista')).body).toContain('Look for the service in the list of city hall services');
    // Other refusals keep to home and contact.
    expect((await t.client().get('/dev/erori/403')).body).not.toContain('href="/servicii"');
  });

  it('renders every named example of every component', async () => {
    const page = await t.client().get('/dev/componente');
    expect(page.status).toBe(200);
    for (const examples of Object.values(componentExamples)) for (const e of examples) expect(page.body).toContain(`id="${e.id}"`);
    expect(page.body).toContain('govuk-radios__conditional');
    expect(page.body).toContain('Numărul maxim de caractere: 200');
  });
});

describe('in production', () => {
  it('has no developer pages', async () => {
    const prod = await startTestApp({ workers: false, config: { env: 'production' } });
    try {
      const c = prod.client();
      expect((await c.get('/dev/componente')).status).toBe(404);
      expect((await c.get('/dev/erori/500')).status).toBe(404);
      expect((await c.get('/accesibilitate')).status).toBe(200);
    } finally {
      await prod.stop();
    }
  });
});
