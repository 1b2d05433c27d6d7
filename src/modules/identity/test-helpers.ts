import { cnpCheckDigit } from '../../platform/ids/cnp.ts';
import type { Client, TestApp } from '../../../test/support/harness.ts';
import { waitFor } from '../outbox/testing.ts';
import { PASSWORD_RESET_JOB } from './request-password-reset.ts';

/** A valid CNP for a man born 01.01.1990, distinct for each n (0–999). */
export function validCnp(n: number): string {
  const first12 = `1900101${'40'}${String(n).padStart(3, '0')}`;
  return `${first12}${cnpCheckDigit(first12)}`;
}

export const PASSWORD = 'Castane-coapte-2026';

export function personForm(n: number, overrides: Record<string, string> = {}) {
  return {
    firstName: 'Ioana',
    lastName: 'Popescu',
    cnp: validCnp(n),
    email: `cetatean${n}@exemplu.ro`,
    phone: '0722 123 456',
    password: PASSWORD,
    passwordConfirm: PASSWORD,
    acceptTerms: 'yes',
    ...overrides,
  };
}

/** Sends the registration form; an accepted one is answered "check your e-mail", and nobody is signed in. */
export async function submitRegistration(c: Client, n: number, overrides: Record<string, string> = {}) {
  await c.get('/inregistrare/persoana');
  return c.post('/inregistrare/persoana', personForm(n, overrides));
}

/**
 * Registers through the web form and, when the form was accepted, signs the new (still unconfirmed) account in on
 * this client, as the newcomer does next. Returns the registration's answer.
 */
export async function registerPerson(c: Client, n: number, overrides: Record<string, string> = {}) {
  const res = await submitRegistration(c, n, overrides);
  if (res.status === 200) {
    const form = personForm(n, overrides);
    const signedIn = await signInAs(c, form.email, form.password);
    if (signedIn.status !== 303) throw new Error(`${form.email}: signing in after registering answered ${signedIn.status}`);
  }
  return res;
}

export async function signInAs(c: Client, email: string, password = PASSWORD, headers: Record<string, string> = {}) {
  await c.request('GET', '/autentificare', undefined, headers);
  return c.request('POST', '/autentificare', { _csrf: c.csrf, email, password }, headers);
}

/** The last email sent to this address: its template and its body as text. */
export async function lastEmail(t: TestApp, to: string) {
  const rows = await t.database.query<{ template: string; body_text: string; subject: string }>(
    'SELECT template, body_text, subject FROM outbox_message WHERE lower(recipient) = lower($1) ORDER BY created_at DESC, id LIMIT 1',
    [to],
  );
  return rows[0] ?? null;
}

/** The path and query of the first link to this site in a text. */
export function linkIn(text: string, path: string): string {
  const m = new RegExp(`https?://[^/\\s]+(${path.replace('/', '\\/')}\\?token=[\\w%-]+)`).exec(text);
  if (!m) throw new Error(`no ${path} link in: ${text}`);
  return m[1]!;
}

export async function countRows(t: TestApp, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return Number(row?.n ?? 0);
}

/** Waits until the job worker has handled every job of this kind queued for this address (sent a link or not). */
export async function emailJobsHandled(t: TestApp, job: string, email: string): Promise<void> {
  await waitFor(
    async () => {
      const [row] = await t.database.query<{ n: number; done: number }>(
        `SELECT count(*)::int AS n, (count(*) FILTER (WHERE state = 'completed'))::int AS done FROM pgboss.job WHERE name = $1 AND data->>'email' = $2`,
        [job, email.toLowerCase()],
      );
      return Boolean(row && row.n > 0 && row.n === row.done);
    },
    { what: `the ${job} requests for ${email} to be handled` },
  );
}

/** Waits until the job worker has handled every password-reset request queued for this address. */
export const resetRequestsHandled = (t: TestApp, email: string) => emailJobsHandled(t, PASSWORD_RESET_JOB, email);

/** A small PDF that passes the mandate checks (content sniffed as PDF). */
export const MANDATE_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** The signed-in person sends a mandate to act for a company, as /cont/firme/adauga does; answered 303 when taken. */
export async function sendMandate(c: Client, company: { cui: string; name: string }, filename = 'imputernicire.pdf') {
  await c.get('/cont/firme/adauga');
  const boundary = `----pdtest${Math.random().toString(36).slice(2)}`;
  const fields = { _csrf: c.csrf, companyCui: company.cui, companyName: company.name, tradeRegisterNo: 'J40/1234/2020' };
  const chunks: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="mandate"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`), MANDATE_PDF, Buffer.from(`\r\n--${boundary}--\r\n`));
  return c.request('POST', '/cont/firme/adauga', Buffer.concat(chunks) as unknown as string, { 'content-type': `multipart/form-data; boundary=${boundary}` });
}
