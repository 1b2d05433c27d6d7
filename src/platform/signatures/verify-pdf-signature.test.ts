import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeSelfSignedIdentity, signedTestPdf, type TestIdentity } from './test-signer.ts';
import { verifyPdfSignature } from './verify-pdf-signature.ts';

let identity: TestIdentity;
let signed: Uint8Array;
beforeAll(async () => {
  identity = await makeSelfSignedIdentity('Maria Ionescu');
  signed = await signedTestPdf(identity);
});

const PDFSIG = '/usr/bin/pdfsig';
function pdfsig(bytes: Uint8Array): string {
  const file = join(mkdtempSync(join(tmpdir(), 'pdfsig-')), 'doc.pdf');
  writeFileSync(file, bytes);
  try {
    return execFileSync(PDFSIG, [file], { encoding: 'utf8' });
  } catch (err) {
    return String((err as { stdout?: string }).stdout ?? '');
  }
}

describe('verifyPdfSignature', () => {
  it('verifies an intact signed PDF and reports the signer, the signing time and that trust is not checked', async () => {
    const r = await verifyPdfSignature(signed);
    expect(r.valid).toBe(true);
    expect(r.trustChecked).toBe(false);
    expect(r.modifiedAfterSigning).toBe(false);
    expect(r.signatures).toHaveLength(1);
    const s = r.signatures[0]!;
    expect(s.signerName).toBe('Maria Ionescu');
    expect(s.selfSigned).toBe(true);
    expect(s.digestMatches).toBe(true);
    expect(s.signatureValid).toBe(true);
    expect(s.signingTime).toBe('2026-11-22T08:00:00.000Z');
  });

  it('refuses a PDF whose signed bytes were edited after signing (digest mismatch)', async () => {
    const edited = Buffer.from(signed);
    edited[edited.indexOf('Cerere')] = 'X'.charCodeAt(0);
    const r = await verifyPdfSignature(edited);
    expect(r.valid).toBe(false);
    expect(r.signatures[0]!.digestMatches).toBe(false);
    expect(r.signatures[0]!.problem).toBe('digest_mismatch');
  });

  it('refuses a signature made by another key than the embedded certificate', async () => {
    const other = await makeSelfSignedIdentity('Maria Ionescu');
    // Same name, different key: swap in the other certificate's public key by signing with it and keeping the first cert.
    const forged = await signedTestPdf({ ...identity, privateKey: other.privateKey });
    const r = await verifyPdfSignature(forged);
    expect(r.valid).toBe(false);
    expect(r.signatures[0]!.digestMatches).toBe(true);
    expect(r.signatures[0]!.signatureValid).toBe(false);
  });

  it('says when bytes were appended after the signed range (incremental update after signing)', async () => {
    const appended = Buffer.concat([Buffer.from(signed), Buffer.from('\n% appended after signing\n')]);
    const r = await verifyPdfSignature(appended);
    expect(r.modifiedAfterSigning).toBe(true);
    expect(r.signatures[0]!.coversWholeDocument).toBe(false);
    expect(r.valid).toBe(true); // the signed bytes themselves are intact
  });

  it('finds nothing in an unsigned PDF', async () => {
    const r = await verifyPdfSignature(new TextEncoder().encode('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n'));
    expect(r.valid).toBe(false);
    expect(r.signatures).toHaveLength(0);
  });

  it.skipIf(!existsSync(PDFSIG))('agrees with pdfsig (poppler) on the valid and the edited file', async () => {
    expect(pdfsig(signed)).toContain('Signature is Valid');
    const edited = Buffer.from(signed);
    edited[edited.indexOf('Cerere')] = 'X'.charCodeAt(0);
    expect(pdfsig(edited)).toContain('Digest Mismatch');
  });
});
