import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartForm, startTestApp, type TestApp } from '../../../test/support/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ workers: false });
});
afterAll(async () => t?.stop());

/** What a person sees after uploading a file on /verificare, as text. */
async function verdictFor(bytes: Uint8Array): Promise<string> {
  const c = t.client();
  await c.get('/verificare');
  const m = multipartForm({ _csrf: c.csrf }, [{ field: 'file', filename: 'copie.pdf', type: 'application/pdf', bytes }]);
  const res = await c.request('POST', '/verificare', m.body as unknown as string, { 'content-type': m.type });
  expect(res.status).toBe(200);
  const main = res.body.slice(res.body.indexOf('<main'), res.body.indexOf('</main>'));
  return main.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

describe('uploading a PDF on /verificare', () => {
  it('a PDF the institution did not issue, such as a registration receipt, points to the status check', async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage();
    const text = await verdictFor(await pdf.save());
    expect(text).toContain('Documentul nu a fost emis de instituție');
    expect(text).toContain('recipisă de înregistrare');
    const c = t.client();
    await c.get('/verificare');
    const m = multipartForm({ _csrf: c.csrf }, [{ field: 'file', filename: 'r.pdf', type: 'application/pdf', bytes: await pdf.save() }]);
    const res = await c.request('POST', '/verificare', m.body as unknown as string, { 'content-type': m.type });
    expect(res.body).toContain('href="/verificare-cerere"');
  });

  it('the button speaks to the person as every other page does', async () => {
    expect((await t.client().get('/verificare')).body).toContain('Verificați documentul');
  });
});
