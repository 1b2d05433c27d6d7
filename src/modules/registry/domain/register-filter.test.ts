import { describe, expect, it } from 'vitest';
import { parseFilter } from './register-filter.ts';

describe('the register’s filters', () => {
  it('reads a period typed the Romanian way', () => {
    expect(parseFilter({ de_la: '01.11.2026', pana_la: '22.11.2026' })).toEqual({ filter: { from: '2026-11-01', to: '2026-11-22' }, errors: {} });
  });

  it('says so when the period ends before it starts, instead of finding nothing', () => {
    const { filter, errors } = parseFilter({ de_la: '23.11.2026', pana_la: '22.11.2026' });
    expect(errors).toEqual({ pana_la: 'registry.period_reversed' });
    // Not applied: the clerk sees the register and the message, not an empty list that looks like "no documents".
    expect(filter).toEqual({ from: '2026-11-23' });
  });
});
