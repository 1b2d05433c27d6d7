import { createPrivateKey, createPublicKey, type KeyObject, sign as cryptoSign } from 'node:crypto';
import forge from 'node-forge';
import { AppError } from '../http/errors.ts';
import { type CmsKey, parseCertificate, signatureAlgorithmFor } from './cms.ts';
import { type SignOptions, type Signer, signPdfWithKey, type TimestampAuthority } from './signer.ts';

/*
 * Signs with a key held locally in a PKCS#12 (.p12/.pfx) file: an official's key, stored encrypted at rest and
 * unlocked with the official's PIN at signing time, or the institution's seal. node-forge reads the file (it
 * understands the legacy 3DES/RC2 files that Windows and older CAs export as well as OpenSSL 3's PBES2/AES ones);
 * the private key then lives in a node:crypto KeyObject for the duration of this signer only.
 */

export type Pkcs12Contents = { privateKey: KeyObject; certificates: Uint8Array[] };

const bytesToBinary = (bytes: Uint8Array) => Buffer.from(bytes).toString('binary');
const binaryToBytes = (binary: string) => new Uint8Array(Buffer.from(binary, 'binary'));

/** The private key and the certificates of a PKCS#12 file, the key's own certificate first. */
export function readPkcs12(p12: Uint8Array, password: string): Pkcs12Contents {
  let parsed: forge.pkcs12.Pkcs12Pfx;
  try {
    parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(bytesToBinary(p12)), false, password);
  } catch {
    // forge's message only says the MAC or the decryption failed; never echo the password.
    throw new AppError('signing.pkcs12_invalid', 'invalid');
  }
  const keyBag = [
    ...(parsed.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? []),
    ...(parsed.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!] ?? []),
  ][0];
  if (!keyBag) throw new AppError('signing.pkcs12_invalid', 'invalid');
  // RSA keys come back decoded; other key types (EC) as the PrivateKeyInfo ASN.1, which node:crypto reads directly.
  const pkcs8 = keyBag.key
    ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(keyBag.key as forge.pki.rsa.PrivateKey))
    : (keyBag.asn1 as forge.asn1.Asn1 | undefined);
  if (!pkcs8) throw new AppError('signing.pkcs12_invalid', 'invalid');
  const privateKey = createPrivateKey({ key: Buffer.from(binaryToBytes(forge.asn1.toDer(pkcs8).getBytes())), format: 'der', type: 'pkcs8' });

  const certBags = parsed.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? [];
  const certificates = certBags
    .map((bag) => (bag.cert ? forge.pki.certificateToAsn1(bag.cert) : (bag.asn1 as forge.asn1.Asn1 | undefined)))
    .filter((asn): asn is forge.asn1.Asn1 => Boolean(asn))
    .map((asn) => binaryToBytes(forge.asn1.toDer(asn).getBytes()));
  // The signer certificate is the one whose public key matches the private key.
  const publicDer = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  const own = certificates.findIndex((der) => Buffer.from(parseCertificate(der).subjectPublicKeyInfo.toSchema().toBER(false)).equals(publicDer));
  if (own < 0) throw new AppError('signing.pkcs12_invalid', 'invalid');
  return { privateKey, certificates: [certificates[own]!, ...certificates.filter((_, i) => i !== own)] };
}

/** A `CmsKey` over a local private key. */
export function localCmsKey(privateKey: KeyObject, certificates: Uint8Array[]): CmsKey {
  return {
    certificates,
    signatureAlgorithm: signatureAlgorithmFor(privateKey.asymmetricKeyType),
    sign: async (data) => new Uint8Array(cryptoSign('sha256', data, privateKey)),
  };
}

export class LocalPkcs12Signer implements Signer {
  private readonly key: CmsKey;

  /** Throws `signing.pkcs12_invalid` when the password does not open the file. */
  constructor(p12: Uint8Array, password: string, private readonly options: { timestampAuthority?: TimestampAuthority | null } = {}) {
    const { privateKey, certificates } = readPkcs12(p12, password);
    this.key = localCmsKey(privateKey, certificates);
  }

  sign(pdf: Uint8Array, opts: SignOptions): Promise<Uint8Array> {
    return signPdfWithKey(pdf, opts, this.key, this.options.timestampAuthority ?? null);
  }

  async certificate(): Promise<Uint8Array> {
    return this.key.certificates[0]!;
  }
}
