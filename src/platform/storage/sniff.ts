/** The file types the platform accepts as uploaded evidence, recognised by their first bytes, never by name. */
export type SniffedType = 'application/pdf' | 'image/jpeg' | 'image/png';

const startsWith = (bytes: Uint8Array, sig: number[]) => bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);

export function sniffContentType(bytes: Uint8Array): SniffedType | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  return null;
}

/**
 * A HEIF photo (HEIC/AVIF: what iPhones and many newer Android phones save by default), recognised by its ISO media
 * "ftyp" box and brand. Not accepted, but named, so the person is told how to send the photo in a form we can open.
 */
export function isHeifPhoto(bytes: Uint8Array): boolean {
  if (bytes.length < 12) return false;
  const head = new TextDecoder('latin1').decode(bytes.subarray(4, 12));
  return head.startsWith('ftyp') && ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1', 'avif', 'avis'].includes(head.slice(4));
}

/** Office documents are accepted as evidence too (applications written in Word or LibreOffice). */
export type SniffedDocumentType =
  | SniffedType
  | 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
  | 'application/vnd.oasis.opendocument.text';

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const ODT = 'application/vnd.oasis.opendocument.text';

/** The extensions each accepted type is known by: a name that promises another type than the content is refused. */
export const EXTENSIONS: Record<SniffedDocumentType, string[]> = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  [DOCX]: ['docx'],
  [ODT]: ['odt'],
};

/** The type a file's name promises by its extension (`scan.PDF` → PDF), if it names one we know. */
export function typeNamedBy(filename: string): SniffedDocumentType | undefined {
  const ext = filename.toLowerCase().split('.').pop() ?? '';
  return (Object.entries(EXTENSIONS) as [SniffedDocumentType, string[]][]).find(([, exts]) => exts.includes(ext))?.[0];
}

/** The entries of a ZIP archive (name, uncompressed size), read from its central directory (no decompression). */
export function zipEntries(bytes: Uint8Array): { name: string; size: number }[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is in the last 65 557 bytes (22 + a comment of up to 65 535).
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const entries: { name: string; size: number }[] = [];
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) return null;
    const size = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    if (p + 46 + nameLen > bytes.length) return null;
    entries.push({ name: decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen)), size });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** What an office document may unpack to at most: more is refused (a "ZIP bomb" would hurt whoever opens it). */
export const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;

/**
 * PDF, JPEG, PNG, DOCX or ODT, recognised by content: DOCX is a ZIP with `[Content_Types].xml` and a `word/`
 * part; ODT is a ZIP whose first entry `mimetype` is stored uncompressed with the ODF text media type.
 */
export function sniffDocumentType(bytes: Uint8Array): SniffedDocumentType | null {
  const basic = sniffContentType(bytes);
  if (basic) return basic;
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return null;
  // ODF: "mimetype" is the first local entry, stored, its content right after the 30-byte header and the name.
  const head = new TextDecoder('latin1').decode(bytes.subarray(30, 30 + 8 + ODT.length));
  if (head === `mimetype${ODT}`) {
    const entries = zipEntries(bytes);
    return entries && entries.some((e) => e.name === 'content.xml') && entries.reduce((sum, e) => sum + e.size, 0) <= MAX_UNPACKED_BYTES ? ODT : null;
  }
  const entries = zipEntries(bytes);
  if (!entries || entries.reduce((sum, e) => sum + e.size, 0) > MAX_UNPACKED_BYTES) return null;
  // A Word document has its content types and its main part; an archive with something else dressed up as one does not pass.
  const names = new Set(entries.map((e) => e.name));
  if (names.has('[Content_Types].xml') && names.has('word/document.xml')) return DOCX;
  return null;
}

/**
 * The name a stored file keeps: the last path segment, without control or quoting characters, at most 150
 * characters, and ending in an extension of its real type — `x.html` that is a PDF is kept as `x.html.pdf`, so
 * whoever downloads it opens it as what it is.
 */
export function storedFilename(name: string, type: SniffedDocumentType): string {
  const base = [...(name.split(/[\\/]/).pop() ?? '')]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f && !'"\\<>|*?:'.includes(ch))
    .join('')
    .trim()
    .slice(0, 150);
  const exts = EXTENSIONS[type];
  if (!base) return `document.${exts[0]}`;
  const ext = base.toLowerCase().split('.').pop() ?? '';
  return base.includes('.') && exts.includes(ext) ? base : `${base}.${exts[0]}`;
}
