import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { countRows, MANDATE_PDF, registerPerson } from './test-helpers.ts';

/*
 * /cont/firme/adauga sent back for another field (a CUI typed 'RO/4221306'): the mandate chosen with it passed its
 * checks and is kept, and the page says so — before, it was dropped silently and the person, not noticing the empty
 * file field, was told only after the next try that the mandate was missing.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.stop());

async function send(c: Client, fields: Record<string, string>, file?: { name: string; bytes: Buffer }) {
  await c.get('/cont/firme/adauga');
  const boundary = `----pdtest${Math.random().toString(16).slice(2)}`;
  const all = { _csrf: c.csrf, companyName: 'Librăria Vlad SRL', tradeRegisterNo: '', ...fields };
  const chunks: Buffer[] = Object.entries(all).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="mandate"; filename="${file?.name ?? ''}"\r\nContent-Type: application/pdf\r\n\r\n`));
  chunks.push(file?.bytes ?? Buffer.alloc(0), Buffer.from(`\r\n--${boundary}--\r\n`));
  return c.request('POST', '/cont/firme/adauga', Buffer.concat(chunks) as unknown as string, { 'content-type': `multipart/form-data; boundary=${boundary}` });
}
const keptToken = (body: string) => /name="keptMandate" value="([^"]+)"/.exec(body)?.[1];

describe('the mandate chosen on a form sent back with errors', () => {
  it('is kept and named, and sent with the corrected form without choosing it again', async () => {
    const c = t.client();
    await registerPerson(c, 84);
    const wrong = await send(c, { companyCui: 'RO/4221306' }, { name: 'imputernicire-vlad.pdf', bytes: MANDATE_PDF });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('href="#companyCui"');
    expect(wrong.body).toContain('Am păstrat fișierul ales, „imputernicire-vlad.pdf”: nu trebuie să-l alegeți din nou.');
    const token = keptToken(wrong.body);
    expect(token).toBeTruthy();

    // Someone else's session cannot use it, nor can a changed one.
    const other = t.client();
    await registerPerson(other, 85);
    const stolen = await send(other, { companyCui: '4221306', keptMandate: token! });
    expect(stolen.status).toBe(400);
    expect(stolen.body).toContain('href="#mandate"');
    const forged = await send(c, { companyCui: '4221306', keptMandate: `x${token}` });
    expect(forged.status).toBe(400);
    expect(forged.body).toContain('href="#mandate"');

    const ok = await send(c, { companyCui: '4221306', keptMandate: token! });
    expect(ok.status).toBe(303);
    const sha = createHash('sha256').update(MANDATE_PDF).digest('hex');
    expect(
      await countRows(t, "company_representative r JOIN account a ON a.id = r.account_id WHERE a.email = $1 AND r.status = 'pending' AND r.mandate_sha256 = $2 AND r.mandate_filename = $3", [
        'cetatean84@exemplu.ro',
        sha,
        'imputernicire-vlad.pdf',
      ]),
    ).toBe(1);
  });

  it('is replaced by a file chosen on the next try, and the page says so in English too', async () => {
    const c = t.client();
    await registerPerson(c, 86);
    c.cookies.set('pd_lang', 'en');
    const wrong = await send(c, { companyCui: 'RO/18547290', companyName: 'Tipografia SRL' }, { name: 'prima.pdf', bytes: MANDATE_PDF });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('We kept the file you chose, “prima.pdf”: you do not need to choose it again.');
    const ok = await send(c, { companyCui: '18547290', companyName: 'Tipografia SRL', keptMandate: keptToken(wrong.body)! }, { name: 'a-doua.pdf', bytes: MANDATE_PDF });
    expect(ok.status).toBe(303);
    expect(await countRows(t, "company_representative r JOIN account a ON a.id = r.account_id WHERE a.email = $1 AND r.mandate_filename = 'a-doua.pdf'", ['cetatean86@exemplu.ro'])).toBe(1);
  });
});
