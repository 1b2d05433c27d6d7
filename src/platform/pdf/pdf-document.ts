import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import QRCode from 'qrcode';
import { type Locale, translate } from '../i18n/i18n.ts';

/*
 * A small layout helper over pdf-lib for the documents the platform issues (receipts, registers, answers):
 * A4 pages, DejaVu Sans embedded and subset (ă â î ș ț render), text that wraps and flows onto new pages,
 * key/value blocks, tables with repeated headers, and a QR code.
 */

const require = createRequire(import.meta.url);
const fontBytes = {
  regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
  bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
};

export const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const INK = rgb(0.043, 0.047, 0.047);
const GREY = rgb(0.31, 0.32, 0.33);

/** `language`: a BCP 47 tag (pdfLanguage), 'ro-RO' unless given; it also chooses the words of the page numbers. */
export type PdfMeta = { title: string; author: string; subject?: string; keywords?: string[]; language?: string };

/** The PDF language tag of a document written in one of the platform's languages. */
export const pdfLanguage = (locale: Locale): string => (locale === 'en' ? 'en-GB' : 'ro-RO');

export class PdfWriter {
  private page!: PDFPage;
  private y = 0;
  private footered = false;
  /** A QR code at the right of the current page: text beside it is narrowed until `until` (its caption's bottom). */
  private beside: { until: number; width: number } | null = null;
  /** The language of the page numbers in the footer. */
  private locale: Locale = 'ro';
  private constructor(
    readonly doc: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
    private readonly footer: string | null,
    private readonly orientation: 'portrait' | 'landscape',
  ) {}

  static async create(meta: PdfMeta, options: { footer?: string; orientation?: 'portrait' | 'landscape' } = {}): Promise<PdfWriter> {
    const doc = await PDFDocument.create();
    doc.registerFontkit(fontkit);
    const regular = await doc.embedFont(fontBytes.regular, { subset: true });
    const bold = await doc.embedFont(fontBytes.bold, { subset: true });
    doc.setTitle(meta.title, { showInWindowTitleBar: true });
    doc.setAuthor(meta.author);
    doc.setCreator('Primăria Digitală');
    doc.setProducer('Primăria Digitală (pdf-lib)');
    if (meta.subject) doc.setSubject(meta.subject);
    if (meta.keywords) doc.setKeywords(meta.keywords);
    doc.setLanguage(meta.language ?? 'ro-RO');
    const w = new PdfWriter(doc, regular, bold, options.footer ?? null, options.orientation ?? 'portrait');
    w.locale = meta.language?.startsWith('en') ? 'en' : 'ro';
    w.newPage();
    return w;
  }

  private get size() {
    return this.orientation === 'landscape' ? { width: A4.height, height: A4.width } : A4;
  }

  get contentWidth(): number {
    return this.size.width - 2 * MARGIN;
  }

  newPage(): void {
    this.page = this.doc.addPage([this.size.width, this.size.height]);
    this.y = this.size.height - MARGIN;
    this.beside = null;
  }

  /** The width text may take from the current line: the content width, less a QR code drawn beside it. */
  private widthHere(): number {
    return this.beside && this.y > this.beside.until ? this.contentWidth - this.beside.width : this.contentWidth;
  }

  private ensure(height: number): void {
    if (this.y - height < MARGIN) this.newPage();
  }

  /** Splits text into lines that fit `width` at `size` points (words longer than a line are cut). */
  wrap(text: string, size: number, width = this.contentWidth, bold = false): string[] {
    const font = bold ? this.bold : this.regular;
    const lines: string[] = [];
    for (const paragraph of text.split('\n')) {
      let line = '';
      for (const word of paragraph.split(/\s+/).filter(Boolean)) {
        const candidate = line ? `${line} ${word}` : word;
        if (font.widthOfTextAtSize(candidate, size) <= width) {
          line = candidate;
          continue;
        }
        if (line) lines.push(line);
        let rest = word;
        while (font.widthOfTextAtSize(rest, size) > width) {
          let cut = rest.length - 1;
          while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
          lines.push(rest.slice(0, cut));
          rest = rest.slice(cut);
        }
        line = rest;
      }
      lines.push(line);
    }
    return lines;
  }

  text(text: string, options: { size?: number; bold?: boolean; color?: 'ink' | 'grey'; gapAfter?: number; x?: number; width?: number } = {}): void {
    const size = options.size ?? 11;
    const lineHeight = size * 1.35;
    const x = MARGIN + (options.x ?? 0);
    for (const line of this.wrap(text, size, options.width ?? this.widthHere() - (options.x ?? 0), options.bold)) {
      this.ensure(lineHeight);
      this.y -= lineHeight;
      this.page.drawText(line, { x, y: this.y + size * 0.25, size, font: options.bold ? this.bold : this.regular, color: options.color === 'grey' ? GREY : INK });
    }
    this.y -= options.gapAfter ?? size * 0.5;
  }

  heading(text: string, level: 1 | 2 = 1): void {
    this.text(text, { size: level === 1 ? 18 : 13, bold: true, gapAfter: level === 1 ? 10 : 6 });
  }

  space(points: number): void {
    this.y -= points;
  }

  rule(): void {
    this.ensure(8);
    this.y -= 4;
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: this.size.width - MARGIN, y: this.y }, thickness: 0.7, color: GREY });
    this.y -= 8;
  }

  /** Label: value rows (like a GOV.UK summary list). */
  keyValues(rows: [string, string][], keyWidth = 170): void {
    for (const [k, v] of rows) {
      const size = 10.5;
      const lh = size * 1.35;
      const keyLines = this.wrap(k, size, keyWidth - 10, true);
      const valueLines = this.wrap(v || '—', size, this.widthHere() - keyWidth);
      const n = Math.max(keyLines.length, valueLines.length);
      this.ensure(n * lh + 4);
      for (let i = 0; i < n; i++) {
        this.y -= lh;
        if (keyLines[i]) this.page.drawText(keyLines[i]!, { x: MARGIN, y: this.y + 3, size, font: this.bold, color: INK });
        if (valueLines[i]) this.page.drawText(valueLines[i]!, { x: MARGIN + keyWidth, y: this.y + 3, size, font: this.regular, color: INK });
      }
      this.y -= 4;
    }
  }

  /** A table whose header is repeated on every page; `widths` are fractions of the content width. */
  table(head: string[], rows: string[][], widths: number[], size = 8.5): void {
    const cols = widths.map((w) => w * this.contentWidth);
    const lh = size * 1.3;
    const drawRow = (cells: string[], bold: boolean) => {
      const wrapped = cells.map((c, i) => this.wrap(c || '', size, cols[i]! - 6, bold));
      const n = Math.max(1, ...wrapped.map((w) => w.length));
      const height = n * lh + 4;
      if (this.y - height < MARGIN) {
        this.newPage();
        if (!bold) drawRow(head, true);
      }
      let x = MARGIN;
      for (let i = 0; i < cells.length; i++) {
        wrapped[i]!.forEach((line, j) => {
          this.page.drawText(line, { x: x + 2, y: this.y - (j + 1) * lh + 3, size, font: bold ? this.bold : this.regular, color: INK });
        });
        x += cols[i]!;
      }
      this.y -= height;
      this.page.drawLine({ start: { x: MARGIN, y: this.y + 1 }, end: { x: MARGIN + this.contentWidth, y: this.y + 1 }, thickness: bold ? 0.8 : 0.3, color: GREY });
    };
    drawRow(head, true);
    for (const r of rows) drawRow(r, false);
    this.y -= 6;
  }

  /** A QR code for `url`, `size` points wide, at the right margin of the current line (or below). */
  async qr(url: string, size = 110, caption?: string): Promise<void> {
    const png = await QRCode.toBuffer(url, { errorCorrectionLevel: 'M', margin: 1, width: 400 });
    const image = await this.doc.embedPng(png);
    this.ensure(size + 20);
    const x = this.size.width - MARGIN - size;
    this.page.drawImage(image, { x, y: this.y - size, width: size, height: size });
    const lines = caption ? this.wrap(caption, 7.5, size) : [];
    lines.forEach((l, i) => {
      this.page.drawText(l, { x, y: this.y - size - 9 - i * 9, size: 7.5, font: this.regular, color: GREY });
    });
    this.beside = { until: this.y - size - 9 * lines.length - 4, width: size + 12 };
  }

  async save(): Promise<Uint8Array> {
    // The footer is drawn last, when the number of pages is known: "pagina 2 din 3", in the document's language.
    if (this.footer && !this.footered) {
      this.footered = true;
      const pages = this.doc.getPages();
      pages.forEach((page, i) => {
        const text = `${this.footer} — ${translate(this.locale, 'pdf.page_of', { n: i + 1, total: pages.length })}`;
        page.drawText(text, { x: MARGIN, y: MARGIN / 2, size: 8, font: this.regular, color: GREY });
      });
    }
    return this.doc.save({ useObjectStreams: false });
  }
}
