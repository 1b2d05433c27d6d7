import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cnpCheckDigit, isValidCnp, parseCnp } from './cnp.ts';
import { isValidCui, normaliseCui } from './cui.ts';
import { isTreasuryIban, isValidIban } from './iban.ts';
import { sirutaCheckOk } from './siruta.ts';
import { formatTrackingCode, newTrackingCode, normaliseTrackingCode, TRACKING_ALPHABET } from './tracking-code.ts';

describe('CNP', () => {
  it('accepts the vectors of DOMAIN.md', () => {
    expect(isValidCnp('1630615123457')).toBe(true);
    expect(isValidCnp('1800101123450')).toBe(true);
  });

  it('tells a wrong check digit from a wrong shape and an impossible date', () => {
    expect(parseCnp('1630615123458')).toEqual({ valid: false, reason: 'checksum' });
    expect(parseCnp('163061512345')).toEqual({ valid: false, reason: 'format' });
    expect(parseCnp('16306151234a7')).toEqual({ valid: false, reason: 'format' });
    const feb30 = `1630230${'12345'}`;
    expect(parseCnp(feb30 + cnpCheckDigit(feb30))).toEqual({ valid: false, reason: 'date' });
  });

  it('refuses a birth date after today: nobody has a CNP before being born (S 5/6 read as 2000–2099)', () => {
    const born2099 = '599123170001';
    expect(parseCnp(born2099 + cnpCheckDigit(born2099))).toEqual({ valid: false, reason: 'date' });
    const tomorrow = '627010170001'; // 01.01.2027, seen on 23.11.2026
    expect(parseCnp(tomorrow + cnpCheckDigit(tomorrow), '2026-11-23')).toEqual({ valid: false, reason: 'date' });
    expect(parseCnp(tomorrow + cnpCheckDigit(tomorrow), '2027-01-01')).toMatchObject({ valid: true, birthDate: '2027-01-01' });
    // Born 29.02.2000 and 29.02.1900 (not a leap year: 1900 is not divisible by 400).
    const leap2000 = '600022970001';
    expect(parseCnp(leap2000 + cnpCheckDigit(leap2000))).toMatchObject({ valid: true, birthDate: '2000-02-29' });
    const leap1900 = '200022970001';
    expect(parseCnp(leap1900 + cnpCheckDigit(leap1900))).toEqual({ valid: false, reason: 'date' });
    // 1800s (S 3/4) and foreign residents (7/8: century not encoded, 9: no sex).
    const born1899 = '399123170001';
    expect(parseCnp(born1899 + cnpCheckDigit(born1899))).toMatchObject({ valid: true, sex: 'M', birthDate: '1899-12-31' });
    const resident = '899123170001';
    expect(parseCnp(resident + cnpCheckDigit(resident))).toMatchObject({ valid: true, sex: 'F', birthDate: null, foreign: true });
    const foreigner = '900022970001';
    expect(parseCnp(foreigner + cnpCheckDigit(foreigner))).toMatchObject({ valid: true, sex: null, foreign: true });
  });

  it('does not reject the county digits 70 (new CNPs since May 2024) or 80–83 (consular)', () => {
    for (const jj of ['70', '80', '83', '99']) {
      const body = `5240510${jj}001`;
      expect(isValidCnp(body + cnpCheckDigit(body))).toBe(true);
    }
  });

  it('reads sex and birth date with the century of S', () => {
    const body = '604122941234';
    const r = parseCnp(body + cnpCheckDigit(body));
    expect(r).toMatchObject({ valid: true, sex: 'F', birthDate: '2004-12-29' });
  });

  it('property: exactly one check digit makes any valid body a valid CNP', () => {
    const body = fc
      .tuple(fc.constantFrom('1', '2', '5', '6'), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 52 }), fc.integer({ min: 1, max: 999 }))
      // Born by 2025 (a birth date after today is refused).
      .filter(([s, y]) => !(s === '5' || s === '6') || y <= 25)
      .map(([s, y, m, d, jj, nnn]) => `${s}${String(y).padStart(2, '0')}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(jj).padStart(2, '0')}${String(nnn).padStart(3, '0')}`);
    fc.assert(
      fc.property(body, (b) => {
        const valid = [...'0123456789'].filter((c) => isValidCnp(b + c));
        expect(valid).toEqual([String(cnpCheckDigit(b))]);
      }),
    );
  });
});

describe('CUI', () => {
  it('accepts the vectors of DOMAIN.md, with or without RO', () => {
    expect(isValidCui('18547290')).toBe(true);
    expect(isValidCui('RO 18547290')).toBe(true);
    expect(isValidCui('18547291')).toBe(false);
    expect(isValidCui('4221306')).toBe(true);
    expect(normaliseCui('ro18547290')).toBe('18547290');
    // As copied from an invoice or a letterhead: a dash after RO, dots or spaces between the digits.
    expect(normaliseCui('RO-18547290')).toBe('18547290');
    expect(normaliseCui(' ro 18.547.290 ')).toBe('18547290');
    expect(isValidCui('RO-4221306')).toBe(true);
    expect(normaliseCui('RO-')).toBe(null);
    expect(isValidCui('1')).toBe(false);
    expect(isValidCui('12345678901')).toBe(false);
  });
});

describe('IBAN', () => {
  it('accepts the Treasury account of DOMAIN.md and rejects a changed digit', () => {
    expect(isValidIban('RO96TREZ7042107020101XXX')).toBe(true);
    expect(isTreasuryIban('RO96 TREZ 7042 1070 2010 1XXX')).toBe(true);
    expect(isValidIban('RO97TREZ7042107020101XXX')).toBe(false);
    expect(isValidIban('RO49AAAA1B31007593840000')).toBe(true);
    expect(isTreasuryIban('RO49AAAA1B31007593840000')).toBe(false);
  });
});

describe('SIRUTA', () => {
  it('checks the Bucharest and sector codes', () => {
    for (const c of ['179132', '179141', '179150', '179169', '179178', '179187', '179196']) expect(sirutaCheckOk(c)).toBe(true);
    expect(sirutaCheckOk('179188')).toBe(false);
  });

  it('checks the shorter codes too, as if written with leading zeros (Alba Iulia 1017, Cluj-Napoca 54975)', () => {
    expect(sirutaCheckOk('1017')).toBe(true);
    expect(sirutaCheckOk('54975')).toBe(true);
    expect(sirutaCheckOk('1018')).toBe(false);
    expect(sirutaCheckOk('54976')).toBe(false);
  });
});

describe('tracking codes', () => {
  it('are 8 characters from an alphabet without look-alikes', () => {
    for (let i = 0; i < 200; i++) {
      const c = newTrackingCode();
      expect(c).toMatch(new RegExp(`^[${TRACKING_ALPHABET}]{8}$`));
    }
    expect(TRACKING_ALPHABET).not.toMatch(/[0O1IL5S2Z8B]/);
  });

  it('accept what a person types: lower case, a dash, spaces', () => {
    const c = newTrackingCode();
    expect(normaliseTrackingCode(formatTrackingCode(c).toLowerCase())).toBe(c);
    expect(normaliseTrackingCode('0000-0000')).toBeNull();
  });
});
