/** The file types the platform accepts as uploaded evidence, recognised by their first bytes, never by name. */
export type SniffedType = 'application/pdf' | 'image/jpeg' | 'image/png';

const startsWith = (bytes: Uint8Array, sig: number[]) => bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);

export function sniffContentType(bytes: Uint8Array): SniffedType | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  return null;
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

/** Names of the entries of a ZIP archive, read from its central directory (no decompression). */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
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
  const names: string[] = [];
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) return null;
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    if (p + 46 + nameLen > bytes.length) return null;
    names.push(decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen)));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

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
  if (head === `mimetype${ODT}`) return ODT;
  const names = zipEntryNames(bytes);
  if (names?.includes('[Content_Types].xml') && names.some((n) => n.startsWith('word/'))) return DOCX;
  return null;
}
