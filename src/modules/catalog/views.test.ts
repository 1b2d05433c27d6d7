import { describe, expect, it } from 'vitest';
import { firstSentence } from './views.tsx';

describe('firstSentence (a description shortened for the search results)', () => {
  it('does not end a sentence at an abbreviation inside a legal reference', () => {
    expect(
      firstSentence(
        'Eliberarea de copii după documente păstrate în arhiva primăriei (Legea arhivelor naționale nr. 16/1996). Taxa pe document este stabilită de consiliul local.',
      ),
    ).toBe('Eliberarea de copii după documente păstrate în arhiva primăriei (Legea arhivelor naționale nr. 16/1996).');
    expect(
      firstSentence('Declarați terenul dobândit, în 30 de zile de la modificare (Codul fiscal art. 466). Extrasul de carte funciară îl obținem noi de la ANCPI.'),
    ).toBe('Declarați terenul dobândit, în 30 de zile de la modificare (Codul fiscal art. 466).');
  });

  it('ends at a full stop followed by a capital, Romanian capitals included', () => {
    expect(firstSentence('Cererea se depune online. Răspunsul vine prin e-mail.')).toBe('Cererea se depune online.');
    expect(firstSentence('Depuneți declarația în 30 de zile. Ștampila nu mai este necesară.')).toBe('Depuneți declarația în 30 de zile.');
    expect(firstSentence('Depuneți declarația în 30 de zile. Țineți recipisa.')).toBe('Depuneți declarația în 30 de zile.');
  });

  it('keeps a single sentence, or a text whose abbreviations are all it has, whole', () => {
    expect(firstSentence('Un singur enunț, fără alt text.')).toBe('Un singur enunț, fără alt text.');
    expect(firstSentence('Conform art. 5 din lege')).toBe('Conform art. 5 din lege');
  });
});
