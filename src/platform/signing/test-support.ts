import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * Test helper: runs poppler's `pdfsig` (an independent PAdES verifier, NSS underneath) on a PDF and parses what
 * it prints per signature.
 */

export type PdfsigEntry = {
  fieldName: string;
  commonName: string;
  signingTime: string;
  hashAlgorithm: string;
  type: string;
  ranges: string;
  totalDocumentSigned: boolean;
  validation: string;
  certificateValidation: string;
};

export function runPdfsig(pdf: Uint8Array): { output: string; signatures: PdfsigEntry[] } {
  const dir = mkdtempSync(join(tmpdir(), 'pdfsig-'));
  const file = join(dir, 'doc.pdf');
  writeFileSync(file, pdf);
  let output: string;
  try {
    output = execFileSync('/usr/bin/pdfsig', [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    // pdfsig exits non-zero when a signature is invalid; its report is still on stdout.
    output = String((err as { stdout?: string }).stdout ?? '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const signatures = output
    .split(/^Signature #\d+:$/m)
    .slice(1)
    .map((block) => {
      const field = (label: string) => new RegExp(`^\\s+- ${label}: (.*)$`, 'm').exec(block)?.[1]?.trim() ?? '';
      return {
        fieldName: field('Signature Field Name'),
        commonName: field('Signer Certificate Common Name'),
        signingTime: field('Signing Time'),
        hashAlgorithm: field('Signing Hash Algorithm'),
        type: field('Signature Type'),
        ranges: field('Signed Ranges'),
        totalDocumentSigned: /^\s+- Total document signed$/m.test(block),
        validation: field('Signature Validation'),
        certificateValidation: field('Certificate Validation'),
      };
    });
  return { output, signatures };
}
