import { render } from 'preact-render-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerMessages, translator } from '../../platform/i18n/i18n.ts';
import type { PublicDocument } from '../documents/find-issued-document.ts';
import { verificationMessages } from './messages.ts';
import { Verdict } from './pages.tsx';

beforeAll(() => registerMessages('verification', verificationMessages));

const issued: PublicDocument = {
  id: '95e87237-0d36-42b4-9b02-e2422b5c2e77',
  status: 'issued',
  title: 'Răspuns la cererea nr. 6/23.11.2026',
  outgoingNumber: '7/23.11.2026',
  issuedAt: new Date('2026-11-22T22:29:00Z'),
  issuer: 'Primăria Sectorului 5',
  sha256: 'b'.repeat(64),
  version: 1,
  revisions: 3,
};

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the verdict after uploading a PDF', () => {
  it('a copy changed after signing names which fingerprint is the file\'s and which the issued document\'s', () => {
    const html = render(<Verdict t={translator('ro')} verdict={{ kind: 'altered_after_signing', document: issued, signatures: [], sha256: 'd'.repeat(64) }} />);
    // Two different fingerprints under one label, "Amprenta SHA-256", left a reader guessing which was which.
    expect(text(html)).toContain(`Amprenta fișierului încărcat ${'d'.repeat(64)}`);
    expect(text(html)).toContain(`Amprenta documentului emis ${'b'.repeat(64)}`);
    expect(html).not.toContain('Amprenta SHA-256');
  });

  it('the authentic copy shows its fingerprint once', () => {
    const html = render(<Verdict t={translator('ro')} verdict={{ kind: 'authentic', document: issued, signatures: [], sha256: 'b'.repeat(64) }} />);
    expect(html.match(/b{64}/g)).toHaveLength(1);
  });

  it('says which is which in English too', () => {
    const html = render(<Verdict t={translator('en')} verdict={{ kind: 'earlier_revision', seq: 1, document: issued, signatures: [], sha256: 'd'.repeat(64) }} />);
    expect(text(html)).toContain('Fingerprint of the uploaded file');
    expect(text(html)).toContain('Fingerprint of the issued document');
  });
});
