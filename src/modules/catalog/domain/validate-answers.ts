import { parseCnp } from '../../../platform/ids/cnp.ts';
import { isValidCui, normaliseCui } from '../../../platform/ids/cui.ts';
import { isValidIban, normaliseIban } from '../../../platform/ids/iban.ts';
import { type Answers, conditionHolds, type FormDefinition, type Group, type Page, type Question } from './form-definition.ts';
import { isUuid } from '../../../platform/ids/uuid.ts';
import { addDays, bucharestDay, type IsoDate } from '../../../platform/calendar/calendar.ts';
import { formatDate } from '../../../platform/i18n/format.ts';

/*
 * Turns what a browser posts for one page (strings, date parts, repeated fields) into typed answers, with a
 * specific error per field. Error values are i18n keys with parameters; the page translates them.
 */

export type FieldError = { key: string; params?: Record<string, string | number> };
export type RawInput = Record<string, unknown>;
export type Address = { street: string; number: string; details?: string; locality: string; county: string };
export type Location = { lat: number; lng: number; description?: string };

/** Romania's bounding box, generously: a pin outside it is a mistake. */
const ROMANIA = { minLat: 43.5, maxLat: 48.3, minLng: 20.2, maxLng: 29.8 };

const str = (v: unknown): string => (Array.isArray(v) ? String(v[0] ?? '') : v == null ? '' : String(v)).trim();
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v == null || v === '' ? [] : [String(v)]);

export function normalisePhone(input: string): string | null {
  const digits = input.replace(/[\s().-]/g, '');
  if (/^\+40\d{9}$/.test(digits)) return digits;
  if (/^0040\d{9}$/.test(digits)) return `+${digits.slice(2)}`;
  if (/^0\d{9}$/.test(digits)) return `+40${digits.slice(1)}`;
  if (/^\+\d{8,15}$/.test(digits)) return digits;
  return null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

function parseDate(raw: RawInput, name: string): { value?: string; error?: FieldError } {
  const d = str(raw[`${name}-day`]);
  const m = str(raw[`${name}-month`]);
  const y = str(raw[`${name}-year`]);
  if (!d && !m && !y) return {};
  if (!d || !m || !y) return { error: { key: 'form.error.date_incomplete' } };
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return { error: { key: 'form.error.date_invalid' } };
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const check = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== iso) return { error: { key: 'form.error.date_invalid' } };
  return { value: iso };
}

/** The filing day in Bucharest: the day a date question's bounds are counted from (DateBound). */
export const filingDay = (now: Date = new Date()): IsoDate => bucharestDay(now);

/** The earliest and latest dates a date question accepts when filed on `today` (either may be absent). */
export function dateRange(q: Question, today: IsoDate): { earliest?: IsoDate; latest?: IsoDate } {
  return {
    ...(q.notBefore ? { earliest: addDays(today, q.notBefore.daysFromFiling) } : {}),
    ...(q.notAfter ? { latest: addDays(today, q.notAfter.daysFromFiling) } : {}),
  };
}

/** What the person is told under a date question with bounds, with the dates worked out (null without bounds). */
export function dateRangeHint(q: Question, today: IsoDate): FieldError | null {
  const { earliest, latest } = dateRange(q, today);
  if (earliest && latest) return { key: 'form.date_range.between', params: { from: formatDate(earliest), to: formatDate(latest) } };
  if (earliest) return { key: earliest === today ? 'form.date_range.from_today' : 'form.date_range.not_before', params: { date: formatDate(earliest) } };
  if (latest) return { key: latest === today ? 'form.date_range.until_today' : 'form.date_range.not_after', params: { date: formatDate(latest) } };
  return null;
}

/** A date question's own hint followed by its range, translated by `t` (the form pages show it under the label). */
export function withDateRange(hint: string | undefined, q: Question, t: (key: string, params?: FieldError['params']) => string, today: IsoDate = filingDay()): string | undefined {
  const range = dateRangeHint(q, today);
  return [hint, range ? t(range.key, range.params) : null].filter(Boolean).join(' ') || undefined;
}

function checkDateRange(q: Question, iso: IsoDate, today: IsoDate): FieldError | null {
  const { earliest, latest } = dateRange(q, today);
  if (earliest && iso < earliest) return earliest === today ? { key: 'form.error.date_past' } : { key: 'form.error.date_too_early', params: { date: formatDate(earliest) } };
  if (latest && iso > latest) return latest === today ? { key: 'form.error.date_future' } : { key: 'form.error.date_too_late', params: { date: formatDate(latest) } };
  return null;
}

/**
 * Date answers outside their bounds when the request is sent on `today` (a draft filled in days before: the
 * earliest wedding date then is later), by field name as the pages post them; `answers` are the applicable ones.
 */
export function datesOutOfRange(form: FormDefinition, answers: Answers, today: IsoDate): Record<string, FieldError> {
  const out: Record<string, FieldError> = {};
  const check = (q: Question, value: unknown, name: string) => {
    const error = q.type === 'date' && typeof value === 'string' ? checkDateRange(q, value, today) : null;
    if (error) out[name] = error;
  };
  for (const item of form.pages.flatMap((p) => p.items)) {
    if (item.type !== 'group') {
      check(item, answers[item.id], item.id);
      continue;
    }
    const rows = Array.isArray(answers[item.id]) ? (answers[item.id] as Answers[]) : [];
    for (const [i, row] of rows.entries()) for (const q of item.questions) check(q, row[q.id], `${item.id}__${i}__${q.id}`);
  }
  return out;
}

/**
 * One question's answer from the raw input; `name` is the field name (differs from the id inside groups), `today`
 * the filing day a date question's bounds are counted from.
 */
export function parseQuestion(q: Question, raw: RawInput, name: string = q.id, today: IsoDate = filingDay()): { value?: unknown; error?: FieldError } {
  const required = q.required !== false;
  const missing = (): { error?: FieldError } => (required ? { error: { key: `form.error.required_${q.type}` } } : {});
  switch (q.type) {
    case 'text':
    case 'textarea': {
      const v = str(raw[name]);
      if (!v) return missing();
      if (q.min !== undefined && v.length < q.min) return { error: { key: 'form.error.too_short', params: { min: q.min } } };
      const max = q.max ?? (q.type === 'text' ? 200 : 5000);
      if (v.length > max) return { error: { key: 'form.error.too_long', params: { max } } };
      return { value: v };
    }
    case 'number': {
      const v = str(raw[name]).replace(',', '.');
      if (!v) return missing();
      if (!/^-?\d+(\.\d+)?$/.test(v)) return { error: { key: 'form.error.number_invalid' } };
      const n = Number(v);
      if (q.min !== undefined && n < q.min) return { error: { key: 'form.error.number_min', params: { min: q.min } } };
      if (q.max !== undefined && n > q.max) return { error: { key: 'form.error.number_max', params: { max: q.max } } };
      return { value: n };
    }
    case 'date': {
      const r = parseDate(raw, name);
      if (r.error) return r;
      if (!r.value) return missing();
      const outside = checkDateRange(q, r.value, today);
      return outside ? { error: outside } : r;
    }
    case 'select':
    case 'radios': {
      const v = str(raw[name]);
      if (!v) return missing();
      if (!q.options?.some((o) => o.value === v)) return { error: { key: 'form.error.option_invalid' } };
      return { value: v };
    }
    case 'checkboxes': {
      const vs = list(raw[name]);
      if (vs.length === 0) return missing();
      if (!vs.every((v) => q.options?.some((o) => o.value === v))) return { error: { key: 'form.error.option_invalid' } };
      return { value: [...new Set(vs)] };
    }
    case 'declaration': {
      const v = str(raw[name]);
      if (v !== 'yes') return required ? { error: { key: 'form.error.declaration_required' } } : { value: false };
      return { value: true };
    }
    case 'cnp': {
      const v = str(raw[name]).replace(/\s/g, '');
      if (!v) return missing();
      const r = parseCnp(v);
      if (!r.valid) return { error: { key: `form.error.cnp_${r.reason}` } };
      return { value: v };
    }
    case 'cui': {
      const v = str(raw[name]);
      if (!v) return missing();
      if (!normaliseCui(v)) return { error: { key: 'form.error.cui_format' } };
      if (!isValidCui(v)) return { error: { key: 'form.error.cui_checksum' } };
      return { value: normaliseCui(v) };
    }
    case 'iban': {
      const v = str(raw[name]);
      if (!v) return missing();
      if (!isValidIban(v)) return { error: { key: 'form.error.iban_invalid' } };
      return { value: normaliseIban(v) };
    }
    case 'email': {
      const v = str(raw[name]).toLowerCase();
      if (!v) return missing();
      if (!EMAIL.test(v) || v.length > 254) return { error: { key: 'form.error.email_invalid' } };
      return { value: v };
    }
    case 'phone': {
      const v = str(raw[name]);
      if (!v) return missing();
      const p = normalisePhone(v);
      if (!p) return { error: { key: 'form.error.phone_invalid' } };
      return { value: p };
    }
    case 'address': {
      const a = {
        street: str(raw[`${name}-street`]),
        number: str(raw[`${name}-number`]),
        details: str(raw[`${name}-details`]) || undefined,
        locality: str(raw[`${name}-locality`]),
        county: str(raw[`${name}-county`]),
      };
      if (!a.street && !a.number && !a.locality && !a.county) return missing();
      if (!a.street || !a.number || !a.locality || !a.county) return { error: { key: 'form.error.address_incomplete' } };
      return { value: a satisfies Address };
    }
    case 'location': {
      const lat = str(raw[`${name}-lat`]).replace(',', '.');
      const lng = str(raw[`${name}-lng`]).replace(',', '.');
      const description = str(raw[`${name}-description`]) || undefined;
      if (!lat && !lng) {
        // Without JavaScript (or a map), a described place is enough; the official places the pin.
        if (description) return { value: { lat: Number.NaN, lng: Number.NaN, description } };
        return missing();
      }
      // One coordinate alone: say which is missing ('' would read as 0, a place outside Romania).
      if (!lng) return { error: { key: 'form.error.location_lng_missing' } };
      if (!lat) return { error: { key: 'form.error.location_lat_missing' } };
      const la = Number(lat);
      const ln = Number(lng);
      if (!Number.isFinite(la) || !Number.isFinite(ln)) return { error: { key: 'form.error.location_invalid' } };
      if (la < ROMANIA.minLat || la > ROMANIA.maxLat || ln < ROMANIA.minLng || ln > ROMANIA.maxLng) return { error: { key: 'form.error.location_outside' } };
      return { value: { lat: la, lng: ln, description } satisfies Location };
    }
    case 'file': {
      // Files are uploaded on their own; the page posts the ids of what is already attached to the draft.
      const ids = list(raw[name]).filter((x) => isUuid(x));
      if (ids.length === 0) return required ? { error: { key: 'form.error.required_file' } } : { value: [] };
      if (q.maxFiles && ids.length > q.maxFiles) return { error: { key: 'form.error.too_many_files', params: { max: q.maxFiles } } };
      return { value: ids };
    }
  }
}

/** Group items are posted as `<group>__<index>__<question>`; `<group>__count` says how many rows the page had. */
export function parseGroup(g: Group, raw: RawInput, today: IsoDate = filingDay()): { value?: Answers[]; errors: Record<string, FieldError> } {
  const count = Math.min(Math.max(Number(str(raw[`${g.id}__count`])) || 0, 0), g.maxItems);
  const rows: Answers[] = [];
  const errors: Record<string, FieldError> = {};
  for (let i = 0; i < count; i++) {
    const row: Answers = {};
    const prefix = `${g.id}__${i}__`;
    const blank = g.questions.every((q) => Object.keys(raw).every((k) => !k.startsWith(`${prefix}${q.id}`) || str(raw[k]) === ''));
    if (blank) continue; // an empty extra row is ignored, not an error
    for (const q of g.questions) {
      const r = parseQuestion(q, raw, `${prefix}${q.id}`, today);
      if (r.error) errors[`${prefix}${q.id}`] = r.error;
      else if (r.value !== undefined) row[q.id] = r.value;
    }
    rows.push(row);
  }
  if (rows.length < g.minItems) errors[g.id] = { key: 'form.error.group_min', params: { min: g.minItems } };
  return { value: rows, errors };
}

/**
 * Validates one page. Questions hidden by a condition (given the answers so far plus this page's) are skipped
 * and their old answers dropped, so a changed answer never leaves stale data behind.
 */
export function validatePage(page: Page, raw: RawInput, previous: Answers, today: IsoDate = filingDay()): { answers: Answers; errors: Record<string, FieldError> } {
  const answers: Answers = {};
  const errors: Record<string, FieldError> = {};
  for (const item of page.items) {
    if (!conditionHolds(item.showIf, { ...previous, ...answers })) continue;
    if (item.type === 'group') {
      const r = parseGroup(item, raw, today);
      Object.assign(errors, r.errors);
      answers[item.id] = r.value;
    } else {
      const r = parseQuestion(item, raw, item.id, today);
      if (r.error) errors[item.id] = r.error;
      else if (r.value !== undefined) answers[item.id] = r.value;
    }
  }
  return { answers, errors };
}
