import { describe, expect, it } from 'vitest';
import type { FormDefinition } from '../../catalog/domain/form-definition.ts';
import { answerSummary } from './answer-summary.ts';

const L = (ro: string, en = ro) => ({ ro, en });
const form = {
  schemaVersion: 1,
  pages: [{ id: 'p', title: L('Problema'), items: [{ id: 'where', type: 'location', label: L('Unde este problema?', 'Where is the problem?'), required: true }] }],
} as unknown as FormDefinition;

describe('a location answer in the case summary', () => {
  it('keeps its coordinates so the page can link the place on a map; a description alone has none', () => {
    const [line] = answerSummary(form, { where: { lat: 44.4203, lng: 26.0734, description: 'În dreptul blocului 3' } }, 'ro');
    expect(line).toEqual({ label: 'Unde este problema?', value: 'În dreptul blocului 3 – 44.4203, 26.0734', place: { lat: 44.4203, lng: 26.0734 } });
    const [described] = answerSummary(form, { where: { description: 'Lângă piață' } }, 'en');
    expect(described).toEqual({ label: 'Where is the problem?', value: 'Lângă piață' });
  });
});
