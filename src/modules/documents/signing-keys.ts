import { openSecret, sealSecret } from '../../platform/auth/secret-box.ts';
import { commonNameOf, parseCertificate } from '../../platform/signing/cms.ts';
import { CscRemoteSigner } from '../../platform/signing/csc-remote-signer.ts';
import { LocalPkcs12Signer, readPkcs12 } from '../../platform/signing/local-pkcs12-signer.ts';
import type { Signer, TimestampAuthority } from '../../platform/signing/signer.ts';
import { TsaClient } from '../../platform/signing/tsa-client.ts';
import type { SealRow, SigningKeyRow } from './store.ts';

/*
 * Signing keys at rest: the PKCS#12 file is sealed with AES-256-GCM (secret-box, key derived from the session
 * secret, bound to the account or institution id) and is itself encrypted with the official's PIN, which is never
 * stored: a copy of the database alone opens nothing, and the server alone cannot sign for an official.
 * The institution's seal signs without a person, so its password is sealed beside it.
 */

export const keyContext = (accountId: string) => `signing-key:${accountId}`;
export const sealContext = (institutionId: string) => `institution-seal:${institutionId}`;
export const sealPasswordContext = (institutionId: string) => `institution-seal-password:${institutionId}`;
export const cscSecretContext = (accountId: string) => `csc-secret:${accountId}`;

export const sealP12 = (sessionSecret: string, p12: Uint8Array, context: string) => sealSecret(sessionSecret, Buffer.from(p12).toString('base64'), context);
export const openP12 = (sessionSecret: string, sealed: string, context: string) => new Uint8Array(Buffer.from(openSecret(sessionSecret, sealed, context), 'base64'));

/** The signer's common name from a PKCS#12 it opens with `password` (throws signing.pkcs12_invalid otherwise). */
export function subjectOfPkcs12(p12: Uint8Array, password: string): string {
  const { certificates } = readPkcs12(p12, password);
  return commonNameOf(parseCertificate(certificates[0]!)) ?? '—';
}

export function timestampAuthority(url: string | null | undefined): TimestampAuthority | null {
  return url ? new TsaClient({ url }) : null;
}

/** The official's signer, unlocked with their PIN: a wrong PIN is `signing.pin_invalid` (local file or remote service). */
export function officialSigner(sessionSecret: string, key: SigningKeyRow, pin: string, tsa: TimestampAuthority | null): Signer {
  if (key.kind === 'csc') {
    return new CscRemoteSigner({
      baseUrl: key.cscUrl!,
      auth: { clientId: key.cscClientId!, clientSecret: openSecret(sessionSecret, key.sealedCscSecret!, cscSecretContext(key.accountId)) },
      credentialId: key.cscCredentialId ?? undefined,
      pin: () => pin,
      timestampAuthority: tsa,
    });
  }
  return new LocalPkcs12Signer(openP12(sessionSecret, key.sealedP12!, keyContext(key.accountId)), pin, { timestampAuthority: tsa });
}

export function sealSigner(sessionSecret: string, seal: SealRow): Signer {
  const password = openSecret(sessionSecret, seal.sealedPassword, sealPasswordContext(seal.institutionId));
  return new LocalPkcs12Signer(openP12(sessionSecret, seal.sealedP12, sealContext(seal.institutionId)), password, { timestampAuthority: timestampAuthority(seal.tsaUrl) });
}
