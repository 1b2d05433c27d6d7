import { createHash, sign as cryptoSign } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoPkcs12 } from '../src/modules/documents/seed-demo.ts';
import { renderAnswerPdf } from '../src/modules/documents/render-answer-pdf.ts';
import { LocalPkcs12Signer } from '../src/platform/signing/local-pkcs12-signer.ts';
import { createTestCa, issueTestCertificate } from '../src/platform/signing/test-pki.ts';
import { verifyPadesSignatures } from '../src/platform/signing/verify-pades.ts';
import { fmt, percentile, ROOT } from './support.ts';

/*
 * Answer documents: each one rendered (PdfWriter: header, numbers, text, signature block, QR code) and signed three
 * times in sequence (inspector, head of department, mayor; PAdES B-B incremental revisions), each signature first
 * unlocking the official's PKCS#12 with the PIN as the signing use case does (PBKDF2, 2048 iterations as the demo
 * keys). The physical limit, measured in the same run: raw RSA-2048 SHA-256 signatures per second (node:crypto,
 * one at a time). A signed document costs at least three of them, so the ratio cannot exceed 1/3.
 *
 * Options: `--seconds N` (per measurement, default 10). Writes one signed sample to bench/out/signed.pdf.
 */

const PIN = '246810';

export async function documents(options: Record<string, string>): Promise<void> {
  const seconds = Math.min(Number(options.seconds ?? 10), 600);
  const ca = await createTestCa('Bench CA');
  const names = ['Andrei Popa', 'Cristina Marinescu', 'Radu Georgescu'];
  const identities = await Promise.all(names.map((n) => issueTestCertificate(ca, { commonName: n, organization: 'Primăria Sectorului 5 (bench)' })));
  const p12s = identities.map((id) => demoPkcs12(id, PIN));
  const roles = [
    { role: 'inspector', reason: 'Întocmit' },
    { role: 'head_of_department', reason: 'Verificat' },
    { role: 'mayor', reason: 'Aprobat' },
  ];
  let n = 0;

  async function one(unlockEachTime: boolean, opened: LocalPkcs12Signer[]): Promise<{ pdf: Uint8Array; ms: number }> {
    const started = performance.now();
    n++;
    let pdf = await renderAnswerPdf({
      institution: { name: 'Primăria Sectorului 5', address: 'Str. Fabrica de Chibrituri nr. 9–11, Sector 5, București', cui: '4316422' },
      title: `Certificat de urbanism nr. ${n}/22.11.2026`,
      body: `Către Maria Ionescu\n\nPentru imobilul din Str. Sălciilor nr. 12, cu suprafața de 480 m², ca răspuns la cererea nr. ${1000 + n}/20.11.2026, vă comunicăm că solicitarea a fost aprobată.\n\nÎntocmit de Andrei Popa.`,
      outgoingNumber: `${n}/22.11.2026`,
      repliesTo: `${1000 + n}/20.11.2026`,
      serviceName: 'Certificat de urbanism',
      applicantName: 'Maria Ionescu',
      applicantAddress: { postal: 'Calea Rahovei nr. 147, Sector 5, București', email: null },
      version: 1,
      signers: names.map((name, i) => ({ accountId: String(i), name, role: roles[i]!.role })),
      verificationUrl: `https://primaria5.example.ro/verificare/${createHash('sha256').update(String(n)).digest('hex').slice(0, 32)}`,
    });
    for (const [i, name] of names.entries()) {
      const signer = unlockEachTime ? new LocalPkcs12Signer(p12s[i]!, PIN) : opened[i]!;
      pdf = await signer.sign(pdf, { name, reason: roles[i]!.reason, location: 'Primăria Sectorului 5', signingTime: new Date() });
    }
    return { pdf, ms: performance.now() - started };
  }

  async function measure(label: string, unlockEachTime: boolean): Promise<{ perSecond: number; sample: Uint8Array }> {
    const opened = p12s.map((p12) => new LocalPkcs12Signer(p12, PIN));
    await one(unlockEachTime, opened); // warm-up (font parsing, JIT)
    const latencies: number[] = [];
    let sample: Uint8Array = new Uint8Array();
    const started = performance.now();
    while (performance.now() - started < seconds * 1000) {
      const r = await one(unlockEachTime, opened);
      latencies.push(r.ms);
      sample = r.pdf;
    }
    const perSecond = latencies.length / ((performance.now() - started) / 1000);
    latencies.sort((a, b) => a - b);
    console.log(
      `${label.padEnd(44)} ${fmt(perSecond, 2).padStart(7)} /s   p50 ${fmt(percentile(latencies, 50))} ms   p95 ${fmt(percentile(latencies, 95))} ms   (${latencies.length} documents, ${fmt(sample.length / 1024)} KB each)`,
    );
    return { perSecond, sample };
  }

  console.log(`documents: render + 3 sequential PAdES signatures (RSA-2048), ${seconds} s per measurement`);
  const full = await measure('generated + signed, PKCS#12 unlocked per sig', true);
  const keysOpen = await measure('generated + signed, keys already unlocked', false);

  const key = identities[0]!.privateKey;
  const data = createHash('sha256').update('bench').digest();
  let raw = 0;
  const rawStarted = performance.now();
  while (performance.now() - rawStarted < seconds * 1000) {
    cryptoSign('sha256', data, key);
    raw++;
  }
  const rawPerSecond = raw / ((performance.now() - rawStarted) / 1000);
  console.log(`${'raw RSA-2048 SHA-256 signatures (node:crypto)'.padEnd(44)} ${fmt(rawPerSecond, 1).padStart(7)} /s  ← physical limit (3 per document)`);

  const report = await verifyPadesSignatures(full.sample);
  if (!report.valid || report.signatures.length !== 3) throw new Error('the sample is not a valid thrice-signed PDF');
  const out = join(ROOT, 'bench/out');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'signed.pdf'), full.sample);
  console.log(`sample: bench/out/signed.pdf (${report.signatures.map((s) => `${s.signerName} ${s.level}`).join(', ')})`);
  console.log(`keys already unlocked: ${fmt(keysOpen.perSecond / rawPerSecond, 4)} of the raw rate (at most 0.3333)`);
  console.log(`ratio: ${fmt(full.perSecond / rawPerSecond, 4)}`);
}
