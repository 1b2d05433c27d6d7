import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFObject,
  PDFRef,
} from 'pdf-lib';

/*
 * A signature revision appended to a PDF as an incremental update (ISO 32000-1 §7.5.6): the original bytes stay
 * byte for byte, and a new section adds the signature dictionary (/V), its field + widget, the page's /Annots and
 * the AcroForm, then a cross-reference section of the same kind as the original's last one (classic table or
 * xref stream) whose /Prev points at it. pdf-lib only *reads* the original here (it resolves object streams and
 * earlier revisions); we never let it save, because a re-saved file would break every earlier signature.
 */

export type SignatureFields = {
  reason: string;
  location: string;
  name: string;
  contactInfo?: string;
  fieldName?: string;
  signingTime: Date;
};

export type PreparedPdf = {
  /** The original bytes followed by the new revision, with a zero-filled /Contents. */
  bytes: Uint8Array;
  byteRange: [number, number, number, number];
  /** Offset of the first hex digit inside /Contents <…>, and how many hex digits fit. */
  contentsAt: number;
  contentsHexLength: number;
};

const BYTE_RANGE_PLACEHOLDER = '[0 /********** /********** /**********]';

const latin1 = (s: string) => Buffer.from(s, 'latin1');

function serialize(object: PDFObject): Buffer {
  const out = new Uint8Array(object.sizeInBytes());
  object.copyBytesInto(out, 0);
  return Buffer.from(out);
}

/** D:YYYYMMDDHHmmSSZ (UTC). */
export function pdfDate(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `D:${date.getUTCFullYear()}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}Z`;
}

type LastXref = { offset: number; kind: 'table' | 'stream'; size: number };

/** The last `startxref` of the file, what kind of section it points at and that section's /Size. */
function lastXref(pdf: Uint8Array): LastXref {
  const tail = Buffer.from(pdf.subarray(Math.max(0, pdf.length - 2048))).toString('latin1');
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!m) throw new Error('no startxref at the end of the file');
  const offset = Number(m[1]);
  const head = Buffer.from(pdf.subarray(offset, Math.min(pdf.length, offset + 64))).toString('latin1');
  const kind = head.startsWith('xref') ? 'table' : /^\d+\s+\d+\s+obj/.test(head) ? 'stream' : null;
  if (!kind) throw new Error('startxref does not point at a cross-reference section');
  const section = Buffer.from(pdf.subarray(offset)).toString('latin1');
  const dictAt = kind === 'table' ? section.indexOf('trailer') : 0;
  const size = /\/Size\s+(\d+)/.exec(section.slice(dictAt, dictAt + 4096));
  if (dictAt < 0 || !size) throw new Error('the cross-reference section has no /Size');
  return { offset, kind, size: Number(size[1]) };
}

/** First page leaf, walking /Pages → /Kids without letting pdf-lib normalise any page. */
function firstPage(doc: PDFDocument): { ref: PDFRef; dict: PDFDict } {
  let ref = doc.catalog.get(PDFName.of('Pages'));
  for (let depth = 0; depth < 64 && ref instanceof PDFRef; depth++) {
    const node = doc.context.lookup(ref, PDFDict);
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    if (!kids) return { ref, dict: node };
    ref = kids.get(0);
  }
  throw new Error('the document has no page');
}

/** Existing signature-field names, so a new field never reuses one. */
function fieldNames(doc: PDFDocument, fields: PDFArray | undefined): Set<string> {
  const names = new Set<string>();
  for (const item of fields?.asArray() ?? []) {
    const field = doc.context.lookup(item);
    const t = field instanceof PDFDict ? field.get(PDFName.of('T')) : undefined;
    if (t && 'decodeText' in t && typeof t.decodeText === 'function') names.add(String(t.decodeText()));
  }
  return names;
}

export async function prepareIncrementalSignature(
  original: Uint8Array,
  fields: SignatureFields,
  contentsBytes: number,
): Promise<PreparedPdf> {
  const xref = lastXref(original);
  const doc = await PDFDocument.load(original, { updateMetadata: false });
  const ctx = doc.context;
  let next = Math.max(xref.size, ctx.largestObjectNumber + 1);
  const allocate = () => PDFRef.of(next++);

  /** Objects of the new revision: rewritten ones keep their number and generation. */
  const written = new Map<string, { ref: PDFRef; body: Buffer }>();
  const put = (ref: PDFRef, object: PDFObject | Buffer) => {
    written.set(ref.toString(), { ref, body: Buffer.isBuffer(object) ? object : serialize(object) });
  };

  const catalogRef = ctx.trailerInfo.Root;
  if (!(catalogRef instanceof PDFRef)) throw new Error('the trailer has no /Root reference');
  if (ctx.trailerInfo.Encrypt) throw new Error('encrypted PDFs are not supported');
  const page = firstPage(doc);
  const sigRef = allocate();
  const widgetRef = allocate();

  // AcroForm: an indirect dictionary is rewritten in place, an inline (or missing) one goes into the catalog.
  const catalog = doc.catalog.clone();
  const acroFormEntry = catalog.get(PDFName.of('AcroForm'));
  const acroForm = acroFormEntry instanceof PDFRef ? ctx.lookup(acroFormEntry, PDFDict).clone() : acroFormEntry instanceof PDFDict ? acroFormEntry.clone() : ctx.obj({});
  const fieldsEntry = acroForm.get(PDFName.of('Fields'));
  const fieldsArray = fieldsEntry instanceof PDFRef ? ctx.lookup(fieldsEntry, PDFArray).clone() : fieldsEntry instanceof PDFArray ? fieldsEntry.clone() : ctx.obj([]);
  const taken = fieldNames(doc, fieldsArray);
  let fieldName = fields.fieldName;
  if (!fieldName || taken.has(fieldName)) {
    let n = taken.size + 1;
    while (taken.has(`Semnatura${n}`)) n++;
    fieldName = fields.fieldName ? `${fields.fieldName}_${n}` : `Semnatura${n}`;
  }
  fieldsArray.push(widgetRef);
  if (fieldsEntry instanceof PDFRef) put(fieldsEntry, fieldsArray);
  else acroForm.set(PDFName.of('Fields'), fieldsArray);
  acroForm.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  if (acroFormEntry instanceof PDFRef) put(acroFormEntry, acroForm);
  else {
    catalog.set(PDFName.of('AcroForm'), acroForm);
    put(catalogRef, catalog);
  }

  // The widget goes into the first page's /Annots (rewriting the array object if it is indirect).
  const annotsEntry = page.dict.get(PDFName.of('Annots'));
  const annots = annotsEntry instanceof PDFRef ? ctx.lookup(annotsEntry, PDFArray).clone() : annotsEntry instanceof PDFArray ? annotsEntry.clone() : ctx.obj([]);
  annots.push(widgetRef);
  if (annotsEntry instanceof PDFRef) put(annotsEntry, annots);
  else {
    const pageDict = page.dict.clone();
    pageDict.set(PDFName.of('Annots'), annots);
    put(page.ref, pageDict);
  }

  // Invisible signature (zero rectangle, printed + locked): the visible mark is the document's own text and QR.
  const widget = ctx.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    T: PDFHexString.fromText(fieldName),
    V: sigRef,
    F: 132,
    Rect: [0, 0, 0, 0],
    P: page.ref,
  });
  put(widgetRef, widget);

  const text = (s: string) => serialize(PDFHexString.fromText(s)).toString('latin1');
  const contentsHexLength = contentsBytes * 2;
  const sigDict = [
    '<<\n/Type /Sig\n/Filter /Adobe.PPKLite\n/SubFilter /ETSI.CAdES.detached\n',
    `/ByteRange ${BYTE_RANGE_PLACEHOLDER}\n`,
    `/Contents <${'0'.repeat(contentsHexLength)}>\n`,
    `/M (${pdfDate(fields.signingTime)})\n`,
    `/Name ${text(fields.name)}\n/Reason ${text(fields.reason)}\n/Location ${text(fields.location)}\n`,
    fields.contactInfo ? `/ContactInfo ${text(fields.contactInfo)}\n` : '',
    '/Prop_Build << /App << /Name /Primaria#20Digitala >> >>\n>>',
  ].join('');
  put(sigRef, latin1(sigDict));

  // The new revision: objects, then the cross-reference section, then the trailer.
  const parts: Buffer[] = [Buffer.from(original)];
  let offset = original.length;
  const last = original[original.length - 1];
  if (last !== 0x0a && last !== 0x0d) {
    parts.push(latin1('\n'));
    offset += 1;
  }
  const entries: { num: number; gen: number; offset: number }[] = [];
  for (const { ref, body } of written.values()) {
    const chunk = Buffer.concat([latin1(`${ref.objectNumber} ${ref.generationNumber} obj\n`), body, latin1('\nendobj\n')]);
    entries.push({ num: ref.objectNumber, gen: ref.generationNumber, offset });
    parts.push(chunk);
    offset += chunk.length;
  }

  const trailer: string[] = [`/Root ${catalogRef.toString()}`];
  if (ctx.trailerInfo.Info) trailer.push(`/Info ${serialize(ctx.trailerInfo.Info).toString('latin1')}`);
  if (ctx.trailerInfo.ID) trailer.push(`/ID ${serialize(ctx.trailerInfo.ID).toString('latin1')}`);
  trailer.push(`/Prev ${xref.offset}`);
  const xrefAt = offset;
  if (xref.kind === 'table') {
    parts.push(latin1(`xref\n${subsections(entries).map((run) => `${run[0]!.num} ${run.length}\n${run.map((e) => `${String(e.offset).padStart(10, '0')} ${String(e.gen).padStart(5, '0')} n \n`).join('')}`).join('')}`));
    parts.push(latin1(`trailer\n<< /Size ${next} ${trailer.join(' ')} >>\nstartxref\n${xrefAt}\n%%EOF\n`));
  } else {
    // The xref stream lists itself too; W [1 4 2]: type 1 (in use), 4-byte offset, 2-byte generation; not compressed.
    const self = allocate();
    entries.push({ num: self.objectNumber, gen: 0, offset: xrefAt });
    const runs = subsections(entries);
    const data = Buffer.alloc(entries.length * 7);
    let i = 0;
    for (const e of runs.flat()) {
      data.writeUInt8(1, i);
      data.writeUInt32BE(e.offset, i + 1);
      data.writeUInt16BE(e.gen, i + 5);
      i += 7;
    }
    const index = runs.map((run) => `${run[0]!.num} ${run.length}`).join(' ');
    parts.push(latin1(`${self.objectNumber} 0 obj\n<< /Type /XRef /Size ${next} /W [1 4 2] /Index [${index}] ${trailer.join(' ')} /Length ${data.length} >>\nstream\n`));
    parts.push(data);
    parts.push(latin1(`\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`));
  }

  const bytes = Buffer.concat(parts);
  // Fill /ByteRange: everything but the hex string of /Contents (its angle brackets included in the gap).
  const sigAt = entries.find((e) => e.num === sigRef.objectNumber)!.offset;
  const contentsLt = bytes.indexOf('/Contents <', sigAt, 'latin1') + '/Contents '.length;
  const contentsEnd = contentsLt + contentsHexLength + 2;
  const byteRange: [number, number, number, number] = [0, contentsLt, contentsEnd, bytes.length - contentsEnd];
  const placeholderAt = bytes.indexOf(BYTE_RANGE_PLACEHOLDER, sigAt, 'latin1');
  const value = `[${byteRange.join(' ')}]`;
  if (value.length > BYTE_RANGE_PLACEHOLDER.length) throw new Error('the file is too large for the /ByteRange placeholder');
  bytes.write(value.padEnd(BYTE_RANGE_PLACEHOLDER.length, ' '), placeholderAt, 'latin1');
  return { bytes: new Uint8Array(bytes), byteRange, contentsAt: contentsLt + 1, contentsHexLength };
}

/** Entries sorted by object number, grouped into runs of consecutive numbers (xref subsections). */
function subsections<E extends { num: number }>(entries: E[]): E[][] {
  const sorted = [...entries].sort((a, b) => a.num - b.num);
  const runs: E[][] = [];
  for (const e of sorted) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1]!.num + 1 === e.num) run.push(e);
    else runs.push([e]);
  }
  return runs;
}

/** The bytes the signature covers (everything but the /Contents hex string). */
export function signedBytes(prepared: PreparedPdf): Uint8Array {
  const [a, b, c, d] = prepared.byteRange;
  return Buffer.concat([prepared.bytes.subarray(a, a + b), prepared.bytes.subarray(c, c + d)]);
}

/** Writes the DER signature into the /Contents placeholder. */
export function embedSignature(prepared: PreparedPdf, cmsDer: Uint8Array): Uint8Array {
  const hex = Buffer.from(cmsDer).toString('hex');
  if (hex.length > prepared.contentsHexLength) throw new Error(`the signature (${cmsDer.length} bytes) does not fit the placeholder`);
  const out = Buffer.from(prepared.bytes);
  out.write(hex, prepared.contentsAt, 'latin1');
  return new Uint8Array(out);
}
