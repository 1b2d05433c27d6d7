import { randomBytes } from 'node:crypto';
import forge from 'node-forge';
import type { Executor } from '../../db/database.ts';
import { sealDemoSecret } from '../../platform/auth/secret-box.ts';
import { createTestCa, issueTestCertificate, type TestIdentity } from '../../platform/signing/test-pki.ts';
import { DEMO_ACCOUNTS } from '../identity/seed-demo.ts';
import { DEMO } from '../organisation/seed-demo.ts';
import { keyContext, sealContext, sealPasswordContext } from './signing-keys.ts';
import { upsertSeal, upsertSigningKey } from './store.ts';

/**
 * Demo signing keys: a throw-away test CA (src/platform/signing/test-pki.ts) issues certificates to the demo
 * inspector, head of department and mayor of Sector 5 and a seal to the city hall. Each official's PKCS#12 opens
 * with DEMO_SIGNING_PIN. Generated at seed time (about a second: four RSA-2048 keys and four PKCS#12 files); sealed
 * with the public demo key of secret-box, like the demo TOTP seeds — never load the demo into production.
 */
export const DEMO_SIGNING_PIN = '246810';

/** The demo officials who have a signing key. */
export const DEMO_SIGNERS = [DEMO_ACCOUNTS.inspector, DEMO_ACCOUNTS.headOfDepartment, DEMO_ACCOUNTS.mayor] as const;

/** PKCS#12 (PBES2/AES-256, SHA-256 MAC) with a lower iteration count than test-pki's, so the seed and every signing stay quick. */
export function demoPkcs12(identity: TestIdentity, password: string, iterations = 2048): Uint8Array {
  const toForge = (der: Uint8Array) => forge.pki.certificateFromAsn1(forge.asn1.fromDer(Buffer.from(der).toString('binary')));
  const keyPem = identity.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const p12 = forge.pkcs12.toPkcs12Asn1(forge.pki.privateKeyFromPem(keyPem), [toForge(identity.certificate), ...identity.chain.map(toForge)], password, {
    algorithm: 'aes256',
    generateLocalKeyId: true,
    saltSize: 16,
    count: iterations,
  });
  return new Uint8Array(Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'));
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

export async function seedDocumentsDemo(db: Executor): Promise<void> {
  const ca = await createTestCa('Primăria Digitală Demo CA');
  const org = 'Primăria Sectorului 5 (demo)';
  const [officials, seal] = await Promise.all([
    Promise.all(DEMO_SIGNERS.map((a, i) => issueTestCertificate(ca, { commonName: a.displayName, organization: org, serialNumber: `PNORO-DEMO-${i + 1}` }))),
    issueTestCertificate(ca, { commonName: 'Primăria Sectorului 5 — sigiliu', organization: org }, 'seal'),
  ]);
  for (const [i, a] of DEMO_SIGNERS.entries()) {
    await upsertSigningKey(db, {
      accountId: a.id,
      kind: 'pkcs12',
      sealedP12: sealDemoSecret(b64(demoPkcs12(officials[i]!, DEMO_SIGNING_PIN)), keyContext(a.id)),
      certificateSubject: a.displayName,
    });
  }
  const sealPassword = randomBytes(18).toString('base64url');
  await upsertSeal(db, {
    institutionId: DEMO.sector5,
    sealedP12: sealDemoSecret(b64(demoPkcs12(seal, sealPassword)), sealContext(DEMO.sector5)),
    sealedPassword: sealDemoSecret(sealPassword, sealPasswordContext(DEMO.sector5)),
    certificateSubject: 'Primăria Sectorului 5 — sigiliu',
    tsaUrl: null,
  });
}
