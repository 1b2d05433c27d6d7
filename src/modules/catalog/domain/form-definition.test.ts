import { describe, expect, it } from 'vitest';
import { computeFee } from './fee.ts';
import { applicablePages, checkFormDefinition, counterWording, type FormDefinition } from './form-definition.ts';
import { checkServiceDefinition, issuerName, matchesSearch } from './service-definition.ts';
import { validatePage } from './validate-answers.ts';

const L = (ro: string, en = ro) => ({ ro, en });

const form: FormDefinition = {
  schemaVersion: 1,
  pages: [
    {
      id: 'purpose',
      title: L('Scopul'),
      items: [
        {
          id: 'purpose',
          type: 'radios',
          label: L('În ce scop?'),
          required: true,
          options: [
            { value: 'sale', label: L('Vânzare') },
            { value: 'build', label: L('Construire') },
          ],
        },
      ],
    },
    {
      id: 'building',
      title: L('Construcția'),
      showIf: { question: 'purpose', equals: 'build' },
      items: [{ id: 'area', type: 'number', label: L('Suprafața (m²)'), required: true, min: 1, max: 100000 }],
    },
    {
      id: 'owners',
      title: L('Proprietari'),
      items: [
        {
          id: 'owners',
          type: 'group',
          label: L('Proprietari'),
          minItems: 1,
          maxItems: 5,
          questions: [
            { id: 'name', type: 'text', label: L('Nume'), required: true },
            { id: 'cnp', type: 'cnp', label: L('CNP'), required: true },
          ],
        },
      ],
    },
  ],
};

describe('form definitions', () => {
  it('accepts a well-formed form with a condition on an earlier question', () => {
    expect(checkFormDefinition(form).ok).toBe(true);
  });

  it('refuses a condition that references a missing question', () => {
    const bad = structuredClone(form);
    bad.pages[1]!.showIf = { question: 'nu_exista', equals: 'x' };
    const r = checkFormDefinition(bad);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.map((p) => p.code)).toContain('form.definition.condition_unknown_question');
  });

  it('refuses a condition on a question asked later, a duplicate id, and a choice without options', () => {
    const bad = structuredClone(form);
    bad.pages[0]!.items.unshift({ id: 'early', type: 'text', label: L('x'), required: true, showIf: { question: 'area', equals: '1' } });
    bad.pages[2]!.items.push({ id: 'purpose', type: 'select', label: L('y'), required: true });
    const r = checkFormDefinition(bad);
    expect(!r.ok && r.problems.map((p) => p.code)).toEqual(
      expect.arrayContaining(['form.definition.condition_unknown_question', 'form.definition.duplicate_question', 'form.definition.options_required']),
    );
  });

  it('refuses a condition on an option the question does not have', () => {
    const bad = structuredClone(form);
    bad.pages[1]!.showIf = { question: 'purpose', equals: 'demolish' };
    const r = checkFormDefinition(bad);
    expect(!r.ok && r.problems[0]!.code).toBe('form.definition.condition_unknown_option');
  });

  it('words the pages and questions for the clerk at the counter where the form says how, and only there', () => {
    const worded = structuredClone(form);
    worded.pages[2]!.counterTitle = L('Proprietarii declarați de solicitant', 'Owners stated by the applicant');
    worded.pages[0]!.items[0]!.counterLabel = L('În ce scop cere solicitantul?', 'What does the applicant need it for?');
    const owners = worded.pages[2]!.items[0]!;
    if (owners.type !== 'group') throw new Error('group expected');
    owners.questions[0] = { ...owners.questions[0]!, counterHint: L('Cum apare în actul de identitate.', 'As on the identity card.') };
    expect(checkFormDefinition(worded).ok).toBe(true);
    const counter = counterWording(worded);
    expect(counter.pages.map((p) => p.title.en)).toEqual(['Scopul', 'Construcția', 'Owners stated by the applicant']);
    expect(counter.pages[0]!.items[0]!.label.ro).toBe('În ce scop cere solicitantul?');
    const counterOwners = counter.pages[2]!.items[0]!;
    expect(counterOwners.type === 'group' && counterOwners.questions[0]!.hint?.ro).toBe('Cum apare în actul de identitate.');
    // The applicant's own form is unchanged.
    expect(worded.pages[2]!.title.ro).toBe('Proprietari');
    expect(worded.pages[0]!.items[0]!.label.ro).toBe('În ce scop?');
  });

  it('refuses a counter wording in one language only', () => {
    const bad = structuredClone(form) as unknown as { pages: { counterTitle?: unknown }[] };
    bad.pages[0]!.counterTitle = { ro: 'Scopul solicitantului' };
    const r = checkFormDefinition(bad);
    expect(!r.ok && r.problems.map((p) => p.path)).toContain('pages.0.counterTitle.en');
  });

  it('shows the building page only to someone who builds', () => {
    expect(applicablePages(form, { purpose: 'sale' }).map((p) => p.id)).toEqual(['purpose', 'owners']);
    expect(applicablePages(form, { purpose: 'build' }).map((p) => p.id)).toEqual(['purpose', 'building', 'owners']);
  });
});

describe('answers', () => {
  it('gives a specific error per field and keeps the valid ones', () => {
    const r = validatePage(form.pages[2]!, { owners__count: '2', owners__0__name: 'Ion Popescu', owners__0__cnp: '1800101123451', owners__1__name: '', owners__1__cnp: '' }, {});
    expect(r.errors).toEqual({ owners__0__cnp: { key: 'form.error.cnp_checksum' } });
  });

  it('ignores an empty extra row of a repeatable group but enforces the minimum', () => {
    const ok = validatePage(form.pages[2]!, { owners__count: '2', owners__0__name: 'Ion Popescu', owners__0__cnp: '1800101123450' }, {});
    expect(ok.errors).toEqual({});
    expect(ok.answers.owners).toEqual([{ name: 'Ion Popescu', cnp: '1800101123450' }]);
    const none = validatePage(form.pages[2]!, { owners__count: '1' }, {});
    expect(none.errors.owners).toEqual({ key: 'form.error.group_min', params: { min: 1 } });
  });

  it('parses numbers with a decimal comma and checks bounds', () => {
    expect(validatePage(form.pages[1]!, { area: '120,5' }, {}).answers).toEqual({ area: 120.5 });
    expect(validatePage(form.pages[1]!, { area: '0' }, {}).errors.area).toEqual({ key: 'form.error.number_min', params: { min: 1 } });
    expect(validatePage(form.pages[1]!, { area: 'o sută' }, {}).errors.area).toEqual({ key: 'form.error.number_invalid' });
  });

  it('refuses an option that was not offered (a tampered form)', () => {
    expect(validatePage(form.pages[0]!, { purpose: 'demolish' }, {}).errors.purpose).toEqual({ key: 'form.error.option_invalid' });
  });

  it('validates dates from three boxes, phones, e-mails, IBANs and CUIs', () => {
    const page = {
      id: 'p',
      title: L('p'),
      items: [
        { id: 'd', type: 'date' as const, label: L('d'), required: true },
        { id: 'ph', type: 'phone' as const, label: L('t'), required: true },
        { id: 'em', type: 'email' as const, label: L('e'), required: true },
        { id: 'ib', type: 'iban' as const, label: L('i'), required: true },
        { id: 'cu', type: 'cui' as const, label: L('c'), required: true },
      ],
    };
    const ok = validatePage(page, { 'd-day': '29', 'd-month': '2', 'd-year': '2028', ph: '0722 123 456', em: 'Ion@Exemplu.ro', ib: 'ro96 trez 7042 1070 2010 1xxx', cu: 'RO18547290' }, {});
    expect(ok.errors).toEqual({});
    expect(ok.answers).toEqual({ d: '2028-02-29', ph: '+40722123456', em: 'ion@exemplu.ro', ib: 'RO96TREZ7042107020101XXX', cu: '18547290' });
    const bad = validatePage(page, { 'd-day': '29', 'd-month': '2', 'd-year': '2026', ph: '123', em: 'ion@', ib: 'RO00TREZ', cu: '18547291' }, {});
    expect(bad.errors).toEqual({
      d: { key: 'form.error.date_invalid' },
      ph: { key: 'form.error.phone_invalid' },
      em: { key: 'form.error.email_invalid' },
      ib: { key: 'form.error.iban_invalid' },
      cu: { key: 'form.error.cui_checksum' },
    });
  });

  it('accepts a map pin inside Romania, or a description without a map', () => {
    const page = { id: 'p', title: L('p'), items: [{ id: 'loc', type: 'location' as const, label: L('Unde?'), required: true }] };
    expect(validatePage(page, { 'loc-lat': '44.41', 'loc-lng': '26.07' }, {}).answers.loc).toEqual({ lat: 44.41, lng: 26.07, description: undefined });
    expect(validatePage(page, { 'loc-lat': '48.85', 'loc-lng': '2.35' }, {}).errors.loc).toEqual({ key: 'form.error.location_outside' });
    expect(validatePage(page, { 'loc-description': 'În fața blocului P12, Str. Sebastian' }, {}).errors).toEqual({});
  });

  it('says which coordinate is missing when only one is typed', () => {
    const page = { id: 'p', title: L('p'), items: [{ id: 'loc', type: 'location' as const, label: L('Unde?'), required: true }] };
    expect(validatePage(page, { 'loc-lat': '44,4167', 'loc-lng': '' }, {}).errors.loc).toEqual({ key: 'form.error.location_lng_missing' });
    expect(validatePage(page, { 'loc-lat': ' ', 'loc-lng': '26,1' }, {}).errors.loc).toEqual({ key: 'form.error.location_lat_missing' });
  });
});

describe('fees', () => {
  it('computes fixed, per unit and per option fees in bani', () => {
    expect(computeFee({ kind: 'fixed', amount: 1500 }, {})).toBe(1500);
    expect(computeFee({ kind: 'per_unit', amount: 50, question: 'area', minimum: 1000 }, { area: 120 })).toBe(6000);
    expect(computeFee({ kind: 'per_unit', amount: 50, question: 'area', minimum: 1000 }, { area: 3 })).toBe(1000);
    expect(computeFee({ kind: 'by_option', question: 'speed', amounts: { standard: 0, urgent: 5000 } }, { speed: 'urgent' })).toBe(5000);
    expect(computeFee({ kind: 'per_unit', amount: 50, question: 'area' }, {})).toBeNull();
    // A percentage of an amount in lei, in bani: 1% of 1 234,56 lei, 0.5% when the option says so, and a minimum.
    const percent = { kind: 'percent', question: 'value', basisPoints: 100, byOption: { question: 'use', basisPoints: { home: 50 } } } as const;
    expect(computeFee(percent, { value: 1234.56 })).toBe(1235);
    expect(computeFee(percent, { value: 200000, use: 'home' })).toBe(100000);
    expect(computeFee(percent, { value: 200000, use: 'shop' })).toBe(200000);
    expect(computeFee({ ...percent, minimum: 5000 }, { value: 100 })).toBe(5000);
    expect(computeFee(percent, {})).toBeNull();
  });
});

describe('service definitions and search', () => {
  // The fee reads the area: asked of everyone here (in `form` only when building, which the fee check refuses).
  const feeForm: FormDefinition = { ...form, pages: form.pages.map(({ showIf: _, ...p }) => p) };
  const service = {
    code: 'CERT-FISCAL',
    category: 'taxe',
    name: L('Certificat de atestare fiscală', 'Tax clearance certificate'),
    description: L('Pentru vânzarea unei locuințe.', 'For selling a home.'),
    applicants: 'both',
    documents: [{ id: 'id_card', name: L('Carte de identitate', 'Identity card'), required: true, fetchedByInstitution: false }],
    form: feeForm,
    fee: { kind: 'per_unit', amount: 100, question: 'area' },
    term: { days: 2, unit: 'working' },
    tacitApproval: false,
    departmentCode: 'IMP-PF',
    fileCode: 'IV-3',
    keywords: ['cazier fiscal local'],
  };

  it('accepts a service whose fee reads a question of its form', () => {
    expect(checkServiceDefinition(service).ok).toBe(true);
  });

  it('refuses a fee rule that reads a question the form does not have', () => {
    const r = checkServiceDefinition({ ...service, fee: { kind: 'per_unit', amount: 100, question: 'etaje' } });
    expect(!r.ok && r.problems[0]!.code).toBe('service.definition.fee_unknown_question');
  });

  it('refuses a fee rule the answers could never compute (it would be filed as 0 lei)', () => {
    const codes = (fee: unknown) => {
      const r = checkServiceDefinition({ ...service, fee });
      return r.ok ? [] : r.problems.map((p) => [p.code, p.params?.value ?? p.params?.question]);
    };
    // Per unit of a question that is not a number, or of one asked for each row of a group.
    expect(codes({ kind: 'per_unit', amount: 100, question: 'purpose' })).toEqual([['service.definition.fee_question_not_number', 'purpose']]);
    expect(codes({ kind: 'per_unit', amount: 100, question: 'name' })).toEqual([['service.definition.fee_question_in_group', 'name']]);
    // By option of a question without options, an option without its amount, an amount for no option.
    expect(codes({ kind: 'by_option', question: 'area', amounts: { x: 1 } })).toEqual([['service.definition.fee_question_not_choice', 'area']]);
    expect(codes({ kind: 'by_option', question: 'purpose', amounts: { sale: 1000, rent: 500 } })).toEqual([
      ['service.definition.fee_option_missing', 'build'],
      ['service.definition.fee_option_unknown', 'rent'],
    ]);
    expect(codes({ kind: 'by_option', question: 'purpose', amounts: { sale: 1000, build: 0 } })).toEqual([]);
    // A percentage of a question that is not a number; another rate for an option the question does not have.
    expect(codes({ kind: 'percent', question: 'purpose', basisPoints: 100 })).toEqual([['service.definition.fee_question_not_number', 'purpose']]);
    expect(codes({ kind: 'percent', question: 'area', basisPoints: 100, byOption: { question: 'area', basisPoints: { x: 50 } } })).toEqual([
      ['service.definition.fee_question_not_choice', 'area'],
    ]);
    expect(codes({ kind: 'percent', question: 'area', basisPoints: 100, byOption: { question: 'purpose', basisPoints: { rent: 50 } } })).toEqual([
      ['service.definition.fee_option_unknown', 'rent'],
    ]);
    expect(codes({ kind: 'percent', question: 'area', basisPoints: 100, byOption: { question: 'purpose', basisPoints: { sale: 50 } } })).toEqual([]);
  });

  it('refuses a fee computed from a question that may go unanswered (it would be filed as 0 lei), saying why', () => {
    const problems = (f: FormDefinition) => {
      const r = checkServiceDefinition({ ...service, form: f });
      return r.ok ? [] : r.problems.map((p) => [p.code, p.params?.question]);
    };
    // On a page asked only when building.
    expect(problems(form)).toEqual([['service.definition.fee_question_conditional', 'area']]);
    // Optional.
    const optional = structuredClone(feeForm);
    Object.assign(optional.pages[1]!.items[0]!, { required: false });
    expect(problems(optional)).toEqual([['service.definition.fee_question_optional', 'area']]);
    // Shown under a condition of its own.
    const conditional = structuredClone(feeForm);
    Object.assign(conditional.pages[1]!.items[0]!, { showIf: { question: 'purpose', equals: 'build' } });
    expect(problems(conditional)).toEqual([['service.definition.fee_question_conditional', 'area']]);
  });

  it('names the issuer of a fetched document in both languages, refusing a name in one language when saved', () => {
    const fetched = { id: 'land_registry', name: L('Extras de carte funciară', 'Land register extract'), required: true, fetchedByInstitution: true };
    const both = checkServiceDefinition({ ...service, documents: [{ ...fetched, issuer: L('Oficiul de cadastru', 'Land registry office') }] });
    expect(both.ok && both.service.documents[0]!.issuer && issuerName(both.service.documents[0]!.issuer, 'en')).toBe('Land registry office');
    const plain = checkServiceDefinition({ ...service, documents: [{ ...fetched, issuer: 'Oficiul de cadastru' }] });
    expect(!plain.ok && plain.problems).toEqual([{ path: 'documents.0.issuer', code: 'service.definition.issuer_one_language', params: { document: 'land_registry' } }]);
    // A version published before keeps its plain name, shown as written.
    expect(issuerName('Oficiul de cadastru', 'en')).toBe('Oficiul de cadastru');
  });

  it('finds "certificat fiscal" and "atestare fiscala" without diacritics, not "autorizatie"', () => {
    expect(matchesSearch(service as never, 'certificat fiscal')).toBe(true);
    expect(matchesSearch(service as never, 'ATESTARE FISCALA')).toBe(true);
    expect(matchesSearch(service as never, 'locuinta')).toBe(true);
    expect(matchesSearch(service as never, 'autorizatie')).toBe(false);
  });
});
