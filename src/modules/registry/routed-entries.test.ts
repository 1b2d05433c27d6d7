import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, multipartForm, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { bucharestDay } from '../../platform/calendar/calendar.ts';
import { DEMO_ACCOUNTS, type DemoAccount } from '../identity/seed-demo.ts';
import { DEMO, demoDepartmentId } from '../organisation/seed-demo.ts';

/*
 * A document registered without a case (a letter, a notice from another institution) reaches the department it was
 * routed to: its head sees it among the back office's links, opens it and its scan, says how it was resolved (the
 * register's "modul de rezolvare"), or forwards it to the department it belongs to. Other departments and citizens
 * see nothing of it (404 / 403), as for an entry that does not exist.
 */

let t: TestApp;
let clock = Date.now();
const now = () => new Date(clock);
const { registryClerk, headArchive, headOfDepartment, headBuildingPermits, director, ion } = DEMO_ACCOUNTS;
const ARH = demoDepartmentId(DEMO.sector5, 'ARH');
const AC = demoDepartmentId(DEMO.sector5, 'AC');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

let clerk: Client;
beforeAll(async () => {
  t = await startTestApp();
  t.deps.now = now;
  clerk = await signIn(registryClerk);
});
afterAll(async () => t?.stop());

function signIn(a: DemoAccount): Promise<Client> {
  return signInDemo(t, a, () => (clock += 30_000), a.totpSecret ? '/birou' : '/cont');
}

/** The clerk registers an incoming letter with a scan, routed to `departmentId`, opening no case; its entry id. */
async function registerLetter(departmentId: string, summary: string): Promise<string> {
  await clerk.get('/birou/registratura/inregistrare');
  const { body, type } = multipartForm(
    { _csrf: clerk.csrf, direction: 'incoming', channel: 'post', issuerName: 'Inspectoratul pentru Situații de Urgență București', issuerReference: `${Math.floor(Math.random() * 9000) + 1000}`, issuerDate: '20.11.2026', summary, pageCount: '2', annexCount: '0', departmentId },
    [{ field: 'scan', filename: 'adresa-isu.pdf', type: 'application/pdf', bytes: PDF }],
  );
  const res = await clerk.request('POST', '/birou/registratura/inregistrare', body as unknown as string, { 'content-type': type });
  const id = /\/birou\/registratura\/intrari\/([0-9a-f-]{36})/.exec(res.location ?? '')?.[1];
  if (!id) throw new Error(`registering answered ${res.status} ${res.location ?? res.body.slice(0, 300)}`);
  return id;
}

const lineOf = async (id: string) =>
  (await t.database.query<{ department_id: string; resolution: string | null; resolution_code: string | null; resolved_on: string | null; file_code: string | null }>(
    'SELECT department_id, resolution, resolution_code, resolved_on::text, file_code FROM registry_entry WHERE id = $1',
    [id],
  ))[0]!;

describe('documents routed to a department without a case', () => {
  let letter: string;
  let archive: Client;

  it('reach the department they were routed to: listed, opened, the scan downloaded, the reads audited', async () => {
    letter = await registerLetter(ARH, 'Adresă privind exercițiul de evacuare din 05.12.2026');
    archive = await signIn(headArchive);
    const office = await archive.get('/birou');
    expect(office.body).toContain('Documente repartizate compartimentului, fără dosar (de rezolvat: 1)');
    const list = await archive.get('/birou/documente');
    expect(list.status).toBe(200);
    expect(list.body).toContain('Adresă privind exercițiul de evacuare din 05.12.2026');
    expect(list.body).toContain(`/birou/documente/${letter}`);
    const page = await archive.get(`/birou/documente/${letter}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Inspectoratul pentru Situații de Urgență București');
    expect(page.body).toContain('Salvați modul de rezolvare');
    const scanHref = /href="(\/birou\/documente\/[^"]+\/scanari\/[^"]+)"/.exec(page.body)?.[1];
    expect(scanHref).toBeDefined();
    const scan = await t.app.inject({ method: 'GET', url: scanHref!, headers: { cookie: [...archive.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(scan.statusCode).toBe(200);
    expect(scan.rawPayload.equals(PDF)).toBe(true);
    const audited = await t.database.query<{ action: string }>("SELECT action FROM audit_entry WHERE actor_id = $1 AND action IN ('registry.entry_viewed', 'registry.scan_viewed') ORDER BY action", [headArchive.id]);
    expect(audited.map((a) => a.action)).toEqual(['registry.entry_viewed', 'registry.scan_viewed']);
  });

  it('are not shown to another department nor to a citizen: 404 as for an entry that does not exist, 403 for the list', async () => {
    const urbanism = await signIn(headOfDepartment);
    expect((await urbanism.get('/birou/documente')).body).not.toContain(letter);
    expect((await urbanism.get(`/birou/documente/${letter}`)).status).toBe(404);
    expect((await urbanism.get(`/birou/documente/${crypto.randomUUID()}`)).status).toBe(404);
    await urbanism.get('/birou');
    expect((await urbanism.post(`/birou/documente/${letter}/rezolvare`, { way: 'filed' })).status).toBe(404);
    expect((await lineOf(letter)).resolved_on).toBeNull();
    const citizen = await signIn(ion);
    expect((await citizen.get('/birou/documente')).status).toBe(403);
    expect((await citizen.get(`/birou/documente/${letter}`)).status).toBe(404);
  });

  it('are resolved by the department: a missing or unexplained answer is refused with the form kept; the register says how', async () => {
    await archive.get(`/birou/documente/${letter}`);
    const none = await archive.post(`/birou/documente/${letter}/rezolvare`, { note: 'Am citit adresa' });
    expect(none.status).toBe(400);
    expect(none.body).toContain('Alegeți cum a fost rezolvat documentul');
    expect(none.body).toContain('Am citit adresa');
    const bare = await archive.post(`/birou/documente/${letter}/rezolvare`, { way: 'solved', fileCode: 'III 5 !' });
    expect(bare.status).toBe(400);
    expect(bare.body).toContain('Scrieți pe scurt ce s-a făcut');
    expect(bare.body).toContain('Indicativul dosarului are litere, cifre');
    expect((await lineOf(letter)).resolved_on).toBeNull();

    const done = await archive.post(`/birou/documente/${letter}/rezolvare`, { way: 'filed', note: 'Arhiva nu participă la exercițiu', fileCode: 'III-5' });
    expect(done.status).toBe(303);
    expect(done.location).toBe('/birou/documente');
    const line = await lineOf(letter);
    expect(line).toMatchObject({ resolution_code: 'entry.filed', resolution: 'Arhiva nu participă la exercițiu', resolved_on: bucharestDay(now()), file_code: 'III-5' });
    expect((await archive.get('/birou/documente')).body).toContain('Nu aveți documente de rezolvat.');
    const day = bucharestDay(now()).split('-').reverse().join('.');
    expect((await archive.get('/birou/documente?stare=rezolvate')).body).toContain(`Clasat la ${day}: Arhiva nu participă la exercițiu`);
    // The register (the clerk's search and its CSV) carries it in "how it was resolved".
    const csv = await clerk.get(`/birou/registratura/export?de_la=${day}&pana_la=${day}&format=csv`);
    expect(csv.body).toContain(`Clasat la ${day}: Arhiva nu participă la exercițiu`);
    // Resolved, it can no longer be forwarded.
    expect((await archive.post(`/birou/documente/${letter}/redirectionare`, { departmentId: AC })).status).toBe(409);
  });

  it('are forwarded to the department they belong to, which then has them (and the director above it); the sender no longer does', async () => {
    const misrouted = await registerLetter(ARH, 'Sesizare privind o construcție fără autorizație');
    await archive.get(`/birou/documente/${misrouted}`);
    const same = await archive.post(`/birou/documente/${misrouted}/redirectionare`, { departmentId: ARH });
    expect(same.status).toBe(400);
    expect(same.body).toContain('Documentul este deja la acest compartiment');
    const sent = await archive.post(`/birou/documente/${misrouted}/redirectionare`, { departmentId: AC });
    expect(sent.status).toBe(303);
    expect(sent.location).toBe('/birou/documente');
    expect((await lineOf(misrouted)).department_id).toBe(AC);
    expect((await archive.get(`/birou/documente/${misrouted}`)).status).toBe(404);

    const permits = await signIn(headBuildingPermits);
    expect((await permits.get('/birou/documente')).body).toContain('Sesizare privind o construcție fără autorizație');
    const directorate = await signIn(director);
    expect((await directorate.get('/birou/documente')).body).toContain('Sesizare privind o construcție fără autorizație');
    const audit = await t.database.query<{ details: { from: string; to: string } }>("SELECT details FROM audit_entry WHERE action = 'registry.entry_forwarded' AND entity_id = $1", [misrouted]);
    expect(audit.map((a) => a.details)).toEqual([{ from: ARH, to: AC }]);
  });

  it('can be sent on by the registry that routed them, which cannot resolve them', async () => {
    const letter2 = await registerLetter(ARH, 'Invitație la ședința comisiei de sistematizare');
    const page = await clerk.get(`/birou/documente/${letter2}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Repartizați documentul altui compartiment');
    expect(page.body).not.toContain('Salvați modul de rezolvare');
    expect((await clerk.post(`/birou/documente/${letter2}/rezolvare`, { way: 'noted' })).status).toBe(403);
    const sent = await clerk.post(`/birou/documente/${letter2}/redirectionare`, { departmentId: AC });
    expect(sent.status).toBe(303);
    expect((await lineOf(letter2)).department_id).toBe(AC);
  });

  it('are handled through the JSON API as on the pages', async () => {
    const letter3 = await registerLetter(ARH, 'Notificare privind inventarierea anuală');
    const list = await archive.api('GET', '/api/v1/registry/routed');
    expect(list.status).toBe(200);
    const listed = list.json<{ entries: { id: string; summary: string }[] }>().entries;
    expect(listed.map((e) => e.id)).toContain(letter3);
    const one = await archive.api('GET', `/api/v1/registry/routed/${letter3}`);
    expect(one.json()).toMatchObject({ id: letter3, handles: true, mayForward: true, scans: [{ filename: 'adresa-isu.pdf', mediaType: 'application/pdf' }] });
    const urbanism = await signIn(headOfDepartment);
    expect((await urbanism.api('GET', `/api/v1/registry/routed/${letter3}`)).status).toBe(404);
    expect((await urbanism.api('PUT', `/api/v1/registry/routed/${letter3}/resolution`, { way: 'noted' })).status).toBe(404);
    const unexplained = await archive.api('PUT', `/api/v1/registry/routed/${letter3}/resolution`, { way: 'solved' });
    expect(unexplained.status).toBe(400);
    expect(unexplained.json()).toMatchObject({ error: { code: 'validation', fields: { note: 'registry.resolve.note_required' } } });
    const done = await archive.api('PUT', `/api/v1/registry/routed/${letter3}/resolution`, { way: 'noted', note: 'Inventarierea se face pe 15.12.2026' });
    expect(done.status).toBe(200);
    expect(done.json()).toEqual({ resolvedOn: bucharestDay(now()) });
    expect((await archive.api('GET', '/api/v1/registry/routed?state=resolved')).json<{ entries: { id: string; resolutionCode: string }[] }>().entries).toContainEqual(
      expect.objectContaining({ id: letter3, resolutionCode: 'entry.noted' }),
    );
    const letter4 = await registerLetter(ARH, 'Adresă greșit repartizată');
    await clerk.get('/birou/registratura');
    const forwarded = await clerk.api('POST', `/api/v1/registry/routed/${letter4}/forward`, { departmentId: AC });
    expect(forwarded.status).toBe(200);
    expect(forwarded.json()).toEqual({ departmentName: 'Serviciul Autorizații de Construire', staffed: true });
  });
});

