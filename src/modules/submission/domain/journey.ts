import { applicablePages, type Answers, conditionHolds, type FormDefinition, type Group, type Page, type Question } from '../../catalog/domain/form-definition.ts';
import type { RequiredDocument } from '../../catalog/domain/service-definition.ts';
import type { Address, Location, RawInput } from '../../catalog/domain/validate-answers.ts';
import type { Consent } from '../schema.ts';

/*
 * The order of the online journey, as pure functions of the form, the answers and the draft's state:
 * the form's applicable pages (without what the profile answered), then one page per document to upload,
 * then the consent to fetch documents from other bodies, then check-your-answers.
 */

export type Item = Question | Group;

/**
 * The items of a page a person sees now: applicable, not answered by the profile (unless `showAll`), and not a
 * declaration — online, the form's declarations are made once, on check-your-answers, where ticking them is the
 * applicant's simple electronic signature over the final answers (see `declarations`).
 */
export function visibleItems(page: Page, answers: Answers, prefilled: readonly string[], showAll = false): Item[] {
  return page.items.filter((i) => i.type !== 'declaration' && conditionHolds(i.showIf, answers) && (showAll || !prefilled.includes(i.id)));
}

/** The form's declarations that apply to these answers: what the applicant declares when submitting online. */
export function declarations(def: FormDefinition, answers: Answers): Question[] {
  return applicablePages(def, answers).flatMap((p) => p.items.filter((i): i is Question => i.type === 'declaration' && conditionHolds(i.showIf, answers)));
}

/** The answers with every applicable declaration made: what submitting with the declaration ticked (or a signed PDF) records. */
export function withDeclarations(def: FormDefinition, answers: Answers): Answers {
  return { ...answers, ...Object.fromEntries(declarations(def, answers).map((d) => [d.id, true])) };
}

/** A copy of the page with only the given items: validated alone, so prefilled answers are not re-asked. */
export const pageWith = (page: Page, items: Item[]): Page => ({ ...page, items });

/** Applicable pages that still ask something after the profile's answers. */
export function pagesToAsk(def: FormDefinition, answers: Answers, prefilled: readonly string[]): Page[] {
  return applicablePages(def, answers).filter((p) => visibleItems(p, answers, prefilled).length > 0);
}

/** The documents that apply to these answers (a document with `showIf` is asked only when its answer says so). */
export const applicableDocuments = (documents: RequiredDocument[], answers: Answers) => documents.filter((d) => conditionHolds(d.showIf, answers));

/**
 * Documents the applicant uploads on their own pages: those not fetched by the institution, and fetched ones whose
 * consent was refused — except a document the form already asks for with a file question of the same id (it is
 * asked once, where the form puts it).
 */
export function documentsToUpload(documents: RequiredDocument[], consents: Record<string, Consent>, answers: Answers, form: FormDefinition): RequiredDocument[] {
  const inForm = new Set(form.pages.flatMap((p) => p.items).filter((i) => i.type === 'file').map((i) => i.id));
  return applicableDocuments(documents, answers).filter(
    (d) => !inForm.has(d.id) && !d.presentedInOriginal && (!d.fetchedByInstitution || consents[d.id]?.given === false),
  );
}

export const fetchedDocuments = (documents: RequiredDocument[], answers: Answers) => applicableDocuments(documents, answers).filter((d) => d.fetchedByInstitution);

export type Step = { kind: 'page'; pageId: string } | { kind: 'consent' } | { kind: 'document'; documentId: string } | { kind: 'check' };

export type JourneyState = {
  def: FormDefinition;
  documents: RequiredDocument[];
  answers: Answers;
  prefilled: readonly string[];
  completedPages: readonly string[];
  consents: Record<string, Consent>;
};

/** The first step not done yet: a page never continued, the consent not given or refused, a document page never continued. */
export function nextStep(s: JourneyState): Step {
  for (const p of pagesToAsk(s.def, s.answers, s.prefilled)) if (!s.completedPages.includes(p.id)) return { kind: 'page', pageId: p.id };
  const fetched = fetchedDocuments(s.documents, s.answers);
  if (fetched.length > 0 && !s.completedPages.includes('_consent')) return { kind: 'consent' };
  for (const d of documentsToUpload(s.documents, s.consents, s.answers, s.def)) if (!s.completedPages.includes(`_doc_${d.id}`)) return { kind: 'document', documentId: d.id };
  return { kind: 'check' };
}

export function stepPath(draftId: string, step: Step): string {
  const base = `/cereri/ciorna/${draftId}`;
  switch (step.kind) {
    case 'page':
      return `${base}/${step.pageId}`;
    // Hyphenated: a form page id never has a hyphen, so these never clash with `/:pageId`.
    case 'consent':
      return `${base}/acord-documente`;
    case 'document':
      return `${base}/documente/${step.documentId}`;
    case 'check':
      return `${base}/verificare-raspunsuri`;
  }
}

/** Required answers missing from the applicable pages (a last check before submitting). */
export function missingAnswers(def: FormDefinition, answers: Answers): string[] {
  const missing: string[] = [];
  for (const page of applicablePages(def, answers)) {
    for (const item of page.items) {
      if (!conditionHolds(item.showIf, answers)) continue;
      if (item.type === 'group') {
        const rows = answers[item.id];
        if ((Array.isArray(rows) ? rows.length : 0) < item.minItems) missing.push(item.id);
      } else if (item.required !== false && item.type !== 'declaration' && (answers[item.id] === undefined || answers[item.id] === '')) {
        missing.push(item.id);
      } else if (item.type === 'declaration' && item.required !== false && answers[item.id] !== true) {
        missing.push(item.id);
      } else if (item.type === 'file' && item.required !== false && (!Array.isArray(answers[item.id]) || (answers[item.id] as unknown[]).length === 0)) {
        missing.push(item.id);
      }
    }
  }
  return missing;
}

function questionToRaw(q: Question, value: unknown, name: string, raw: RawInput): void {
  if (value === undefined || value === null) return;
  switch (q.type) {
    case 'date': {
      const [y, m, d] = String(value).split('-');
      raw[`${name}-day`] = String(Number(d));
      raw[`${name}-month`] = String(Number(m));
      raw[`${name}-year`] = y;
      return;
    }
    case 'address': {
      const a = value as Address;
      raw[`${name}-street`] = a.street;
      raw[`${name}-number`] = a.number;
      raw[`${name}-details`] = a.details ?? '';
      raw[`${name}-locality`] = a.locality;
      raw[`${name}-county`] = a.county;
      return;
    }
    case 'location': {
      const l = value as Location;
      raw[`${name}-lat`] = Number.isFinite(l.lat) ? String(l.lat) : '';
      raw[`${name}-lng`] = Number.isFinite(l.lng) ? String(l.lng) : '';
      raw[`${name}-description`] = l.description ?? '';
      return;
    }
    case 'declaration':
      raw[name] = value === true ? 'yes' : '';
      return;
    case 'checkboxes':
    case 'file':
      raw[name] = Array.isArray(value) ? value.map(String) : [];
      return;
    default:
      raw[name] = String(value);
  }
}

/** Stored answers back into the fields a page posts, to show a page again with what was answered. */
export function answersToRaw(items: Item[], answers: Answers): RawInput {
  const raw: RawInput = {};
  for (const item of items) {
    if (item.type === 'group') {
      const rows = Array.isArray(answers[item.id]) ? (answers[item.id] as Answers[]) : [];
      raw[`${item.id}__count`] = String(rows.length);
      rows.forEach((row, i) => {
        for (const q of item.questions) questionToRaw(q, row[q.id], `${item.id}__${i}__${q.id}`, raw);
      });
    } else {
      questionToRaw(item, answers[item.id], item.id, raw);
    }
  }
  return raw;
}

/** Only the answers to items that apply given the answers (a changed choice leaves no stale answers in the case). */
export function applicableAnswers(def: FormDefinition, answers: Answers): Answers {
  const out: Answers = {};
  for (const page of applicablePages(def, answers)) {
    for (const item of page.items) {
      if (conditionHolds(item.showIf, answers) && answers[item.id] !== undefined) out[item.id] = answers[item.id];
    }
  }
  return out;
}
