import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FormDefinition } from '../../catalog/domain/form-definition.ts';
import type { Address } from '../../catalog/domain/validate-answers.ts';
import { normaliseRoPhone } from '../../identity/domain/phone.ts';
import { formatAddressLine, parseAddressLine, type ProfileFacts, prefillAnswers, profileOffer } from './prefill.ts';

const L = (ro: string) => ({ ro, en: ro });
const form = {
  schemaVersion: 1,
  pages: [
    {
      id: 'solicitant',
      title: L('Solicitant'),
      items: [
        { id: 'home', type: 'address', label: L('Domiciliul'), required: true, prefill: 'person.address' },
        { id: 'phone', type: 'phone', label: L('Telefon'), required: false, prefill: 'account.phone' },
        { id: 'visit', type: 'address', label: L('Adresa vizitei'), required: false, prefill: 'person.address' },
      ],
    },
  ],
} as unknown as FormDefinition;
const nobody: ProfileFacts = { name: 'Ana Pop', cnp: null, address: null, email: 'ana@example.ro', phone: null, company: null };
const rahovei: Address = { street: 'Calea Rahovei', number: '147', locality: 'București, Sector 5', county: 'București' };

describe('the profile line of an address asked in parts', () => {
  it('reads back as the same address, in Bucharest and elsewhere', () => {
    expect(formatAddressLine({ ...rahovei, details: 'bl. 3, ap. 12' })).toBe('Calea Rahovei nr. 147, bl. 3, ap. 12, Sector 5, București');
    expect(formatAddressLine({ street: 'Str. Memorandumului', number: '28', locality: 'Cluj-Napoca', county: 'Cluj' })).toBe('Str. Memorandumului nr. 28, jud. Cluj, Cluj-Napoca');
    const word = fc.stringMatching(/^[A-ZĂÂÎȘȚ][a-zăâîșț]{1,10}$/);
    const place = fc.record({
      street: fc.tuple(fc.constantFrom('Str.', 'Bd.', 'Calea', 'Șos.'), word).map(([k, w]) => `${k} ${w}`),
      number: fc.stringMatching(/^[1-9]\d{0,2}[A-C]?$/),
      details: fc.option(fc.constantFrom('bl. 3', 'bl. P2, sc. B, ap. 14', 'et. 2'), { nil: undefined }),
      inBucharest: fc.boolean(),
      sector: fc.integer({ min: 1, max: 6 }),
      town: word,
      county: word,
    });
    fc.assert(
      fc.property(place, (p) => {
        const a: Address = {
          street: p.street,
          number: p.number,
          ...(p.details ? { details: p.details } : {}),
          locality: p.inBucharest ? `București, Sector ${p.sector}` : p.town,
          county: p.inBucharest ? 'București' : p.county,
        };
        const line = formatAddressLine(a);
        expect(line).not.toBeNull();
        expect(parseAddressLine(line!)).toEqual(a);
      }),
    );
  });

  it('is not offered when it would not read back (a number with a space)', () => {
    expect(formatAddressLine({ ...rahovei, number: '12 bis' })).toBeNull();
  });
});

describe('what a request can give the profile', () => {
  it('offers the address and the phone the profile lacked, the first address in the form’s order', () => {
    const offer = profileOffer(form, { home: rahovei, phone: '0722 123 456', visit: { ...rahovei, number: '9' } }, nobody, normaliseRoPhone);
    expect(offer).toEqual({ address: 'Calea Rahovei nr. 147, Sector 5, București', phone: '+40722123456' });
  });

  it('offers nothing the profile already knows, however it is written, and nothing it could not keep', () => {
    const known: ProfileFacts = { ...nobody, address: 'Calea Rahovei nr. 147, Sectorul 5, Bucuresti', phone: '+40722123456' };
    expect(profileOffer(form, { home: rahovei, phone: '0722.123.456' }, known, normaliseRoPhone)).toBeNull();
    // A foreign number is a fine answer to the request but not a phone the profile takes.
    expect(profileOffer(form, { home: rahovei, phone: '+4915112345678' }, { ...known, phone: null }, normaliseRoPhone)).toBeNull();
    expect(profileOffer(form, {}, nobody, normaliseRoPhone)).toBeNull();
  });

  it('offers a new address when the person moved, and the next request is prefilled with it', () => {
    const moved = { ...nobody, address: 'Str. Fabrica de Chibrituri nr. 20, Sector 5, București' };
    const offer = profileOffer(form, { home: rahovei }, moved, normaliseRoPhone);
    expect(offer).toEqual({ address: 'Calea Rahovei nr. 147, Sector 5, București' });
    expect(prefillAnswers(form, { ...moved, address: offer!.address! }).answers.home).toEqual(rahovei);
  });
});
