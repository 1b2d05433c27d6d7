import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { searchScore } from './domain/search-services.ts';
import { DEMO_SERVICES } from './seed-services.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ workers: false });
});
afterAll(async () => t?.stop());

/** The service names in the order the results page lists them. */
function listedNames(html: string): string[] {
  return [...html.matchAll(/<a class="govuk-link govuk-!-font-weight-bold" href="\/servicii\/[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]!);
}

describe('public catalogue', () => {
  it('finds the fiscal certificate first for "certificat fiscal", with or without diacritics', async () => {
    const c = t.client();
    for (const q of ['certificat fiscal', 'certificat fiscală', 'CERTIFICAT FISCAL', 'atestare fiscala']) {
      const res = await c.get(`/servicii?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      const names = listedNames(res.body);
      expect(names[0], q).toBe('Certificat de atestare fiscală');
    }
    // Other services mention the certificate in their descriptions: they are found, but after it.
    const names = listedNames((await c.get('/servicii?q=certificat+fiscal')).body);
    expect(names.length).toBeGreaterThan(1);
    expect(names).toContain('Scoaterea din evidența fiscală a unui mijloc de transport');
    // The parking services only say in their descriptions that the certificate is fetched for the applicant: not listed.
    for (const q of ['certificat fiscal', 'certificat fiscala']) {
      const found = listedNames((await c.get(`/servicii?q=${encodeURIComponent(q)}`)).body);
      expect(found.filter((n) => /parcare/i.test(n)), q).toEqual([]);
    }
    // A word no service is named by still finds the services that mention it in their descriptions.
    expect(listedNames((await c.get('/servicii?q=DTAC')).body)).toContain('Autorizație de construire sau de desființare');
  });

  it('speaks to the citizen in the polite form on the search and service pages (Căutați, Depuneți), not the familiar one', async () => {
    const c = t.client();
    const search = await c.get('/servicii?q=certificat+fiscal');
    expect(search.body).toMatch(/<button[^>]*>\s*Căutați\s*<\/button>/);
    expect(search.body).not.toMatch(/>\s*Caută\s*</);
    expect(search.body).toContain('<title>Rezultatele căutării: certificat fiscal');
    const service = await c.get('/servicii/dgitl5/CERT-FISCAL');
    expect(service.body).toContain('Depuneți cererea online');
    expect(service.body).not.toContain('Depune cererea online');
  });

  it('ranks a match in the name above a match in the description only', () => {
    const fiscal = DEMO_SERVICES.find((d) => d.service.code === 'CERT-FISCAL')!.service;
    const deregistration = DEMO_SERVICES.find((d) => d.service.code === 'RADIERE-AUTO')!.service;
    expect(searchScore(fiscal, 'certificat fiscal')).toBeGreaterThan(searchScore(deregistration, 'certificat fiscal'));
    expect(searchScore(fiscal, 'casatorie')).toBe(0);
  });

  it('tells the citizen when nothing matches', async () => {
    const res = await t.client().get('/servicii?q=zzzqqq');
    expect(res.status).toBe(200);
    expect(res.body).toContain('Niciun serviciu nu corespunde căutării „zzzqqq”.');
    // A way on: the registry's services, where the general request is.
    const link = /<a class="govuk-link" href="([^"]+)">Puteți depune oricând o cerere generală la Registratură<\/a>/.exec(res.body)?.[1];
    expect(link).toBeDefined();
    expect((await t.client().get(link!)).body).toContain('Cerere generală');
  });

  it('lists every category with its services, and a page per category', async () => {
    const c = t.client();
    const index = await c.get('/servicii');
    expect(index.status).toBe(200);
    for (const name of ['Registratură', 'Stare civilă', 'Taxe și impozite', 'Urbanism', 'Comerț', 'Asistență socială', 'Parcări', 'Consultări publice']) {
      expect(index.body).toContain(name);
    }
    expect(index.body).toContain('href="/servicii/dgitl5/CERT-FISCAL"');
    expect(index.body).toContain('href="/servicii/categorie/stare-civila"');

    const taxes = await c.get('/servicii/categorie/taxe');
    expect(taxes.status).toBe(200);
    const seededTaxes = DEMO_SERVICES.filter((d) => d.service.category === 'taxe');
    expect(seededTaxes.length).toBeGreaterThan(3);
    for (const d of seededTaxes) expect(taxes.body).toContain(`href="/servicii/${d.institutionSlug}/${d.service.code}"`);
    expect(taxes.body).not.toContain('href="/servicii/sector5/CASATORIE"');

    const civil = await c.get('/servicii/categorie/stare-civila');
    expect(civil.body).toContain('href="/servicii/sector5/CASATORIE"');
    // The identity card is issued by population records (Evidența persoanelor), not by civil status.
    expect(civil.body).not.toContain('href="/servicii/sector5/PROGRAMARE-CI"');
    const population = await c.get('/servicii/categorie/evidenta-persoanelor');
    expect(population.body).toContain('<h1 class="govuk-heading-l">Evidența persoanelor</h1>');
    expect(population.body).toContain('href="/servicii/sector5/PROGRAMARE-CI"');
    expect((await c.get('/servicii/categorie/nu-exista')).status).toBe(404);
  });

  it('shows a service: institution, documents we fetch ourselves, fee and term — in Romanian and English', async () => {
    const c = t.client();
    const ro = await c.get('/servicii/dgitl5/CERT-FISCAL');
    expect(ro.status).toBe(200);
    expect(ro.body).toContain('<h1 class="govuk-heading-l">Certificat de atestare fiscală</h1>');
    expect(ro.body).toContain('Direcția Generală de Impozite și Taxe Locale Sector 5');
    expect(ro.body).toContain('2 zile lucrătoare');
    expect(ro.body).toContain('Gratuit');
    expect(ro.body).toContain('href="/servicii/dgitl5/CERT-FISCAL/cerere"');
    expect(ro.body).toContain('Depuneți cererea online');
    expect(ro.body).toContain('href="/servicii/dgitl5/CERT-FISCAL/formular.docx"');

    const deregistration = await c.get('/servicii/dgitl5/RADIERE-AUTO');
    expect(deregistration.body).toContain('Nu trebuie să aduceți acest document — îl obținem noi cu acordul dumneavoastră.');
    expect(deregistration.body).toContain('Certificatul de atestare fiscală pentru vehicul');

    const marriage = await c.get('/servicii/sector5/CASATORIE');
    expect(marriage.body).toContain('Depinde de răspunsul la');
    expect(marriage.body).toContain('200,00 lei');

    const building = await c.get('/servicii/sector5/AUTORIZATIE-CONSTRUIRE');
    expect(building.body).toContain('30 de zile calendaristice');
    // The fee reads as the percentage the description gives, not as "0,01 lei × răspunsul la …".
    expect(building.body).toContain('1% din valoarea dată la „Valoarea estimată a lucrărilor (lei)”; 0,5% dacă la „Destinația construcției” ați ales „Locuință sau anexă la locuință”');
    expect(building.body).not.toContain('0,01 lei');

    const switched = await c.get('/servicii/dgitl5/RADIERE-AUTO?lang=en');
    expect(switched.status).toBe(303);
    const en = await c.get('/servicii/dgitl5/RADIERE-AUTO');
    expect(en.body).toContain('You do not need to bring this document — we obtain it ourselves with your consent.');
    expect(en.body).toContain('Apply online');
    const enFiscal = await c.get('/servicii/dgitl5/CERT-FISCAL');
    expect(enFiscal.body).toContain('2 working days');
    expect(enFiscal.body).toContain('Free');
    const enBuilding = (await c.get('/servicii/sector5/AUTORIZATIE-CONSTRUIRE')).body;
    expect(enBuilding).toContain('30 calendar days');
    expect(enBuilding).toContain('1% of the amount you give in “Estimated value of the works (lei)”; 0.5% if you chose “Home or outbuilding of a home” in “Use of the building”');
    // Who issues a document the city hall fetches itself is named in the page's language.
    const enUrbanism = (await c.get('/servicii/sector5/CERT-URBANISM')).body;
    expect(enUrbanism).toContain('Issued by: ANCPI (Bucharest Office of Cadastre and Land Registration)');
    expect(enUrbanism).not.toContain('Oficiul de Cadastru');
    expect((await c.get('/servicii/sector5/CERT-URBANISM?lang=ro')).status).toBe(303);
    expect((await c.get('/servicii/sector5/CERT-URBANISM')).body).toContain('Emis de: ANCPI (Oficiul de Cadastru și Publicitate Imobiliară București)');
  });

  it('names the city hall "Primăria Sectorului 5" everywhere, in the captions of the lists too', async () => {
    const c = t.client();
    for (const path of ['/servicii', '/servicii?q=casatorie', '/servicii/sector5/CASATORIE']) {
      const body = (await c.get(path)).body;
      expect(body, path).not.toContain('Primăria Sector 5');
    }
    expect((await c.get('/servicii?q=casatorie')).body).toContain('Primăria Sectorului 5 · Stare civilă');
  });

  it('lists the fee of each option in the order the form asks them, not the order the database keeps them in', async () => {
    const marriage = (await t.client().get('/servicii/sector5/CASATORIE')).body;
    const at = (label: string) => marriage.indexOf(`${label} — `);
    expect(at('La sediul oficiului de stare civilă, într-o zi lucrătoare')).toBeGreaterThan(0);
    expect(at('La sediul oficiului de stare civilă, într-o zi lucrătoare')).toBeLessThan(at('La sediul oficiului de stare civilă, sâmbătă sau duminică'));
    expect(at('La sediul oficiului de stare civilă, sâmbătă sau duminică')).toBeLessThan(at('În afara sediului, într-o locație aleasă de viitorii soți'));
  });

  it('says a booking or a notice needs no answer, instead of a legal time limit of 0 days', async () => {
    for (const path of ['/servicii/sector5/PROGRAMARE-CI', '/servicii/sector5/ANUNT-INCEPERE']) {
      const body = (await t.client().get(path)).body;
      expect(body, path).toContain('Nu este nevoie de un răspuns: cererea se înregistrează pe loc');
      expect(body, path).not.toContain('Termenul legal de soluționare');
    }
    expect((await t.client().get('/servicii/sector5/CASATORIE')).body).toContain('Termenul legal de soluționare');
  });

  it('says which documents are shown in original at the office rather than attached', async () => {
    const body = (await t.client().get('/servicii/sector5/CASATORIE')).body;
    const item = /<li>Certificatele de naștere ale viitorilor soți[\s\S]*?<\/li>/.exec(body)?.[0];
    expect(item).toContain('Se prezintă în original la ghișeu; nu se atașează la cererea online.');
  });

  it('says when a document is asked only for some answers: on the service page (and in the administrator preview) and on the paper form', async () => {
    const condition = 'Doar dacă la „Pentru ce aveți nevoie de certificat?” răspunsul este „Succesiune (moștenire)”.';
    const item = (html: string) => /<li>Certificatul de deces, pentru succesiune[\s\S]*?<\/li>/.exec(html)?.[0];
    expect(item((await t.client().get('/servicii/dgitl5/CERT-FISCAL')).body)).toContain(condition);
    const res = await t.app.inject({ method: 'GET', url: '/servicii/dgitl5/CERT-FISCAL/formular.docx' });
    const text = strFromU8(unzipSync(new Uint8Array(res.rawPayload))['word/document.xml']!).replace(/<[^>]+>/g, '');
    expect(text).toMatch(/Certificatul de deces, pentru succesiune[^☐]*Doar dacă la „Pentru ce aveți nevoie de certificat\?” răspunsul este „Succesiune \(moștenire\)”\./);
  });

  it('answers 404 for a service that does not exist or belongs to another institution', async () => {
    const c = t.client();
    expect((await c.get('/servicii/sector5/NU-EXISTA')).status).toBe(404);
    expect((await c.get('/servicii/sector5/CERT-FISCAL')).status).toBe(404);
  });

  it('downloads an editable .docx form with the institution, every question and the documents', async () => {
    // Through inject directly: the test client keeps bodies as text, a zip needs the bytes.
    const res = await t.app.inject({ method: 'GET', url: '/servicii/dgitl5/RADIERE-AUTO/formular.docx' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toContain('attachment; filename="RADIERE-AUTO-v1-ro.docx"');
    const files = unzipSync(new Uint8Array(res.rawPayload));
    expect(Object.keys(files)).toContain('[Content_Types].xml');
    const body = strFromU8(files['word/document.xml']!);
    const service = DEMO_SERVICES.find((d) => d.service.code === 'RADIERE-AUTO')!.service;
    const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    for (const page of service.form.pages) {
      for (const item of page.items) expect(body, item.id).toContain(escapeXml(item.label.ro));
    }
    expect(body).toContain('Certificatul de atestare fiscală pentru vehicul');
    expect(body).toContain('îl obținem noi cu acordul dumneavoastră');
    // ...and the paper form asks for that consent, as the online form does: a box to tick.
    expect(body).toContain('☐ Sunt de acord ca Direcția Generală de Impozite și Taxe Locale Sector 5 să obțină direct');
    expect(body).toContain('☐');
    const header = Object.entries(files).find(([name]) => name.startsWith('word/header'));
    expect(strFromU8(header![1])).toContain('Direcția Generală de Impozite și Taxe Locale Sector 5');
  });
});

describe('catalogue JSON API', () => {
  it('searches published services and returns a definition', async () => {
    const c = t.client();
    const found = await c.get('/api/v1/catalog/services?q=certificat%20fiscal');
    expect(found.status).toBe(200);
    const body = found.json<{ services: { code: string; institution: { slug: string } }[] }>();
    expect(body.services[0]).toMatchObject({ code: 'CERT-FISCAL', institution: { slug: 'dgitl5' } });

    const social = (await c.get('/api/v1/catalog/services?institution=dgaspc5')).json<{ services: { institution: { slug: string } }[] }>();
    expect(social.services.length).toBeGreaterThan(0);
    expect(social.services.every((s) => s.institution.slug === 'dgaspc5')).toBe(true);
    const parking = (await c.get('/api/v1/catalog/services?category=parcari')).json<{ services: { category: string }[] }>();
    expect(parking.services.length).toBe(DEMO_SERVICES.filter((d) => d.service.category === 'parcari').length);

    expect((await c.get('/api/v1/catalog/services?category=stare-civila')).json<{ services: { category: string }[] }>().services[0]?.category).toBe('stare_civila');

    // A category or institution that does not exist is named in a 400, not answered with an empty list.
    const typo = await c.get('/api/v1/catalog/services?category=parcare');
    expect(typo.status).toBe(400);
    expect(typo.json<{ error: { code: string; message: string; fields: Record<string, string> } }>().error).toEqual({
      code: 'catalog.category_unknown',
      message: expect.stringContaining('„parcare”'),
      fields: { category: 'catalog.category_unknown' },
    });
    expect((await c.get('/api/v1/catalog/services?category=parcare', { 'accept-language': 'en' })).json<{ error: { message: string } }>().error.message).toContain('There is no category “parcare”');
    const noInstitution = await c.get('/api/v1/catalog/services?institution=sector9');
    expect(noInstitution.status).toBe(400);
    expect(noInstitution.json<{ error: { code: string; fields: Record<string, string> } }>().error).toMatchObject({ code: 'catalog.institution_unknown', fields: { institution: 'catalog.institution_unknown' } });

    const one = await c.get('/api/v1/catalog/services/dgitl5/CERT-FISCAL');
    expect(one.status).toBe(200);
    expect(one.json()).toMatchObject({ code: 'CERT-FISCAL', version: 1, definition: { term: { days: 2, unit: 'working' } } });
    expect((await c.get('/api/v1/catalog/services/dgitl5/NU-EXISTA')).status).toBe(404);

    const docs = (await c.get('/api/docs/json')).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(docs.paths)).toEqual(expect.arrayContaining(['/api/v1/catalog/services', '/api/v1/catalog/services/{institution}/{code}', '/api/v1/admin/catalog/services/{institution}/{code}/draft']));
    const list = (docs.paths['/api/v1/catalog/services'] as { get: { responses: Record<string, unknown>; parameters: { name: string; description?: string }[] } }).get;
    expect(Object.keys(list.responses)).toContain('400');
    expect(list.parameters.find((p) => p.name === 'category')?.description).toContain('catalog.category_unknown');
  });
});
