import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.ts';
import { PdfWriter } from '../pdf/pdf-document.ts';
import { CscRemoteSigner } from './csc-remote-signer.ts';
import { type CscSimulator, startCscSimulator } from './csc-simulator.ts';
import { LocalPkcs12Signer } from './local-pkcs12-signer.ts';
import type { SignOptions } from './signer.ts';
import { createTestPki, type TestPki, toPkcs12 } from './test-pki.ts';
import { runPdfsig } from './test-support.ts';
import { TsaClient } from './tsa-client.ts';
import { startTsaServer, type TsaServer } from './tsa-server.ts';
import { verifyPadesSignatures } from './verify-pades.ts';

let pki: TestPki;
let csc: CscSimulator;
let tsa: TsaServer;
let pdf: Uint8Array;
const PIN = '246810';
const options: SignOptions = { name: 'Ștefan Țăranu', reason: 'Aprobat', location: 'București', signingTime: new Date('2026-11-22T12:00:00Z') };

beforeAll(async () => {
  pki = await createTestPki();
  const { mayor, head } = pki.officials;
  csc = await startCscSimulator([
    { id: 'cred-mayor', userId: 'mayor', pin: PIN, privateKey: mayor.privateKey, certificates: [mayor.certificate, ...mayor.chain] },
    { id: 'cred-head', userId: 'head', pin: '1111', privateKey: head.privateKey, certificates: [head.certificate, ...head.chain] },
  ]);
  tsa = await startTsaServer(pki.tsa);
  const w = await PdfWriter.create({ title: 'Dispoziție', author: 'Primăria Sectorului 5' });
  w.heading('Dispoziția primarului nr. 45/22.11.2026');
  pdf = await w.save();
});

afterAll(async () => {
  await csc?.stop();
  await tsa?.stop();
});

const signer = (pin: string, extra: Partial<ConstructorParameters<typeof CscRemoteSigner>[0]> = {}) =>
  new CscRemoteSigner({ baseUrl: csc.url, auth: { clientId: csc.clientId, clientSecret: csc.clientSecret }, userId: 'mayor', pin: () => pin, ...extra });

describe('CscRemoteSigner against the CSC API v2 simulator', () => {
  it('describes the service and returns the credential certificate', async () => {
    const s = signer(PIN);
    const info = await s.info();
    expect(info.specs).toBe('2.0.0.0');
    expect(info.methods).toContain('signatures/signHash');
    expect(Buffer.from(await s.certificate()).equals(Buffer.from(pki.officials.mayor.certificate))).toBe(true);
  });

  it('signs remotely (hash of the signed attributes sent to signHash): pdfsig and our verifier accept a PAdES B-T signature', async () => {
    const before = csc.signatures;
    const signed = await signer(PIN, { timestampAuthority: new TsaClient({ url: tsa.url }) }).sign(pdf, options);
    expect(csc.signatures).toBe(before + 1);
    const { signatures, output } = runPdfsig(signed);
    expect(signatures, output).toHaveLength(1);
    expect(signatures[0]).toMatchObject({ commonName: 'Ștefan Țăranu', validation: 'Signature is Valid.', type: 'ETSI.CAdES.detached', totalDocumentSigned: true });
    const r = await verifyPadesSignatures(signed);
    expect(r.valid).toBe(true);
    expect(r.signatures[0]).toMatchObject({ level: 'B-T', signingCertificateV2: 'matches', hasSigningTimeAttribute: false });
  });

  it('a remote signature after a local one keeps the first valid (sequential signing across signers)', async () => {
    const local = new LocalPkcs12Signer(toPkcs12(pki.officials.inspector, 'p'), 'p');
    const first = await local.sign(pdf, { ...options, name: 'Ana Popescu', reason: 'Verificat' });
    const second = await signer(PIN).sign(first, options);
    const { signatures } = runPdfsig(second);
    expect(signatures.map((s) => [s.commonName, s.validation, s.totalDocumentSigned])).toEqual([
      ['Ana Popescu', 'Signature is Valid.', false],
      ['Ștefan Țăranu', 'Signature is Valid.', true],
    ]);
  });

  it('refuses a wrong PIN with signing.pin_invalid and signs nothing; three wrong PINs lock the credential', async () => {
    const before = csc.signatures;
    const wrong = new CscRemoteSigner({ baseUrl: csc.url, auth: { clientId: csc.clientId, clientSecret: csc.clientSecret }, credentialId: 'cred-head', pin: () => '0000' });
    const attempt = () => wrong.sign(pdf, { ...options, name: 'Mihai Ionescu' });
    await expect(attempt()).rejects.toMatchObject({ name: 'AppError', code: 'signing.pin_invalid', kind: 'invalid' });
    expect(csc.signatures).toBe(before);
    await expect(attempt()).rejects.toMatchObject({ code: 'signing.pin_invalid' });
    await expect(attempt()).rejects.toMatchObject({ code: 'signing.pin_invalid' });
    const right = new CscRemoteSigner({ baseUrl: csc.url, auth: { clientId: csc.clientId, clientSecret: csc.clientSecret }, credentialId: 'cred-head', pin: () => '1111' });
    await expect(right.sign(pdf, options)).rejects.toMatchObject({ code: 'signing.credential_locked' });
    expect(csc.signatures).toBe(before);
  });

  it('reports a bad client secret as a refusal and an unreachable service as unavailable', async () => {
    const badClient = new CscRemoteSigner({ baseUrl: csc.url, auth: { clientId: csc.clientId, clientSecret: 'nu' }, pin: () => PIN });
    await expect(badClient.sign(pdf, options)).rejects.toMatchObject({ code: 'signing.remote_refused' });
    const nowhere = new CscRemoteSigner({ baseUrl: 'http://127.0.0.1:9', auth: { accessToken: 'x' }, pin: () => PIN });
    const err = await nowhere.certificate().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('signing.remote_unavailable');
  });
});
