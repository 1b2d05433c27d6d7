import { z } from 'zod';
import { allQuestions, checkFormDefinition, Condition, type DefinitionProblem, FormDefinition, LocalText } from './form-definition.ts';
import { FeeRule, feeQuestions } from './fee.ts';

export const CATEGORIES = ['registratura', 'stare_civila', 'evidenta_persoanelor', 'taxe', 'urbanism', 'comert', 'asistenta_sociala', 'parcari', 'consultari'] as const;

export const RequiredDocument = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  name: LocalText,
  required: z.boolean().default(true),
  /** OUG 41/2016: another public body issued it, so the city hall fetches it with the applicant's recorded consent. */
  fetchedByInstitution: z.boolean().default(false),
  /**
   * Shown in original at the office (a birth certificate for a marriage): listed on the service's page, never asked
   * for as an upload. Versions saved before do not have it, so their documents are uploads as they always were.
   */
  presentedInOriginal: z.boolean().default(false),
  /**
   * Who issues it, in both languages like every text of the catalogue (each institution names its own partners).
   * A plain name is what versions saved before held: still read, since published versions never change, but
   * refused when a definition is saved (checkServiceDefinition).
   */
  issuer: z.union([LocalText, z.string()]).optional(),
  /** Asked only when an answer of the form says it applies (the death certificate for an inheritance). */
  showIf: Condition.optional(),
});
export type RequiredDocument = z.infer<typeof RequiredDocument>;

/** The issuer's name in a language (an older version's plain name as written). */
export const issuerName = (issuer: LocalText | string, locale: keyof LocalText): string => (typeof issuer === 'string' ? issuer : issuer[locale]);

/** One version of a service in the catalogue. Published versions are immutable. */
export const ServiceDefinition = z.object({
  code: z.string().regex(/^[A-Z][A-Z0-9-]{1,30}$/),
  category: z.enum(CATEGORIES),
  name: LocalText,
  description: LocalText,
  applicants: z.enum(['person', 'company', 'both']),
  /** Petitions (OG 27/2002) and public-information requests (Legea 544/2001) follow their own rules. */
  caseKind: z.enum(['request', 'petition', 'information']).default('request'),
  documents: z.array(RequiredDocument),
  form: FormDefinition,
  fee: FeeRule,
  term: z.object({ days: z.number().int().min(0).max(365), unit: z.enum(['calendar', 'working']) }),
  tacitApproval: z.boolean(),
  /**
   * Filed for oneself only with a verified identity (the CNP asserted by ROeID or checked at the counter), because
   * the answer tells the person's data: a CNP typed at registration is only declared. A company's request is filed
   * under a mandate the registry checked.
   */
  verifiedIdentity: z.boolean().optional(),
  /** Code of the responsible department in the institution's tree. */
  departmentCode: z.string().min(1),
  /** Nomenclator file code (archive class) the case is filed under. */
  fileCode: z.string().min(1),
  keywords: z.array(z.string()).default([]),
});
export type ServiceDefinition = z.infer<typeof ServiceDefinition>;

/**
 * What the editor needs to say a schema problem in the administrator's language: the kind of problem and its limit,
 * expected type or allowed values (`detail` keeps zod's English message for the JSON API).
 */
function issueParams(issue: z.core.$ZodIssue): Record<string, string> {
  const params: Record<string, string> = { detail: issue.message, issue: issue.code };
  const quoted = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(', ');
  switch (issue.code) {
    case 'invalid_type':
      params.expected = issue.expected;
      if (issue.message.endsWith('received undefined')) params.issue = 'missing';
      break;
    case 'too_small':
    case 'too_big':
      params.issue = `${issue.code}_${issue.origin}`;
      params.limit = String(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      break;
    case 'invalid_value':
      params.values = quoted(issue.values);
      break;
    case 'invalid_union': {
      const { discriminator, options } = issue as { discriminator?: string; options?: unknown[] };
      if (discriminator && options) Object.assign(params, { issue: 'invalid_discriminator', values: quoted(options) });
      break;
    }
  }
  return params;
}

export function checkServiceDefinition(input: unknown): { ok: true; service: ServiceDefinition } | { ok: false; problems: DefinitionProblem[] } {
  const parsed = ServiceDefinition.safeParse(input);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => ({ path: i.path.join('.'), code: 'service.definition.invalid', params: issueParams(i) })) };
  }
  const form = checkFormDefinition(parsed.data.form);
  const problems: DefinitionProblem[] = form.ok ? [] : form.problems.map((p) => ({ ...p, path: `form.${p.path}` }));
  const ids = new Set(allQuestions(parsed.data.form).map((q) => q.id));
  problems.push(...checkFee(parsed.data.fee, parsed.data.form));
  const docIds = new Set<string>();
  for (const [i, d] of parsed.data.documents.entries()) {
    if (docIds.has(d.id)) problems.push({ path: 'documents', code: 'service.definition.duplicate_document', params: { document: d.id } });
    docIds.add(d.id);
    if (d.presentedInOriginal && d.fetchedByInstitution) problems.push({ path: `documents.${i}`, code: 'service.definition.original_and_fetched', params: { document: d.id } });
    if (typeof d.issuer === 'string') problems.push({ path: `documents.${i}.issuer`, code: 'service.definition.issuer_one_language', params: { document: d.id } });
    if (d.showIf && !ids.has(d.showIf.question)) {
      problems.push({ path: `documents.${i}.showIf`, code: 'form.definition.condition_unknown_question', params: { question: d.showIf.question } });
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, service: parsed.data };
}

/**
 * A fee rule must be computable from the answers: computeFee gives null otherwise, and a request is then filed with
 * no fee at all. So the question it reads is asked once (not inside a repeatable group), of the right type (a number
 * per unit; a single choice by option), required and asked of everyone (no condition on it or on its page), and
 * every option has its amount and every amount its option.
 */
function checkFee(fee: FeeRule, form: FormDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  for (const [index, id] of feeQuestions(fee).entries()) {
    const items = allQuestions(form);
    const q = items.find((i) => i.id === id);
    if (!q) {
      const inGroup = items.some((i) => i.type === 'group' && i.questions.some((inner) => inner.id === id));
      problems.push({ path: 'fee.question', code: inGroup ? 'service.definition.fee_question_in_group' : 'service.definition.fee_unknown_question', params: { question: id } });
      continue;
    }
    // A percentage's second question chooses its rate (feeQuestions lists it after the amount's).
    const byOption = fee.kind === 'percent' && index === 1 ? fee.byOption : undefined;
    if (byOption) {
      if (q.type !== 'radios' && q.type !== 'select') {
        problems.push({ path: 'fee.byOption.question', code: 'service.definition.fee_question_not_choice', params: { question: id } });
        continue;
      }
      const options = (q.options ?? []).map((o) => o.value);
      for (const value of Object.keys(byOption.basisPoints)) {
        if (!options.includes(value)) problems.push({ path: 'fee.byOption.basisPoints', code: 'service.definition.fee_option_unknown', params: { question: id, value } });
      }
      continue;
    }
    // Unanswered, the question gives no fee at all: the request would be filed at 0 lei without anyone noticing.
    const page = form.pages.find((p) => p.items.some((i) => i.id === id));
    if (q.type !== 'group' && q.required === false) {
      problems.push({ path: 'fee.question', code: 'service.definition.fee_question_optional', params: { question: id } });
    } else if (q.showIf || page?.showIf) {
      problems.push({ path: 'fee.question', code: 'service.definition.fee_question_conditional', params: { question: id } });
    }
    if ((fee.kind === 'per_unit' || fee.kind === 'percent') && q.type !== 'number') {
      problems.push({ path: 'fee.question', code: 'service.definition.fee_question_not_number', params: { question: id } });
    }
    if (fee.kind === 'by_option') {
      if (q.type !== 'radios' && q.type !== 'select') {
        problems.push({ path: 'fee.question', code: 'service.definition.fee_question_not_choice', params: { question: id } });
        continue;
      }
      const options = (q.options ?? []).map((o) => o.value);
      for (const value of options) {
        if (!(value in fee.amounts)) problems.push({ path: 'fee.amounts', code: 'service.definition.fee_option_missing', params: { question: id, value } });
      }
      for (const value of Object.keys(fee.amounts)) {
        if (!options.includes(value)) problems.push({ path: 'fee.amounts', code: 'service.definition.fee_option_unknown', params: { question: id, value } });
      }
    }
  }
  return problems;
}

/** Lower case, no diacritics (ș→s, ț→t, ă→a, â→a, î→i): "certificat fiscal" finds "Certificat de atestare fiscală". */
export function foldForSearch(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Romanian inflects word endings (locuință, locuințe, locuinței): a query word of 6+ letters also matches
 * with its last two letters dropped, 5 letters with the last one.
 */
function stem(word: string): string {
  if (word.length >= 6) return word.slice(0, -2);
  if (word.length === 5) return word.slice(0, -1);
  return word;
}

/** Every word of the query starts a word of the service (folded, stemmed). */
export function matchesSearch(service: Pick<ServiceDefinition, 'name' | 'description' | 'keywords' | 'code'>, query: string): boolean {
  const words = foldForSearch(query).split(' ').filter(Boolean);
  if (words.length === 0) return true;
  const hay = ` ${foldForSearch([service.code, service.name.ro, service.name.en, service.description.ro, service.description.en, ...service.keywords].join(' '))}`;
  return words.every((w) => hay.includes(` ${stem(w)}`));
}
