import { describe, expect, it } from 'vitest';
import { answerSection, checkAnswerDraft, normaliseAnswerText, REMEDY_PARAGRAPH } from './answer-text.ts';
import { checkPartialRefusal } from './partial-refusal.ts';

describe('the answer the official writes', () => {
  it('keeps plain paragraphs: line breaks normalised, control characters and trailing spaces dropped, at most one empty line', () => {
    expect(normaliseAnswerText('  Primul paragraf.  \r\n\r\n\r\n\r\nAl doilea,\tcu tab\u0007.\n')).toBe('Primul paragraf.\n\nAl doilea, cu tab.');
    expect(normaliseAnswerText(undefined)).toBe('');
  });

  it('needs an outcome, the reasons of a refusal and the information of an informare; a granted request may say no more', () => {
    expect(checkAnswerDraft(undefined, 'text')).toEqual([{ field: 'outcome', code: 'documents.answer.outcome_required' }]);
    expect(checkAnswerDraft('admis', 'text')).toEqual([{ field: 'outcome', code: 'documents.answer.outcome_required' }]);
    expect(checkAnswerDraft('refused', '')).toEqual([{ field: 'text', code: 'documents.answer.reasons_required' }]);
    expect(checkAnswerDraft('information', '')).toEqual([{ field: 'text', code: 'documents.answer.information_required' }]);
    expect(checkAnswerDraft('granted', '')).toEqual([]);
    expect(checkAnswerDraft('granted', 'x'.repeat(10_001))).toEqual([{ field: 'text', code: 'documents.answer.text_long' }]);
  });

  it('prints the outcome, the text and, only under a refusal, the remedy of the kind of case or the institution’s own', () => {
    expect(answerSection({ outcome: 'granted', text: 'Se admite.', caseKind: 'request' })).toBe('Cererea dumneavoastră a fost admisă.\n\nSe admite.');
    expect(answerSection({ outcome: 'information', text: 'Bugetul este …', caseKind: 'information' })).not.toContain('Legea nr. 544/2001');
    expect(answerSection({ outcome: 'refused', text: 'Motiv.', caseKind: 'request' })).toBe(
      `Cererea dumneavoastră a fost respinsă, pentru următoarele motive:\n\nMotiv.\n\n${REMEDY_PARAGRAPH.other}`,
    );
    expect(answerSection({ outcome: 'refused', text: 'Informație exceptată.', caseKind: 'information' })).toContain('Legea nr. 544/2001, art. 21');
    expect(answerSection({ outcome: 'refused', text: 'Motiv.', caseKind: 'request', remedy: 'Plângere la Prefectură.' })).toMatch(/Motiv\.\n\nPlângere la Prefectură\.$/);
  });

  it('answers a public-information request in part: the information given, then what is refused, on which ground of art. 12 and why, then the remedy', () => {
    const refusal = { part: 'CNP-urile beneficiarilor.', ground: 'personal_data' as const, reasons: 'Sunt date cu caracter personal.' };
    expect(answerSection({ outcome: 'partial', text: 'Lista beneficiarilor: …', caseKind: 'information', refusal })).toBe(
      [
        'Cererea dumneavoastră a fost soluționată parțial. Vă comunicăm următoarele informații dintre cele solicitate:',
        'Lista beneficiarilor: …',
        'Nu vă comunicăm următoarele informații dintre cele solicitate: CNP-urile beneficiarilor.',
        'Temeiul refuzului: art. 12 alin. (1) lit. d) din Legea nr. 544/2001 — informații cu privire la datele personale.',
        'Motivele refuzului: Sunt date cu caracter personal.',
        REMEDY_PARAGRAPH.partial,
      ].join('\n\n'),
    );
    expect(REMEDY_PARAGRAPH.partial).toContain('reclamație administrativă la conducătorul instituției, în termen de 30 de zile');
    expect(REMEDY_PARAGRAPH.partial).toContain('art. 22');
    // The information given is required as for an informare; the refused part needs all three of its fields.
    expect(checkAnswerDraft('partial', '')).toEqual([{ field: 'text', code: 'documents.answer.information_required' }]);
    expect(checkPartialRefusal({ part: '', ground: 'secret', reasons: '' })).toEqual([
      { field: 'refusedPart', code: 'documents.answer.refused_part_required' },
      { field: 'exemption', code: 'documents.answer.exemption_required' },
      { field: 'refusalReasons', code: 'documents.answer.refusal_reasons_required' },
    ]);
    expect(checkPartialRefusal(refusal)).toEqual([]);
  });
});
