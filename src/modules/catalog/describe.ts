import { formatMoney } from '../../platform/i18n/format.ts';
import { hasMessage, type T } from '../../platform/i18n/i18n.ts';
import { type Condition, type DefinitionProblem, type Group, type LocalText, type Question, allQuestions } from './domain/form-definition.ts';
import type { ServiceDefinition } from './domain/service-definition.ts';

/*
 * The catalogue's rules said in words, in the reader's language: fee, legal term, conditions, and the
 * problems of a draft with where they are. Shared by the public pages, the editor and the .docx form.
 */

export const localText = (t: T, text: LocalText | undefined): string => (text ? text[t.locale] || text.ro : '');

const lei = (t: T, bani: number) => formatMoney(bani / 100, t.locale);
/** 100 basis points → "1%", 50 → "0,5%" (Romanian) or "0.5%". */
const percent = (t: T, basisPoints: number) => `${new Intl.NumberFormat(t.locale === 'ro' ? 'ro-RO' : 'en-GB', { maximumFractionDigits: 2 }).format(basisPoints / 100)}%`;

function findQuestion(def: Pick<ServiceDefinition, 'form'>, id: string): Question | Group | undefined {
  for (const item of allQuestions(def.form)) {
    if (item.id === id) return item;
    if (item.type === 'group') {
      const inner = item.questions.find((q) => q.id === id);
      if (inner) return inner;
    }
  }
  return undefined;
}

const questionLabel = (t: T, def: Pick<ServiceDefinition, 'form'>, id: string) => localText(t, findQuestion(def, id)?.label) || id;

function optionLabel(t: T, def: Pick<ServiceDefinition, 'form'>, questionId: string, value: string): string {
  const q = findQuestion(def, questionId);
  const option = q && q.type !== 'group' ? q.options?.find((o) => o.value === value) : undefined;
  return option ? localText(t, option.label) : value;
}

export function feeText(t: T, def: Pick<ServiceDefinition, 'fee' | 'form'>): string {
  const fee = def.fee;
  switch (fee.kind) {
    case 'none':
      return t('catalog.fee.none');
    case 'fixed':
      return fee.amount === 0 ? t('catalog.fee.none') : t('catalog.fee.fixed', { amount: lei(t, fee.amount) });
    case 'per_unit': {
      const text = t('catalog.fee.per_unit', { amount: lei(t, fee.amount), question: questionLabel(t, def, fee.question) });
      return fee.minimum ? t('catalog.fee.minimum', { text, amount: lei(t, fee.minimum) }) : text;
    }
    case 'by_option': {
      // In the form's order of the options: the amounts come back from the database (jsonb) with their keys
      // reordered, shortest first, so their own order means nothing.
      const q = findQuestion(def, fee.question);
      const order = q && q.type !== 'group' ? (q.options ?? []).map((o) => o.value) : [];
      const rank = (value: string) => (order.includes(value) ? order.indexOf(value) : order.length);
      const options = Object.entries(fee.amounts)
        .sort(([a], [b]) => rank(a) - rank(b))
        .map(([value, amount]) => t('catalog.fee.option', { option: optionLabel(t, def, fee.question, value), amount: amount === 0 ? t('catalog.fee.none') : lei(t, amount) }))
        .join('; ');
      return t('catalog.fee.by_option', { question: questionLabel(t, def, fee.question), options });
    }
    case 'percent': {
      // Said as a percentage: "1% din răspunsul la …", not "0,01 lei × răspunsul la …".
      let text = t('catalog.fee.percent', { rate: percent(t, fee.basisPoints), question: questionLabel(t, def, fee.question) });
      const by = fee.byOption;
      if (by) {
        for (const [value, rate] of Object.entries(by.basisPoints)) {
          text = t('catalog.fee.percent_option', { text, rate: percent(t, rate), option: optionLabel(t, def, by.question, value), question: questionLabel(t, def, by.question) });
        }
      }
      return fee.minimum ? t('catalog.fee.minimum', { text, amount: lei(t, fee.minimum) }) : text;
    }
  }
}

/**
 * "30 de zile calendaristice", "2 zile lucrătoare". A term of 0 days (a booking, a notice of works) means the
 * request is only registered, at once: nothing is to be answered, so no term is said at all.
 */
export function termText(t: T, term: ServiceDefinition['term']): string {
  if (term.days === 0) return t('catalog.term.none');
  return t.plural(`catalog.term.${term.unit}`, term.days);
}

export function conditionText(t: T, cond: Condition | undefined, def: Pick<ServiceDefinition, 'form'>): string | null {
  if (!cond) return null;
  const question = questionLabel(t, def, cond.question);
  if (cond.equals === true) return t('catalog.condition.checked', { question });
  if (cond.equals === false) return t('catalog.condition.unchecked', { question });
  if (typeof cond.equals === 'string') return t('catalog.condition.equals', { question, value: optionLabel(t, def, cond.question, cond.equals) });
  if (cond.in) {
    const values = cond.in.map((v) => `„${optionLabel(t, def, cond.question, v)}”`).join(', ');
    return t('catalog.condition.in', { question, values: t.locale === 'en' ? values.replace(/„/g, '“') : values });
  }
  return null;
}

/** What a value at a path of the definition is called: "pagina 2 („Detalii”), întrebarea 1 („Adresa”)". */
export function whereText(t: T, path: string, raw: unknown): string {
  const parts = path.split('.').filter(Boolean);
  const form = (raw as { form?: { pages?: unknown[] } } | null)?.form;
  const pageAt = parts[0] === 'form' && parts[1] === 'pages' ? Number(parts[2]) : Number.NaN;
  if (!Number.isInteger(pageAt)) return parts.length ? t('catalog.where.field', { path }) : t('catalog.where.root');
  const page = form?.pages?.[pageAt] as { title?: LocalText; items?: unknown[] } | undefined;
  const pageTitle = typeof page?.title === 'object' ? localText(t, page.title) : '';
  const out = [pageTitle ? t('catalog.where.page', { n: pageAt + 1, title: pageTitle }) : t('catalog.where.page_plain', { n: pageAt + 1 })];
  const itemAt = parts[3] === 'items' ? Number(parts[4]) : Number.NaN;
  if (Number.isInteger(itemAt)) {
    const item = page?.items?.[itemAt] as { label?: LocalText; questions?: unknown[] } | undefined;
    const label = typeof item?.label === 'object' ? localText(t, item.label) : '';
    out.push(label ? t('catalog.where.item', { n: itemAt + 1, label }) : t('catalog.where.item_plain', { n: itemAt + 1 }));
    const innerAt = parts[5] === 'questions' ? Number(parts[6]) : Number.NaN;
    if (Number.isInteger(innerAt)) {
      const inner = item?.questions?.[innerAt] as { label?: LocalText } | undefined;
      const innerLabel = typeof inner?.label === 'object' ? localText(t, inner.label) : '';
      out.push(innerLabel ? t('catalog.where.item', { n: innerAt + 1, label: innerLabel }) : t('catalog.where.item_plain', { n: innerAt + 1 }));
    }
  }
  const rest = parts.slice(Number.isInteger(itemAt) ? (parts[5] === 'questions' ? 7 : 5) : 3).filter((p) => p !== 'showIf');
  if (rest.length) out.push(t('catalog.where.field', { path: rest.join('.') }));
  return out.join(', ');
}

/** A problem of a draft in plain words, saying where it is. */
export function problemText(t: T, problem: DefinitionProblem, raw: unknown): string {
  // Zod's own identifier message inside a service definition carries the form's code as its detail.
  const code = problem.code === 'service.definition.invalid' && problem.params?.detail?.startsWith('form.definition.') ? problem.params.detail : problem.code;
  const params = { ...problem.params, where: whereText(t, problem.path, raw), code: problem.code };
  // A value of the wrong shape, said in the reader's language rather than in zod's English.
  const shape = code === 'service.definition.invalid' && problem.params?.issue ? `catalog.problem.schema.${problem.params.issue}` : null;
  if (shape && hasMessage(shape, t.locale)) {
    const expected = problem.params?.expected ? `catalog.problem.schema.type.${problem.params.expected}` : null;
    return t(shape, { ...params, expected: expected && hasMessage(expected, t.locale) ? t(expected) : (problem.params?.expected ?? '') });
  }
  const key = `catalog.problem.${code}`;
  return hasMessage(key, t.locale) ? t(key, params) : t('catalog.problem.unknown', params);
}

export function applicantsText(t: T, applicants: ServiceDefinition['applicants']): string {
  return t(`catalog.applicants.${applicants}`);
}
