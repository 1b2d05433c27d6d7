import { describe, expect, it } from 'vitest';
import { canonicalJson, entryHash } from './audit.ts';

const entry = {
  chain: 'platform',
  seq: 7,
  at: new Date('2026-03-29T00:30:00.123Z'),
  actorId: '00000000-0000-4000-8000-000000000001',
  action: 'person.viewed',
  subjectId: '00000000-0000-4000-8000-000000000002',
  entity: 'person',
  entityId: '00000000-0000-4000-8000-000000000002',
  details: { motiv: 'verificare dosar', câmpuri: ['cnp', 'adresă'], nested: { b: 2, a: 1 } },
  ip: '127.0.0.1',
};

describe('canonicalJson', () => {
  it('sorts object keys at every level, so the key order jsonb gives back does not matter', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 0, y: null }], c: 'ș' } })).toBe('{"a":{"c":"ș","d":[3,{"y":null,"z":0}]},"b":1}');
    expect(canonicalJson({ a: { c: 'ș', d: [3, { y: null, z: 0 }] }, b: 1 })).toBe(canonicalJson({ b: 1, a: { d: [3, { z: 0, y: null }], c: 'ș' } }));
  });

  it('keeps array order and drops undefined properties, like JSON', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(undefined)).toBe('null');
  });
});

describe('entryHash', () => {
  const hash = entryHash('0'.repeat(64), entry);

  it('is a SHA-256 hex digest that does not depend on the key order of details', () => {
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const reordered = { ...entry, details: { nested: { a: 1, b: 2 }, câmpuri: ['cnp', 'adresă'], motiv: 'verificare dosar' } };
    expect(entryHash('0'.repeat(64), reordered)).toBe(hash);
  });

  it('changes when any recorded field or the previous hash changes', () => {
    const variants = [
      { ...entry, seq: 8 },
      { ...entry, at: new Date(entry.at.getTime() + 1) },
      { ...entry, actorId: null },
      { ...entry, action: 'person.updated' },
      { ...entry, subjectId: null },
      { ...entry, entity: 'account' },
      { ...entry, entityId: 'x' },
      { ...entry, details: { ...entry.details, motiv: 'altceva' } },
      { ...entry, ip: null },
      { ...entry, chain: 'other' },
    ];
    for (const v of variants) expect(entryHash('0'.repeat(64), v)).not.toBe(hash);
    expect(entryHash('1'.repeat(64), entry)).not.toBe(hash);
  });
});
