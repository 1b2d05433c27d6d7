import { ANSWER_OUTCOMES, type AnswerOutcome } from '../../cases/domain/case-state.ts';
import { type PartialRefusal, refusedPartSection } from './partial-refusal.ts';

/*
 * The answer the official writes: its outcome and its text, in plain paragraphs. The text goes into the answer
 * document where the template says {{raspuns}} (or after the template's text when it does not), after a sentence
 * that states the outcome; a refusal also says how it can be challenged. A public-information request answered in part
 * (`partial`) gives the information in the text, then the part refused with its ground (partial-refusal.ts).
 */

export { ANSWER_OUTCOMES, type AnswerOutcome };

/** Long enough for a reasoned refusal or a page of requested information; the PDF grows pages as needed. */
export const ANSWER_TEXT_MAX = 10_000;

export type AnswerDraftProblem = { field: 'outcome' | 'text'; code: string };

/** Line breaks as `\n`, no control characters, no trailing spaces, at most one empty line between paragraphs. */
export function normaliseAnswerText(raw: unknown): string {
  if (typeof raw !== 'string') return '';
  return raw
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/[^\P{Cc}\n]/gu, '')
    .split('\n')
    .map((line) => line.replace(/\s+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * What is wrong with an answer as typed: no outcome; a refusal without its reasons or information without the
 * information (a granted request may say nothing more than that); a text over the limit.
 */
export function checkAnswerDraft(outcome: unknown, text: string): AnswerDraftProblem[] {
  const problems: AnswerDraftProblem[] = [];
  if (!(ANSWER_OUTCOMES as readonly unknown[]).includes(outcome)) problems.push({ field: 'outcome', code: 'documents.answer.outcome_required' });
  if (text.length > ANSWER_TEXT_MAX) problems.push({ field: 'text', code: 'documents.answer.text_long' });
  else if (!text && outcome === 'refused') problems.push({ field: 'text', code: 'documents.answer.reasons_required' });
  else if (!text && (outcome === 'information' || outcome === 'partial')) problems.push({ field: 'text', code: 'documents.answer.information_required' });
  return problems;
}

/** The sentence that states the outcome, before the official's text (Romanian: the language of issued documents). */
export const OUTCOME_LEAD: Record<AnswerOutcome, string> = {
  granted: 'Cererea dumneavoastră a fost admisă.',
  refused: 'Cererea dumneavoastră a fost respinsă, pentru următoarele motive:',
  information: 'Vă comunicăm următoarele:',
  partial: 'Cererea dumneavoastră a fost soluționată parțial. Vă comunicăm următoarele informații dintre cele solicitate:',
};

/**
 * How a refusal can be challenged, printed under it. A refused public-information request: administrative complaint
 * to the head of the institution within 30 days, and a complaint to the administrative court (Legea 544/2001
 * art. 21–22). Any other refused request: prior complaint to the issuing authority within 30 days of receiving the
 * answer, then the administrative court (Legea 554/2004 art. 7 and 11).
 */
export const REMEDY_PARAGRAPH: Record<'information' | 'partial' | 'other', string> = {
  information:
    'Împotriva acestui răspuns puteți depune reclamație administrativă la conducătorul instituției, în termen de 30 de zile de la data la care ați luat cunoștință de refuz (Legea nr. 544/2001, art. 21), și plângere la secția de contencios administrativ a tribunalului, în termen de 30 de zile (Legea nr. 544/2001, art. 22).',
  partial:
    'Împotriva refuzului de a vă comunica informațiile arătate mai sus puteți depune reclamație administrativă la conducătorul instituției, în termen de 30 de zile de la data la care ați luat cunoștință de refuz (Legea nr. 544/2001, art. 21), și plângere la secția de contencios administrativ a tribunalului, în termen de 30 de zile (Legea nr. 544/2001, art. 22).',
  other:
    'Împotriva acestui răspuns puteți formula plângere prealabilă la instituția emitentă, în termen de 30 de zile de la comunicare (Legea contenciosului administrativ nr. 554/2004, art. 7), iar apoi vă puteți adresa instanței de contencios administrativ competente (art. 11).',
};

/** The default remedy printed under an answer that refuses all (`refused`) or part (`partial`) of a request. */
export const remedyFor = (caseKind: string, outcome: AnswerOutcome = 'refused') =>
  REMEDY_PARAGRAPH[outcome === 'partial' ? 'partial' : caseKind === 'information' ? 'information' : 'other'];

/** Whether an answer refuses something, so it prints the remedy. */
export const refuses = (outcome: AnswerOutcome | null) => outcome === 'refused' || outcome === 'partial';

/**
 * The answer as printed in the document: the outcome, the official's text, for a partial answer the part refused with
 * its ground and reasons, and for any refusal the remedy — the institution's own wording for the service when its
 * template has one, else the default of the case's kind.
 */
export function answerSection(input: { outcome: AnswerOutcome; text: string; caseKind: string; remedy?: string | null; refusal?: PartialRefusal | null }): string {
  const remedy = refuses(input.outcome) ? input.remedy || remedyFor(input.caseKind, input.outcome) : '';
  const refused = input.outcome === 'partial' && input.refusal ? refusedPartSection(input.refusal) : '';
  return [OUTCOME_LEAD[input.outcome], input.text, refused, remedy].filter(Boolean).join('\n\n');
}
