import { createHash, verify as verifySignature } from 'node:crypto';
import * as asn1js from 'asn1js';
import { Certificate, ContentInfo, SignedData } from 'pkijs';

/*
 * Checks the CMS signatures embedded in a PDF (PAdES / adbe.pkcs7.detached): for each /ByteRange, the digest of
 * the signed bytes against the signed messageDigest attribute, and the signature value against the signer
 * certificate's public key. It says whether bytes were appended after the signed range (an incremental update
 * after signing) and whether an edit hit the signed bytes (the digest no longer matches).
 *
 * NOT checked here: whether the certificate chains to a trusted list (EU trusted lists / a qualified trust
 * service), revocation (OCSP/CRL) or timestamps. The result says so (`trustChecked: false`); a qualified or
 * advanced signature is recognised only by a later trust check, never by this function alone.
 */

export type PdfSignatureCheck = {
  signerName: string | null;
  signerSubject: string | null;
  issuer: string | null;
  /** From the CMS signing-time attribute, else the signature dictionary's /M (PAdES omits the attribute). */
  signingTime: string | null;
  certificateValidFrom: string | null;
  certificateValidTo: string | null;
  selfSigned: boolean;
  subFilter: string | null;
  /** The digest of the signed byte ranges equals the signed messageDigest: the signed bytes are unchanged. */
  digestMatches: boolean;
  /** The signature value verifies with the signer certificate's public key. */
  signatureValid: boolean;
  /** The signed ranges end at the end of the file: nothing was added after this signature. */
  coversWholeDocument: boolean;
  problem: string | null;
};

export type PdfSignatureReport = {
  /** At least one signature, and every signature's digest and value verify. */
  valid: boolean;
  signatures: PdfSignatureCheck[];
  /** Bytes were added after the last signature (an incremental update after signing). */
  modifiedAfterSigning: boolean;
  /** Always false: trust in the certificate (chain to a trusted list, revocation) is checked elsewhere. */
  trustChecked: false;
};

const OID = {
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  commonName: '2.5.4.3',
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsaPss: '1.2.840.113549.1.1.10',
};

const HASHES: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

const NAMES: Record<string, string> = { '2.5.4.3': 'CN', '2.5.4.10': 'O', '2.5.4.11': 'OU', '2.5.4.6': 'C', '2.5.4.7': 'L', '2.5.4.5': 'serialNumber', '2.5.4.4': 'SN', '2.5.4.42': 'GN' };

type Found = { byteRange: [number, number, number, number]; contentsHex: string; dict: string };

/** Every signature dictionary: its /ByteRange and the hex /Contents that fills the gap between the two ranges. */
function findSignatures(pdf: Uint8Array): Found[] {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const out: Found[] = [];
  const re = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const br = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] as [number, number, number, number];
    const [a, b, c, d] = br;
    if (a !== 0 || b <= 0 || c <= b || c + d > pdf.length) continue;
    const gap = text.slice(a + b, c).trim();
    if (!gap.startsWith('<') || !gap.endsWith('>')) continue;
    // The dictionary around the ByteRange, for /SubFilter and /M (bounded window: no full PDF parser here).
    const start = text.lastIndexOf('<<', Math.min(m.index, a + b));
    const dict = text.slice(Math.max(0, start), Math.min(text.length, c + 2000));
    out.push({ byteRange: br, contentsHex: gap.slice(1, -1).replace(/\s/g, ''), dict });
  }
  return out;
}

function dnToString(rdn: Certificate['subject']): string {
  return rdn.typesAndValues.map((tv) => `${NAMES[tv.type] ?? tv.type}=${String(tv.value.valueBlock.value)}`).join(', ');
}

function commonName(rdn: Certificate['subject']): string | null {
  const cn = rdn.typesAndValues.find((tv) => tv.type === OID.commonName);
  return cn ? String(cn.value.valueBlock.value) : null;
}

/** D:YYYYMMDDHHmmSS+HH'mm' → ISO 8601. */
function pdfDate(dict: string): string | null {
  const m = /\/M\s*\(D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Z+-])?(\d{2})?'?(\d{2})?'?\)/.exec(dict);
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', z, oh = '00', om = '00'] = m;
  const offset = !z || z === 'Z' ? 'Z' : `${z}${oh}:${om}`;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function checkOne(pdf: Uint8Array, found: Found): PdfSignatureCheck {
  const [a, b, c, d] = found.byteRange;
  const result: PdfSignatureCheck = {
    signerName: null,
    signerSubject: null,
    issuer: null,
    signingTime: pdfDate(found.dict),
    certificateValidFrom: null,
    certificateValidTo: null,
    selfSigned: false,
    subFilter: /\/SubFilter\s*\/([\w.]+)/.exec(found.dict)?.[1] ?? null,
    digestMatches: false,
    signatureValid: false,
    coversWholeDocument: c + d === pdf.length,
    problem: null,
  };
  try {
    const der = Buffer.from(found.contentsHex, 'hex');
    const asn = asn1js.fromBER(new Uint8Array(der).buffer);
    if (asn.offset === -1) throw new Error('the signature is not valid DER');
    const signed = new SignedData({ schema: new ContentInfo({ schema: asn.result }).content });
    const signer = signed.signerInfos[0];
    if (!signer) throw new Error('the CMS has no signer');
    const certs = (signed.certificates ?? []).filter((x): x is Certificate => x instanceof Certificate);
    const sid = signer.sid;
    const cert = certs.find((x) =>
      sid instanceof asn1js.Constructed || !('serialNumber' in sid)
        ? false
        : x.serialNumber.isEqual(sid.serialNumber) && x.issuer.isEqual(sid.issuer),
    ) ?? certs[0];
    if (!cert) throw new Error('the signer certificate is not embedded');
    result.signerSubject = dnToString(cert.subject);
    result.signerName = commonName(cert.subject) ?? result.signerSubject;
    result.issuer = dnToString(cert.issuer);
    result.selfSigned = cert.subject.isEqual(cert.issuer);
    result.certificateValidFrom = cert.notBefore.value.toISOString();
    result.certificateValidTo = cert.notAfter.value.toISOString();

    const hash = HASHES[signer.digestAlgorithm.algorithmId];
    if (!hash) throw new Error(`unsupported digest ${signer.digestAlgorithm.algorithmId}`);
    const content = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
    const digest = createHash(hash).update(content).digest();
    const attrs = signer.signedAttrs;
    if (!attrs) throw new Error('the signature has no signed attributes');
    const md = attrs.attributes.find((x) => x.type === OID.messageDigest)?.values[0] as asn1js.OctetString | undefined;
    if (!md) throw new Error('the signed attributes have no message digest');
    result.digestMatches = Buffer.from(md.valueBlock.valueHexView).equals(digest);
    const st = attrs.attributes.find((x) => x.type === OID.signingTime)?.values[0] as asn1js.UTCTime | asn1js.GeneralizedTime | undefined;
    if (st) result.signingTime = st.toDate().toISOString();

    // The signature covers the DER of the attributes as a SET (tag 0x31), not as the [0] IMPLICIT field.
    const signedAttrsDer = Buffer.from(attrs.encodedValue);
    signedAttrsDer[0] = 0x31;
    const spki = Buffer.from(cert.subjectPublicKeyInfo.toSchema().toBER(false));
    const key = { key: spki, format: 'der' as const, type: 'spki' as const };
    const sigAlg = signer.signatureAlgorithm.algorithmId;
    const value = Buffer.from(signer.signature.valueBlock.valueHexView);
    const options = sigAlg === OID.rsaPss ? { ...key, padding: 6 /* RSA_PKCS1_PSS_PADDING */, saltLength: -2 } : key;
    result.signatureValid = verifySignature(hash, signedAttrsDer, options, value);
    if (!result.digestMatches) result.problem = 'digest_mismatch';
    else if (!result.signatureValid) result.problem = 'signature_invalid';
  } catch (err) {
    result.problem = `unreadable: ${(err as Error).message}`;
  }
  return result;
}

export async function verifyPdfSignature(pdf: Uint8Array): Promise<PdfSignatureReport> {
  const found = findSignatures(pdf);
  const signatures = found.map((f) => checkOne(pdf, f));
  const last = found.reduce((max, f) => Math.max(max, f.byteRange[2] + f.byteRange[3]), 0);
  return {
    valid: signatures.length > 0 && signatures.every((s) => s.digestMatches && s.signatureValid),
    signatures,
    modifiedAfterSigning: signatures.length > 0 && last < pdf.length,
    trustChecked: false,
  };
}
