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
 * Demo signing keys: a throw-away test CA (src/platform/signing/test-pki.ts) issues certificates to the demo officials
 * who sign answers — in Sector 5 the inspector, the heads of department and the mayor; in DGITL and DGASPC the heads of
 * department and the director general — and a seal to each institution. Each official's PKCS#12 opens with
 * DEMO_SIGNING_PIN. Generated at seed time, in parallel (one to two seconds: twenty RSA-2048 keys, PKCS#12 files with
 * a low iteration count); sealed with the public demo key of secret-box, like the demo TOTP seeds — never load the demo into
 * production.
 */
export const DEMO_SIGNING_PIN = '246810';

/** The demo officials who have a signing key. */
export const DEMO_SIGNERS = [
  DEMO_ACCOUNTS.inspector,
  DEMO_ACCOUNTS.headOfDepartment,
  DEMO_ACCOUNTS.mayor,
  DEMO_ACCOUNTS.publicInformation,
  DEMO_ACCOUNTS.headRegistry,
  DEMO_ACCOUNTS.headPublicRelations,
  DEMO_ACCOUNTS.headArchive,
  DEMO_ACCOUNTS.headCivilStatus,
  DEMO_ACCOUNTS.headPersonRecords,
  DEMO_ACCOUNTS.headBuildingPermits,
  DEMO_ACCOUNTS.headTradeApprovals,
  DEMO_ACCOUNTS.headParking,
  DEMO_ACCOUNTS.taxesDirector,
  DEMO_ACCOUNTS.headLocalTaxes,
  DEMO_ACCOUNTS.socialDirector,
  DEMO_ACCOUNTS.headSocialBenefits,
  DEMO_ACCOUNTS.headSocialInquiries,
] as const;

/** The demo institutions, by the name on their certificates. */
const DEMO_ORGANISATIONS: Record<string, string> = {
  [DEMO.sector5]: 'Primăria Sectorului 5',
  [DEMO.taxes]: 'DGITL Sector 5',
  [DEMO.social]: 'DGASPC Sector 5',
};

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
  const org = (institutionId: string) => `${DEMO_ORGANISATIONS[institutionId]} (demo)`;
  const sealName = (institutionId: string) => `${DEMO_ORGANISATIONS[institutionId]} — sigiliu`;
  const institutions = Object.keys(DEMO_ORGANISATIONS);
  const [officials, seals] = await Promise.all([
    Promise.all(
      DEMO_SIGNERS.map((a, i) =>
        issueTestCertificate(ca, { commonName: a.displayName, organization: org(a.membership?.institutionId ?? DEMO.sector5), serialNumber: `PNORO-DEMO-${i + 1}` }),
      ),
    ),
    Promise.all(institutions.map((id) => issueTestCertificate(ca, { commonName: sealName(id), organization: org(id) }, 'seal'))),
  ]);
  for (const [i, a] of DEMO_SIGNERS.entries()) {
    await upsertSigningKey(db, {
      accountId: a.id,
      kind: 'pkcs12',
      sealedP12: sealDemoSecret(b64(demoPkcs12(officials[i]!, DEMO_SIGNING_PIN)), keyContext(a.id)),
      certificateSubject: a.displayName,
    });
  }
  for (const [i, institutionId] of institutions.entries()) {
    const sealPassword = randomBytes(18).toString('base64url');
    await upsertSeal(db, {
      institutionId,
      sealedP12: sealDemoSecret(b64(demoPkcs12(seals[i]!, sealPassword)), sealContext(institutionId)),
      sealedPassword: sealDemoSecret(sealPassword, sealPasswordContext(institutionId)),
      certificateSubject: sealName(institutionId),
      tsaUrl: null,
    });
  }
}
