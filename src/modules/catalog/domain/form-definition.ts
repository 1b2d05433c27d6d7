import { z } from 'zod';

/*
 * The form model of a catalogue service: pages of questions, shared by the administrator's editor and the
 * citizen's journey (one page = one question where possible). It is data, validated when saved; a published
 * version never changes, so cases keep the exact form they were submitted with.
 *
 * The same form is filled in at the counter by a registry clerk for a person without an account (assisted channel).
 * Texts written to the applicant ("Datele dumneavoastră", "Your family") would then address the clerk, so a page
 * may carry a `counterTitle` and a question or group a `counterLabel` / `counterHint`: the same thing said about
 * the applicant ("Datele solicitantului", "The applicant's family"). They are optional — most questions read well
 * to both, and the counter shows the applicant's wording where no counter wording is given — and validated at save
 * like every other text (both languages). Explicit wording rather than a rule: Romanian politeness forms and
 * possessives cannot be turned into the third person mechanically. `counterWording(form)` gives the counter's view.
 */

export const LocalText = z.object({ ro: z.string().trim().min(1), en: z.string().trim().min(1) });
export type LocalText = z.infer<typeof LocalText>;

export const QUESTION_TYPES = [
  'text',
  'textarea',
  'number',
  'date',
  'select',
  'radios',
  'checkboxes',
  'address',
  'cnp',
  'cui',
  'iban',
  'email',
  'phone',
  'file',
  'declaration',
  'location',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** Where an answer can be taken from instead of asking (once-only). */
export const PREFILL_SOURCES = ['person.name', 'person.cnp', 'person.address', 'account.email', 'account.phone', 'company.cui', 'company.name'] as const;

const Id = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'form.definition.bad_id');

export const Condition = z.object({
  question: Id,
  equals: z.union([z.string(), z.boolean()]).optional(),
  in: z.array(z.string()).min(1).optional(),
});
export type Condition = z.infer<typeof Condition>;

/**
 * A bound on a date answer, in calendar days from the day the request is filed (Europe/Bucharest): 0 is that day,
 * -1 the day before, 9 nine days later. `notAfter: { daysFromFiling: 0 }` asks for a date not in the future (a
 * date of birth); `notBefore: { daysFromFiling: 1 }` for one after the filing day. Both bounds are included.
 * Counted from the filing day because a form is answered (online or at the counter) on the day it is filed; an
 * older version without bounds accepts any real date, as it always did.
 */
export const DateBound = z.object({ daysFromFiling: z.number().int().min(-54_750).max(3_650) });
export type DateBound = z.infer<typeof DateBound>;

const Option = z.object({ value: z.string().regex(/^[a-z0-9_-]{1,40}$/), label: LocalText });

export const Question = z.object({
  id: Id,
  type: z.enum(QUESTION_TYPES),
  label: LocalText,
  hint: LocalText.optional(),
  required: z.boolean().default(true),
  options: z.array(Option).optional(),
  /** number: value bounds; text/textarea: length bounds. */
  min: z.number().optional(),
  max: z.number().optional(),
  /** date: the earliest and the latest date accepted, relative to the filing day (see DateBound). */
  notBefore: DateBound.optional(),
  notAfter: DateBound.optional(),
  /** file: how many files may be attached. */
  maxFiles: z.number().int().min(1).max(20).optional(),
  prefill: z.enum(PREFILL_SOURCES).optional(),
  showIf: Condition.optional(),
  /** What the clerk reads at the counter instead of `label` / `hint`, when those speak to the applicant. */
  counterLabel: LocalText.optional(),
  counterHint: LocalText.optional(),
});
export type Question = z.infer<typeof Question>;

export const Group = z.object({
  id: Id,
  type: z.literal('group'),
  label: LocalText,
  hint: LocalText.optional(),
  questions: z.array(Question).min(1),
  minItems: z.number().int().min(0).default(1),
  maxItems: z.number().int().min(1).max(50).default(10),
  showIf: Condition.optional(),
  counterLabel: LocalText.optional(),
  counterHint: LocalText.optional(),
});
export type Group = z.infer<typeof Group>;

export const Page = z.object({
  id: Id,
  title: LocalText,
  items: z.array(z.union([Group, Question])).min(1),
  showIf: Condition.optional(),
  /** The page's title at the counter, when `title` speaks to the applicant. */
  counterTitle: LocalText.optional(),
});
export type Page = z.infer<typeof Page>;

export const FormDefinition = z.object({
  schemaVersion: z.literal(1),
  pages: z.array(Page).min(1),
});
export type FormDefinition = z.infer<typeof FormDefinition>;

export type DefinitionProblem = { path: string; code: string; params?: Record<string, string> };

const CHOICE_TYPES: readonly QuestionType[] = ['select', 'radios', 'checkboxes'];

/**
 * Checks what the schema alone cannot: unique ids, options where choices are asked, bounds in order, and
 * conditions that refer to a question asked earlier (a condition on a missing or later question is refused).
 */
export function checkFormDefinition(input: unknown): { ok: true; definition: FormDefinition } | { ok: false; problems: DefinitionProblem[] } {
  const parsed = FormDefinition.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => ({ path: i.path.join('.'), code: i.message.startsWith('form.') ? i.message : 'form.definition.invalid', params: { detail: i.message } })),
    };
  }
  const def = parsed.data;
  const problems: DefinitionProblem[] = [];
  const seen = new Map<string, Question | Group>();
  const pageIds = new Set<string>();

  const checkCondition = (cond: Condition | undefined, path: string) => {
    if (!cond) return;
    const target = seen.get(cond.question);
    if (!target) {
      problems.push({ path: `${path}.showIf`, code: 'form.definition.condition_unknown_question', params: { question: cond.question } });
      return;
    }
    if (target.type === 'group') {
      problems.push({ path: `${path}.showIf`, code: 'form.definition.condition_on_group', params: { question: cond.question } });
      return;
    }
    const values = [...(cond.in ?? []), ...(typeof cond.equals === 'string' ? [cond.equals] : [])];
    if (CHOICE_TYPES.includes(target.type)) {
      const allowed = new Set(target.options?.map((o) => o.value));
      for (const v of values) {
        if (!allowed.has(v)) problems.push({ path: `${path}.showIf`, code: 'form.definition.condition_unknown_option', params: { question: cond.question, value: v } });
      }
    }
    if (cond.equals === undefined && cond.in === undefined) problems.push({ path: `${path}.showIf`, code: 'form.definition.condition_empty' });
  };

  const checkQuestion = (q: Question, path: string) => {
    checkCondition(q.showIf, path);
    if (CHOICE_TYPES.includes(q.type)) {
      if (!q.options || q.options.length < (q.type === 'checkboxes' ? 1 : 2)) problems.push({ path, code: 'form.definition.options_required', params: { question: q.id } });
      const values = new Set<string>();
      for (const o of q.options ?? []) {
        if (values.has(o.value)) problems.push({ path, code: 'form.definition.duplicate_option', params: { question: q.id, value: o.value } });
        values.add(o.value);
      }
    } else if (q.options) {
      problems.push({ path, code: 'form.definition.options_not_allowed', params: { question: q.id } });
    }
    if (q.min !== undefined && q.max !== undefined && q.min > q.max) problems.push({ path, code: 'form.definition.bounds_reversed', params: { question: q.id } });
    if ((q.notBefore || q.notAfter) && q.type !== 'date') problems.push({ path, code: 'form.definition.date_bounds_not_date', params: { question: q.id } });
    if (q.notBefore && q.notAfter && q.notBefore.daysFromFiling > q.notAfter.daysFromFiling) {
      problems.push({
        path,
        code: 'form.definition.date_bounds_reversed',
        params: { question: q.id, notBefore: String(q.notBefore.daysFromFiling), notAfter: String(q.notAfter.daysFromFiling) },
      });
    }
  };

  def.pages.forEach((page, p) => {
    const ppath = `pages.${p}`;
    if (pageIds.has(page.id)) problems.push({ path: ppath, code: 'form.definition.duplicate_page', params: { page: page.id } });
    pageIds.add(page.id);
    checkCondition(page.showIf, ppath);
    page.items.forEach((item, i) => {
      const ipath = `${ppath}.items.${i}`;
      if (seen.has(item.id)) problems.push({ path: ipath, code: 'form.definition.duplicate_question', params: { question: item.id } });
      if (item.type === 'group') {
        checkCondition(item.showIf, ipath);
        if (item.minItems > item.maxItems) problems.push({ path: ipath, code: 'form.definition.bounds_reversed', params: { question: item.id } });
        const inner = new Set<string>();
        item.questions.forEach((q, j) => {
          if (inner.has(q.id)) problems.push({ path: `${ipath}.questions.${j}`, code: 'form.definition.duplicate_question', params: { question: q.id } });
          inner.add(q.id);
          if (q.type === 'file') problems.push({ path: `${ipath}.questions.${j}`, code: 'form.definition.file_in_group', params: { question: q.id } });
          // Conditions inside a group may refer to earlier questions of the form, not to siblings.
          checkQuestion(q, `${ipath}.questions.${j}`);
        });
        seen.set(item.id, item);
      } else {
        checkQuestion(item, ipath);
        seen.set(item.id, item);
      }
    });
  });
  return problems.length ? { ok: false, problems } : { ok: true, definition: def };
}

/** All questions of the form, groups flattened, in order (for check-your-answers and templates). */
export function allQuestions(def: FormDefinition): (Question | Group)[] {
  return def.pages.flatMap((p) => p.items);
}

export type Answers = Record<string, unknown>;

function counterItem<I extends Question | Group>(item: I): I {
  const { counterLabel, counterHint, ...rest } = item;
  const worded = { ...rest, label: counterLabel ?? item.label } as I;
  if (counterHint ?? item.hint) worded.hint = counterHint ?? item.hint;
  if (worded.type === 'group') worded.questions = worded.questions.map(counterItem);
  return worded;
}

/** The form as the clerk reads it at the counter: counter wording in place of the applicant's, where given. */
export function counterWording(def: FormDefinition): FormDefinition {
  return {
    ...def,
    pages: def.pages.map(({ counterTitle, ...page }) => ({ ...page, title: counterTitle ?? page.title, items: page.items.map(counterItem) })),
  };
}

export function conditionHolds(cond: Condition | undefined, answers: Answers): boolean {
  if (!cond) return true;
  const a = answers[cond.question];
  if (cond.equals !== undefined) {
    if (Array.isArray(a)) return typeof cond.equals === 'string' && a.includes(cond.equals);
    return a === cond.equals;
  }
  if (cond.in) return Array.isArray(a) ? a.some((x) => cond.in!.includes(String(x))) : cond.in.includes(String(a));
  return true;
}

/** The pages a person answering `answers` actually sees, in order. */
export function applicablePages(def: FormDefinition, answers: Answers): Page[] {
  return def.pages.filter((p) => conditionHolds(p.showIf, answers) && p.items.some((i) => conditionHolds(i.showIf, answers)));
}

/** A question's label without its closing punctuation, to be followed by ": message" in an error summary. */
export const summaryLabel = (label: string): string => label.replace(/[\s:?.]+$/, '');
