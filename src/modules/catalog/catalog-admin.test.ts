import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { openCase } from '../cases/open-case.ts';
import { DEMO_ACCOUNTS, type DemoAccount } from '../identity/seed-demo.ts';
import { DEMO, demoDepartmentId } from '../organisation/seed-demo.ts';
import { createDraftVersion } from './create-draft-version.ts';
import { QUESTION_TYPES } from './domain/form-definition.ts';
import { getServiceVersion } from './get-service-version.ts';
import { findPublishedByCode } from './store.ts';

let t: TestApp;
let clock = Date.now();
const now = () => new Date(clock);

beforeAll(async () => {
  t = await startTestApp({ workers: false });
  t.deps.now = now;
});
afterAll(async () => t?.stop());

const signIn = (a: DemoAccount): Promise<Client> => signInDemo(t, a, () => (clock += 30_000));

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The JSON in the editor's textarea, as the administrator sees it. */
function editorJson(html: string): Record<string, unknown> {
  const m = /<textarea[^>]*name="definition"[^>]*>([\s\S]*?)<\/textarea>/.exec(html);
  if (!m) throw new Error('no editor textarea');
  const text = m[1]!.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return JSON.parse(text);
}

async function auditCount(action: string): Promise<number> {
  const [row] = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_entry WHERE action = $1', [action]);
  return Number(row?.n ?? 0);
}

describe('service editor', () => {
  it('lists the services, opens a draft, refuses a condition on a missing question with a readable message and keeps the typed JSON', async () => {
    const admin = await signIn(DEMO_ACCOUNTS.administrator);
    const list = await admin.get('/admin/servicii');
    expect(list.status).toBe(200);
    expect(list.body).toContain('Primăria Sectorului 5');
    expect(list.body).toContain('href="/admin/servicii/sector5/PETITIE"');
    expect(list.body).toContain('v1');
    expect(list.body).not.toContain('CERT-FISCAL'); // DGITL's service, another institution

    const service = await admin.get('/admin/servicii/sector5/PETITIE');
    expect(service.status).toBe(200);
    expect(service.body).toContain('Istoricul versiunilor');
    expect(service.body).toContain('Publicată');

    const created = await admin.post('/admin/servicii/sector5/PETITIE/versiune-noua');
    expect(created.status).toBe(303);
    expect(created.location).toBe('/admin/servicii/sector5/PETITIE/ciorna');
    const editor = await admin.follow(created);
    expect(editor.body).toContain('Ciorna versiunii 2 a fost creată.');
    const draft = editorJson(editor.body);
    expect(draft.code).toBe('PETITIE');

    // A condition on a question that does not exist.
    const form = draft.form as { pages: { title: { ro: string }; items: { showIf?: unknown; label: { ro: string } }[] }[] };
    form.pages[0]!.items[0]!.showIf = { question: 'intrebare_lipsa', equals: 'da' };
    (draft.name as { ro: string }).ro = 'Petiție MARCAJ-TASTAT';
    const typed = JSON.stringify(draft, null, 2);
    const refused = await admin.post('/admin/servicii/sector5/PETITIE/ciorna', { definition: typed });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('govuk-error-summary');
    expect(refused.body).toContain(
      `Condiția de la pagina 1 („${escapeHtml(form.pages[0]!.title.ro)}”), întrebarea 1 („${escapeHtml(form.pages[0]!.items[0]!.label.ro)}”) se referă la întrebarea „intrebare_lipsa”, care nu există (sau apare mai târziu).`,
    );
    expect(editorJson(refused.body)).toEqual(draft);
    expect(refused.body).toContain('MARCAJ-TASTAT');
    // Nothing was saved.
    expect(editorJson((await admin.get('/admin/servicii/sector5/PETITIE/ciorna')).body).name).not.toEqual(draft.name);

    const broken = await admin.post('/admin/servicii/sector5/PETITIE/ciorna', { definition: '{ "code": "PETITIE", ' });
    expect(broken.status).toBe(400);
    expect(broken.body).toContain('Textul nu este JSON valid');
    expect(broken.body).toContain('{ &quot;code&quot;: &quot;PETITIE&quot;, ');

    const changedCode = await admin.post('/admin/servicii/sector5/PETITIE/ciorna', { definition: JSON.stringify({ ...editorJson(editor.body), code: 'ALT-COD' }) });
    expect(changedCode.status).toBe(400);
    expect(changedCode.body).toContain('Codul serviciului nu se poate schimba: trebuie să rămână „PETITIE”.');
  });

  it('explains the date limits in its help and refuses a date question whose earliest date is after its latest', async () => {
    const admin = await signIn(DEMO_ACCOUNTS.administrator);
    const editor = await admin.follow(await admin.post('/admin/servicii/sector5/DECES/versiune-noua'));
    expect(editor.body).toContain('Limitele unei întrebări de tip dată („notBefore”, „notAfter”)');
    const draft = editorJson(editor.body);
    const form = draft.form as { pages: { items: { id: string; notBefore?: unknown; notAfter?: unknown }[] }[] };
    const death = form.pages.flatMap((p) => p.items).find((i) => i.id === 'death_date')!;
    death.notBefore = { daysFromFiling: 5 };
    death.notAfter = { daysFromFiling: 0 };
    const refused = await admin.post('/admin/servicii/sector5/DECES/ciorna', { definition: JSON.stringify(draft, null, 2) });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain(
      'La „death_date” (pagina 1 („Persoana decedată”), întrebarea 3 („Data decesului”)) cea mai devreme dată acceptată („notBefore”: 5 zile de la depunere) este după cea mai târzie („notAfter”: 0 zile), deci nicio dată nu ar fi acceptată.',
    );
    death.notBefore = { daysFromFiling: -30 };
    const saved = await admin.post('/admin/servicii/sector5/DECES/ciorna', { definition: JSON.stringify(draft, null, 2) });
    expect(saved.status).toBe(303);
    expect(editorJson((await admin.follow(saved)).body).form).toEqual(draft.form);
  });

  it('publishes v2 while a case opened under v1 keeps v1; previews show the draft in words and as a citizen', async () => {
    const admin = await signIn(DEMO_ACCOUNTS.administrator);
    const v1 = await findPublishedByCode(t.deps.db, DEMO.sector5, 'AUDIENTA');
    expect(v1?.version).toBe(1);
    const opened = await t.deps.db.transaction((tx) =>
      openCase(tx, {
        serviceVersionId: v1!.versionId,
        applicantAccountId: DEMO_ACCOUNTS.ion.id,
        companyId: null,
        applicant: { kind: 'person', name: 'Ion Popescu', cnp: DEMO_ACCOUNTS.ion.person.cnp },
        answers: {},
        channel: 'online',
        actorId: DEMO_ACCOUNTS.ion.id,
        transactionId: crypto.randomUUID(),
        feeBani: 0,
        at: now(),
      } as Parameters<typeof openCase>[1]),
    );

    const editor = await admin.follow(await admin.post('/admin/servicii/sector5/AUDIENTA/versiune-noua'));
    const draft = editorJson(editor.body);
    (draft.name as { ro: string }).ro = 'Audiență la primar (versiunea nouă)';
    draft.term = { days: 15, unit: 'calendar' };
    const saved = await admin.post('/admin/servicii/sector5/AUDIENTA/ciorna', { definition: JSON.stringify(draft) });
    expect(saved.status).toBe(303);
    expect((await admin.follow(saved)).body).toContain('Ciorna a fost salvată.');

    const words = await admin.get('/admin/servicii/sector5/AUDIENTA/versiuni/2');
    expect(words.status).toBe(200);
    expect(words.body).toContain('Audiență la primar (versiunea nouă)');
    expect(words.body).toContain('15 zile calendaristice');
    expect(words.body).toContain('Ciornă');
    const citizen = await admin.get('/admin/servicii/sector5/AUDIENTA/versiuni/2/cetatean');
    expect(citizen.status).toBe(200);
    expect(citizen.body).toContain('<fieldset class="govuk-fieldset" disabled');
    for (const page of (draft.form as { pages: { title: { ro: string } }[] }).pages) expect(citizen.body).toContain(escapeHtml(page.title.ro));
    // Conditions said in words (the marriage form shows pages only for some answers).
    expect((await admin.get('/admin/servicii/sector5/CASATORIE/versiuni/1')).body).toMatch(/Doar dacă (la )?„/);

    // The public still sees v1 until publication.
    expect((await t.client().get('/servicii/sector5/AUDIENTA')).body).not.toContain('versiunea nouă');
    const published = await admin.post('/admin/servicii/sector5/AUDIENTA/ciorna/publicare');
    expect(published.status).toBe(303);
    expect((await admin.follow(published)).body).toContain('Versiunea 2 a fost publicată.');

    const pub = await t.client().get('/servicii/sector5/AUDIENTA');
    expect(pub.body).toContain('Audiență la primar (versiunea nouă)');
    expect(pub.body).toContain('15 zile calendaristice');
    const api = (await t.client().get('/api/v1/catalog/services/sector5/AUDIENTA')).json<{ version: number }>();
    expect(api.version).toBe(2);

    const [row] = await t.database.query<{ service_version_id: string }>('SELECT service_version_id FROM "case" WHERE id = $1', [opened.caseId]);
    expect(row?.service_version_id).toBe(v1!.versionId);
    const kept = await getServiceVersion(t.deps.db, row!.service_version_id);
    expect(kept.version).toBe(1);
    expect(kept.definition).toEqual(v1!.definition);
    const history = await admin.get('/admin/servicii/sector5/AUDIENTA');
    expect(history.body).toContain('Înlocuită');
    expect(await auditCount('catalog.version_published')).toBeGreaterThanOrEqual(1);
    expect(await auditCount('catalog.draft_updated')).toBeGreaterThanOrEqual(1);
  });

  it('publishes what is in the editor: edits typed and not yet saved are saved and published, not dropped', async () => {
    const admin = await signIn(DEMO_ACCOUNTS.administrator);
    const editor = await admin.follow(await admin.post('/admin/servicii/sector5/TERASA/versiune-noua'));
    // The publish button belongs to the editor's form, so the browser sends the textarea with it.
    expect(editor.body).toMatch(/<form[^>]*action="\/admin\/servicii\/sector5\/TERASA\/ciorna"[^>]*>(?:(?!<\/form>)[\s\S])*name="definition"(?:(?!<\/form>)[\s\S])*formaction="\/admin\/servicii\/sector5\/TERASA\/ciorna\/publicare"/);
    const draft = editorJson(editor.body);
    draft.term = { days: 12, unit: 'working' };
    const published = await admin.post('/admin/servicii/sector5/TERASA/ciorna/publicare', { definition: JSON.stringify(draft) });
    expect(published.status).toBe(303);
    expect((await t.client().get('/servicii/sector5/TERASA')).body).toContain('12 zile lucrătoare');

    // Typed with a mistake: nothing is published, the text stays on the screen with the problem.
    const next = editorJson((await admin.follow(await admin.post('/admin/servicii/sector5/TERASA/versiune-noua'))).body);
    next.term = { days: -1, unit: 'working' };
    const refused = await admin.post('/admin/servicii/sector5/TERASA/ciorna/publicare', { definition: JSON.stringify(next) });
    expect(refused.status).toBe(400);
    expect(editorJson(refused.body).term).toEqual({ days: -1, unit: 'working' });
    expect((await t.client().get('/api/v1/catalog/services/sector5/TERASA')).json<{ version: number }>().version).toBe(2);
  });

  it('shows the draft in the order of the model, code first and Romanian before English, not in the database order', async () => {
    const admin = await signIn(DEMO_ACCOUNTS.administrator);
    const editor = await admin.follow(await admin.post('/admin/servicii/sector5/COPII-ARHIVA/versiune-noua'));
    const text = /<textarea[^>]*name="definition"[^>]*>([\s\S]*?)<\/textarea>/.exec(editor.body)![1]!.replace(/&quot;/g, '"');
    expect(Object.keys(JSON.parse(text)).slice(0, 4)).toEqual(['code', 'category', 'name', 'description']);
    expect(text).toMatch(/^ {2}"name": \{\n {4}"ro": /m);
    expect(text.indexOf('"schemaVersion"')).toBeLessThan(text.indexOf('"pages"'));
  });

  it('says what is wrong with a value in Romanian, not in the English of the schema library (an empty name, a term of -1 days)', async () => {
    const admin = await signIn(DEMO_ACCOUNTS.administrator);
    const draft = editorJson((await admin.follow(await admin.post('/admin/servicii/sector5/COMERT-STRADAL/versiune-noua'))).body);
    (draft.name as { ro: string }).ro = '';
    draft.term = { days: -1, unit: 'working' };
    draft.fee = { kind: 'formula', expression: 'suprafata * 25' };
    delete draft.fileCode;
    const refused = await admin.post('/admin/servicii/sector5/COMERT-STRADAL/ciorna', { definition: JSON.stringify(draft) });
    expect(refused.status).toBe(400);
    const summary = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(refused.body)![0].replace(/&quot;/g, '"');
    expect(summary).toContain('Valoarea de la câmpul „name.ro” nu poate fi goală.');
    expect(summary).toContain('Valoarea de la câmpul „term.days” trebuie să fie cel puțin 0.');
    expect(summary).toContain('Valoarea de la câmpul „fee.kind” trebuie să fie una dintre: "none", "fixed", "per_unit", "by_option", "percent".');
    expect(summary).toContain('Lipsește câmpul „fileCode”');
    expect(summary).not.toMatch(/Too small|Invalid|expected/);
  });

  it('explains in the editor what a definition may hold: every question type, conditions, groups, fee kinds, the department codes', async () => {
    const admin = await signIn(DEMO_ACCOUNTS.administrator);
    const editor = await admin.follow(await admin.post('/admin/servicii/sector5/DECES/versiune-noua'));
    const help = /Ce puteți scrie în definiție[\s\S]*?<\/details>/.exec(editor.body)?.[0] ?? '';
    for (const type of [...QUESTION_TYPES, 'group']) expect(help, type).toContain(`&quot;type&quot;: &quot;${type}&quot;`);
    for (const kind of ['none', 'fixed', 'per_unit', 'by_option', 'percent']) expect(help, kind).toContain(`&quot;kind&quot;: &quot;${kind}&quot;`);
    expect(help).toContain('&quot;showIf&quot;');
    expect(help).toContain('&quot;minItems&quot;');
    expect(help).toContain('<code>DISC</code> — Biroul Disciplina în Construcții');
  });

  it('creates a new service from the blank template, private until published', async () => {
    const admin = await signIn(DEMO_ACCOUNTS.administrator);
    await admin.get('/admin/servicii/sector5/nou');
    // The departments in the order of the tree: a directorate, then its services and offices, marked by a dash.
    const form = (await admin.get('/admin/servicii/sector5/nou')).body;
    const at = (label: string) => form.indexOf(label);
    expect(at('Direcția Generală de Urbanism și Amenajarea Teritoriului (DGU)')).toBeGreaterThan(-1);
    expect(at('— Biroul Disciplina în Construcții (DISC)')).toBeGreaterThan(at('Direcția Generală de Urbanism și Amenajarea Teritoriului (DGU)'));
    expect(at('— Biroul Disciplina în Construcții (DISC)')).toBeLessThan(at('Direcția Juridică (JUR)'));
    const empty = await admin.post('/admin/servicii/sector5/nou', { code: 'x', nameRo: '', nameEn: 'Tree pruning' });
    expect(empty.status).toBe(400);
    expect(empty.body).toContain('Introduceți un cod de 2–31 de caractere');
    expect(empty.body).toContain('Alegeți categoria.');
    expect(empty.body).toContain('Introduceți denumirea în limba română');
    expect(empty.body).toContain('value="Tree pruning"');
    const taken = await admin.post('/admin/servicii/sector5/nou', { code: 'PETITIE', category: 'registratura', nameRo: 'A', nameEn: 'A', departmentCode: 'RP' });
    expect(taken.body).toContain('Există deja un serviciu cu acest cod.');

    const ok = await admin.post('/admin/servicii/sector5/nou', {
      code: 'aviz-toaletare',
      category: 'urbanism',
      nameRo: 'Aviz pentru toaletarea arborilor',
      nameEn: 'Tree pruning approval',
      departmentCode: 'DGU',
    });
    expect(ok.status).toBe(303);
    expect(ok.location).toBe('/admin/servicii/sector5/AVIZ-TOALETARE/ciorna');
    expect((await t.client().get('/servicii/sector5/AVIZ-TOALETARE')).status).toBe(404);
    await admin.get('/admin/servicii/sector5/AVIZ-TOALETARE/ciorna');
    expect((await admin.post('/admin/servicii/sector5/AVIZ-TOALETARE/ciorna/publicare')).status).toBe(303);
    const pub = await t.client().get('/servicii/sector5/AVIZ-TOALETARE');
    expect(pub.status).toBe(200);
    expect(pub.body).toContain('Aviz pentru toaletarea arborilor');
    expect((await t.client().get('/servicii?q=toaletare')).body).toContain('href="/servicii/sector5/AVIZ-TOALETARE"');
  });
});

describe('admin API', () => {
  it('creates, refuses with the problem list, updates and publishes a draft', async () => {
    const admin = await signIn(DEMO_ACCOUNTS.taxesAdministrator);
    await admin.get('/admin/servicii/dgitl5/RESTITUIRE');
    const created = await admin.api('POST', '/api/v1/admin/catalog/services/dgitl5/RESTITUIRE/draft', {});
    expect(created.status).toBe(201);
    const draft = created.json<{ version: number; definition: Record<string, unknown> }>();
    expect(draft.version).toBe(2);
    expect((await admin.api('POST', '/api/v1/admin/catalog/services/dgitl5/RESTITUIRE/draft', {})).status).toBe(200);

    const def = structuredClone(draft.definition) as { fee: unknown; departmentCode: string };
    def.fee = { kind: 'per_unit', amount: 100, question: 'nu_exista' };
    def.departmentCode = 'NIMENI';
    const refused = await admin.api('PUT', '/api/v1/admin/catalog/services/dgitl5/RESTITUIRE/draft', { definition: def });
    expect(refused.status).toBe(400);
    const problems = refused.json<{ error: { code: string; problems: { code: string; message: string }[] } }>().error;
    expect(problems.code).toBe('catalog.definition_invalid');
    expect(problems.problems.map((p) => p.code)).toEqual(expect.arrayContaining(['service.definition.fee_unknown_question', 'catalog.draft.unknown_department']));
    expect(problems.problems.map((p) => p.message)).toContain('Taxa se calculează după întrebarea „nu_exista”, care nu există în formular.');

    // A fee on an optional question would be 0 lei whenever it is left unanswered: refused, saying so.
    const optional = structuredClone(draft.definition) as { fee: unknown; form: { pages: { items: unknown[] }[] } };
    optional.form.pages[0]!.items.push({ id: 'nr_exemplare', type: 'number', label: { ro: 'Număr de exemplare', en: 'Copies' }, required: false, min: 1, max: 10 });
    optional.fee = { kind: 'per_unit', amount: 500, question: 'nr_exemplare' };
    const unanswered = await admin.api('PUT', '/api/v1/admin/catalog/services/dgitl5/RESTITUIRE/draft', { definition: optional });
    expect(unanswered.status).toBe(400);
    expect(unanswered.json<{ error: { problems: { message: string }[] } }>().error.problems.map((p) => p.message)).toContain(
      'Taxa se calculează din răspunsul la „nr_exemplare”, dar întrebarea nu este obligatorie: fără răspuns, cererea s-ar înregistra cu taxa 0 lei. Faceți întrebarea obligatorie (ștergeți „required”: false) sau alegeți alt fel de taxă.',
    );

    const good = { ...draft.definition, keywords: ['bani inapoi'] };
    const updated = await admin.api('PUT', '/api/v1/admin/catalog/services/dgitl5/RESTITUIRE/draft', { definition: good });
    expect(updated.status).toBe(200);
    const published = await admin.api('POST', '/api/v1/admin/catalog/services/dgitl5/RESTITUIRE/draft/publish', {});
    expect(published.status).toBe(200);
    expect(published.json()).toMatchObject({ version: 2, status: 'published' });
    const versions = (await admin.get('/api/v1/admin/catalog/services/dgitl5/RESTITUIRE/versions', { accept: 'application/json' })).json<{ versions: { version: number; status: string }[] }>();
    expect(versions.versions.map((v) => [v.version, v.status])).toEqual([
      [2, 'published'],
      [1, 'retired'],
    ]);
    const search = (await t.client().get('/api/v1/catalog/services?q=bani%20inapoi')).json<{ services: { code: string; version: number }[] }>();
    expect(search.services[0]).toMatchObject({ code: 'RESTITUIRE', version: 2 });
    // Another institution's catalogue is not theirs.
    const foreign = await admin.api('POST', '/api/v1/admin/catalog/services/sector5/PETITIE/draft', {});
    expect(foreign.status).toBe(403);
    expect(foreign.json<{ error: { code: string } }>().error.code).toBe('forbidden');
  });
});

describe('who may edit the catalogue', () => {
  it('refuses a citizen and an inspector on /admin/servicii and on the admin API', async () => {
    const anonymous = t.client();
    const redirected = await anonymous.get('/admin/servicii');
    expect(redirected.status).toBe(303);
    expect(redirected.location).toContain('/autentificare');

    for (const account of [DEMO_ACCOUNTS.maria, DEMO_ACCOUNTS.inspector]) {
      const c = await signIn(account);
      await c.get('/servicii/dgitl5/CERT-FISCAL');
      for (const url of ['/admin/servicii', '/admin/servicii/sector5/PETITIE', '/admin/servicii/sector5/PETITIE/ciorna', '/admin/servicii/sector5/nou', '/admin/servicii/sector5/PETITIE/versiuni/1']) {
        expect((await c.get(url)).status, `${account.email} ${url}`).toBe(403);
      }
      await c.get('/servicii/dgitl5/CERT-FISCAL');
      // Refused by the permission check, not by CSRF (which would also answer 403).
      const refusedPage = (r: { status: number; body: string }) => r.status === 403 && r.body.includes('Nu aveți dreptul să faceți această acțiune.');
      const refusedApi = (r: { status: number; json: <T>() => T }) => r.status === 403 && r.json<{ error: { code: string } }>().error.code === 'forbidden';
      expect(refusedPage(await c.post('/admin/servicii/sector5/PETITIE/versiune-noua'))).toBe(true);
      expect(refusedPage(await c.post('/admin/servicii/sector5/PETITIE/ciorna', { definition: '{}' }))).toBe(true);
      expect(refusedPage(await c.post('/admin/servicii/sector5/PETITIE/ciorna/publicare'))).toBe(true);
      expect(refusedPage(await c.post('/admin/servicii/sector5/nou', { code: 'X-Y', category: 'taxe', nameRo: 'a', nameEn: 'a', departmentCode: 'RP' }))).toBe(true);
      expect(refusedApi(await c.api('POST', '/api/v1/admin/catalog/services/sector5/PETITIE/draft', {}))).toBe(true);
      expect(refusedApi(await c.api('PUT', '/api/v1/admin/catalog/services/sector5/PETITIE/draft', { definition: {} }))).toBe(true);
      expect(refusedApi(await c.api('POST', '/api/v1/admin/catalog/services/sector5/PETITIE/draft/publish', {}))).toBe(true);
      expect(refusedApi(await c.get('/api/v1/admin/catalog/services/sector5/PETITIE/versions', { accept: 'application/json' }))).toBe(true);
      expect(
        refusedApi(await c.api('POST', '/api/v1/admin/catalog/services/sector5', { code: 'X-Y', category: 'taxe', nameRo: 'a', nameEn: 'a', departmentCode: 'RP' })),
      ).toBe(true);
    }
    const [row] = await t.database.query<{ n: number }>("SELECT count(*)::int AS n FROM service WHERE code = 'X-Y'");
    expect(Number(row?.n)).toBe(0);
  });

  it('the use case itself refuses an official without catalog.manage', async () => {
    const inspector: Actor = {
      accountId: DEMO_ACCOUNTS.inspector.id,
      sessionId: 'test',
      email: DEMO_ACCOUNTS.inspector.email,
      displayName: 'Andrei Popa',
      locale: 'ro',
      isOfficial: true,
      emailVerified: true,
      totpEnabled: true,
      mfaPassed: true,
      memberships: [{ institutionId: DEMO.sector5, departmentId: demoDepartmentId(DEMO.sector5, 'CU'), role: 'inspector' }],
      ip: null,
    };
    await expect(createDraftVersion(t.deps, { actor: inspector, institutionId: DEMO.sector5, code: 'PETITIE' })).rejects.toMatchObject({ code: 'forbidden' });
    const admin: Actor = { ...inspector, memberships: [{ institutionId: DEMO.sector5, departmentId: null, role: 'administrator' }] };
    await expect(createDraftVersion(t.deps, { actor: admin, institutionId: DEMO.taxes, code: 'CERT-FISCAL' })).rejects.toBeInstanceOf(AppError);
  });
});
