import type { Answers, FormDefinition, Question } from '../catalog/domain/form-definition.ts';
import { allQuestions, conditionHolds } from '../catalog/domain/form-definition.ts';
import { type FieldError, type RawInput, validatePage } from '../catalog/domain/validate-answers.ts';
import type { IsoDate } from '../../platform/calendar/calendar.ts';
import { type AssistedPerson, fullName } from './domain/assisted-person.ts';

/** What the identified person already told the clerk fills the questions that would ask it again (once-only). */
function prefillFrom(q: Question, person: AssistedPerson): string | null {
  switch (q.prefill) {
    case 'person.name':
      return fullName(person);
    case 'person.cnp':
      return person.cnp;
    case 'account.email':
      return person.email;
    case 'account.phone':
      return person.phone;
    default:
      return null;
  }
}

/**
 * The form's own contact questions (answered from the account online). At the counter the identification block
 * already asks for a way to reach the person (e-mail, phone or postal address, at least one): someone without an
 * e-mail address must still be able to file, so these are not required again.
 */
export const isContactQuestion = (q: Question) => q.prefill === 'account.email' || q.prefill === 'account.phone';

/** Questions the identification block answers (the hint tells the clerk to leave them empty). */
const isPersonQuestion = (q: Question) => q.prefill === 'person.name' || q.prefill === 'person.cnp';

/**
 * Validates the whole form posted on one page, page by page in order, so conditions see the answers before them
 * (a question hidden by an answer is skipped and its value dropped). File questions are answered by the scans the
 * clerk attaches to the case: `needsScans` says whether one of them is required.
 */
export function collectAnswers(
  form: FormDefinition,
  raw: RawInput,
  person: AssistedPerson | null,
  /** The filing day (Europe/Bucharest), from which a date question's bounds are counted. */
  today: IsoDate,
): { answers: Answers; errors: Record<string, FieldError>; needsScans: boolean } {
  const input: RawInput = { ...raw };
  const answers: Answers = {};
  const errors: Record<string, FieldError> = {};
  let needsScans = false;
  for (const page of form.pages) {
    if (!conditionHolds(page.showIf, answers)) continue;
    const items = page.items
      .filter((item) => {
        if (item.type !== 'file') return true;
        if (item.required !== false && conditionHolds(item.showIf, answers)) needsScans = true;
        return false;
      })
      // While the identification block has an error, the questions it would answer are not reported missing too:
      // the clerk left them empty as told, and the block's own message says what to correct.
      .map((item) => (item.type !== 'group' && (isContactQuestion(item) || (!person && isPersonQuestion(item))) ? { ...item, required: false } : item));
    for (const item of items) {
      if (item.type === 'group' || !person) continue;
      const given = input[item.id];
      const value = prefillFrom(item, person);
      if (value && (given === undefined || given === '')) input[item.id] = value;
    }
    if (items.length === 0) continue;
    const r = validatePage({ ...page, items }, input, answers, today);
    Object.assign(answers, r.answers);
    Object.assign(errors, r.errors);
  }
  return { answers, errors, needsScans };
}

/**
 * Whether the answers ask for the answer by e-mail: a single choice answered with the option `email` (the petition's
 * „Cum doriți să primiți răspunsul?” → „Prin e-mail și în contul meu”). At the counter the person has no account,
 * so an e-mail address must then be given.
 */
export function asksAnswerByEmail(form: FormDefinition, answers: Answers): boolean {
  return allQuestions(form).some((q) => (q.type === 'radios' || q.type === 'select') && answers[q.id] === 'email');
}

/** The e-mail address typed in the form's own contact question (its hint says to leave it empty), if any. */
/**
 * The person's home address as the service's form asked it (a question prefilled from the person's address), on one
 * line: the address the answer can be posted to when the identification block gave no contact of its own.
 */
export function addressAnswer(form: FormDefinition, answers: Answers): string | null {
  for (const q of allQuestions(form)) {
    const a = answers[q.id];
    if (q.type !== 'address' || q.prefill !== 'person.address' || !a || typeof a !== 'object' || Array.isArray(a)) continue;
    const { street, number, details, locality, county } = a as Record<string, unknown>;
    const parts = [`${street ?? ''} nr. ${number ?? ''}`, details, locality, county].filter((x): x is string => typeof x === 'string' && x.trim() !== '');
    return parts.join(', ');
  }
  return null;
}

export function emailAnswer(form: FormDefinition, answers: Answers): string | null {
  const q = allQuestions(form).find((i) => i.type === 'email' && i.prefill === 'account.email' && typeof answers[i.id] === 'string' && answers[i.id] !== '');
  return q ? String(answers[q.id]) : null;
}
