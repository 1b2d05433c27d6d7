import type { Answers, FormDefinition, Group, Question } from '../../catalog/domain/form-definition.ts';

/** `place`: a location answer's coordinates, which the page links to a map. */
export type SummaryLine = { label: string; value: string; place?: { lat: number; lng: number } };

const placeOf = (q: Question, value: unknown): { lat: number; lng: number } | undefined => {
  if (q.type !== 'location' || !value || typeof value !== 'object') return undefined;
  const { lat, lng } = value as { lat?: unknown; lng?: unknown };
  return typeof lat === 'number' && typeof lng === 'number' && Number.isFinite(lat) && Number.isFinite(lng) ? { lat, lng } : undefined;
};

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

function answerText(q: Question, value: unknown, locale: 'ro' | 'en'): string | null {
  if (value === undefined || value === null || value === '') return null;
  const option = (v: unknown) => q.options?.find((o) => o.value === v)?.label[locale] ?? String(v);
  switch (q.type) {
    case 'file':
    case 'declaration':
      // Files are listed under Documents; a declaration is a tick, not an answer to show.
      return null;
    case 'select':
    case 'radios':
      return option(value);
    case 'checkboxes':
      return Array.isArray(value) ? value.map(option).join(', ') : option(value);
    case 'date': {
      const m = typeof value === 'string' ? isoDate.exec(value) : null;
      return m ? `${m[3]}.${m[2]}.${m[1]}` : String(value);
    }
    case 'address': {
      const a = value as Record<string, unknown>;
      return [[a.street, a.number].filter(Boolean).join(' nr. '), a.details, a.locality, a.county].filter((x) => typeof x === 'string' && x).join(', ');
    }
    case 'location': {
      const l = value as { lat?: number; lng?: number; description?: string };
      const coords = Number.isFinite(l.lat) && Number.isFinite(l.lng) ? `${l.lat}, ${l.lng}` : '';
      return [l.description, coords].filter(Boolean).join(' – ') || null;
    }
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

/** The answers of a submitted case as label/value lines in the form's order, in one language (for a summary list). */
export function answerSummary(form: FormDefinition, answers: Answers, locale: 'ro' | 'en'): SummaryLine[] {
  const lines: SummaryLine[] = [];
  for (const page of form.pages) {
    for (const item of page.items) {
      if (item.type === 'group') {
        const rows = answers[item.id];
        if (!Array.isArray(rows)) continue;
        rows.forEach((row: Answers, i) => {
          for (const q of (item as Group).questions) {
            const text = answerText(q, row?.[q.id], locale);
            const place = placeOf(q, row?.[q.id]);
            if (text) lines.push({ label: `${item.label[locale]} ${i + 1}: ${q.label[locale]}`, value: text, ...(place ? { place } : {}) });
          }
        });
        continue;
      }
      const text = answerText(item, answers[item.id], locale);
      const place = placeOf(item, answers[item.id]);
      if (text) lines.push({ label: item.label[locale], value: text, ...(place ? { place } : {}) });
    }
  }
  return lines;
}
