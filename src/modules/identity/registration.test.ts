import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { RESEND_VERIFICATION_JOB } from './resend-verification-email.ts';
import { countRows, emailJobsHandled, lastEmail, linkIn, PASSWORD, personForm, registerPerson, signInAs, submitRegistration, validCnp } from './test-helpers.ts';

let t: TestApp;
const blobDir = mkdtempSync(join(tmpdir(), 'pd-blobs-'));
beforeAll(async () => {
  // Workers on: with them off, pg-boss's queue cache misses notify.deliver and the first send in a transaction waits forever on PGlite.
  t = await startTestApp({ config: { dataDir: blobDir } });
});
afterAll(async () => {
  await t?.stop();
  rmSync(blobDir, { recursive: true, force: true });
});

describe('registration of a person', () => {
  it('refuses a CNP with a wrong check digit, in Romanian, and keeps what was typed', async () => {
    const c = t.client();
    const good = validCnp(1);
    const wrongCheck = `${good.slice(0, 12)}${(Number(good[12]) + 1) % 10}`;
    const res = await registerPerson(c, 1, { cnp: wrongCheck, firstName: 'Ștefănuț' });
    expect(res.status).toBe(400);
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toContain('CNP-ul nu este valid: ultima cifră (cifra de control) nu corespunde');
    expect(res.body).toContain('value="Ștefănuț"');
    expect(res.body).toContain(`value="${wrongCheck}"`);
    expect(res.body).not.toContain('Castane-coapte-2026');
    // The empty password boxes say why they are empty.
    expect(res.body).toContain('Scrieți din nou parola, în ambele câmpuri: din motive de siguranță nu o păstrăm când formularul are erori.');
    expect(await countRows(t, 'account WHERE email = $1', ['cetatean1@exemplu.ro'])).toBe(0);
  });

  it('refuses a web address as a name: the confirmation e-mail greets the name at whatever address was typed', async () => {
    const c = t.client();
    const res = await registerPerson(c, 2, { firstName: 'Premiu', lastName: 'www.exemplu-rau.ro' });
    expect(res.status).toBe(400);
    expect(res.body).toContain('Numele conține caractere nepermise');
    expect(await countRows(t, 'account WHERE email = $1', ['cetatean2@exemplu.ro'])).toBe(0);
  });

  it('names the specific CNP problem: length and impossible date', async () => {
    const c = t.client();
    const short = await registerPerson(c, 1, { cnp: '19001014' });
    expect(short.body).toContain('CNP-ul trebuie să aibă exact 13 cifre');
    // 31 February 1990, with a correct check digit.
    const { cnpCheckDigit } = await import('../../platform/ids/cnp.ts');
    const impossible = `190023140001`;
    const res = await registerPerson(c, 1, { cnp: `${impossible}${cnpCheckDigit(impossible)}` });
    expect(res.body).toContain('data nașterii din CNP (cifrele 2–7) nu există');
  });

  it('applies the password rules: length, not the email, not a common password', async () => {
    const c = t.client();
    const short = await registerPerson(c, 2, { password: 'scurta', passwordConfirm: 'scurta' });
    expect(short.body).toContain('Parola trebuie să aibă cel puțin 10 caractere');
    const email = await registerPerson(c, 2, { password: 'cetatean2@exemplu.ro', passwordConfirm: 'cetatean2@exemplu.ro' });
    expect(email.body).toContain('Parola nu poate fi aceeași cu adresa de e-mail');
    const common = await registerPerson(c, 2, { password: 'qwertyuiop', passwordConfirm: 'qwertyuiop' });
    expect(common.body).toContain('se ghicește ușor');
    const mismatch = await registerPerson(c, 2, { passwordConfirm: 'altceva-decat-parola' });
    expect(mismatch.body).toContain('Cele două parole nu coincid');
    const phone = await registerPerson(c, 2, { phone: '12345' });
    expect(phone.body).toContain('Introduceți un număr de telefon din România');
  });

  it('sends the confirmation link again to whoever asks for an address, answering the same for any address, at most three an hour', async () => {
    const c = t.client();
    await submitRegistration(c, 40);
    const email = 'cetatean40@exemplu.ro';
    const mails = () => countRows(t, "outbox_message WHERE recipient = $1 AND template = 'identity.verify_email.v1'", [email]);
    expect(await mails()).toBe(1);
    const unknownEmail = 'necunoscut@exemplu.ro';
    const known = await c.post('/confirmare-email/retrimite', { email });
    const unknown = await c.post('/confirmare-email/retrimite', { email: unknownEmail });
    expect(known.status).toBe(303);
    expect({ status: unknown.status, location: unknown.location }).toEqual({ status: known.status, location: known.location });
    await emailJobsHandled(t, RESEND_VERIFICATION_JOB, email);
    await emailJobsHandled(t, RESEND_VERIFICATION_JOB, unknownEmail);
    expect(await mails()).toBe(2);
    expect(await countRows(t, 'outbox_message WHERE recipient = $1', [unknownEmail])).toBe(0);
    // Asking again and again does not flood the mailbox: three links an hour, then silence (the answer is the same).
    for (let i = 0; i < 4; i++) expect((await c.post('/confirmare-email/retrimite', { email })).status).toBe(303);
    await emailJobsHandled(t, RESEND_VERIFICATION_JOB, email);
    expect(await mails()).toBe(4);
  });

  it('creates the account, answers "check your e-mail", and the emailed link confirms the address once', async () => {
    const c = t.client();
    const res = await submitRegistration(c, 3);
    expect(res.status).toBe(200);
    expect(res.body).toContain('Verificați-vă e-mailul');
    expect(res.body).toContain('V-am trimis un mesaj la cetatean3@exemplu.ro');
    // Nobody is signed in by registering: a session only newcomers get would tell who is new.
    expect(c.cookies.has('pd_session')).toBe(false);

    const [acc] = await t.database.query<{ id: string; email_verified_at: Date | null; phone: string }>(
      'SELECT id, email_verified_at, phone FROM account WHERE email = $1',
      ['cetatean3@exemplu.ro'],
    );
    expect(acc?.email_verified_at).toBeNull();
    expect(acc?.phone).toBe('+40722123456');
    expect(await countRows(t, "audit_entry WHERE action = 'account.registered' AND subject_id = $1", [acc!.id])).toBe(1);

    const mail = await lastEmail(t, 'cetatean3@exemplu.ro');
    expect(mail?.template).toBe('identity.verify_email.v1');
    expect(mail?.subject).toBe('Confirmați adresa de e-mail');
    const link = linkIn(mail!.body_text, '/confirmare-email');

    const first = await c.get(link);
    expect(first.status).toBe(303);
    expect(first.location).toBe('/autentificare');
    expect((await c.follow(first)).body).toContain('Adresa de e-mail a fost confirmată');
    const [after] = await t.database.query<{ email_verified_at: Date | null }>('SELECT email_verified_at FROM account WHERE id = $1', [acc!.id]);
    expect(after?.email_verified_at).not.toBeNull();

    const second = await t.client().get(link);
    expect(second.status).toBe(400);
    expect(second.body).toContain('Linkul de confirmare nu mai este valabil');
    // Opened a second time, most likely: the way on is signing in, not only asking for another link.
    expect(second.body).toContain('Dacă ați confirmat deja adresa');
    expect(second.body).toMatch(/<a href="\/autentificare"[^>]*>Autentificați-vă<\/a>/);

    // Signed in with the chosen password, the confirmed person sees no banner.
    expect((await signInAs(c, 'cetatean3@exemplu.ro')).location).toBe('/cont');
    expect((await c.get('/cont')).body).not.toContain('Confirmați adresa de e-mail');
  });

  it('refuses an expired verification link (48 hours)', async () => {
    const c = t.client();
    await registerPerson(c, 4);
    const link = linkIn((await lastEmail(t, 'cetatean4@exemplu.ro'))!.body_text, '/confirmare-email');
    const realNow = t.deps.now;
    t.deps.now = () => new Date(Date.now() + 49 * 3600_000);
    try {
      const res = await t.client().get(link);
      expect(res.status).toBe(400);
    } finally {
      t.deps.now = realNow;
    }
  });

  it('treats a repeated identical submission as one registration', async () => {
    const c = t.client();
    await c.get('/inregistrare/persoana');
    // A double click: both requests leave the browser with the same cookies and token.
    const cookies = new Map(c.cookies);
    const form = { _csrf: c.csrf, ...personForm(5) };
    const first = await c.request('POST', '/inregistrare/persoana', form);
    c.cookies = new Map(cookies);
    const second = await c.request('POST', '/inregistrare/persoana', form);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body).toBe(first.body);
    expect(await countRows(t, 'account WHERE email = $1', ['cetatean5@exemplu.ro'])).toBe(1);
    // One message: the confirmation link, not also "you already have an account".
    expect(await countRows(t, 'outbox_message WHERE recipient = $1', ['cetatean5@exemplu.ro'])).toBe(1);
  });

  /** The page with the typed address blanked: all that may differ between two answers. */
  const answer = (res: { status: number; body: string; headers: Record<string, unknown> }, email: string) => ({
    status: res.status,
    cookies: res.headers['set-cookie'] ?? null,
    body: res.body.replaceAll(email, '«e-mail»'),
  });

  it('answers a taken e-mail exactly like a new registration, creates nothing and e-mails the owner the way back', async () => {
    const c = t.client();
    const fresh = await submitRegistration(c, 6);
    const taken = await submitRegistration(c, 7, { email: 'cetatean6@exemplu.ro', password: 'Alta-parola-lunga-2026', passwordConfirm: 'Alta-parola-lunga-2026' });
    expect(taken.status).toBe(200);
    expect(answer(taken, 'cetatean6@exemplu.ro')).toEqual(answer(fresh, 'cetatean6@exemplu.ro'));
    expect(await countRows(t, 'account WHERE email = $1', ['cetatean6@exemplu.ro'])).toBe(1);
    expect(await countRows(t, 'person WHERE cnp = $1', [validCnp(7)])).toBe(0);

    // The owner — perhaps someone who forgot they had registered — is told, and shown the way in.
    const mail = await lastEmail(t, 'cetatean6@exemplu.ro');
    expect(mail?.template).toBe('identity.account_exists.v1');
    expect(mail?.subject).toBe('Aveți deja un cont cu această adresă de e-mail');
    expect(mail?.body_text).toContain('poate chiar dumneavoastră');
    expect(mail?.body_text).toMatch(/https?:\/\/[^/\s]+\/autentificare\b/);
    expect(mail?.body_text).toMatch(/https?:\/\/[^/\s]+\/parola-uitata\b/);
    // The existing password still opens the account; the one typed in the second form does not.
    expect((await signInAs(t.client(), 'cetatean6@exemplu.ro', 'Alta-parola-lunga-2026')).status).toBe(401);
    expect((await signInAs(t.client(), 'cetatean6@exemplu.ro', PASSWORD)).status).toBe(303);
    const [owner] = await t.database.query<{ id: string }>('SELECT id FROM account WHERE email = $1', ['cetatean6@exemplu.ro']);
    // Recorded on the owner's access log, where they can see it.
    expect(await countRows(t, "audit_entry WHERE action = 'account.registration_refused' AND subject_id = $1", [owner!.id])).toBe(1);
  });

  it('creates the account of someone whose CNP another account declared, answering and mailing them as for any CNP; the holder is told', async () => {
    const c = t.client();
    const first = await submitRegistration(c, 8);
    // Someone else — the real person, or someone posing as them — types the same CNP with their own address.
    const second = await submitRegistration(c, 8, { email: 'altcineva@exemplu.ro' });
    expect(answer(second, 'altcineva@exemplu.ro')).toEqual(answer(first, 'cetatean8@exemplu.ro'));
    expect(await countRows(t, 'account WHERE email = $1', ['altcineva@exemplu.ro'])).toBe(1);
    expect(await countRows(t, 'person WHERE cnp = $1 AND cnp_verified_at IS NULL', [validCnp(8)])).toBe(2);

    // The newcomer's mailbox gets what any newcomer gets: nothing says another account holds that CNP.
    const typed = await lastEmail(t, 'altcineva@exemplu.ro');
    expect(typed?.template).toBe('identity.verify_email.v1');
    expect(await countRows(t, 'outbox_message WHERE recipient = $1', ['altcineva@exemplu.ro'])).toBe(1);

    // The account that declared it first learns it, with the way to settle it, and never the other address.
    const holder = await lastEmail(t, 'cetatean8@exemplu.ro');
    expect(holder?.template).toBe('identity.cnp_declared.v1');
    expect(holder?.subject).toBe('Un alt cont a declarat CNP-ul dumneavoastră');
    expect(holder?.body_text).toContain('autentificați-vă cu ROeID sau veniți la registratura primăriei cu actul de identitate');
    expect(holder?.body_text).not.toContain('altcineva');
    const [owner] = await t.database.query<{ id: string }>('SELECT id FROM account WHERE email = $1', ['cetatean8@exemplu.ro']);
    expect(await countRows(t, "audit_entry WHERE action = 'person.cnp_declared_elsewhere' AND subject_id = $1", [owner!.id])).toBe(1);
  });

  it('tells the account holding a CNP confirmed that another declared it, and that one cannot take it', async () => {
    const c = t.client();
    await submitRegistration(c, 15);
    await t.database.query("UPDATE person SET cnp_verified_at = now(), cnp_verified_by = 'counter:test' WHERE cnp = $1", [validCnp(15)]);
    const answered = await submitRegistration(c, 15, { email: 'impostor15@exemplu.ro' });
    expect(answered.status).toBe(200);
    expect((await lastEmail(t, 'impostor15@exemplu.ro'))?.template).toBe('identity.verify_email.v1');
    const holder = await lastEmail(t, 'cetatean15@exemplu.ro');
    expect(holder?.template).toBe('identity.cnp_declared_confirmed.v1');
    expect(holder?.body_text).toContain('Identitatea dumneavoastră este deja confirmată cu acest CNP');
    expect(await countRows(t, 'person WHERE cnp = $1 AND cnp_verified_at IS NOT NULL', [validCnp(15)])).toBe(1);
  });

  it('sends at most three "someone tried to register" e-mails an hour to one address, answering the same every time', async () => {
    const c = t.client();
    const fresh = await submitRegistration(c, 9);
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(answer(await submitRegistration(c, 100 + i, { email: 'cetatean9@exemplu.ro' }), 'cetatean9@exemplu.ro'));
    for (const a of answers) expect(a).toEqual(answer(fresh, 'cetatean9@exemplu.ro'));
    expect(await countRows(t, "outbox_message WHERE recipient = $1 AND template = 'identity.account_exists.v1'", ['cetatean9@exemplu.ro'])).toBe(3);
  });
});

describe('registration on the way to a request', () => {
  it('brings the newcomer back to the request they were starting, not to their account page', async () => {
    const target = '/servicii/dgitl5/CERT-FISCAL/cerere';
    const c = t.client();
    const signIn = await c.get(`/autentificare?next=${encodeURIComponent(target)}`);
    const link = `/inregistrare?next=${encodeURIComponent(target)}`;
    expect(signIn.body).toContain(`href="${link.replaceAll('&', '&amp;')}"`);
    await c.get(link);
    const chosen = await c.post(link, { kind: 'persoana' });
    expect(chosen.location).toBe(`/inregistrare/persoana?next=${encodeURIComponent(target)}`);
    const form = await c.get(chosen.location!);
    expect(form.body).toContain(`action="/inregistrare/persoana?next=${encodeURIComponent(target)}"`);
    const done = await c.post(chosen.location!, personForm(70));
    expect(done.status).toBe(200);
    expect(done.body).toContain('Verificați-vă e-mailul');
    // The confirmation e-mail leads back there, through signing in.
    const mail = await lastEmail(t, 'cetatean70@exemplu.ro');
    const confirm = /https?:\/\/[^/\s]+(\/confirmare-email\?token=[\w%-]+&next=[\w%.-]+)/.exec(mail!.body_text)?.[1];
    expect(confirm).toBeDefined();
    const confirmed = await c.get(confirm!);
    expect(confirmed.location).toBe(`/autentificare?next=${encodeURIComponent(target)}`);
    const signInPage = await c.follow(confirmed);
    expect(signInPage.body).toContain('Adresa de e-mail a fost confirmată');
    expect(signInPage.body).toContain(`name="next" value="${target}"`);
    expect((await c.post('/autentificare', { email: 'cetatean70@exemplu.ro', password: PASSWORD, next: target })).location).toBe(target);
    // Somewhere off the site is never a destination.
    const c2 = t.client();
    await c2.get('/inregistrare/persoana?next=//evil.example');
    expect((await c2.post('/inregistrare/persoana?next=//evil.example', personForm(71))).status).toBe(200);
    expect((await lastEmail(t, 'cetatean71@exemplu.ro'))?.body_text).not.toContain('evil');
  });
});

describe('registration of a company representative', () => {
  const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
  const PDF = Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );

  function multipart(fields: Record<string, string>, file: { filename: string; type: string; bytes: Buffer }) {
    const boundary = `----pdtest${Math.random().toString(16).slice(2)}`;
    const chunks: Buffer[] = [];
    for (const [k, v] of Object.entries(fields)) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    }
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="mandate"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`));
    chunks.push(file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`));
    return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
  }

  async function submit(c: Client, n: number, file: { filename: string; type: string; bytes: Buffer }, csrf?: string, overrides: Record<string, string> = {}) {
    await c.get('/inregistrare/companie');
    const { body, type } = multipart(
      { _csrf: csrf ?? c.csrf, companyCui: 'RO18547290', companyName: 'Exemplu Construct SRL', tradeRegisterNo: 'J40/1234/2020', ...personForm(n, overrides) },
      file,
    );
    return c.request('POST', '/inregistrare/companie', body as unknown as string, { 'content-type': type });
  }

  it('refuses a PNG renamed .pdf and a text file, with a specific message', async () => {
    const c = t.client();
    const renamed = await submit(c, 10, { filename: 'procura.pdf', type: 'application/pdf', bytes: PNG });
    expect(renamed.status).toBe(400);
    expect(renamed.body).toContain('Conținutul fișierului nu corespunde tipului din numele lui');
    expect(renamed.body).toContain('value="Exemplu Construct SRL"');
    const text = await submit(c, 10, { filename: 'procura.pdf', type: 'application/pdf', bytes: Buffer.from('Nu sunt un PDF, doar text.') });
    expect(text.status).toBe(400);
    expect(text.body).toContain('Împuternicirea trebuie să fie un document PDF sau o imagine JPG ori PNG');
    expect(await countRows(t, 'account WHERE email = $1', ['cetatean10@exemplu.ro'])).toBe(0);
  });

  const typo = (cnp: string) => `${cnp.slice(0, 12)}${(Number(cnp[12]) + 1) % 10}`;

  it('sent back for a CNP typo, says the mandate that was fine and the password must be given again (the browser keeps neither)', async () => {
    const c = t.client();
    const res = await submit(c, 14, { filename: 'procura.pdf', type: 'application/pdf', bytes: PDF }, undefined, { cnp: typo(validCnp(14)) });
    expect(res.status).toBe(400);
    expect(res.body).toContain('CNP-ul nu este valid');
    expect(res.body).toContain('Alegeți din nou fișierul „procura.pdf”: nu îl păstrăm când formularul are erori, dar el a fost în regulă.');
    expect(res.body).toContain('Scrieți din nou parola, în ambele câmpuri');
    // A mandate that was itself refused keeps its own error, not the "choose it again" hint.
    const refused = await submit(c, 14, { filename: 'procura.pdf', type: 'application/pdf', bytes: Buffer.from('text') }, undefined, { cnp: typo(validCnp(14)) });
    expect(refused.body).not.toContain('Alegeți din nou fișierul');
  });

  it('refuses the multipart form without a valid CSRF token', async () => {
    const res = await submit(t.client(), 11, { filename: 'procura.pdf', type: 'application/pdf', bytes: PDF }, 'forged');
    expect(res.status).toBe(403);
    expect(await countRows(t, 'account WHERE email = $1', ['cetatean11@exemplu.ro'])).toBe(0);
  });

  it('accepts a real PDF, stores it by its SHA-256 and records a pending representation', async () => {
    const c = t.client();
    const res = await submit(c, 12, { filename: 'procura.pdf', type: 'application/pdf', bytes: PDF });
    expect(res.status).toBe(200);
    expect(res.body).toContain('Verificați-vă e-mailul');
    expect(res.body).toContain('un funcționar verifică apoi împuternicirea pentru Exemplu Construct SRL');
    expect((await signInAs(c, 'cetatean12@exemplu.ro')).location).toBe('/cont');
    expect((await c.get('/cont')).body).toContain('În verificare');
    const [rep] = await t.database.query<{ status: string; mandate_sha256: string; cui: string }>(
      `SELECT r.status, r.mandate_sha256, c.cui FROM company_representative r JOIN company c ON c.id = r.company_id
       JOIN account a ON a.id = r.account_id WHERE a.email = $1`,
      ['cetatean12@exemplu.ro'],
    );
    expect(rep?.status).toBe('pending');
    expect(rep?.cui).toBe('18547290');
    const { createHash } = await import('node:crypto');
    expect(rep?.mandate_sha256).toBe(createHash('sha256').update(PDF).digest('hex'));
    const { createBlobStore } = await import('../../platform/storage/create-blob-store.ts');
    const stored = await createBlobStore({ dataDir: blobDir }).get(rep!.mandate_sha256);
    expect(Buffer.from(stored!).equals(PDF)).toBe(true);

    // The same e-mail again, as another representative: the same answer, and no second account or representation.
    const again = await submit(t.client(), 13, { filename: 'procura.pdf', type: 'application/pdf', bytes: PDF }, undefined, { email: 'cetatean12@exemplu.ro' });
    expect(again.status).toBe(200);
    expect(again.body).toContain('un funcționar verifică apoi împuternicirea pentru Exemplu Construct SRL');
    expect(await countRows(t, 'account WHERE email = $1', ['cetatean12@exemplu.ro'])).toBe(1);
    expect(await countRows(t, 'company_representative r JOIN account a ON a.id = r.account_id WHERE a.email = $1', ['cetatean12@exemplu.ro'])).toBe(1);
    expect((await lastEmail(t, 'cetatean12@exemplu.ro'))?.template).toBe('identity.account_exists.v1');
  });
});

describe('a company added to an existing account', () => {
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

  async function send(c: Client, bytes: Buffer) {
    await c.get('/cont/firme/adauga');
    const boundary = `----pdtest${Math.random().toString(16).slice(2)}`;
    const fields = { _csrf: c.csrf, companyCui: 'RO18547290', companyName: 'Tâmplăria Vasile SRL', tradeRegisterNo: '' };
    const chunks: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="mandate"; filename="imputernicire.pdf"\r\nContent-Type: application/pdf\r\n\r\n`));
    chunks.push(bytes, Buffer.from(`\r\n--${boundary}--\r\n`));
    return c.request('POST', '/cont/firme/adauga', Buffer.concat(chunks) as unknown as string, { 'content-type': `multipart/form-data; boundary=${boundary}` });
  }

  it('lets a person who registered for herself add the company she runs, with its mandate, without a second account', async () => {
    const c = t.client();
    await registerPerson(c, 80);
    // The company registration form is for newcomers: someone signed in is sent to add the company to their account.
    expect((await c.get('/inregistrare/companie')).location).toBe('/cont/firme/adauga');
    expect((await c.get('/cont')).body).toContain('href="/cont/firme/adauga"');

    const notPdf = await send(c, Buffer.from('doar text'));
    expect(notPdf.status).toBe(400);
    expect(notPdf.body).toContain('Împuternicirea trebuie să fie un document PDF sau o imagine JPG ori PNG');

    const res = await send(c, PDF);
    expect(res.status).toBe(303);
    expect(res.location).toBe('/cont');
    const account = await c.follow(res);
    expect(account.body).toContain('Am primit împuternicirea pentru Tâmplăria Vasile SRL');
    expect(account.body).toContain('În verificare');
    const rows = await t.database.query<{ status: string; cui: string }>(
      `SELECT r.status, c.cui FROM company_representative r JOIN company c ON c.id = r.company_id JOIN account a ON a.id = r.account_id WHERE a.email = $1`,
      ['cetatean80@exemplu.ro'],
    );
    expect(rows).toEqual([{ status: 'pending', cui: '18547290' }]);
    expect(await countRows(t, "audit_entry e JOIN account a ON a.id = e.actor_id WHERE e.action = 'company_representative.requested' AND a.email = $1", ['cetatean80@exemplu.ro'])).toBe(1);

    const again = await send(c, PDF);
    expect(again.status).toBe(409);
    expect(again.body).toContain('Reprezentați deja această firmă sau împuternicirea dumneavoastră pentru ea este în verificare');
  });

  it('is only for someone signed in', async () => {
    const res = await t.client().get('/cont/firme/adauga');
    expect(res.status).toBe(303);
    expect(res.location).toMatch(/^\/autentificare/);
  });
});

describe('in English', () => {
  it('renders the registration, sign-in and reset pages with every string translated', async () => {
    const c = t.client();
    await c.follow(await c.get('/?lang=en'));
    for (const [url, heading] of [
      ['/inregistrare', 'Who is the account for?'],
      ['/inregistrare/persoana', 'Create a personal account'],
      ['/inregistrare/companie', 'Create a company representative account'],
      ['/autentificare', 'Sign in'],
      ['/parola-uitata', 'Forgotten your password?'],
    ] as const) {
      const page = await c.get(url);
      expect(page.body).toContain(heading);
      expect(page.body).not.toMatch(/>\s*(identity|errors)\.[a-z_.]+\s*</);
    }
    const bad = await registerPerson(c, 90, { cnp: '123' });
    expect(bad.body).toContain('The CNP must be exactly 13 digits');
  });
});

describe('registration through the JSON API', () => {
  it('accepts a person, answers field-specific codes for bad input, and answers a taken e-mail like a new one', async () => {
    const c = t.client();
    await c.get('/autentificare');
    const bad = await c.api('POST', '/api/v1/auth/register', { ...personForm(20), cnp: '1900101400000', acceptTerms: true, password: 'short' });
    expect(bad.status).toBe(400);
    const fields = bad.json<{ error: { fields: Record<string, string> } }>().error.fields;
    expect(fields.cnp).toBe('identity.cnp.checksum');
    expect(fields.password).toBe('identity.password.too_short');

    const ok = await c.api('POST', '/api/v1/auth/register', { ...personForm(20), acceptTerms: true });
    expect(ok.status).toBe(202);
    expect(ok.json()).toEqual({ next: 'check_email' });
    expect((await lastEmail(t, 'cetatean20@exemplu.ro'))?.template).toBe('identity.verify_email.v1');

    const dup = await c.api('POST', '/api/v1/auth/register', { ...personForm(21), email: 'cetatean20@exemplu.ro', acceptTerms: true });
    expect(dup.status).toBe(202);
    expect(dup.body).toBe(ok.body);
    expect(dup.headers['content-type']).toBe(ok.headers['content-type']);
    expect(await countRows(t, 'person WHERE cnp = $1', [validCnp(21)])).toBe(0);
    expect((await lastEmail(t, 'cetatean20@exemplu.ro'))?.template).toBe('identity.account_exists.v1');
  });

  it('documents the identity API in OpenAPI', async () => {
    const doc = (await t.client().get('/api/docs/json')).json<{ paths: Record<string, unknown> }>();
    for (const p of ['/api/v1/auth/register', '/api/v1/auth/login', '/api/v1/auth/logout', '/api/v1/me']) expect(doc.paths).toHaveProperty([p]);
  });
});
