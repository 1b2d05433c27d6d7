import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import {
  AlgorithmIdentifier,
  Attribute,
  Certificate,
  ContentInfo,
  EncapsulatedContentInfo,
  IssuerAndSerialNumber,
  SignedAndUnsignedAttributes,
  SignedData,
  SignerInfo,
} from 'pkijs';

/*
 * CMS SignedData as PAdES baseline (ETSI EN 319 142-1 / EN 319 122-1) wants it, and as RFC 3161 time-stamp tokens
 * use it: signed attributes contentType, messageDigest and ESS signing-certificate-v2 (RFC 5035), and never
 * signing-time (PAdES puts the claimed time in the PDF's /M). The private key never has to be here: the caller
 * passes a `CmsKey` whose `sign` may run locally or at a remote signing service (CSC signHash).
 */

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  rsaPss: '1.2.840.113549.1.1.10',
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  kpTimeStamping: '1.3.6.1.5.5.7.3.8',
  extKeyUsage: '2.5.29.37',
  commonName: '2.5.4.3',
} as const;

/** A key able to sign, and its certificates (DER, the signer's first, then its chain). */
export type CmsKey = {
  certificates: Uint8Array[];
  /** OID of the signature algorithm the key produces (sha256WithRSAEncryption or ecdsa-with-SHA256). */
  signatureAlgorithm: string;
  /** Signs `data` (the DER of the signed attributes) with SHA-256. */
  sign(data: Uint8Array): Promise<Uint8Array>;
};

export const sha256 = (data: Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(data).digest());

export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

export function parseDer(bytes: Uint8Array): asn1js.AsnType {
  const asn = asn1js.fromBER(toArrayBuffer(bytes));
  if (asn.offset === -1) throw new Error('invalid DER');
  return asn.result;
}

export function parseCertificate(der: Uint8Array): Certificate {
  return new Certificate({ schema: parseDer(der) });
}

export function certificateDer(cert: Certificate): Uint8Array {
  return new Uint8Array(cert.toSchema(false).toBER(false));
}

export function commonNameOf(cert: Certificate, which: 'subject' | 'issuer' = 'subject'): string | null {
  const cn = cert[which].typesAndValues.find((tv) => tv.type === OID.commonName);
  return cn ? String(cn.value.valueBlock.value) : null;
}

export function signatureAlgorithmFor(keyType: string | undefined): string {
  if (keyType === 'rsa') return OID.sha256WithRsa;
  if (keyType === 'ec') return OID.ecdsaWithSha256;
  throw new Error(`unsupported key type ${keyType ?? 'unknown'}`);
}

/** ESS signing-certificate-v2 value: SEQUENCE { SEQUENCE OF ESSCertIDv2 { certHash, issuerSerial } } (SHA-256 is the DEFAULT, so omitted). */
export function signingCertificateV2(certDer: Uint8Array): asn1js.Sequence {
  const cert = parseCertificate(certDer);
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        // GeneralNames: one directoryName [4], explicitly tagged because Name is a CHOICE.
        value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [cert.issuer.toSchema()] })],
      }),
      new asn1js.Integer({ valueHex: cert.serialNumber.valueBlock.valueHexView.slice().buffer }),
    ],
  });
  const essCertIdV2 = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: toArrayBuffer(sha256(certDer)) }), issuerSerial] });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

/** DER orders the members of a SET OF by their encodings; verifiers that re-encode (NSS) must get our bytes back. */
function derSorted(attributes: Attribute[]): Attribute[] {
  const encoded = attributes.map((a) => ({ a, der: new Uint8Array(a.toSchema().toBER(false)) }));
  encoded.sort((x, y) => {
    const n = Math.min(x.der.length, y.der.length);
    for (let i = 0; i < n; i++) if (x.der[i] !== y.der[i]) return x.der[i]! - y.der[i]!;
    return x.der.length - y.der.length;
  });
  return encoded.map((e) => e.a);
}

export type SignedCms = { signedData: SignedData; signatureValue: Uint8Array };

/**
 * Builds and signs a SignedData over content whose SHA-256 is `contentDigest`. Detached (PAdES) unless
 * `eContent` is given (a time-stamp token encapsulates its TSTInfo).
 */
export async function buildSignedData(input: {
  key: CmsKey;
  contentDigest: Uint8Array;
  eContentType?: string;
  eContent?: Uint8Array;
  includeCertificates?: boolean;
}): Promise<SignedCms> {
  const [signerDer, ...chain] = input.key.certificates;
  if (!signerDer) throw new Error('the key has no certificate');
  const signer = parseCertificate(signerDer);
  const eContentType = input.eContentType ?? OID.data;
  const attributes = derSorted([
    new Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: eContentType })] }),
    new Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: toArrayBuffer(input.contentDigest) })] }),
    new Attribute({ type: OID.signingCertificateV2, values: [signingCertificateV2(signerDer)] }),
  ]);
  const signedAttrs = new SignedAndUnsignedAttributes({ type: 0, attributes });
  // The signature covers the attributes encoded as a SET (tag 0x31), not as the [0] IMPLICIT field of SignerInfo.
  const toBeSigned = new Uint8Array(new asn1js.Set({ value: attributes.map((a) => a.toSchema()) }).toBER(false));
  const signatureValue = await input.key.sign(toBeSigned);
  const sigAlgParams = input.key.signatureAlgorithm === OID.sha256WithRsa ? new asn1js.Null() : undefined;
  const signerInfo = new SignerInfo({
    version: 1,
    sid: new IssuerAndSerialNumber({ issuer: signer.issuer, serialNumber: signer.serialNumber }),
    digestAlgorithm: new AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signedAttrs,
    signatureAlgorithm: new AlgorithmIdentifier(
      sigAlgParams ? { algorithmId: input.key.signatureAlgorithm, algorithmParams: sigAlgParams } : { algorithmId: input.key.signatureAlgorithm },
    ),
    signature: new asn1js.OctetString({ valueHex: toArrayBuffer(signatureValue) }),
  });
  const signedData = new SignedData({
    version: eContentType === OID.data ? 1 : 3,
    digestAlgorithms: [new AlgorithmIdentifier({ algorithmId: OID.sha256 })],
    encapContentInfo: new EncapsulatedContentInfo(
      input.eContent
        ? { eContentType, eContent: new asn1js.OctetString({ valueHex: toArrayBuffer(input.eContent) }) }
        : { eContentType },
    ),
    signerInfos: [signerInfo],
  });
  if (input.includeCertificates ?? true) signedData.certificates = [signer, ...chain.map(parseCertificate)];
  return { signedData, signatureValue };
}

/** Adds the RFC 3161 token over the signature value as id-aa-signatureTimeStampToken (PAdES B-T). */
export function addSignatureTimestamp(signedData: SignedData, tokenDer: Uint8Array): void {
  const signerInfo = signedData.signerInfos[0]!;
  const attribute = new Attribute({ type: OID.signatureTimeStampToken, values: [parseDer(tokenDer)] });
  signerInfo.unsignedAttrs = new SignedAndUnsignedAttributes({ type: 1, attributes: [attribute] });
}

export function encodeContentInfo(signedData: SignedData): Uint8Array {
  const info = new ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(info.toSchema().toBER(false));
}

export function parseSignedData(der: Uint8Array): SignedData {
  const info = new ContentInfo({ schema: parseDer(der) });
  if (info.contentType !== OID.signedData) throw new Error('not a CMS SignedData');
  return new SignedData({ schema: info.content });
}
