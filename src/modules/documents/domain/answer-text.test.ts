import { describe, expect, it } from 'vitest';
import { answerSection, checkAnswerDraft, normaliseAnswerText, REMEDY_PARAGRAPH } from './answer-text.ts';

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
});
