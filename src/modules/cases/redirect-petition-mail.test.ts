import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { findPublishedByCode } from '../catalog/store.ts';
import { DEMO_ACCOUNTS } from '../identity/seed-demo.ts';
import { DEMO } from '../organisation/seed-demo.ts';
import { readMime, startTestSmtpServer, type TestSmtpServer, waitFor } from '../outbox/testing.ts';
import { MAX_ATTACHED_BYTES } from './redirect-petition.ts';
import { openCase } from './open-case.ts';
import { insertCaseDocument } from './store.ts';

/** A petition sent on to an institution outside the platform reaches its mailbox with the petitioner's documents attached. */
let t: TestApp;
let smtp: TestSmtpServer;
let clock = Date.parse('2026-11-23T08:00:00Z');
const { maria, registryClerk } = DEMO_ACCOUNTS;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  t = await startTestApp({ config: { mail: { mode: 'smtp', smtpUrl: smtp.url, from: 'Primăria Sectorului 5 <no-reply@sector5.test>' } } });
  t.deps.now = () => new Date(clock);
});
afterAll(async () => {
  await t?.stop();
  await smtp?.stop();
});

/** A petition of Maria's with the files she filed with it. */
async function petitionWith(files: { filename: string; bytes: Uint8Array }[]) {
  const version = (await findPublishedByCode(t.database.db, DEMO.sector5, 'PETITIE'))!.versionId;
  const c = await t.database.db.transaction((tx) =>
    openCase(tx, {
      serviceVersionId: version,
      applicantAccountId: maria.id,
      companyId: null,
      applicant: { kind: 'person', name: maria.displayName, email: maria.email },
      answers: { subject: 'Impozitul pe venit', content: 'Decizia ANAF are o sumă greșită.' },
      channel: 'online',
      actorId: maria.id,
      transactionId: randomUUID(),
      feeBani: 0,
      at: new Date(clock),
    }),
  );
  for (const f of files) {
    const sha256 = await t.deps.blobs.put(f.bytes);
    await insertCaseDocument(t.database.db, { id: randomUUID(), caseId: c.caseId, direction: 'in', filename: f.filename, mediaType: 'application/pdf', sizeBytes: f.bytes.length, sha256, uploadedBy: maria.id, createdAt: new Date(clock) });
  }
  return { id: c.caseId, number: c.registry.display };
}

async function sendOn(caseId: string, email: string) {
  const clerk = await signInDemo(t, registryClerk, () => (clock += 30_000), '/birou');
  const res = await clerk.api('POST', `/api/v1/cases/${caseId}/redirection`, { to: 'outside', name: 'ANAF', email, reason: 'Impozitul pe venit este al ANAF.' });
  expect(res.status).toBe(201);
  return waitFor(async () => smtp.received.find((m) => m.to.includes(email)), { timeoutMs: 20_000, what: `the petition at ${email}` });
}

describe('a petition e-mailed to an institution outside the platform', () => {
  it('arrives with the documents filed with it attached', async () => {
    const scan = new TextEncoder().encode('%PDF-1.4 decizia de impunere');
    const p = await petitionWith([{ filename: 'decizie-impunere.pdf', bytes: scan }]);
    const mail = await sendOn(p.id, 'registratura@anaf.example');
    expect(readMime(mail.raw).text).toContain('Documentele depuse cu petiția sunt atașate acestui mesaj: decizie-impunere.pdf');
    const unfolded = mail.raw.replace(/\r\n[ \t]+/g, ' ');
    expect(unfolded).toMatch(/Content-Disposition: attachment; filename="?decizie-impunere\.pdf"?/);
    expect(mail.raw).toContain(Buffer.from(scan).toString('base64'));
  });

  it('names documents too big to attach, with where to ask for them, and sends the petition without them', async () => {
    const big = new Uint8Array(MAX_ATTACHED_BYTES + 1).fill(65);
    const p = await petitionWith([{ filename: 'planuri.pdf', bytes: big }]);
    const mail = await sendOn(p.id, 'petitii@anaf.example');
    expect(readMime(mail.raw).text).toContain('Documente depuse cu petiția (le puteți cere la');
    expect(mail.raw).not.toContain('Content-Disposition: attachment');
  });
});
