import { describe, expect, it } from 'vitest';
import { DEMO_SERVICES } from '../catalog/seed-services.ts';
import { collectAnswers } from './collect-answers.ts';
import { parseAssistedPerson } from './domain/assisted-person.ts';
import { COUNTER_APPLICANT_ANSWERS } from './test-fixtures.ts';

const general = DEMO_SERVICES.find((d) => d.service.code === 'CERERE-GEN')!.service;
const person = { pLastName: 'Dumitru', pFirstName: 'Floarea', pCnp: '2450315451234', pIdType: 'CI', pIdSeries: 'RX', pIdNumber: '123456', pPhone: '0212345678' };
const answers = { ...COUNTER_APPLICANT_ANSWERS, subject: 'Cerere de copie', content: 'Solicit o copie după autorizația de construire.', declaration_truth: 'yes' };

describe('the counter form’s questions the identified person answers (name, CNP)', () => {
  it('are filled from the identification block when the clerk leaves them empty, as the hint says', () => {
    const p = parseAssistedPerson(person);
    expect(p.ok).toBe(true);
    const r = collectAnswers(general.form, { ...person, ...answers }, p.ok ? p.value : null, '2026-11-22');
    expect(r.errors).toEqual({});
    expect(r.answers).toMatchObject({ applicant_name: 'Dumitru Floarea', applicant_cnp: '2450315451234' });
  });

  it('are not reported as missing when the identification block itself is wrong: the CNP’s own message is enough', () => {
    const raw = { ...person, pCnp: '2450315451235', ...answers };
    const p = parseAssistedPerson(raw);
    expect(p.ok).toBe(false);
    const r = collectAnswers(general.form, raw, null, '2026-11-22');
    expect(r.errors).not.toHaveProperty('applicant_name');
    expect(r.errors).not.toHaveProperty('applicant_cnp');
  });
});

describe('a date question’s bounds at the counter', () => {
  it('are counted from the filing day it is given (the app’s clock), not the machine’s', () => {
    const L = (ro: string) => ({ ro, en: ro });
    const form = {
      schemaVersion: 1,
      pages: [{ id: 'p', title: L('Pagina'), items: [{ id: 'born', type: 'date' as const, label: L('Data nașterii'), required: true, notAfter: { daysFromFiling: 0 } }] }],
    } as unknown as typeof general.form;
    const raw = { 'born-day': '1', 'born-month': '6', 'born-year': '2030' };
    expect(collectAnswers(form, raw, null, '2030-01-01').errors.born).toBeDefined();
    expect(collectAnswers(form, raw, null, '2030-12-01').errors.born).toBeUndefined();
  });
});
