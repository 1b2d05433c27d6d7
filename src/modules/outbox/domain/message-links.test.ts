import { describe, expect, it } from 'vitest';
import { outcomeOfFailure, MAX_DELIVERY_ATTEMPTS } from './delivery-policy.ts';
import { linksIn, redactUrl, splitLinks } from './message-links.ts';

describe('links in a message body', () => {
  it('finds web addresses and leaves the sentence punctuation outside', () => {
    const text = 'Confirmați adresa: https://primarie.example/cont/confirmare?token=AbC_123-x. Mulțumim!\nSau (http://x.ro/a).';
    expect(linksIn(text)).toEqual(['https://primarie.example/cont/confirmare?token=AbC_123-x', 'http://x.ro/a']);
    expect(
      splitLinks(text)
        .map((s) => (s.kind === 'text' ? s.text : `[${s.url}]`))
        .join(''),
    ).toBe('Confirmați adresa: [https://primarie.example/cont/confirmare?token=AbC_123-x]. Mulțumim!\nSau ([http://x.ro/a]).');
  });

  it('ignores what is not a web address', () => {
    expect(linksIn('javascript:alert(1) mailto:a@b.ro ftp://x')).toEqual([]);
  });

  it('hides query values and token-like path segments', () => {
    expect(redactUrl('https://p.example/cont/confirmare?token=abcdef&lang=ro')).toBe('https://p.example/cont/confirmare?token=…&lang=…');
    expect(redactUrl('https://p.example/resetare/Zx9_aaaaBBBBccccDDDD/ok')).toBe('https://p.example/resetare/…/ok');
  });
});

describe('delivery policy', () => {
  it('fails a permanent refusal at once and a transient one only at the last attempt', () => {
    expect(outcomeOfFailure({ attempts: 1, permanent: true })).toBe('failed');
    expect(outcomeOfFailure({ attempts: 1, permanent: false })).toBe('retry');
    expect(outcomeOfFailure({ attempts: MAX_DELIVERY_ATTEMPTS - 1, permanent: false })).toBe('retry');
    expect(outcomeOfFailure({ attempts: MAX_DELIVERY_ATTEMPTS, permanent: false })).toBe('failed');
  });
});
