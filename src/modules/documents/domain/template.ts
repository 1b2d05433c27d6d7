import { z } from 'zod';
import { type Answers, allQuestions, type FormDefinition, type Group, type Question } from '../../catalog/domain/form-definition.ts';

/*
 * An answer template is plain text with placeholders in double braces: {{numar_inregistrare}}, {{solicitant.nume}},
 * {{raspunsuri.<questionId>}}… A template is checked when it is saved, against the fields every case has and the
 * questions of the service's form, so a typo is refused then, not discovered on a citizen's document.
 */

/** The fields every case can fill, with what they are (shown to the administrator). */
export const CASE_FIELDS = [
  'numar_inregistrare',
  'data_inregistrare',
  'cod_urmarire',
  'numar_iesire',
  'data_document',
  'solicitant.nume',
  'solicitant.adresa',
  'solicitant.email',
  'serviciu.nume',
  'termen',
  'institutie.nume',
  'institutie.adresa',
  'institutie.cui',
  'functionar.nume',
  'raspuns',
] as const;
export type CaseField = (typeof CASE_FIELDS)[number];

export const ANSWER_PREFIX = 'raspunsuri.';

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

export const TemplateInput = z.object({
  title: z.string().trim().min(1, 'documents.template.title_required').max(200, 'documents.template.title_long'),
  body: z.string().trim().min(1, 'documents.template.body_required').max(20_000, 'documents.template.body_long'),
  /** Printed under a refusal instead of the default remedy (answer-text.ts); empty: the default. */
  remedy: z.string().trim().max(2000, 'documents.template.remedy_long').optional(),
});
export type TemplateInput = z.infer<typeof TemplateInput>;

export type TemplateProblem = { code: string; params: Record<string, string> };

/** Every placeholder of a text, in order, without duplicates. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/** The question ids a template may use: every question and group of the form (files excluded: they are not text). */
export function answerFieldsOf(form: FormDefinition): string[] {
  return allQuestions(form)
    .filter((q) => q.type !== 'file')
    .map((q) => q.id);
}

/**
 * Problems of a template for a service: unknown fields, answers the form does not have, and braces that do not
 * form a placeholder. Each problem names the placeholder exactly as written.
 */
export function checkTemplate(text: string, answerFields: readonly string[]): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const name of placeholdersOf(text)) {
    const shown = `{{${name}}}`;
    if (name.startsWith(ANSWER_PREFIX)) {
      if (!answerFields.includes(name.slice(ANSWER_PREFIX.length))) problems.push({ code: 'documents.template.unknown_answer', params: { field: shown } });
    } else if (!(CASE_FIELDS as readonly string[]).includes(name)) {
      problems.push({ code: 'documents.template.unknown_field', params: { field: shown } });
    }
  }
  const stripped = text.replace(PLACEHOLDER, '');
  if (/\{\{|\}\}/.test(stripped)) problems.push({ code: 'documents.template.unbalanced', params: {} });
  return problems;
}

/** Fills the placeholders; a value that is missing (null or empty) is written as "—" and listed. */
export function fillTemplate(text: string, values: Readonly<Record<string, string | null | undefined>>): { text: string; missing: string[] } {
  const missing: string[] = [];
  const filled = text.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name];
    if (value === undefined || value === null || value.trim() === '') {
      if (!missing.includes(name)) missing.push(name);
      return '—';
    }
    return value;
  });
  return { text: filled, missing };
}

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;
const dotted = (iso: string) => {
  const m = isoDate.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
};

function answerText(q: Question, value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  const option = (v: unknown) => q.options?.find((o) => o.value === v)?.label.ro ?? String(v);
  switch (q.type) {
    case 'file':
      return null;
    case 'declaration':
      return value === true || value === 'yes' ? 'da' : null;
    case 'select':
    case 'radios':
      return option(value);
    case 'checkboxes':
      return Array.isArray(value) ? value.map(option).join(', ') : option(value);
    case 'date':
      return typeof value === 'string' ? dotted(value) : String(value);
    case 'address': {
      const a = value as Record<string, unknown>;
      return [[a.street, a.number].filter(Boolean).join(' nr. '), a.details, a.locality, a.county].filter((x) => typeof x === 'string' && x).join(', ') || null;
    }
    case 'location': {
      const l = value as { lat?: number; lng?: number; description?: string };
      return [l.description, Number.isFinite(l.lat) && Number.isFinite(l.lng) ? `${l.lat}, ${l.lng}` : ''].filter(Boolean).join(' – ') || null;
    }
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

/** The answers of a case as template values (`raspunsuri.<id>`), in Romanian (the language of issued documents). */
export function answerValues(form: FormDefinition, answers: Answers): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const item of allQuestions(form)) {
    if (item.type === 'group') {
      const rows = answers[item.id];
      const lines = Array.isArray(rows)
        ? rows.map((row: Answers) =>
            (item as Group).questions
              .map((q) => answerText(q, row?.[q.id]))
              .filter(Boolean)
              .join(', '),
          )
        : [];
      out[`${ANSWER_PREFIX}${item.id}`] = lines.filter(Boolean).join('; ') || null;
      continue;
    }
    out[`${ANSWER_PREFIX}${item.id}`] = answerText(item as Question, answers[item.id]);
  }
  return out;
}

export type CaseFacts = {
  number: string;
  registeredOn: string;
  trackingCode: string;
  outgoingNumber: string | null;
  documentDay: string;
  applicant: { name: string; address?: string | null; email?: string | null };
  serviceName: string;
  /** Null when the service expects no answer (a term of 0 days): `{{termen}}` is then written as missing. */
  dueOn: string | null;
  institution: { name: string; address: string; cui: string };
  officialName: string;
  /** The answer the official wrote: its outcome, their text and, for a refusal, the remedy (answer-text.ts). */
  answer: string | null;
};

/** Every value a template of this case can use. */
export function templateValues(facts: CaseFacts, form: FormDefinition, answers: Answers): Record<string, string | null> {
  const fixed: Record<CaseField, string | null> = {
    numar_inregistrare: facts.number,
    data_inregistrare: dotted(facts.registeredOn),
    cod_urmarire: facts.trackingCode,
    numar_iesire: facts.outgoingNumber,
    data_document: dotted(facts.documentDay),
    'solicitant.nume': facts.applicant.name,
    'solicitant.adresa': facts.applicant.address ?? null,
    'solicitant.email': facts.applicant.email ?? null,
    'serviciu.nume': facts.serviceName,
    termen: facts.dueOn === null ? null : dotted(facts.dueOn),
    'institutie.nume': facts.institution.name,
    'institutie.adresa': facts.institution.address,
    'institutie.cui': facts.institution.cui,
    'functionar.nume': facts.officialName,
    raspuns: facts.answer,
  };
  return { ...fixed, ...answerValues(form, answers) };
}

/** Where the official's answer goes in a template; a template without it gets the answer after its own text. */
export const ANSWER_FIELD = 'raspuns';

/** What a service without a template of its own answers with. */
export const DEFAULT_TEMPLATE: TemplateInput = {
  title: 'Răspuns la cererea nr. {{numar_inregistrare}}',
  body: [
    'Către {{solicitant.nume}}',
    '',
    'Ca răspuns la cererea dumneavoastră înregistrată cu nr. {{numar_inregistrare}} din {{data_inregistrare}}, privind „{{serviciu.nume}}”, vă comunicăm că aceasta a fost analizată de {{institutie.nume}}.',
    '',
    '{{raspuns}}',
    '',
    'Documentul poate fi verificat oricând la adresa indicată de codul QR, unde se confirmă că este emis de instituție și nu a fost modificat.',
    '',
    'Întocmit de {{functionar.nume}}.',
  ].join('\n'),
};
