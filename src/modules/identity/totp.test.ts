import { describe, expect, it } from 'vitest';
import { generateRecoveryCodes, hashRecoveryCode, looksLikeRecoveryCode, normaliseRecoveryCode } from './recovery-codes.ts';
import { generateTotpSecret, groupSecret, matchTotpStep, totpCode, totpUri } from './totp.ts';

// RFC 6238 appendix B, SHA-1 seed "12345678901234567890" in base32; the RFC's 8-digit codes end in our 6 digits.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('TOTP (RFC 6238)', () => {
  it('matches the RFC test vectors', () => {
    expect(totpCode(RFC_SECRET, new Date(59_000))).toBe('287082');
    expect(totpCode(RFC_SECRET, new Date(1_111_111_109_000))).toBe('081804');
    expect(totpCode(RFC_SECRET, new Date(1_234_567_890_000))).toBe('005924');
  });

  it('accepts one step of drift either side and returns the step of the code', () => {
    const now = new Date(1_700_000_000_000);
    const step = Math.floor(now.getTime() / 30_000);
    expect(matchTotpStep(RFC_SECRET, totpCode(RFC_SECRET, now), now)).toBe(step);
    expect(matchTotpStep(RFC_SECRET, totpCode(RFC_SECRET, new Date(now.getTime() - 30_000)), now)).toBe(step - 1);
    expect(matchTotpStep(RFC_SECRET, totpCode(RFC_SECRET, new Date(now.getTime() + 30_000)), now)).toBe(step + 1);
    expect(matchTotpStep(RFC_SECRET, totpCode(RFC_SECRET, new Date(now.getTime() - 90_000)), now)).toBeNull();
  });

  it('ignores spaces in what is typed and refuses anything but 6 digits', () => {
    const now = new Date(1_700_000_000_000);
    const code = totpCode(RFC_SECRET, now);
    expect(matchTotpStep(RFC_SECRET, `${code.slice(0, 3)} ${code.slice(3)}`, now)).not.toBeNull();
    expect(matchTotpStep(RFC_SECRET, '12345', now)).toBeNull();
    expect(matchTotpStep(RFC_SECRET, 'abcdef', now)).toBeNull();
  });

  it('makes 160-bit secrets, an otpauth URI and a secret grouped by four for typing', () => {
    const s = generateTotpSecret();
    expect(s).toMatch(/^[A-Z2-7]{32}$/);
    expect(groupSecret('ABCDEFGHIJ')).toBe('ABCD EFGH IJ');
    const uri = totpUri(s, 'ana@example.ro', 'Primăria Sector 5');
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(uri).toContain(`secret=${s}`);
    expect(uri).toContain('period=30');
  });
});

describe('recovery codes', () => {
  it('are 10 distinct codes of three groups of four, without look-alike characters', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) {
      expect(c).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
      expect(looksLikeRecoveryCode(c)).toBe(true);
    }
  });

  it('hash the same whatever the case, spaces and dashes typed', () => {
    const [c] = generateRecoveryCodes(1);
    expect(hashRecoveryCode(c!.toLowerCase().replace(/-/g, ' '))).toBe(hashRecoveryCode(c!));
    expect(normaliseRecoveryCode(' ab-cd ')).toBe('ABCD');
    expect(looksLikeRecoveryCode('123456')).toBe(false);
  });
});
