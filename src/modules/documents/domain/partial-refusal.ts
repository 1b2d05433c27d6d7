import { z } from 'zod';

/*
 * A public-information request answered in part (Legea 544/2001): the institution communicates what it may and refuses
 * the rest, naming the exemption of art. 12 alin. (1) that applies and why. The refusal of that part is reasoned and
 * communicated within 5 days (art. 7 alin. (2)), and can be challenged as any refusal (art. 21–22).
 */

/** The exemptions of Legea 544/2001 art. 12 alin. (1), lit. a)–g), in the law's order. */
export const EXEMPTION_GROUNDS = ['classified_security', 'classified_deliberations', 'commercial', 'personal_data', 'investigation', 'judicial', 'youth_protection'] as const;
export type ExemptionGround = (typeof EXEMPTION_GROUNDS)[number];

/** Each ground as the issued document cites it (Romanian: the language of issued documents). */
export const EXEMPTION_CITATION: Record<ExemptionGround, string> = {
  classified_security:
    'art. 12 alin. (1) lit. a) din Legea nr. 544/2001 — informații din domeniul apărării naționale, siguranței și ordinii publice care fac parte din categoriile informațiilor clasificate',
  classified_deliberations:
    'art. 12 alin. (1) lit. b) din Legea nr. 544/2001 — informații privind deliberările autorităților sau interesele economice și politice ale României care fac parte din categoria informațiilor clasificate',
  commercial:
    'art. 12 alin. (1) lit. c) din Legea nr. 544/2001 — informații privind activități comerciale sau financiare a căror publicitate aduce atingere dreptului de proprietate intelectuală ori industrială sau principiului concurenței loiale',
  personal_data: 'art. 12 alin. (1) lit. d) din Legea nr. 544/2001 — informații cu privire la datele personale',
  investigation:
    'art. 12 alin. (1) lit. e) din Legea nr. 544/2001 — informații privind procedura în timpul unei anchete penale sau disciplinare, a căror comunicare ar periclita ancheta, ar dezvălui surse confidențiale ori ar pune în pericol o persoană',
  judicial:
    'art. 12 alin. (1) lit. f) din Legea nr. 544/2001 — informații privind procedurile judiciare a căror publicitate aduce atingere unui proces echitabil ori interesului legitim al unei părți',
  youth_protection: 'art. 12 alin. (1) lit. g) din Legea nr. 544/2001 — informații a căror publicare prejudiciază măsurile de protecție a tinerilor',
};

/** The refused part of a partial answer: what is not communicated, the exemption that applies, and why. */
export const PartialRefusal = z.object({
  part: z.string().describe('What of the information asked for is not communicated'),
  ground: z.enum(EXEMPTION_GROUNDS).describe('The exemption of Legea 544/2001 art. 12 alin. (1) that applies (lit. a–g, in order)'),
  reasons: z.string().describe('Why the exemption applies to that part'),
});
export type PartialRefusal = z.infer<typeof PartialRefusal>;

/** Each of the refused part's texts fits in the answer's document beside the information given. */
export const PARTIAL_PART_MAX = 2_000;
export const PARTIAL_REASONS_MAX = 5_000;

export type PartialRefusalProblem = { field: 'refusedPart' | 'exemption' | 'refusalReasons'; code: string };

/** What is missing or wrong in the refused part as typed (its texts already normalised). */
export function checkPartialRefusal(input: { part: string; ground: unknown; reasons: string }): PartialRefusalProblem[] {
  const problems: PartialRefusalProblem[] = [];
  if (!input.part) problems.push({ field: 'refusedPart', code: 'documents.answer.refused_part_required' });
  else if (input.part.length > PARTIAL_PART_MAX) problems.push({ field: 'refusedPart', code: 'documents.answer.refused_part_long' });
  if (!(EXEMPTION_GROUNDS as readonly unknown[]).includes(input.ground)) problems.push({ field: 'exemption', code: 'documents.answer.exemption_required' });
  if (!input.reasons) problems.push({ field: 'refusalReasons', code: 'documents.answer.refusal_reasons_required' });
  else if (input.reasons.length > PARTIAL_REASONS_MAX) problems.push({ field: 'refusalReasons', code: 'documents.answer.refusal_reasons_long' });
  return problems;
}

/** The refused part as the document prints it, after the information given: what, on which ground, and why. */
export function refusedPartSection(r: PartialRefusal): string {
  return [
    `Nu vă comunicăm următoarele informații dintre cele solicitate: ${r.part}`,
    `Temeiul refuzului: ${EXEMPTION_CITATION[r.ground]}.`,
    `Motivele refuzului: ${r.reasons}`,
  ].join('\n\n');
}
