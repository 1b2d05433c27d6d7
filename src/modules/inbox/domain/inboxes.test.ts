import { describe, expect, it } from 'vitest';
import { foldName, parseSearch } from './inboxes.ts';

describe('inbox search', () => {
  it('recognises registration numbers, CNP, CUI, tracking codes and names (diacritics ignored)', () => {
    expect(parseSearch('123/02.03.2026')).toMatchObject({ registry: { number: 123, day: '2026-03-02' }, name: null });
    expect(parseSearch('1800101123450')).toMatchObject({ cnp: '1800101123450', registry: null, name: null });
    expect(parseSearch('RO18547290')).toMatchObject({ cui: '18547290', registry: null });
    expect(parseSearch('acde-fghj')).toMatchObject({ trackingCode: 'ACDEFGHJ' });
    expect(parseSearch('Ștefan  ŢĂRANU')).toMatchObject({ name: 'stefan taranu', registry: null, cnp: null });
    expect(parseSearch('  ')).toBeNull();
    expect(foldName('Întâi Şerban')).toBe('intai serban');
  });
});
