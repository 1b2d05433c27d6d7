import { createHash, verify as verifySignature } from 'node:crypto';
import * as asn1js from 'asn1js';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import { type Certificate, ExtKeyUsage, type SignedData, TSTInfo } from 'pkijs';
import { certificateDer, commonNameOf, OID, parseDer, parseSignedData, signingCertificateV2 } from './cms.ts';

/*
 * Checks the PAdES signatures of our own documents, revision by revision: the byte range (it must cover the whole
 * revision the signature closes, except its own /Contents), the digest and the signature value, the PAdES
 * attributes (signing-certificate-v2 present and matching the signer certificate, no signing-time), the
 * signature time-stamp (RFC 3161 token over the signature value, signed by a time-stamping certificate) and
 * whether anything was appended after the last signature.
 *
 * Like verify-pdf-signature.ts (the generic check used for uploads), it does NOT decide trust: no chain to a
 * trusted list, no revocation; `trustChecked: false` says so. It also does not analyse what a later revision
 * changed (DocMDP): it reports that one exists.
 */

export type TimestampCheck = { valid: boolean; time: string | null; tsaName: string | null; problem: string | null };

export type PadesSignatureCheck = {
  fieldName: string | null;
  signerName: string | null;
  issuerName: string | null;
  /** The signature dictionary's /M (PAdES keeps the claimed signing time out of the CMS). */
  signingTime: string | null;
  subFilter: string | null;
  byteRange: [number, number, number, number];
  /** Starts at 0, leaves out exactly this signature's /Contents string and ends where its revision ends (%%EOF). */
  byteRangeCoversRevision: boolean;
  /** Nothing at all was appended after this signature's revision. */
  coversWholeDocument: boolean;
  digestMatches: boolean;
  signatureValid: boolean;
  signingCertificateV2: 'matches' | 'mismatch' | 'absent';
  /** A signing-time attribute in the CMS: not allowed in PAdES baseline. */
  hasSigningTimeAttribute: boolean;
  timestamp: TimestampCheck | null;
  /** The PAdES baseline level this signature meets, if any. */
  level: 'B-B' | 'B-T' | null;
  problem: string | null;
};

export type PadesReport = {
  /** At least one signature and every one valid (digest, value, byte range, signing-certificate-v2, time-stamp). */
  valid: boolean;
  signatures: PadesSignatureCheck[];
  /** Bytes other than white space follow the last signed revision. */
  changedAfterLastSignature: boolean;
  trustChecked: false;
};

const HASHES: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

type Found = { byteRange: [number, number, number, number]; objectNumber: number | null; dict: string };

function findSignatures(text: string, length: number): Found[] {
  const out: Found[] = [];
  const re = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const br = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] as [number, number, number, number];
    if (br[1] <= 0 || br[2] <= br[1] || br[2] + br[3] > length) continue;
    const header = [...text.slice(Math.max(0, m.index - 4096), m.index).matchAll(/(\d+)\s+\d+\s+obj\b/g)].pop();
    const start = text.lastIndexOf('obj', m.index);
    const end = text.indexOf('endobj', m.index);
    out.push({ byteRange: br, objectNumber: header ? Number(header[1]) : null, dict: text.slice(start, end < 0 ? undefined : end) });
  }
  return out;
}

function pdfDate(dict: string): string | null {
  const m = /\/M\s*\(D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Z+-])?(\d{2})?'?(\d{2})?'?\)/.exec(dict);
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', z, oh = '00', om = '00'] = m;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${!z || z === 'Z' ? 'Z' : `${z}${oh}:${om}`}`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Signature object number → field name, from the AcroForm (best effort: a damaged form gives no names). */
async function fieldNames(pdf: Uint8Array): Promise<Map<number, string>> {
  const names = new Map<number, string>();
  try {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    const form = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
    const fields = form?.lookupMaybe(PDFName.of('Fields'), PDFArray);
    for (const item of fields?.asArray() ?? []) {
      const field = doc.context.lookup(item);
      if (!(field instanceof PDFDict)) continue;
      const v = field.get(PDFName.of('V'));
      const t = field.get(PDFName.of('T'));
      if (v instanceof PDFRef && t && 'decodeText' in t && typeof t.decodeText === 'function') names.set(v.objectNumber, String(t.decodeText()));
    }
  } catch {
    // Names are a convenience; the cryptographic checks below do not depend on them.
  }
  return names;
}

type SignerCheck = { cert: Certificate | null; digestMatches: boolean; signatureValid: boolean; essV2: PadesSignatureCheck['signingCertificateV2']; problem: string | null };

/** Digest, signature value and ESS signing-certificate-v2 of the first SignerInfo, over `content`. */
function checkSigner(signed: SignedData, content: Uint8Array): SignerCheck {
  const signer = signed.signerInfos[0];
  const result: SignerCheck = { cert: null, digestMatches: false, signatureValid: false, essV2: 'absent', problem: null };
  if (!signer) return { ...result, problem: 'no_signer' };
  const certs = (signed.certificates ?? []).filter((c): c is Certificate => 'subjectPublicKeyInfo' in c);
  const sid = signer.sid;
  const cert = 'serialNumber' in sid ? certs.find((c) => c.serialNumber.isEqual(sid.serialNumber) && c.issuer.isEqual(sid.issuer)) : undefined;
  if (!cert) return { ...result, problem: 'signer_certificate_missing' };
  result.cert = cert;
  const hash = HASHES[signer.digestAlgorithm.algorithmId];
  const attrs = signer.signedAttrs;
  if (!hash || !attrs) return { ...result, problem: hash ? 'no_signed_attributes' : 'unsupported_digest' };
  const md = attrs.attributes.find((a) => a.type === OID.messageDigest)?.values[0] as asn1js.OctetString | undefined;
  result.digestMatches = !!md && Buffer.from(md.valueBlock.valueHexView).equals(createHash(hash).update(content).digest());

  const ess = attrs.attributes.find((a) => a.type === OID.signingCertificateV2)?.values[0];
  if (ess) {
    const expected = Buffer.from(signingCertificateV2(certificateDer(cert)).toBER(false));
    const actual = Buffer.from(ess.toBER(false));
    // Our own encoding is canonical; otherwise compare the certHash inside (first ESSCertIDv2, SHA-256 default).
    const certHash = (((ess as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence)?.valueBlock.value[0] as asn1js.Sequence)?.valueBlock.value.find(
      (v): v is asn1js.OctetString => v instanceof asn1js.OctetString,
    );
    const want = createHash('sha256').update(certificateDer(cert)).digest();
    result.essV2 = actual.equals(expected) || (certHash && Buffer.from(certHash.valueBlock.valueHexView).equals(want)) ? 'matches' : 'mismatch';
  }

  const toBeSigned = Buffer.from(attrs.encodedValue);
  toBeSigned[0] = 0x31; // signed as a SET, stored as [0] IMPLICIT
  const key = { key: Buffer.from(cert.subjectPublicKeyInfo.toSchema().toBER(false)), format: 'der' as const, type: 'spki' as const };
  const pss = signer.signatureAlgorithm.algorithmId === OID.rsaPss;
  try {
    result.signatureValid = verifySignature(hash, toBeSigned, pss ? { ...key, padding: 6, saltLength: -2 } : key, Buffer.from(signer.signature.valueBlock.valueHexView));
  } catch {
    result.signatureValid = false;
  }
  if (!result.digestMatches) result.problem = 'digest_mismatch';
  else if (!result.signatureValid) result.problem = 'signature_invalid';
  return result;
}

function checkTimestamp(tokenAsn: asn1js.AsnType, signatureValue: Uint8Array): TimestampCheck {
  const out: TimestampCheck = { valid: false, time: null, tsaName: null, problem: null };
  try {
    const token = parseSignedData(new Uint8Array(tokenAsn.toBER(false)));
    const eContent = token.encapContentInfo.eContent;
    if (token.encapContentInfo.eContentType !== OID.tstInfo || !eContent) return { ...out, problem: 'not_a_timestamp' };
    const tstInfoDer = new Uint8Array(eContent.getValue());
    const info = new TSTInfo({ schema: parseDer(tstInfoDer) });
    out.time = info.genTime.toISOString();
    const hash = HASHES[info.messageImprint.hashAlgorithm.algorithmId];
    if (!hash) return { ...out, problem: 'unsupported_digest' };
    const imprintOk = Buffer.from(info.messageImprint.hashedMessage.valueBlock.valueHexView).equals(createHash(hash).update(signatureValue).digest());
    const signer = checkSigner(token, tstInfoDer);
    out.tsaName = signer.cert ? commonNameOf(signer.cert) : null;
    const eku = signer.cert?.extensions?.find((e) => e.extnID === OID.extKeyUsage);
    const timeStamping = eku ? new ExtKeyUsage({ schema: parseDer(new Uint8Array(eku.extnValue.valueBlock.valueHexView)) }).keyPurposes.includes(OID.kpTimeStamping) : false;
    out.valid = imprintOk && signer.digestMatches && signer.signatureValid && timeStamping && signer.essV2 !== 'mismatch';
    out.problem = !imprintOk ? 'imprint_mismatch' : signer.problem ?? (timeStamping ? null : 'not_a_timestamping_certificate');
  } catch (err) {
    out.problem = `unreadable: ${(err as Error).message}`;
  }
  return out;
}

/** Where the revision that begins before `from` ends: after its %%EOF and one end-of-line. */
function revisionEnd(pdf: Buffer, from: number): number {
  const eof = pdf.indexOf('%%EOF', from, 'latin1');
  if (eof < 0) return -1;
  let end = eof + 5;
  if (pdf[end] === 0x0d) end++;
  if (pdf[end] === 0x0a) end++;
  return end;
}

export async function verifyPadesSignatures(pdf: Uint8Array): Promise<PadesReport> {
  const buf = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const text = buf.toString('latin1');
  const names = await fieldNames(pdf);
  const signatures = findSignatures(text, pdf.length).map((found): PadesSignatureCheck => {
    const [a, b, c, d] = found.byteRange;
    const gap = text.slice(b, c);
    const hex = /^<([0-9a-fA-F\s]*)>$/.exec(gap)?.[1]?.replace(/\s/g, '') ?? '';
    const end = revisionEnd(buf, c);
    const check: PadesSignatureCheck = {
      fieldName: found.objectNumber === null ? null : (names.get(found.objectNumber) ?? null),
      signerName: null,
      issuerName: null,
      signingTime: pdfDate(found.dict),
      subFilter: /\/SubFilter\s*\/([\w.]+)/.exec(found.dict)?.[1] ?? null,
      byteRange: found.byteRange,
      byteRangeCoversRevision: a === 0 && hex.length > 0 && /\/Contents\s*$/.test(text.slice(Math.max(0, b - 16), b)) && c + d === end,
      coversWholeDocument: c + d === pdf.length,
      digestMatches: false,
      signatureValid: false,
      signingCertificateV2: 'absent',
      hasSigningTimeAttribute: false,
      timestamp: null,
      level: null,
      problem: null,
    };
    try {
      const signed = parseSignedData(new Uint8Array(Buffer.from(hex, 'hex')));
      const content = Buffer.concat([buf.subarray(a, a + b), buf.subarray(c, c + d)]);
      const signer = checkSigner(signed, content);
      check.signerName = signer.cert ? commonNameOf(signer.cert) : null;
      check.issuerName = signer.cert ? commonNameOf(signer.cert, 'issuer') : null;
      check.digestMatches = signer.digestMatches;
      check.signatureValid = signer.signatureValid;
      check.signingCertificateV2 = signer.essV2;
      const info = signed.signerInfos[0]!;
      check.hasSigningTimeAttribute = !!info.signedAttrs?.attributes.some((x) => x.type === OID.signingTime);
      const token = info.unsignedAttrs?.attributes.find((x) => x.type === OID.signatureTimeStampToken)?.values[0];
      if (token) check.timestamp = checkTimestamp(token, new Uint8Array(info.signature.valueBlock.valueHexView));
      check.problem = signer.problem;
    } catch (err) {
      check.problem = `unreadable: ${(err as Error).message}`;
    }
    const baseline =
      check.digestMatches &&
      check.signatureValid &&
      check.byteRangeCoversRevision &&
      check.subFilter === 'ETSI.CAdES.detached' &&
      check.signingCertificateV2 === 'matches' &&
      !check.hasSigningTimeAttribute;
    check.level = !baseline ? null : check.timestamp?.valid ? 'B-T' : 'B-B';
    if (!check.problem) {
      if (!check.byteRangeCoversRevision) check.problem = 'byte_range_incomplete';
      else if (check.signingCertificateV2 === 'mismatch') check.problem = 'signing_certificate_mismatch';
      else if (check.timestamp && !check.timestamp.valid) check.problem = `timestamp_invalid: ${check.timestamp.problem}`;
    }
    return check;
  });
  const lastEnd = signatures.reduce((max, s) => Math.max(max, s.byteRange[2] + s.byteRange[3]), 0);
  return {
    valid:
      signatures.length > 0 &&
      signatures.every((s) => s.digestMatches && s.signatureValid && s.byteRangeCoversRevision && s.signingCertificateV2 !== 'mismatch' && (!s.timestamp || s.timestamp.valid)),
    signatures,
    changedAfterLastSignature: signatures.length > 0 && buf.subarray(lastEnd).toString('latin1').trim().length > 0,
    trustChecked: false,
  };
}
