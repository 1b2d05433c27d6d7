import { describe, expect, it } from 'vitest';
import type { FormDefinition } from '../../catalog/domain/form-definition.ts';
import { signingPlan } from './signers.ts';
import { answerFieldsOf, answerValues, checkTemplate, DEFAULT_TEMPLATE, fillTemplate, placeholdersOf } from './template.ts';

const L = (ro: string) => ({ ro, en: ro });
const form: FormDefinition = {
  schemaVersion: 1,
  pages: [
    {
      id: 'imobil',
      title: L('Imobilul'),
      items: [
        { id: 'land_area', type: 'number', label: L('Suprafața'), required: true },
        { id: 'purpose', type: 'radios', label: L('Scopul'), required: true, options: [{ value: 'construire', label: L('Construire') }] },
        { id: 'site_plans', type: 'file', label: L('Planuri'), required: true },
        { id: 'start', type: 'date', label: L('Data'), required: false },
      ],
    },
  ],
};

describe('answer templates', () => {
  it('refuses answers the form does not have and fields that do not exist, naming each as written', () => {
    const problems = checkTemplate('Suprafața {{raspunsuri.suprafata}} / {{ raspunsuri.land_area }} / {{solicitant.varsta}} / {{raspunsuri.site_plans}}', answerFieldsOf(form));
    expect(problems).toEqual([
      { code: 'documents.template.unknown_answer', params: { field: '{{raspunsuri.suprafata}}' } },
      { code: 'documents.template.unknown_field', params: { field: '{{solicitant.varsta}}' } },
      // A file is not text: it cannot be written into a document.
      { code: 'documents.template.unknown_answer', params: { field: '{{raspunsuri.site_plans}}' } },
    ]);
  });

  it('refuses braces that do not form a placeholder', () => {
    expect(checkTemplate('Nr. {{numar_inregistrare} din {{data_inregistrare}}', []).map((p) => p.code)).toContain('documents.template.unbalanced');
    expect(checkTemplate('Nr. {{numar_inregistrare}} din {{data_inregistrare}}', [])).toEqual([]);
  });

  it('the default template uses only fields every case has', () => {
    expect(checkTemplate(DEFAULT_TEMPLATE.body, [])).toEqual([]);
    expect(checkTemplate(DEFAULT_TEMPLATE.title, [])).toEqual([]);
    expect(placeholdersOf(DEFAULT_TEMPLATE.body)).toContain('solicitant.nume');
  });

  it('fills answers in Romanian (option labels, dd.mm.yyyy) and lists what is missing', () => {
    const values = answerValues(form, { land_area: 480, purpose: 'construire', start: '2026-03-09' });
    const filled = fillTemplate('{{raspunsuri.land_area}} m², {{raspunsuri.purpose}}, din {{raspunsuri.start}}; {{solicitant.adresa}} {{solicitant.adresa}}', { ...values, 'solicitant.adresa': null });
    expect(filled.text).toBe('480 m², Construire, din 09.03.2026; — —');
    expect(filled.missing).toEqual(['solicitant.adresa']);
  });
});

describe('signing plan', () => {
  it('inspector, head of department, mayor, in that order; a role nobody holds is skipped; one person signs once', () => {
    const a = { accountId: 'a', name: 'Ana' };
    const m = { accountId: 'm', name: 'Mihai' };
    expect(signingPlan({ inspector: a, head_of_department: null, mayor: m }).map((p) => p.role)).toEqual(['inspector', 'mayor']);
    expect(signingPlan({ inspector: a, head_of_department: a, mayor: m }).map((p) => p.name)).toEqual(['Ana', 'Mihai']);
    // A head who is also her department's inspector signs once, as head.
    expect(signingPlan({ inspector: a, head_of_department: a, mayor: m }).map((p) => p.role)).toEqual(['head_of_department', 'mayor']);
  });
});
