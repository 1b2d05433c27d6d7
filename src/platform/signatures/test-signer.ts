import { createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import {
  AlgorithmIdentifier,
  Attribute,
  AttributeTypeAndValue,
  BasicConstraints,
  Certificate,
  ContentInfo,
  EncapsulatedContentInfo,
  Extension,
  IssuerAndSerialNumber,
  SignedAndUnsignedAttributes,
  SignedData,
  SignerInfo,
} from 'pkijs';

/*
 * Test fixtures only: a self-signed certificate and a minimal PAdES-style signer that writes a one-page PDF with
 * a signature field, a /ByteRange placeholder and a detached CMS (ETSI.CAdES.detached) over the byte ranges.
 * Never used to sign anything the platform issues (that goes through the Signer interface).
 */

const subtle = webcrypto.subtle as SubtleCrypto;

export type TestIdentity = { certificate: Certificate; privateKey: CryptoKey; der: Uint8Array };

export async function makeSelfSignedIdentity(commonName: string): Promise<TestIdentity> {
  const alg = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
  const keys = (await subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = new Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ value: Math.floor(Math.random() * 1e9) });
  for (const rdn of [cert.subject, cert.issuer]) {
    rdn.typesAndValues.push(new AttributeTypeAndValue({ type: '2.5.4.6', value: new asn1js.PrintableString({ value: 'RO' }) }));
    rdn.typesAndValues.push(new AttributeTypeAndValue({ type: '2.5.4.3', value: new asn1js.Utf8String({ value: commonName }) }));
  }
  cert.notBefore.value = new Date(Date.now() - 24 * 3600 * 1000);
  cert.notAfter.value = new Date(Date.now() + 365 * 24 * 3600 * 1000);
  cert.extensions = [
    new Extension({ extnID: '2.5.29.19', critical: false, extnValue: new BasicConstraints({ cA: false }).toSchema().toBER(false), parsedValue: new BasicConstraints({ cA: false }) }),
  ];
  await cert.subjectPublicKeyInfo.importKey(keys.publicKey);
  await cert.sign(keys.privateKey, 'SHA-256');
  return { certificate: cert, privateKey: keys.privateKey, der: new Uint8Array(cert.toSchema().toBER(false)) };
}

const CONTENTS_HEX_LENGTH = 16_384;
const PLACEHOLDER = '0000000000';

/** A one-page PDF with an empty signature (ByteRange and Contents placeholders); offsets computed for its xref. */
function unsignedPdf(text: string, signerName: string): Buffer {
  const stream = `BT /F1 14 Tf 72 770 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [5 0 R] /SigFlags 3 >> >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 6 0 R >> >> /Annots [5 0 R] >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Annot /Subtype /Widget /FT /Sig /T (Semnatura1) /Rect [0 0 0 0] /F 132 /P 3 0 R /V 7 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [0 ${PLACEHOLDER} ${PLACEHOLDER} ${PLACEHOLDER}] /Contents <${'0'.repeat(CONTENTS_HEX_LENGTH)}> /M (D:20261122100000+02'00') /Name (${signerName}) >>`,
  ];
  let body = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A PDF signed by `identity`: the CMS covers everything but the /Contents hex string. */
export async function signedTestPdf(identity: TestIdentity, text = 'Cerere semnata electronic', signerName = 'Semnatar Test'): Promise<Uint8Array> {
  const pdf = unsignedPdf(text, signerName);
  const s = pdf.toString('latin1');
  const contentsAt = s.indexOf(`/Contents <${'0'.repeat(16)}`) + '/Contents '.length;
  const gapStart = contentsAt;
  const gapEnd = contentsAt + CONTENTS_HEX_LENGTH + 2;
  const range = [0, gapStart, gapEnd, pdf.length - gapEnd];
  const brText = `[0 ${range.slice(1).map((n) => String(n).padStart(PLACEHOLDER.length, '0')).join(' ')}]`;
  const brAt = s.indexOf(`[0 ${PLACEHOLDER} ${PLACEHOLDER} ${PLACEHOLDER}]`);
  pdf.write(brText, brAt, 'latin1');
  const content = Buffer.concat([pdf.subarray(0, gapStart), pdf.subarray(gapEnd)]);
  const der = await cmsDetached(identity, content);
  const hex = Buffer.from(der).toString('hex');
  if (hex.length > CONTENTS_HEX_LENGTH) throw new Error('signature does not fit the placeholder');
  pdf.write(hex, gapStart + 1, 'latin1');
  return new Uint8Array(pdf);
}

async function cmsDetached(identity: TestIdentity, content: Uint8Array): Promise<ArrayBuffer> {
  const digest = createHash('sha256').update(content).digest();
  const signed = new SignedData({
    version: 1,
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: '1.2.840.113549.1.7.1' }),
    signerInfos: [
      new SignerInfo({
        version: 1,
        sid: new IssuerAndSerialNumber({ issuer: identity.certificate.issuer, serialNumber: identity.certificate.serialNumber }),
        signedAttrs: new SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new Attribute({ type: '1.2.840.113549.1.9.3', values: [new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.7.1' })] }),
            new Attribute({ type: '1.2.840.113549.1.9.4', values: [new asn1js.OctetString({ valueHex: new Uint8Array(digest).buffer })] }),
          ],
        }),
      }),
    ],
    certificates: [identity.certificate],
  });
  await signed.sign(identity.privateKey, 0, 'SHA-256', new Uint8Array(content).buffer);
  const info = new ContentInfo({ contentType: '1.2.840.113549.1.7.2', content: signed.toSchema(true) });
  void AlgorithmIdentifier;
  return info.toSchema().toBER(false);
}
