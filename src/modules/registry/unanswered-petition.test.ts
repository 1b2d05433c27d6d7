import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, multipartForm, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { DEMO_ACCOUNTS } from '../identity/seed-demo.ts';
import { parseEntryForm } from './domain/entry-form.ts';

/* OG 27/2002 art. 7: an anonymous petition, or one without the petitioner's contact data, is filed without an answer. */

let t: TestApp;
let clock = Date.parse('2026-11-23T08:00:00Z');
let clerk: Client;
beforeAll(async () => {
  t = await startTestApp({ workers: false });
  t.deps.now = () => new Date(clock);
  clerk = await signInDemo(t, DEMO_ACCOUNTS.registryClerk, () => (clock += 30_000), '/birou');
});
afterAll(async () => t?.stop());

type ErrorAnswer = { error: { code: string; fields?: Record<string, string> } };
const cases = async () => (await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM "case"'))[0]!.n;

describe('the registry form marks an anonymous petition', () => {
  const base = { direction: 'incoming', channel: 'post', issuerName: '', summary: 'Sesizare nesemnată despre gunoiul din parc', pageCount: '1' };

  it('needs a reason, an incoming document and no case; names the issuer "Anonim"', () => {
    expect(parseEntryForm({ ...base, unanswered: 'yes' }, '2026-11-23')).toEqual({ ok: false, errors: { unansweredReason: 'registry.unanswered_reason_required' } });
    const both = parseEntryForm({ ...base, direction: 'outgoing', unanswered: 'yes', unansweredReason: 'Nesemnată', caseServiceCode: 'PETITIE' }, '2026-11-23');
    expect(both).toEqual({ ok: false, errors: { unanswered: 'registry.unanswered_only_incoming', caseServiceCode: 'registry.unanswered_no_case' } });
    const ok = parseEntryForm({ ...base, unanswered: 'yes', unansweredReason: 'Nesemnată, fără nume' }, '2026-11-23', { requireDepartment: true });
    expect(ok.ok && ok.value).toMatchObject({ issuerName: 'Anonim', unansweredReason: 'Nesemnată, fără nume' });
    // Without the mark nothing changes: an issuer is required, and a case needs the petitioner's contact data.
    expect(parseEntryForm({ ...base, caseServiceCode: 'PETITIE' }, '2026-11-23')).toMatchObject({ ok: false, errors: { issuerName: 'registry.issuer_required', issuerAddress: 'registry.case_contact_required' } });
  });
});

describe('registering an anonymous petition', () => {
  it('takes a number and files it without an answer at once, with the reason; no case, so no term runs', async () => {
    const before = await cases();
    const res = await clerk.api('POST', '/api/v1/registry/entries', {
      direction: 'incoming',
      channel: 'post',
      issuerName: '',
      summary: 'Sesizare nesemnată despre gunoiul din parcul Sebastian',
      pageCount: 1,
      unanswered: true,
      unansweredReason: 'Nu este semnată și nu are numele sau adresa petentului.',
    });
    expect(res.status).toBe(201);
    const r = res.json<{ id: string; number: { formatted: string }; caseId: string | null }>();
    expect(r.caseId).toBeNull();
    expect(await cases()).toBe(before);
    const search = await clerk.api('GET', `/api/v1/registry/entries?q=${encodeURIComponent('gunoiul din parcul Sebastian')}`);
    expect(search.status).toBe(200);
    const found = search.json<{ entries: { id: string }[] }>();
    const entry = found.entries.find((e) => e.id === r.id);
    expect(entry).toMatchObject({ issuerName: 'Anonim', resolutionCode: 'entry.filed_unanswered', resolution: 'Nu este semnată și nu are numele sau adresa petentului.', resolvedOn: '2026-11-23' });

    const page = await clerk.get(`/birou/registratura/intrari/${r.id}`);
    expect(page.body).toContain('Clasată fără răspuns la 23.11.2026 (petiție anonimă sau fără datele de contact ale petentului, OG 27/2002 art. 7): Nu este semnată');

    const missing = await clerk.api('POST', '/api/v1/registry/entries', { direction: 'incoming', channel: 'post', issuerName: 'Ion', summary: 'Petiție fără adresă', pageCount: 1, unanswered: true, caseServiceCode: 'PETITIE' });
    expect(missing.status).toBe(400);
    expect(missing.json<ErrorAnswer>().error.fields).toEqual({ caseServiceCode: 'registry.unanswered_no_case', unansweredReason: 'registry.unanswered_reason_required' });
  });

  it('is marked on the clerk’s form, which keeps what was typed when the reason is missing', async () => {
    const url = '/birou/registratura/inregistrare';
    const form = await clerk.get(url);
    expect(form.body).toContain('Petiția este anonimă sau nu are datele de contact ale petentului: se clasează fără răspuns (OG 27/2002, art. 7)');
    const fields = { direction: 'incoming', channel: 'email', issuerName: 'Vecinii de la bl. P4', summary: 'Reclamație fără adresă despre zgomot', pageCount: '1', unanswered: 'yes' };
    const post = async (extra: Record<string, string>) => {
      const { body, type } = multipartForm({ _csrf: clerk.csrf, ...fields, ...extra });
      return clerk.request('POST', url, body as unknown as string, { 'content-type': type });
    };
    const bad = await post({});
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Scrieți motivul clasării.');
    expect(bad.body).toContain('href="#unansweredReason"');
    expect(bad.body).toContain('Reclamație fără adresă despre zgomot');
    const ok = await clerk.follow(await post({ unansweredReason: 'Fără adresă, e-mail sau telefon.' }));
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('Clasată fără răspuns la 23.11.2026');
  });
});
