import { describe, expect, it } from 'vitest';
import { defaultPeriod, parseDay, readPeriod } from './period.ts';

describe('the report period', () => {
  it('defaults to the last 90 days, today included', () => {
    expect(defaultPeriod('2026-03-02')).toEqual({ from: '2025-12-03', to: '2026-03-02' });
    expect(readPeriod(undefined, '', '2026-03-02')).toEqual({ ok: true, period: { from: '2025-12-03', to: '2026-03-02' } });
  });

  it('reads dd.mm.yyyy and yyyy-mm-dd, and fills a missing end from the other', () => {
    expect(parseDay('1.6.2025')).toBe('2025-06-01');
    expect(parseDay('2025-06-30')).toBe('2025-06-30');
    expect(readPeriod('01.06.2025', '30.06.2025', '2026-03-02')).toEqual({ ok: true, period: { from: '2025-06-01', to: '2025-06-30' } });
    expect(readPeriod('', '30.06.2025', '2026-03-02')).toEqual({ ok: true, period: { from: '2025-04-02', to: '2025-06-30' } });
    expect(readPeriod('01.01.2026', undefined, '2026-03-02')).toEqual({ ok: true, period: { from: '2026-01-01', to: '2026-03-02' } });
  });

  it('names the field of a day that does not exist, a reversed period and one longer than ten years', () => {
    expect(parseDay('31.02.2026')).toBeNull();
    expect(readPeriod('31.02.2026', '', '2026-03-02')).toEqual({ ok: false, problems: [{ field: 'from', code: 'reports.date_invalid' }] });
    expect(readPeriod('10.03.2026', '01.03.2026', '2026-03-02')).toEqual({ ok: false, problems: [{ field: 'to', code: 'reports.period_reversed' }] });
    expect(readPeriod('01.01.2000', '01.01.2026', '2026-03-02')).toEqual({ ok: false, problems: [{ field: 'to', code: 'reports.period_too_long' }] });
  });
});
