import { describe, expect, it } from 'vitest';
import { registerMessages, translate } from '../../../platform/i18n/i18n.ts';
import { catalogMessages } from '../messages.ts';
import { checkFormDefinition, type FormDefinition, type Question } from './form-definition.ts';
import { dateRangeHint, datesOutOfRange, filingDay, validatePage, withDateRange } from './validate-answers.ts';

registerMessages('catalog', catalogMessages);

const L = (ro: string, en = ro) => ({ ro, en });
const formWith = (q: Partial<Question> & Pick<Question, 'type'>): FormDefinition => ({
  schemaVersion: 1,
  pages: [{ id: 'p', title: L('Pagina'), items: [{ id: 'd', label: L('Data'), required: true, ...q } as Question] }],
});
const dateOn = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return { 'd-day': d, 'd-month': m, 'd-year': y };
};
const answer = (def: FormDefinition, iso: string, today: string) => validatePage(def.pages[0]!, dateOn(iso), {}, today);

describe('a date question bounded relative to the filing day', () => {
  // Codul civil art. 283: the 10 days include the day the declaration is filed and the wedding day.
  const wedding = formWith({ type: 'date', notBefore: { daysFromFiling: 9 } });

  it('refuses a wedding in the past or sooner than the tenth day, with the earliest date in the message', () => {
    expect(answer(wedding, '2020-01-01', '2026-11-22').errors.d).toEqual({ key: 'form.error.date_too_early', params: { date: '01.12.2026' } });
    expect(answer(wedding, '2026-11-30', '2026-11-22').errors.d?.key).toBe('form.error.date_too_early');
    expect(answer(wedding, '2026-12-01', '2026-11-22')).toEqual({ answers: { d: '2026-12-01' }, errors: {} });
  });

  it('refuses a date of birth in the future but accepts today', () => {
    const birth = formWith({ type: 'date', notAfter: { daysFromFiling: 0 } });
    expect(answer(birth, '2026-11-23', '2026-11-22').errors.d).toEqual({ key: 'form.error.date_future' });
    expect(answer(birth, '2026-11-22', '2026-11-22').errors).toEqual({});
    expect(translate('ro', 'form.error.date_future')).toBe('Data nu poate fi în viitor: cel mai târziu astăzi');
  });

  it('says the range in the hint with the dates worked out, after the question’s own hint', () => {
    const t = (key: string, params?: Record<string, string | number>) => translate('ro', key, params);
    const q = wedding.pages[0]!.items[0] as Question;
    expect(withDateRange('Ziua căsătoriei.', q, t, '2026-11-22')).toBe('Ziua căsătoriei. Data trebuie să fie cel mai devreme 01.12.2026.');
    const both = formWith({ type: 'date', notBefore: { daysFromFiling: 1 }, notAfter: { daysFromFiling: 30 } }).pages[0]!.items[0] as Question;
    expect(translate('en', dateRangeHint(both, '2026-12-31')!.key, dateRangeHint(both, '2026-12-31')!.params)).toBe(
      'The date must be between 01.01.2027 and 30.01.2027, both included.',
    );
  });

  it('counts from the day in Bucharest, not in UTC', () => {
    expect(filingDay(new Date('2026-11-22T22:30:00Z'))).toBe('2026-11-23');
  });

  it('leaves a date question without bounds (an older version) accepting any real date, with no hint', () => {
    const old = formWith({ type: 'date' });
    expect(answer(old, '1900-01-01', '2026-11-22').errors).toEqual({});
    expect(answer(old, '2090-01-01', '2026-11-22').errors).toEqual({});
    expect(dateRangeHint(old.pages[0]!.items[0] as Question, '2026-11-22')).toBeNull();
  });

  it('is refused when saved with the earliest date after the latest, or on a question that is not a date', () => {
    const reversed = checkFormDefinition(formWith({ type: 'date', notBefore: { daysFromFiling: 10 }, notAfter: { daysFromFiling: 0 } }));
    expect(reversed.ok ? [] : reversed.problems).toEqual([
      { path: 'pages.0.items.0', code: 'form.definition.date_bounds_reversed', params: { question: 'd', notBefore: '10', notAfter: '0' } },
    ]);
    const onText = checkFormDefinition(formWith({ type: 'text', notAfter: { daysFromFiling: 0 } }));
    expect(onText.ok ? [] : onText.problems.map((p) => p.code)).toEqual(['form.definition.date_bounds_not_date']);
  });

  it('finds the saved dates that fell out of their bounds by the day the request is sent, in groups too', () => {
    const def: FormDefinition = {
      schemaVersion: 1,
      pages: [
        {
          id: 'p',
          title: L('Pagina'),
          items: [
            { id: 'wedding', type: 'date', label: L('Data'), required: true, notBefore: { daysFromFiling: 9 } },
            { id: 'people', type: 'group', label: L('Soții'), minItems: 1, maxItems: 2, questions: [{ id: 'born', type: 'date', label: L('Născut'), required: true, notAfter: { daysFromFiling: 0 } }] },
          ],
        },
      ],
    };
    const answers = { wedding: '2026-12-01', people: [{ born: '1990-05-01' }, { born: '2026-11-25' }] };
    expect(datesOutOfRange(def, answers, '2026-11-22')).toEqual({ people__1__born: { key: 'form.error.date_future' } });
    expect(datesOutOfRange(def, answers, '2026-11-25')).toEqual({ wedding: { key: 'form.error.date_too_early', params: { date: '04.12.2026' } } });
  });
});
