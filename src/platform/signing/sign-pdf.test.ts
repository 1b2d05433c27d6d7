import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as asn1js from 'asn1js';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.ts';
import { PdfWriter } from '../pdf/pdf-document.ts';
import { OID, parseSignedData, sha256 } from './cms.ts';
import { LocalPkcs12Signer } from './local-pkcs12-signer.ts';
import type { SignOptions } from './signer.ts';
import { createTestPki, type TestPki, toPkcs12 } from './test-pki.ts';
import { runPdfsig } from './test-support.ts';
import { TsaClient } from './tsa-client.ts';
import { startTsaServer, type TsaServer } from './tsa-server.ts';
import { verifyPadesSignatures } from './verify-pades.ts';

let pki: TestPki;
let tsa: TsaServer;
let original: Uint8Array;
let signed: Uint8Array[]; // after the inspector, the head, the mayor
const times = [new Date('2026-11-20T08:15:00Z'), new Date('2026-11-21T09:30:00Z'), new Date('2026-11-22T10:45:00Z')];

const opts = (name: string, reason: string, i: number): SignOptions => ({
  name,
  reason,
  location: 'București, Sectorul 5',
  contactInfo: 'registratura@primarie5.test',
  signingTime: times[i]!,
});

async function sampleDocument(): Promise<Uint8Array> {
  const w = await PdfWriter.create({ title: 'Certificat de urbanism nr. 123/20.11.2026', author: 'Primăria Sectorului 5' });
  w.heading('Certificat de urbanism');
  w.keyValues([
    ['Număr de înregistrare', '123/20.11.2026'],
    ['Solicitant', 'Ioana Șerbănescu'],
    ['Imobil', 'Str. Țepeș Vodă nr. 7, București'],
  ]);
  w.text('Documentul este semnat electronic de inspector, de șeful serviciului și de primar.');
  return w.save();
}

/** Each signature's CMS, in file order. */
function cmsOf(pdf: Uint8Array) {
  const text = Buffer.from(pdf).toString('latin1');
  return [...text.matchAll(/\/ByteRange\s*\[\s*\d+\s+(\d+)\s+(\d+)\s+\d+\s*\]/g)].map((m) => {
    const hex = text.slice(Number(m[1]) + 1, Number(m[2]) - 1);
    return parseSignedData(new Uint8Array(Buffer.from(hex, 'hex')));
  });
}

beforeAll(async () => {
  pki = await createTestPki();
  tsa = await startTsaServer(pki.tsa);
  original = await sampleDocument();
  const inspector = new LocalPkcs12Signer(toPkcs12(pki.officials.inspector, '4821'), '4821');
  const head = new LocalPkcs12Signer(toPkcs12(pki.officials.head, '7305'), '7305');
  const mayor = new LocalPkcs12Signer(toPkcs12(pki.officials.mayor, '1990'), '1990', { timestampAuthority: new TsaClient({ url: tsa.url }) });
  const first = await inspector.sign(original, opts('Ana Popescu', 'Verificat', 0));
  const second = await head.sign(first, opts('Mihai Ionescu', 'Avizat', 1));
  const third = await mayor.sign(second, opts('Ștefan Țăranu', 'Aprobat', 2));
  signed = [first, second, third];
  const out = join(import.meta.dirname, '../../../bench/out');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'signed.pdf'), third);
});

afterAll(async () => {
  await tsa?.stop();
});

describe('sequential PAdES signatures (inspector, head of department, mayor)', () => {
  it('pdfsig reports all three signatures valid, ETSI.CAdES.detached, and only the last one covering the whole document', () => {
    const { output, signatures } = runPdfsig(signed[2]!);
    expect(signatures, output).toHaveLength(3);
    expect(signatures.map((s) => s.commonName)).toEqual(['Ana Popescu', 'Mihai Ionescu', 'Ștefan Țăranu']);
    expect(signatures.map((s) => s.fieldName)).toEqual(['Semnatura1', 'Semnatura2', 'Semnatura3']);
    for (const s of signatures) {
      expect(s.validation).toBe('Signature is Valid.');
      expect(s.type).toBe('ETSI.CAdES.detached');
      expect(s.hashAlgorithm).toBe('SHA-256');
      // A test CA: pdfsig cannot trust it, which is expected; validity of the signature is what we assert.
      expect(s.certificateValidation).toMatch(/issuer isn't Trusted|not trusted|Unknown/i);
    }
    expect(signatures.map((s) => s.totalDocumentSigned)).toEqual([false, false, true]);
    expect(output).toMatch(/Signing Time: Nov 22 2026 10:45:00/);
  });

  it('every intermediate file is itself a valid, wholly signed PDF (each revision closes with a correct xref)', () => {
    for (const [i, pdf] of signed.entries()) {
      const { signatures } = runPdfsig(pdf);
      expect(signatures).toHaveLength(i + 1);
      expect(signatures.every((s) => s.validation === 'Signature is Valid.')).toBe(true);
      expect(signatures[i]!.totalDocumentSigned).toBe(true);
    }
  });

  it('appends incremental updates: the original bytes and every earlier revision are kept byte for byte', async () => {
    const chain = [original, ...signed];
    for (let i = 1; i < chain.length; i++) {
      const before = Buffer.from(chain[i - 1]!);
      const after = Buffer.from(chain[i]!);
      expect(after.length).toBeGreaterThan(before.length);
      expect(after.subarray(0, before.length).equals(before)).toBe(true);
      // The new section points back at the previous one.
      const previousStartxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(before.toString('latin1'))![1];
      expect(after.subarray(before.length).toString('latin1')).toContain(`/Prev ${previousStartxref}`);
    }
    // Still a well-formed PDF for an ordinary reader, with three signature fields in its AcroForm.
    const doc = await PDFDocument.load(signed[2]!);
    expect(doc.getForm().getFields().map((f) => f.getName())).toEqual(['Semnatura1', 'Semnatura2', 'Semnatura3']);
    expect(doc.getPageCount()).toBe(1);
  });

  it('the CMS is PAdES baseline: signing-certificate-v2 with the signer certificate hash, no signing-time, a timestamp on the last only', () => {
    const officials = [pki.officials.inspector, pki.officials.head, pki.officials.mayor];
    const all = cmsOf(signed[2]!);
    expect(all).toHaveLength(3);
    all.forEach((cms, i) => {
      const info = cms.signerInfos[0]!;
      const types = info.signedAttrs!.attributes.map((a) => a.type).sort();
      expect(types).toEqual([OID.contentType, OID.messageDigest, OID.signingCertificateV2].sort());
      expect(types).not.toContain(OID.signingTime);
      const ess = info.signedAttrs!.attributes.find((a) => a.type === OID.signingCertificateV2)!.values[0] as asn1js.Sequence;
      const essCertId = (ess.valueBlock.value[0] as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
      const certHash = essCertId.valueBlock.value[0] as asn1js.OctetString;
      expect(Buffer.from(certHash.valueBlock.valueHexView).equals(Buffer.from(sha256(officials[i]!.certificate)))).toBe(true);
      expect(info.digestAlgorithm.algorithmId).toBe(OID.sha256);
      const token = info.unsignedAttrs?.attributes.find((a) => a.type === OID.signatureTimeStampToken);
      if (i < 2) expect(token).toBeUndefined();
      else expect(token?.values).toHaveLength(1);
    });
    const text = Buffer.from(signed[2]!).toString('latin1');
    expect(text.match(/\/SubFilter \/ETSI\.CAdES\.detached/g)).toHaveLength(3);
    expect(text.match(/\/SubFilter \/adbe/g)).toBeNull();
    expect(text).toContain("/M (D:20261122104500Z)");
  });

  it('our verifier reports each signature: signer, /M time, whole revision covered, digest, value, signing-certificate-v2, timestamp', async () => {
    expect(tsa.issued).toBe(1);
    const r = await verifyPadesSignatures(signed[2]!);
    expect(r.valid).toBe(true);
    expect(r.changedAfterLastSignature).toBe(false);
    expect(r.trustChecked).toBe(false);
    expect(r.signatures.map((s) => [s.fieldName, s.signerName, s.issuerName, s.signingTime, s.level])).toEqual([
      ['Semnatura1', 'Ana Popescu', 'Primăria Digitală Test Root CA', times[0]!.toISOString(), 'B-B'],
      ['Semnatura2', 'Mihai Ionescu', 'Primăria Digitală Test Root CA', times[1]!.toISOString(), 'B-B'],
      ['Semnatura3', 'Ștefan Țăranu', 'Primăria Digitală Test Root CA', times[2]!.toISOString(), 'B-T'],
    ]);
    for (const s of r.signatures) {
      expect(s).toMatchObject({ byteRangeCoversRevision: true, digestMatches: true, signatureValid: true, signingCertificateV2: 'matches', hasSigningTimeAttribute: false, problem: null });
    }
    expect(r.signatures.map((s) => s.coversWholeDocument)).toEqual([false, false, true]);
    const ts = r.signatures[2]!.timestamp!;
    expect(ts).toMatchObject({ valid: true, tsaName: 'Primăria Digitală Test TSA', problem: null });
    expect(Math.abs(new Date(ts.time!).getTime() - Date.now())).toBeLessThan(10 * 60_000);
  });

  it('one altered byte in the signed content: pdfsig and our verifier both report the signatures invalid', async () => {
    const tampered = Buffer.from(signed[2]!);
    // A byte of the first revision (inside the page's content stream area): covered by all three signatures.
    const at = Math.floor(original.length / 2);
    tampered[at] = tampered[at]! ^ 0x01;
    const { signatures } = runPdfsig(tampered);
    expect(signatures).toHaveLength(3);
    for (const s of signatures) expect(s.validation).not.toBe('Signature is Valid.');
    expect(signatures[0]!.validation).toMatch(/Digest Mismatch/i);
    const r = await verifyPadesSignatures(tampered);
    expect(r.valid).toBe(false);
    expect(r.signatures.map((s) => s.problem)).toEqual(['digest_mismatch', 'digest_mismatch', 'digest_mismatch']);
  });

  it('an altered byte in the last revision only breaks the last signature; bytes appended after signing are reported', async () => {
    const tampered = Buffer.from(signed[2]!);
    const at = signed[1]!.length + 20; // inside the mayor's revision, before its /Contents
    tampered[at] = tampered[at] === 0x20 ? 0x0a : 0x20;
    const pdfsig = runPdfsig(tampered).signatures;
    expect(pdfsig.map((s) => s.validation === 'Signature is Valid.')).toEqual([true, true, false]);
    const r = await verifyPadesSignatures(tampered);
    expect(r.valid).toBe(false);
    expect(r.signatures.map((s) => s.digestMatches)).toEqual([true, true, false]);

    const appended = Buffer.concat([Buffer.from(signed[2]!), Buffer.from('\n% added after signing\n')]);
    const after = await verifyPadesSignatures(appended);
    expect(after.changedAfterLastSignature).toBe(true);
    expect(after.signatures[2]!.coversWholeDocument).toBe(false);
    expect(runPdfsig(appended).signatures[2]!.totalDocumentSigned).toBe(false);
  });

  it('a damaged timestamp token is caught by our verifier (pdfsig does not check timestamps)', async () => {
    const text = Buffer.from(signed[2]!).toString('latin1');
    const last = [...text.matchAll(/\/ByteRange\s*\[\s*\d+\s+(\d+)\s+(\d+)/g)].pop()!;
    const hexStart = Number(last[1]) + 1;
    const hex = text.slice(hexStart, Number(last[2]) - 1).replace(/0+$/, '');
    // The CMS ends with the token, whose last bytes are the TSA's signature value.
    const at = hexStart + hex.length - 4;
    const damaged = Buffer.from(signed[2]!);
    damaged[at] = damaged[at] === 0x61 ? 0x62 : 0x61;
    const r = await verifyPadesSignatures(damaged);
    const mayor = r.signatures[2]!;
    expect(mayor.signatureValid).toBe(true);
    expect(mayor.timestamp).toMatchObject({ valid: false, problem: 'signature_invalid' });
    expect(mayor.level).toBe('B-B');
    expect(r.valid).toBe(false);
  });
});

describe('LocalPkcs12Signer', () => {
  it('refuses a wrong .p12 password with a specific error', () => {
    const p12 = toPkcs12(pki.seal, 'corect');
    expect(() => new LocalPkcs12Signer(p12, 'gresit')).toThrow(AppError);
    try {
      new LocalPkcs12Signer(p12, 'gresit');
    } catch (err) {
      expect((err as AppError).code).toBe('signing.pkcs12_invalid');
    }
  });

  it('returns its certificate and signs a PDF saved with object streams (xref stream original)', async () => {
    const seal = new LocalPkcs12Signer(toPkcs12(pki.seal, 'sigiliu'), 'sigiliu');
    expect(Buffer.from(await seal.certificate()).equals(Buffer.from(pki.seal.certificate))).toBe(true);
    const doc = await PDFDocument.create();
    doc.addPage().drawText('Anunt public');
    const compact = await doc.save({ useObjectStreams: true });
    expect(Buffer.from(compact).toString('latin1')).toContain('/Type /XRef');
    const once = await seal.sign(compact, { ...opts('Primăria Sectorului 5', 'Sigiliu', 0), fieldName: 'Sigiliu' });
    const twice = await seal.sign(once, { ...opts('Primăria Sectorului 5', 'Sigiliu', 1), fieldName: 'Sigiliu' });
    expect(Buffer.from(twice).subarray(0, compact.length).equals(Buffer.from(compact))).toBe(true);
    const { signatures, output } = runPdfsig(twice);
    expect(signatures.map((s) => s.validation), output).toEqual(['Signature is Valid.', 'Signature is Valid.']);
    expect(signatures.map((s) => s.fieldName)).toEqual(['Sigiliu', 'Sigiliu_2']);
    expect((await verifyPadesSignatures(twice)).valid).toBe(true);
  });

  it.skipIf(!existsSync('/usr/bin/openssl'))('reads .p12 files exported by OpenSSL 3, both AES (default) and legacy 3DES/SHA-1 MAC', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'p12-'));
    try {
      writeFileSync(join(dir, 'key.pem'), pki.seal.privateKey.export({ format: 'pem', type: 'pkcs8' }));
      writeFileSync(join(dir, 'cert.der'), pki.seal.certificate);
      writeFileSync(join(dir, 'ca.der'), pki.ca.certificate);
      const pem = (name: string) => execFileSync('openssl', ['x509', '-inform', 'DER', '-in', join(dir, name)]);
      writeFileSync(join(dir, 'cert.pem'), pem('cert.der'));
      writeFileSync(join(dir, 'ca.pem'), pem('ca.der'));
      const base = ['pkcs12', '-export', '-inkey', join(dir, 'key.pem'), '-in', join(dir, 'cert.pem'), '-certfile', join(dir, 'ca.pem'), '-passout', 'pass:parola'];
      execFileSync('openssl', [...base, '-out', join(dir, 'aes.p12')]);
      execFileSync('openssl', [...base, '-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1', '-out', join(dir, 'des.p12')]);
      for (const file of ['aes.p12', 'des.p12']) {
        const seal = new LocalPkcs12Signer(new Uint8Array(readFileSync(join(dir, file))), 'parola');
        expect(Buffer.from(await seal.certificate()).equals(Buffer.from(pki.seal.certificate))).toBe(true);
        const r = await verifyPadesSignatures(await seal.sign(original, opts('Primăria Sectorului 5', 'Sigiliu', 0)));
        expect(r.signatures[0]).toMatchObject({ signerName: 'Primăria Sectorului 5 — sigiliu', level: 'B-B' });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
