import { createHash, generateKeyPair, type KeyObject, randomBytes, sign as cryptoSign } from 'node:crypto';
import { promisify } from 'node:util';
import * as asn1js from 'asn1js';
import forge from 'node-forge';
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AuthorityKeyIdentifier,
  BasicConstraints,
  Certificate,
  ExtKeyUsage,
  Extension,
  PublicKeyInfo,
  RelativeDistinguishedNames,
} from 'pkijs';
import { OID, parseCertificate, parseDer, toArrayBuffer } from './cms.ts';

/*
 * A throw-away PKI for tests, development and the demo seed: a root CA, certificates for officials
 * (nonRepudiation + digitalSignature), for the institution's seal and for a time-stamping unit
 * (id-kp-timeStamping, critical), and PKCS#12 files of them. RSA-2048, SHA-256. Never use for real documents:
 * nothing here is trusted outside the test (pdfsig says "issuer isn't Trusted").
 */

const generateRsa = () => promisify(generateKeyPair)('rsa', { modulusLength: 2048 });

export type TestIdentity = {
  /** DER of the certificate. */
  certificate: Uint8Array;
  privateKey: KeyObject;
  /** DER of the issuing chain, nearest first (empty for the root). */
  chain: Uint8Array[];
};

export type CertificatePurpose = 'ca' | 'signing' | 'seal' | 'timestamping';

export type Subject = { commonName: string; organization?: string; country?: string; serialNumber?: string };

/** A Name with one attribute per RDN (pkijs would put them all into one multi-valued RDN). */
function name(subject: Subject): RelativeDistinguishedNames {
  const rdns: asn1js.Set[] = [];
  const add = (type: string, value: asn1js.PrintableString | asn1js.Utf8String) =>
    rdns.push(new asn1js.Set({ value: [new AttributeTypeAndValue({ type, value }).toSchema()] }));
  add('2.5.4.6', new asn1js.PrintableString({ value: subject.country ?? 'RO' }));
  if (subject.organization) add('2.5.4.10', new asn1js.Utf8String({ value: subject.organization }));
  if (subject.serialNumber) add('2.5.4.5', new asn1js.PrintableString({ value: subject.serialNumber }));
  add(OID.commonName, new asn1js.Utf8String({ value: subject.commonName }));
  return new RelativeDistinguishedNames({ schema: parseDer(new Uint8Array(new asn1js.Sequence({ value: rdns }).toBER(false))) });
}

/** KeyUsage bits as a DER BIT STRING: bit 0 is the most significant bit of the first byte. */
function keyUsage(bits: number[]): asn1js.BitString {
  const byte = bits.reduce((acc, b) => acc | (0x80 >> b), 0);
  const unused = 7 - Math.max(...bits);
  return new asn1js.BitString({ valueHex: new Uint8Array([byte]).buffer, unusedBits: unused });
}

const KEY_USAGE: Record<CertificatePurpose, number[]> = {
  ca: [5, 6], // keyCertSign, cRLSign
  signing: [0, 1], // digitalSignature, nonRepudiation
  seal: [0, 1],
  timestamping: [0, 1],
};

function extension(extnID: string, critical: boolean, value: asn1js.BaseBlock): Extension {
  return new Extension({ extnID, critical, extnValue: value.toBER(false) });
}

async function issue(
  subject: Subject,
  purpose: CertificatePurpose,
  issuer: TestIdentity | null,
  validDays: number,
): Promise<TestIdentity> {
  const keys = await generateRsa();
  const cert = new Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ valueHex: toArrayBuffer(Uint8Array.from([0x01, ...randomBytes(15)])) });
  cert.subject = name(subject);
  const issuerCert = issuer ? parseCertificate(issuer.certificate) : null;
  cert.issuer = issuerCert ? issuerCert.subject : name(subject);
  cert.notBefore.value = new Date(Date.now() - 24 * 3600 * 1000);
  cert.notAfter.value = new Date(Date.now() + validDays * 24 * 3600 * 1000);
  cert.subjectPublicKeyInfo = new PublicKeyInfo({ schema: parseDer(new Uint8Array(keys.publicKey.export({ format: 'der', type: 'spki' }))) });

  const ski = createHash('sha1').update(cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView).digest();
  const issuerSki = issuerCert
    ? createHash('sha1').update(issuerCert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView).digest()
    : ski;
  const extensions = [
    extension('2.5.29.19', true, new BasicConstraints({ cA: purpose === 'ca' }).toSchema()),
    extension('2.5.29.15', true, keyUsage(KEY_USAGE[purpose])),
    extension('2.5.29.14', false, new asn1js.OctetString({ valueHex: toArrayBuffer(ski) })),
    extension('2.5.29.35', false, new AuthorityKeyIdentifier({ keyIdentifier: new asn1js.OctetString({ valueHex: toArrayBuffer(issuerSki) }) }).toSchema()),
  ];
  if (purpose === 'timestamping') extensions.push(extension(OID.extKeyUsage, true, new ExtKeyUsage({ keyPurposes: [OID.kpTimeStamping] }).toSchema()));
  cert.extensions = extensions;

  // Signed by hand rather than with cert.sign(): pkijs leaves out the NULL parameters of sha256WithRSAEncryption,
  // which every other encoder (forge, OpenSSL) puts back, changing the certificate's bytes and so its ESS hash.
  const algorithm = () => new AlgorithmIdentifier({ algorithmId: OID.sha256WithRsa, algorithmParams: new asn1js.Null() });
  cert.signature = algorithm();
  cert.signatureAlgorithm = algorithm();
  cert.tbsView = new Uint8Array(cert.encodeTBS().toBER(false));
  const value = cryptoSign('sha256', cert.tbsView, issuer ? issuer.privateKey : keys.privateKey);
  cert.signatureValue = new asn1js.BitString({ valueHex: toArrayBuffer(new Uint8Array(value)) });
  return {
    certificate: new Uint8Array(cert.toSchema(false).toBER(false)),
    privateKey: keys.privateKey,
    chain: issuer ? [issuer.certificate, ...issuer.chain] : [],
  };
}

export function createTestCa(commonName = 'Primăria Digitală Test Root CA'): Promise<TestIdentity> {
  return issue({ commonName, organization: 'Primăria Digitală (test)' }, 'ca', null, 3650);
}

export function issueTestCertificate(
  ca: TestIdentity,
  subject: Subject,
  purpose: Exclude<CertificatePurpose, 'ca'> = 'signing',
  validDays = 730,
): Promise<TestIdentity> {
  return issue(subject, purpose, ca, validDays);
}

/** A PKCS#12 of the identity (key + certificate + chain), PBES2/AES-256 with a SHA-256 MAC. */
export function toPkcs12(identity: TestIdentity, password: string, friendlyName = 'semnatura'): Uint8Array {
  const toForge = (der: Uint8Array) => forge.pki.certificateFromAsn1(forge.asn1.fromDer(Buffer.from(der).toString('binary')));
  const keyPem = identity.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const p12 = forge.pkcs12.toPkcs12Asn1(
    forge.pki.privateKeyFromPem(keyPem),
    [toForge(identity.certificate), ...identity.chain.map(toForge)],
    password,
    { algorithm: 'aes256', friendlyName, generateLocalKeyId: true, saltSize: 16, count: 10_000 },
  );
  return new Uint8Array(Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'));
}

export type TestPki = {
  ca: TestIdentity;
  officials: { inspector: TestIdentity; head: TestIdentity; mayor: TestIdentity };
  seal: TestIdentity;
  tsa: TestIdentity;
};

/** The demo PKI: one root, three officials of the Sector 5 city hall, the institution's seal and a TSA. */
export async function createTestPki(): Promise<TestPki> {
  const ca = await createTestCa();
  const org = 'Primăria Sectorului 5 (test)';
  const [inspector, head, mayor, seal, tsa] = await Promise.all([
    issueTestCertificate(ca, { commonName: 'Ana Popescu', organization: org, serialNumber: 'PNORO-1001' }),
    issueTestCertificate(ca, { commonName: 'Mihai Ionescu', organization: org, serialNumber: 'PNORO-1002' }),
    issueTestCertificate(ca, { commonName: 'Ștefan Țăranu', organization: org, serialNumber: 'PNORO-1003' }),
    issueTestCertificate(ca, { commonName: 'Primăria Sectorului 5 — sigiliu', organization: org }, 'seal'),
    issueTestCertificate(ca, { commonName: 'Primăria Digitală Test TSA', organization: 'Primăria Digitală (test)' }, 'timestamping'),
  ]);
  return { ca, officials: { inspector, head, mayor }, seal, tsa };
}
