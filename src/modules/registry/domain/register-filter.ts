import { CHANNELS, type Channel, DIRECTIONS, type Direction, parseRegistryNumber } from './registry-number.ts';
import { foldText, parseDay } from './entry-form.ts';

/** The register's filters as they come in the page's query string (Romanian names, so links read well). */
export type FilterQuery = {
  numar?: string;
  de_la?: string;
  pana_la?: string;
  directie?: string;
  canal?: string;
  compartiment?: string;
  text?: string;
  pagina?: string;
};

export type ParsedFilter = {
  number?: number;
  day?: string;
  from?: string;
  to?: string;
  direction?: Direction;
  channel?: Channel;
  departmentId?: string;
  text?: string;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Reads the filters; a value that cannot be understood is reported on its field and not applied. */
export function parseFilter(q: FilterQuery): { filter: ParsedFilter; errors: Record<string, string> } {
  const filter: ParsedFilter = {};
  const errors: Record<string, string> = {};
  const numar = q.numar?.trim();
  if (numar) {
    if (/^\d{1,9}$/.test(numar)) filter.number = Number(numar);
    else {
      const n = parseRegistryNumber(numar);
      if (n) {
        filter.number = n.number;
        filter.day = n.day;
      } else errors.numar = 'registry.number_format';
    }
  }
  for (const [key, field] of [
    ['de_la', 'from'],
    ['pana_la', 'to'],
  ] as const) {
    const v = q[key]?.trim();
    if (!v) continue;
    const d = parseDay(v);
    if (d) filter[field] = d;
    else errors[key] = 'registry.date_invalid';
  }
  // A period that ends before it starts would find nothing and look like an empty register: the end is not applied.
  if (filter.from && filter.to && filter.from > filter.to) {
    errors.pana_la = 'registry.period_reversed';
    delete filter.to;
  }
  if (q.directie && (DIRECTIONS as readonly string[]).includes(q.directie)) filter.direction = q.directie as Direction;
  if (q.canal && (CHANNELS as readonly string[]).includes(q.canal)) filter.channel = q.canal as Channel;
  if (q.compartiment && UUID.test(q.compartiment)) filter.departmentId = q.compartiment;
  const text = foldText(q.text ?? '');
  if (text) filter.text = text.slice(0, 200);
  return { filter, errors };
}
