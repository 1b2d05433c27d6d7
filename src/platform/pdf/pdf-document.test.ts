import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerMessages } from '../i18n/i18n.ts';
import { platformMessages } from '../i18n/messages.ts';
import { PdfWriter, pdfLanguage } from './pdf-document.ts';

registerMessages('platform', platformMessages);

function pdfToText(bytes: Uint8Array): string {
  const file = join(mkdtempSync(join(tmpdir(), 'pd-pdf-')), 'd.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', file, '-']).toString('utf8');
}


describe('PDF documents', () => {
  it('render Romanian diacritics (ș ț with comma below) as text that can be extracted', async () => {
    expect(existsSync('/usr/bin/pdftotext'), 'pdftotext missing: apt-get install -y poppler-utils').toBe(true);
    const w = await PdfWriter.create({ title: 'Recipisă', author: 'Primăria Sectorului 5' }, { footer: 'Recipisă 12345/22.11.2026' });
    w.heading('Recipisă de înregistrare');
    w.text('Cererea dumneavoastră privind eliberarea certificatului de atestare fiscală a fost înregistrată. Știți că țara și școala au diacritice: ș ț ă â î Ș Ț Ă Â Î.');
    w.keyValues([
      ['Număr de înregistrare', '12345/22.11.2026'],
      ['Termen legal', '24.11.2026'],
    ]);
    await w.qr('https://primarie.example.ro/verificare/ACDE4679', 90, 'Scanați pentru a urmări cererea');
    const bytes = await w.save();
    const dir = mkdtempSync(join(tmpdir(), 'pd-pdf-'));
    const file = join(dir, 'r.pdf');
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8');
    expect(text).toContain('Recipisă de înregistrare');
    expect(text).toContain('ș ț ă â î Ș Ț Ă Â Î');
    expect(text).toContain('12345/22.11.2026');
    expect(text).not.toMatch(/[şţ]/); // no cedilla look-alikes
  });

  it('flows a long table onto new pages with the header repeated', async () => {
    const w = await PdfWriter.create({ title: 'Registru', author: 'Primăria' }, { orientation: 'landscape' });
    const rows = Array.from({ length: 120 }, (_, i) => [`${i + 1}/22.11.2026`, 'Ion Popescu', 'Cerere certificat de urbanism pentru imobilul din Str. Sebastian nr. 12']);
    w.table(['Nr./data', 'Emitent', 'Conținut'], rows, [0.2, 0.25, 0.55]);
    expect(w.doc.getPageCount()).toBeGreaterThan(2);
  });

  it('numbers the pages of the footer out of their total, in the document’s language', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => [`${i + 1}/22.11.2026`, 'Ion Popescu', 'Cerere certificat de urbanism']);
    for (const [locale, first, last] of [
      ['ro', 'Registrul — pagina 1 din 4', 'Registrul — pagina 4 din 4'],
      ['en', 'Registrul — page 1 of 4', 'Registrul — page 4 of 4'],
    ] as const) {
      const w = await PdfWriter.create({ title: 'Registru', author: 'Primăria', language: pdfLanguage(locale) }, { orientation: 'landscape', footer: 'Registrul' });
      w.table(['Nr./data', 'Emitent', 'Conținut'], rows, [0.2, 0.25, 0.55]);
      expect(w.doc.getPageCount()).toBe(4);
      const pages = pdfToText(await w.save()).split('\f');
      expect(pages[0]).toContain(first);
      expect(pages[3]).toContain(last);
    }
  });

  it('keeps text beside a QR code clear of it', async () => {
    const w = await PdfWriter.create({ title: 'Recipisă', author: 'Primăria' });
    await w.qr('https://primarie.example.ro/verificare/ACDE4679', 100, 'Verificați starea cererii');
    w.text('Nr. de înregistrare: 12345/22.11.2026', { size: 16, bold: true });
    w.keyValues([
      ['Serviciul', 'Certificat de nomenclatură stradală și adresă, pentru intabulare, cu plan de situație'],
      ['Solicitant', 'Bălănescu Ioana'],
    ]);
    const file = join(mkdtempSync(join(tmpdir(), 'pd-pdf-')), 'q.pdf');
    writeFileSync(file, await w.save());
    const html = execFileSync('pdftotext', ['-bbox', file, '-']).toString('utf8');
    const words = [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</g)].map((m) => ({ x1: Number(m[3]), y0: Number(m[2]), text: m[5] }));
    const qrLeft = 595.28 - 56 - 100;
    const qrBottom = 56 + 100; // from the top of the page, as pdftotext measures
    expect(words.map((x) => x.text)).toContain('nomenclatură');
    expect(words.filter((x) => x.y0 < qrBottom && x.x1 > qrLeft).map((x) => x.text)).toEqual([]);
  });
});
