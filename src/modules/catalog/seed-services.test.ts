import { describe, expect, it } from 'vitest';
import { computeFee } from './domain/fee.ts';
import { allQuestions, applicablePages, counterWording, type Group, type Page, type Question } from './domain/form-definition.ts';
import { CATEGORIES, checkServiceDefinition, matchesSearch, type ServiceDefinition } from './domain/service-definition.ts';
import { validatePage } from './domain/validate-answers.ts';
import { DEMO_SERVICES } from './seed-services.ts';
import { documentsToUpload, fetchedDocuments } from '../submission/domain/journey.ts';

/*
 * Department codes of the demo organisation (src/modules/organisation/seed-demo.ts). The trees are not exported
 * there, so this list is kept by hand: when a department is added or renamed in the seed, update it here too.
 */
const DEPARTMENTS: Record<string, string[]> = {
  sector5: ['DRRP', 'REG', 'RP', 'INFO', 'DGU', 'CU', 'AC', 'DISC', 'DAC', 'ACOM', 'SPCLEP', 'SC', 'EP', 'JUR', 'PAT', 'PARC', 'ARH', 'IT'],
  dgitl5: ['IMP-PF', 'IMP-PJ', 'EXEC'],
  dgaspc5: ['BEN', 'ANCH'],
};

const services = DEMO_SERVICES.map((d) => d.service);
const byCode = (code: string): ServiceDefinition => {
  const s = services.find((x) => x.code === code);
  if (!s) throw new Error(`no demo service ${code}`);
  return s;
};
const search = (query: string) => services.filter((s) => matchesSearch(s, query)).map((s) => s.code);
const questionOf = (s: ServiceDefinition, id: string): Question | Group | undefined => allQuestions(s.form).find((q) => q.id === id);
const pageOf = (s: ServiceDefinition, id: string): Page => {
  const p = s.form.pages.find((x) => x.id === id);
  if (!p) throw new Error(`no page ${id} in ${s.code}`);
  return p;
};

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('demo catalogue', () => {
  it('has at least 25 services, each a valid service definition', () => {
    expect(DEMO_SERVICES.length).toBeGreaterThanOrEqual(25);
    const problems = DEMO_SERVICES.flatMap(({ service }) => {
      const r = checkServiceDefinition(service);
      return r.ok ? [] : r.problems.map((p) => `${service.code}: ${p.path} ${p.code} ${JSON.stringify(p.params ?? {})}`);
    });
    expect(problems).toEqual([]);
  });

  it('words every form for the clerk at the counter about the applicant, never to them ("dumneavoastră")', () => {
    for (const s of services) {
      const counter = counterWording(s.form);
      expect(strings(counter).filter((x) => /dumneavoastr/i.test(x)), s.code).toEqual([]);
      const person = counter.pages.find((p) => p.id === 'solicitant');
      if (person) expect(person.title, s.code).toEqual({ ro: 'Datele solicitantului', en: 'Applicant’s details' });
    }
  });

  it('gives each service a code unique within its institution', () => {
    for (const slug of ['sector5', 'dgitl5', 'dgaspc5']) {
      const codes = DEMO_SERVICES.filter((d) => d.institutionSlug === slug).map((d) => d.service.code);
      expect(codes.length).toBeGreaterThan(0);
      expect(new Set(codes).size).toBe(codes.length);
    }
  });

  it('covers every category of the catalogue', () => {
    expect(new Set(services.map((s) => s.category))).toEqual(new Set(CATEGORIES));
  });

  it('routes each service to a department that exists in its institution', () => {
    const wrong = DEMO_SERVICES.filter((d) => !DEPARTMENTS[d.institutionSlug]?.includes(d.service.departmentCode)).map(
      (d) => `${d.institutionSlug}/${d.service.code} → ${d.service.departmentCode}`,
    );
    expect(wrong).toEqual([]);
  });

  it('files each service under a nomenclator code', () => {
    for (const s of services) expect(s.fileCode, s.code).toMatch(/^[IVX]+-\d+$/);
  });

  it('writes ș and ț with a comma below, never the cedilla forms', () => {
    const cedilla = /[şţŞŢ]/;
    const bad = DEMO_SERVICES.flatMap(({ service }) => strings(service).filter((x) => cedilla.test(x)).map((x) => `${service.code}: ${x}`));
    expect(bad).toEqual([]);
    // The check above would pass on text without diacritics at all: make sure the Romanian is really written out.
    expect(strings(services.map((s) => s.name.ro)).join(' ')).toMatch(/[ăâîșț]/);
  });

  it('translates every name and description into English', () => {
    for (const s of services) {
      expect(s.name.en, s.code).not.toBe(s.name.ro);
      expect(s.description.en, s.code).not.toBe(s.description.ro);
    }
  });
});

describe('search as people type it', () => {
  it('finds the fiscal certificate for "certificat fiscal" and "cazier fiscal"', () => {
    expect(search('certificat fiscal')).toContain('CERT-FISCAL');
    expect(search('cazier fiscal')).toEqual(['CERT-FISCAL']);
  });

  it('finds the building permit for "autorizatie constructie", without diacritics', () => {
    const found = search('autorizatie constructie');
    expect(found).toContain('AUTORIZATIE-CONSTRUIRE');
    expect(found).not.toContain('CERT-FISCAL');
  });

  it('finds both parking services for "parcare"', () => {
    const found = search('parcare');
    expect(found).toEqual(expect.arrayContaining(['PARCARE-ATRIBUIRE', 'PARCARE-REINNOIRE']));
    expect(found).not.toContain('CERT-URBANISM');
  });

  it('finds the street report for "groapa", "gunoi" and "iluminat"', () => {
    for (const q of ['groapa', 'gunoi', 'iluminat']) expect(search(q), q).toContain('SESIZARE');
  });

  it('finds the new minimum income for the old names people still use', () => {
    expect(search('ajutor social')).toContain('VMI');
    expect(search('alocatie sustinerea familiei')).toContain('VMI');
  });
});

describe('legal terms', () => {
  it.each([
    ['PETITIE', 30, 'calendar', false],
    ['INFO-544', 10, 'calendar', false],
    ['CERT-FISCAL', 2, 'working', false],
    ['CERT-URBANISM', 15, 'calendar', false],
    ['AUTORIZATIE-CONSTRUIRE', 30, 'calendar', false],
    ['CASATORIE', 10, 'calendar', false],
    ['ACORD-FUNCTIONARE', 30, 'calendar', true],
  ] as const)('%s: %i %s days, tacit approval %s', (code, days, unit, tacit) => {
    const s = byCode(code);
    expect(s.term).toEqual({ days, unit });
    expect(s.tacitApproval).toBe(tacit);
  });

  it('handles petitions under OG 27/2002 and information requests under Legea 544/2001', () => {
    expect(services.filter((s) => s.caseKind === 'information').map((s) => s.code)).toEqual(['INFO-544']);
    const petitions = services.filter((s) => s.caseKind === 'petition');
    expect(petitions.map((s) => s.code)).toEqual(expect.arrayContaining(['PETITIE', 'SESIZARE', 'CERERE-GEN']));
    for (const s of petitions) {
      expect(s.term, s.code).toEqual({ days: 30, unit: 'calendar' });
      expect(s.tacitApproval, s.code).toBe(false);
    }
  });

  it('applies tacit approval only with a term of 30 days or less', () => {
    for (const s of services.filter((x) => x.tacitApproval)) expect(s.term.days, s.code).toBeLessThanOrEqual(30);
  });
});

describe('fees', () => {
  it('prices each option of a by-option fee, and per-unit fees read a number', () => {
    for (const s of services) {
      const fee = s.fee;
      if (fee.kind === 'by_option') {
        const q = questionOf(s, fee.question) as Question;
        expect(Object.keys(fee.amounts).sort(), s.code).toEqual((q.options ?? []).map((o) => o.value).sort());
      }
      if (fee.kind === 'per_unit') expect(questionOf(s, fee.question)?.type, s.code).toBe('number');
    }
  });

  it('charges more for an urgent urbanism certificate', () => {
    const fee = byCode('CERT-URBANISM').fee;
    const standard = computeFee(fee, { urgency: 'standard' });
    const urgent = computeFee(fee, { urgency: 'urgent' });
    expect(standard).toBeGreaterThan(0);
    expect(urgent).toBeGreaterThan(standard ?? 0);
  });

  it('charges the building permit on the value of the works, in bani', () => {
    // 1% of 200 000 lei = 2 000 lei = 200 000 bani.
    expect(computeFee(byCode('AUTORIZATIE-CONSTRUIRE').fee, { works_value: 200000 })).toBe(200000);
    // 0.5% for a home or its outbuildings, as the service's description says (Codul fiscal art. 474).
    expect(computeFee(byCode('AUTORIZATIE-CONSTRUIRE').fee, { works_value: 200000, destination: 'locuinta' })).toBe(100000);
    expect(computeFee(byCode('AUTORIZATIE-CONSTRUIRE').fee, { works_value: 200000, destination: 'alta' })).toBe(200000);
  });

  it('issues the fiscal certificate, petitions and public information for free', () => {
    for (const code of ['CERT-FISCAL', 'PETITIE', 'INFO-544', 'SESIZARE']) expect(computeFee(byCode(code).fee, {}), code).toBe(0);
  });
});

describe('once-only (OUG 41/2016)', () => {
  it('names the body each fetched document comes from, and asks for consent once, in the journey, not in the forms', () => {
    for (const s of services) {
      // The journey's consent step (per document, recorded with time and account) is the only place it is asked.
      expect(questionOf(s, 'consent_fetch'), s.code).toBeUndefined();
      for (const d of s.documents.filter((x) => x.fetchedByInstitution)) expect(d.issuer, `${s.code}/${d.id}`).toBeTruthy();
    }
  });

  it('asks for a document only when the answers say it applies, and once', () => {
    const fiscal = byCode('CERT-FISCAL');
    expect(fetchedDocuments(fiscal.documents, { purpose: 'vanzare_auto' }).map((d) => d.id)).toEqual([]);
    expect(fetchedDocuments(fiscal.documents, { purpose: 'succesiune' }).map((d) => d.id)).toEqual(['death_certificate']);
    // The authorisation is a file question of the form: never asked again as a separate document.
    expect(documentsToUpload(fiscal.documents, {}, { on_behalf: 'da' }, fiscal.form).map((d) => d.id)).not.toContain('mandate');
    const cu = byCode('CERT-URBANISM');
    expect(documentsToUpload(cu.documents, {}, {}, cu.form).map((d) => d.id)).not.toContain('site_plans');
  });

  it('never asks to upload a document that is shown in original at the office, nor says "original" in an upload’s name', () => {
    const marriage = byCode('CASATORIE');
    const uploads = documentsToUpload(marriage.documents, {}, {}, marriage.form).map((d) => d.id);
    expect(uploads).not.toContain('birth_certificates');
    // Still listed among the service's documents, as one to show in original.
    expect(marriage.documents.find((d) => d.id === 'birth_certificates')).toMatchObject({ required: true, presentedInOriginal: true });
    const booking = byCode('PROGRAMARE-CI');
    expect(documentsToUpload(booking.documents, {}, {}, booking.form).map((d) => d.id)).not.toContain('birth_certificate');
    for (const s of services) {
      for (const d of documentsToUpload(s.documents, {}, {}, s.form)) expect(d.name.ro, `${s.code}/${d.id}`).not.toMatch(/original/i);
    }
  });

  it('refuses a document both obtained by the institution and shown in original', () => {
    const cu = byCode('CERT-URBANISM');
    const both = { ...cu, documents: cu.documents.map((d) => (d.id === 'land_registry_extract' ? { ...d, presentedInOriginal: true } : d)) };
    const r = checkServiceDefinition(both);
    expect(r.ok ? [] : r.problems.map((p) => p.code)).toEqual(['service.definition.original_and_fetched']);
  });

  it('fetches the land register extract from ANCPI for the urbanism certificate', () => {
    const extract = byCode('CERT-URBANISM').documents.find((d) => d.id === 'land_registry_extract');
    expect(extract).toMatchObject({ fetchedByInstitution: true });
    expect(extract?.issuer).toMatchObject({ ro: expect.stringContaining('ANCPI'), en: expect.stringContaining('ANCPI') });
  });

  it('asks for the documents only from someone who refuses consent', () => {
    const cu = byCode('CERT-URBANISM');
    const at = new Date().toISOString();
    const given = { land_registry_extract: { given: true, at, accountId: 'a' } };
    const refused = { land_registry_extract: { given: false, at, accountId: 'a' } };
    expect(documentsToUpload(cu.documents, given, {}, cu.form).map((d) => d.id)).not.toContain('land_registry_extract');
    expect(documentsToUpload(cu.documents, refused, {}, cu.form).map((d) => d.id)).toContain('land_registry_extract');
  });

  it('prefills who the applicant is from the account', () => {
    const name = questionOf(byCode('CERERE-GEN'), 'applicant_name') as Question;
    const cnp = questionOf(byCode('CERERE-GEN'), 'applicant_cnp') as Question;
    expect([name.prefill, cnp.prefill]).toEqual(['person.name', 'person.cnp']);
  });
});

describe('conditions', () => {
  it('asks for co-owners only when the building is jointly owned', () => {
    const page = pageOf(byCode('DECL-CLADIRE-PF'), 'coproprietari');
    const alone = validatePage(page, { co_owned: 'nu' }, {});
    expect(alone.errors).toEqual({});
    expect(alone.answers).toEqual({ co_owned: 'nu' });
    const joint = validatePage(page, { co_owned: 'da', own_share: '1/2', co_owners__count: '1' }, {});
    expect(joint.errors.co_owners).toEqual({ key: 'form.error.group_min', params: { min: 1 } });
    const filled = validatePage(page, { co_owned: 'da', own_share: '1/2', co_owners__count: '1', co_owners__0__owner_name: 'Ana Popescu', co_owners__0__owner_cnp: '1800101123450', co_owners__0__owner_share: '1/2' }, {});
    expect(filled.errors).toEqual({});
    expect(filled.answers.co_owners).toEqual([{ owner_name: 'Ana Popescu', owner_cnp: '1800101123450', owner_share: '1/2' }]);
  });

  it('asks a non-owner on what basis they apply for a building permit', () => {
    const page = pageOf(byCode('AUTORIZATIE-CONSTRUIRE'), 'proprietate');
    expect(validatePage(page, { is_owner: 'da', co_owned: 'nu' }, {}).errors).toEqual({});
    const nonOwner = validatePage(page, { is_owner: 'nu', co_owned: 'nu' }, {});
    expect(Object.keys(nonOwner.errors).sort()).toEqual(['right_to_build', 'right_type']);
  });

  it('shows the company page only to a company in services open to both', () => {
    const form = byCode('CERT-FISCAL').form;
    const person = applicablePages(form, { applicant_kind: 'pf' }).map((p) => p.id);
    const company = applicablePages(form, { applicant_kind: 'pj' }).map((p) => p.id);
    expect(person).toContain('solicitant');
    expect(person).not.toContain('firma');
    expect(company).toContain('firma');
    expect(company).not.toContain('solicitant');
  });
});

describe('dates (bounds counted from the filing day)', () => {
  const date = (iso: string, name: string) => {
    const [y, m, d] = iso.split('-');
    return { [`${name}-day`]: d, [`${name}-month`]: m, [`${name}-year`]: y };
  };
  const dateError = (code: string, id: string, iso: string, today: string) => {
    const p = byCode(code).form.pages.find((x) => x.items.some((i) => i.id === id))!;
    const q = p.items.find((i) => i.id === id) as Question;
    return validatePage({ ...p, items: [q] }, date(iso, id), {}, today).errors[id];
  };

  it('refuses a wedding sooner than the 10th day counting the filing day and the wedding day (Codul civil art. 283)', () => {
    expect(dateError('CASATORIE', 'ceremony_date', '2020-01-01', '2026-11-22')?.key).toBe('form.error.date_too_early');
    expect(dateError('CASATORIE', 'ceremony_date', '2026-11-30', '2026-11-22')).toEqual({ key: 'form.error.date_too_early', params: { date: '01.12.2026' } });
    expect(dateError('CASATORIE', 'ceremony_date', '2026-12-01', '2026-11-22')).toBeUndefined();
  });

  it('refuses a date of birth or of death in the future', () => {
    expect(dateError('TRANSCRIERE-NASTERE', 'birth_date', '2026-11-23', '2026-11-22')?.key).toBe('form.error.date_future');
    expect(dateError('DECES', 'death_date', '2027-01-01', '2026-11-22')?.key).toBe('form.error.date_future');
    expect(dateError('DECES', 'death_date', '2026-11-22', '2026-11-22')).toBeUndefined();
  });

  it('bounds every date question of the demo, so none accepts any date at all', () => {
    const unbounded = services.flatMap((s) =>
      allQuestions(s.form)
        .flatMap((i) => (i.type === 'group' ? i.questions : [i]))
        .filter((q) => q.type === 'date' && !q.notBefore && !q.notAfter)
        .map((q) => `${s.code}.${q.id}`),
    );
    expect(unbounded).toEqual([]);
  });
});
