import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type FilePart, multipartForm, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { findPublishedByCode } from '../catalog/store.ts';
import { DEMO_ACCOUNTS, type DemoAccount } from '../identity/seed-demo.ts';
import { DEMO } from '../organisation/seed-demo.ts';
import { openCase } from './open-case.ts';

/*
 * A person who filed a request brings a signed withdrawal to the registry: the clerk checks who they are, registers
 * the paper (its own number, linked to the case) and the case is withdrawn — for a request filed at the counter by
 * someone without an account (who cannot withdraw online) as for one filed online.
 */
let t: TestApp;
let clerk: Client;
let clock = Date.now();
beforeAll(async () => {
  t = await startTestApp();
  t.deps.now = () => new Date(clock);
  clerk = await signIn(DEMO_ACCOUNTS.registryClerk);
});
afterAll(async () => t?.stop());

const signIn = (a: DemoAccount): Promise<Client> => signInDemo(t, a, () => (clock += 30_000));

async function open(who: DemoAccount | null, applicant: { name: string; cnp?: string; cui?: string; kind?: 'person' | 'company' }) {
  const service = await findPublishedByCode(t.deps.db, DEMO.sector5, 'PETITIE');
  const c = await t.database.db.transaction((tx) =>
    openCase(tx, {
      serviceVersionId: service!.versionId,
      applicantAccountId: who?.id ?? null,
      companyId: null,
      applicant: { kind: applicant.kind ?? 'person', name: applicant.name, cnp: applicant.cnp ?? null, cui: applicant.cui ?? null, email: who?.email ?? null },
      answers: { subject: 'Iluminat stradal', text: 'Stâlpul din fața blocului nu funcționează.' },
      channel: who ? 'online' : 'counter',
      actorId: who?.id ?? DEMO_ACCOUNTS.registryClerk.id,
      transactionId: crypto.randomUUID(),
      feeBani: 0,
      at: new Date(clock),
    }),
  );
  return { caseId: c.caseId, number: c.registry.display, entryId: c.registry.id };
}

const SCAN: FilePart = { field: 'scan', filename: 'retragere.pdf', type: 'application/pdf', bytes: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n') };

/** The case page's withdrawal form as the browser sends it: multipart, with the scan of the signed paper. */
async function withdraw(client: Client, caseId: string, fields: Record<string, string>, files: FilePart[] = [SCAN]) {
  if (!client.csrf) await client.get(`/birou/dosare/${caseId}`);
  const { body, type } = multipartForm({ _csrf: client.csrf, ...fields }, files);
  return client.request('POST', `/birou/dosare/${caseId}/retragere`, body as unknown as string, { 'content-type': type });
}

const status = async (id: string) => (await t.database.query<{ status: string }>('SELECT status FROM "case" WHERE id = $1', [id]))[0]!.status;

describe('a withdrawal brought on paper', () => {
  it('is registered at the counter for a request of someone without an account, after checking the CNP', async () => {
    const c = await open(null, { name: 'Vasile Ghișeu', cnp: '1800101123450' });
    const page = await clerk.get(`/birou/dosare/${c.caseId}`);
    expect(page.body).toContain('Înregistrați o cerere de retragere adusă la ghișeu');
    const tx = crypto.randomUUID();

    const wrong = await withdraw(clerk, c.caseId, { identity: '2850505123458', reason: 'Problema s-a rezolvat', transactionId: tx });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('CNP-ul nu este al persoanei care a depus cererea.');
    expect(wrong.body).toContain('Bifați că ați verificat actul de identitate.');
    expect(wrong.body).toContain('href="#retragere-pageCount"');
    // The form comes back open with what was typed.
    expect(wrong.body).toContain('Problema s-a rezolvat</textarea>');
    expect(wrong.body).toContain('href="#retragere-identity"');
    expect(wrong.body).toContain('href="#retragere-identityChecked"');
    expect(await status(c.caseId)).not.toBe('withdrawn');

    const ok = await withdraw(clerk, c.caseId, { identity: '1800101123450', identityChecked: 'da', reason: 'Problema s-a rezolvat', pageCount: '1', transactionId: tx });
    expect(ok.status).toBe(303);
    const after = await clerk.follow(ok);
    expect(after.body).toMatch(/Cererea de retragere a fost înregistrată cu nr\. \d+\/\d{2}\.\d{2}\.\d{4}; dosarul a fost retras\./);
    expect(await status(c.caseId)).toBe('withdrawn');
    // Its own number in the register: incoming, at the counter, from the applicant, linked to the request.
    const entries = await t.database.query<{ channel: string; issuer_name: string; summary: string; linked_entry_id: string; direction: string; page_count: number }>(
      'SELECT channel, issuer_name, summary, linked_entry_id, direction, page_count FROM registry_entry WHERE case_id = $1 AND id <> $2',
      [c.caseId, c.entryId],
    );
    expect(entries).toEqual([{ channel: 'counter', issuer_name: 'Vasile Ghișeu', summary: `Cerere de retragere a cererii nr. ${c.number} (Petiție)`, linked_entry_id: c.entryId, direction: 'incoming', page_count: 1 }]);
    // The scan of the signed paper is kept with the withdrawal's own entry, as a paper registered at the registry is.
    const docs = await t.database.query<{ filename: string; media_type: string; size_bytes: number }>(
      'SELECT d.filename, d.media_type, d.size_bytes FROM registry_document d JOIN registry_entry e ON e.id = d.registry_entry_id WHERE e.case_id = $1 AND e.id <> $2',
      [c.caseId, c.entryId],
    );
    expect(docs).toEqual([{ filename: 'retragere.pdf', media_type: 'application/pdf', size_bytes: SCAN.bytes.length }]);
    // The officials find it among the case's documents, and the audit names the scan by its hash.
    const casePage = await clerk.get(`/birou/dosare/${c.caseId}`);
    expect(casePage.body).toContain('retragere.pdf');
    const [audit] = await t.database.query<{ details: { documents: { sha256: string }[] } }>(
      "SELECT details FROM audit_entry WHERE action = 'case.documents_attached' AND entity_id = $1",
      [c.caseId],
    );
    expect(audit!.details.documents.map((d) => d.sha256)).toEqual([createHash('sha256').update(SCAN.bytes).digest('hex')]);
    // The request's own line in the register says how it ended.
    const [line] = await t.database.query<{ resolution_code: string }>('SELECT resolution_code FROM registry_entry WHERE id = $1', [c.entryId]);
    expect(line!.resolution_code).toBe('withdrawn');

    // The same form sent again (a double click, a reload) registers nothing more.
    const again = await withdraw(clerk, c.caseId, { identity: '1800101123450', identityChecked: 'da', reason: 'Problema s-a rezolvat', pageCount: '1', transactionId: tx });
    expect(again.status).toBe(303);
    const [n] = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM registry_entry WHERE case_id = $1', [c.caseId]);
    expect(n!.n).toBe(2);
    // A withdrawn request offers no withdrawal any more.
    expect((await clerk.get(`/birou/dosare/${c.caseId}`)).body).not.toContain('Înregistrați o cerere de retragere');
  });

  it('asks for the scan of the signed paper, checks it by content and keeps what was typed and chosen', async () => {
    const c = await open(null, { name: 'Vasile Ghișeu', cnp: '1800101123450' });
    const typed = { identity: '1800101123450', identityChecked: 'da', reason: 'Nu mai am nevoie', pageCount: '1', transactionId: crypto.randomUUID() };

    const none = await withdraw(clerk, c.caseId, typed, []);
    expect(none.status).toBe(400);
    expect(none.body).toContain('Alegeți scanarea cererii de retragere semnate.');
    expect(none.body).toContain('href="#retragere-scan"');
    // What was typed and ticked comes back.
    expect(none.body).toContain('Nu mai am nevoie</textarea>');
    expect(none.body).toMatch(/id="retragere-identityChecked"[^>]*checked/);
    expect(await status(c.caseId)).not.toBe('withdrawn');

    // A program renamed .pdf is refused by its content, by name.
    const renamed = await withdraw(clerk, c.caseId, typed, [{ field: 'scan', filename: 'retragere.pdf', type: 'application/pdf', bytes: Buffer.from('MZ\x90\x00 not a scan') }]);
    expect(renamed.status).toBe(400);
    expect(renamed.body).toContain('Fișierul „retragere.pdf” trebuie să fie PDF, JPG sau PNG.');
    expect(await status(c.caseId)).not.toBe('withdrawn');

    // A good scan sent with a mistake elsewhere is kept: sent again without choosing it, it is registered with it.
    const photo: FilePart = { field: 'scan', filename: 'retragere.png', type: 'image/png', bytes: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex') };
    const missingPages = await withdraw(clerk, c.caseId, { ...typed, pageCount: '' }, [photo]);
    expect(missingPages.status).toBe(400);
    expect(missingPages.body).toContain('retragere.png');
    const kept = /name="keptScans" value="([^"]+)"/.exec(missingPages.body)?.[1];
    expect(kept).toBeTruthy();
    const ok = await withdraw(clerk, c.caseId, { ...typed, keptScans: kept! }, []);
    expect(ok.status).toBe(303);
    expect(await status(c.caseId)).toBe('withdrawn');
    const docs = await t.database.query<{ filename: string }>('SELECT d.filename FROM registry_document d JOIN registry_entry e ON e.id = d.registry_entry_id WHERE e.case_id = $1', [c.caseId]);
    expect(docs.map((d) => d.filename)).toEqual(['retragere.png']);
  });

  it('withdraws an online request too, and e-mails its applicant', async () => {
    const maria = DEMO_ACCOUNTS.maria;
    const c = await open(maria, { name: maria.displayName, cnp: maria.person.cnp });
    const ok = await withdraw(clerk, c.caseId, { identity: maria.person.cnp, identityChecked: 'da', reason: 'Am depus din greșeală', pageCount: '1', transactionId: crypto.randomUUID() });
    expect(ok.status).toBe(303);
    expect(await status(c.caseId)).toBe('withdrawn');
    const [mail] = await t.database.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox_message WHERE lower(recipient) = lower($1) AND body_text LIKE $2", [maria.email, `%${c.number}%`]);
    expect(mail!.n).toBeGreaterThan(0);
    // The applicant sees the withdrawal and its reason on her case.
    const citizen = await signIn(maria);
    expect((await citizen.get(`/cont/cereri/${c.caseId}`)).body).toContain('Am depus din greșeală');
  });

  it('checks the CUI of a company’s request', async () => {
    const c = await open(null, { kind: 'company', name: 'Construct Demo SRL', cui: '18547290' });
    const wrong = await withdraw(clerk, c.caseId, { identity: 'RO 4433864', identityChecked: 'da', reason: 'Renunțăm', transactionId: crypto.randomUUID() });
    expect(wrong.body).toContain('CUI-ul nu este al firmei care a depus cererea.');
    const ok = await withdraw(clerk, c.caseId, { identity: 'RO18547290', identityChecked: 'da', reason: 'Renunțăm', pageCount: '2', transactionId: crypto.randomUUID() });
    expect(ok.status).toBe(303);
    expect(await status(c.caseId)).toBe('withdrawn');
  });

  it('is the registry’s: a head of department neither sees the form nor may send it', async () => {
    const c = await open(null, { name: 'Vasile Ghișeu', cnp: '1800101123450' });
    const head = await signIn(DEMO_ACCOUNTS.headPublicRelations);
    const page = await head.get(`/birou/dosare/${c.caseId}`);
    expect(page.status).toBe(200);
    expect(page.body).not.toContain('Înregistrați o cerere de retragere');
    const res = await withdraw(head, c.caseId, { identity: '1800101123450', identityChecked: 'da', reason: 'x', transactionId: crypto.randomUUID() });
    expect(res.status).toBe(403);
    expect(await status(c.caseId)).not.toBe('withdrawn');
  });

  it('is in the officials’ case API too', async () => {
    const c = await open(null, { name: 'Vasile Ghișeu', cnp: '1800101123450' });
    await clerk.get('/birou');
    const missing = await clerk.api('POST', `/api/v1/cases/${c.caseId}/withdrawals`, { identityChecked: true, reason: 'Nu mai este cazul' });
    expect(missing.status).toBe(400);
    expect(missing.json<{ error: { fields: Record<string, string> } }>().error.fields).toEqual({ identity: 'cases.paper_withdrawal.person_identity_required' });
    const notAScan = await clerk.api('POST', `/api/v1/cases/${c.caseId}/withdrawals`, {
      identity: '1800101123450',
      identityChecked: true,
      reason: 'Nu mai este cazul',
      scans: [{ filename: 'retragere.pdf', contentBase64: Buffer.from('<html>not a scan</html>').toString('base64') }],
    });
    expect(notAScan.status).toBe(400);
    expect(notAScan.json<{ error: { fields: Record<string, string> } }>().error.fields).toEqual({ scans: 'registry.scan_type' });
    const tx = crypto.randomUUID();
    const ok = await clerk.api('POST', `/api/v1/cases/${c.caseId}/withdrawals`, {
      identity: '1800101123450',
      identityChecked: true,
      reason: 'Nu mai este cazul',
      scans: [{ filename: 'retragere.pdf', contentBase64: Buffer.from(SCAN.bytes).toString('base64') }],
      transactionId: tx,
    });
    expect(ok.status).toBe(201);
    const [doc] = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM registry_document d JOIN registry_entry e ON e.id = d.registry_entry_id WHERE e.case_id = $1', [c.caseId]);
    expect(doc!.n).toBe(1);
    expect(ok.json()).toMatchObject({ status: 'withdrawn', duplicate: false, number: { formatted: expect.stringMatching(/^\d+\/\d{2}\.\d{2}\.\d{4}$/) } });
    const again = await clerk.api('POST', `/api/v1/cases/${c.caseId}/withdrawals`, { identity: '1800101123450', identityChecked: true, reason: 'Nu mai este cazul', transactionId: tx });
    expect(again.json()).toMatchObject({ duplicate: true, number: null });
    const late = await clerk.api('POST', `/api/v1/cases/${c.caseId}/withdrawals`, { identity: '1800101123450', identityChecked: true, reason: 'Încă o dată', transactionId: crypto.randomUUID() });
    expect(late.status).toBe(409);
  });
});
