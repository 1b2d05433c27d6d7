import { z } from 'zod';
import { parseCnp } from '../../../platform/ids/cnp.ts';
import { isValidCui, normaliseCui } from '../../../platform/ids/cui.ts';
import { RESOLUTION_NOTE_MAX } from './entry-resolution.ts';
import { DIRECTIONS, parseRegistryNumber } from './registry-number.ts';

/** The issuer the register names for an anonymous petition the clerk marks as such. */
export const ANONYMOUS_ISSUER = 'Anonim';

/*
 * What a registry clerk types to register a paper or e-mail document, checked field by field. Errors are i18n keys
 * (under `errors.`) per field, so the page shows a specific message next to each and keeps what was typed.
 */

/** The channels a document reaches the registry by when a clerk registers it (online ones register themselves). */
export const CLERK_CHANNELS = ['counter', 'post', 'email'] as const;
export type ClerkChannel = (typeof CLERK_CHANNELS)[number];

export const EntryDraft = z.object({
  direction: z.enum(DIRECTIONS),
  channel: z.enum(CLERK_CHANNELS),
  issuerName: z.string(),
  /** A CNP (13 digits) or a CUI, normalised. */
  issuerCode: z.string().nullable(),
  issuerReference: z.string().nullable(),
  issuerDate: z.string().nullable(),
  pageCount: z.number().int(),
  annexCount: z.number().int(),
  summary: z.string(),
  addressee: z.string().nullable(),
  departmentId: z.string().nullable(),
  fileCode: z.string().nullable(),
  repliesTo: z.object({ number: z.number().int(), day: z.string() }).nullable(),
  linkedTo: z.object({ number: z.number().int(), day: z.string() }).nullable(),
  /** A case to open for it (a petition or request of the catalogue), by service code. */
  caseServiceCode: z.string().nullable(),
  issuerAddress: z.string().nullable(),
  issuerEmail: z.string().nullable(),
  issuerPhone: z.string().nullable(),
  /** The clerk confirmed it is another document, though one just like it was registered minutes ago. */
  confirmedTwin: z.boolean(),
  /**
   * An anonymous petition, or one without the petitioner's contact data (OG 27/2002 art. 7): filed without an answer
   * ("clasată"), with this reason, and no case opened — no legal term runs. Null for any other document.
   */
  unansweredReason: z.string().nullable().optional(),
});
export type EntryDraft = z.infer<typeof EntryDraft>;

export type EntryErrors = Record<string, string>;

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : Array.isArray(v) ? String(v[v.length - 1] ?? '').trim() : '');
const orNull = (s: string) => (s === '' ? null : s);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A CNP when it has 13 digits, else a CUI; null when empty; an error key when it is neither. */
export function checkIssuerCode(input: string): { value: string | null } | { error: string } {
  const s = input.replace(/\s/g, '');
  if (!s) return { value: null };
  if (/^\d{13}$/.test(s)) {
    const r = parseCnp(s);
    return r.valid ? { value: s } : { error: `registry.issuer_code_cnp_${r.reason}` };
  }
  const cui = normaliseCui(s);
  if (!cui) return { error: 'registry.issuer_code_format' };
  if (!isValidCui(s)) return { error: 'registry.issuer_code_cui_checksum' };
  return { value: cui };
}

/** A date typed as dd.mm.yyyy (or yyyy-mm-dd) → yyyy-mm-dd, or null when it is not a real day. */
export function parseDay(input: string): string | null {
  const s = input.trim();
  let y: string;
  let m: string;
  let d: string;
  const ro = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (ro) [, d, m, y] = ro as unknown as [string, string, string, string];
  else if (iso) [, y, m, d] = iso as unknown as [string, string, string, string];
  else return null;
  const day = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const check = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== day ? null : day;
}

/** `invalid`: the field's own message (pages "at least 1", annexes "0 if none"), so the summary says which is wrong. */
function count(input: string, min: number, max: number, required: boolean, invalid: string): { value: number | null } | { error: string } {
  if (!input) return required ? { error: 'registry.count_required' } : { value: null };
  if (!/^\d{1,6}$/.test(input)) return { error: invalid };
  const n = Number(input);
  if (n < min || n > max) return { error: invalid };
  return { value: n };
}

/** The register's "Număr de file" as typed (at least 1); empty is null unless `required`. */
export function parsePageCount(input: string, required: boolean): { value: number | null } | { error: string } {
  return count(input.trim(), 1, 100_000, required, 'registry.count_invalid');
}

/**
 * Checks the registration form; `today` (yyyy-mm-dd, Bucharest) bounds the issuer's date. `requireDepartment`: the
 * clerk's form asks for the department of a document that opens no case (a mandatory column of the register, and
 * nothing routes the entry later).
 */
export function parseEntryForm(
  raw: Record<string, unknown>,
  today: string,
  options: { requireDepartment?: boolean } = {},
): { ok: true; value: EntryDraft } | { ok: false; errors: EntryErrors } {
  const errors: EntryErrors = {};
  const direction = str(raw.direction);
  if (!(DIRECTIONS as readonly string[]).includes(direction)) errors.direction = 'registry.direction_required';
  const channel = str(raw.channel);
  if (!(CLERK_CHANNELS as readonly string[]).includes(channel)) errors.channel = 'registry.channel_required';

  const unanswered = ['yes', 'true'].includes(str(raw.unanswered));
  // An anonymous petition has no issuer to name: the register says so.
  const issuerName = str(raw.issuerName) || (unanswered ? ANONYMOUS_ISSUER : '');
  if (!issuerName) errors.issuerName = 'registry.issuer_required';
  else if (issuerName.length > 300) errors.issuerName = 'registry.too_long';
  const code = checkIssuerCode(str(raw.issuerCode));
  if ('error' in code) errors.issuerCode = code.error;

  const issuerReference = str(raw.issuerReference);
  if (issuerReference.length > 100) errors.issuerReference = 'registry.too_long';
  let issuerDate: string | null = null;
  const issuerDateRaw = str(raw.issuerDate);
  if (issuerDateRaw) {
    issuerDate = parseDay(issuerDateRaw);
    if (!issuerDate) errors.issuerDate = 'registry.date_invalid';
    else if (issuerDate > today) errors.issuerDate = 'registry.date_future';
  }

  const pages = parsePageCount(str(raw.pageCount), true);
  if ('error' in pages) errors.pageCount = pages.error;
  const annexes = count(str(raw.annexCount), 0, 100_000, false, 'registry.annex_count_invalid');
  if ('error' in annexes) errors.annexCount = annexes.error;

  const summary = str(raw.summary);
  if (!summary) errors.summary = 'registry.summary_required';
  else if (summary.length > 1000) errors.summary = 'registry.too_long';
  const addressee = str(raw.addressee);
  if (addressee.length > 300) errors.addressee = 'registry.too_long';

  const departmentId = str(raw.departmentId);
  if (departmentId && !UUID.test(departmentId)) errors.departmentId = 'registry.department_unknown';
  // A case opened for the document goes to its service's department unless another is chosen.
  else if (!departmentId && options.requireDepartment && !str(raw.caseServiceCode) && !unanswered) errors.departmentId = 'registry.department_required';
  const fileCode = str(raw.fileCode);
  if (fileCode.length > 30) errors.fileCode = 'registry.too_long';

  const refs: Record<'repliesTo' | 'linkedTo', { number: number; day: string } | null> = { repliesTo: null, linkedTo: null };
  for (const field of ['repliesTo', 'linkedTo'] as const) {
    const v = str(raw[field]);
    if (!v) continue;
    const parsed = parseRegistryNumber(v);
    if (!parsed) errors[field] = 'registry.number_format';
    else refs[field] = parsed;
  }

  const caseServiceCode = str(raw.caseServiceCode);
  const issuerAddress = str(raw.issuerAddress);
  const issuerEmail = str(raw.issuerEmail).toLowerCase();
  const issuerPhone = str(raw.issuerPhone);
  if (issuerEmail && (!EMAIL.test(issuerEmail) || issuerEmail.length > 254)) errors.issuerEmail = 'registry.email_invalid';
  if (issuerAddress.length > 300) errors.issuerAddress = 'registry.too_long';
  if (issuerPhone.length > 30) errors.issuerPhone = 'registry.too_long';
  const unansweredReason = str(raw.unansweredReason);
  if (unanswered) {
    if (direction && direction !== 'incoming') errors.unanswered = 'registry.unanswered_only_incoming';
    if (caseServiceCode) errors.caseServiceCode = 'registry.unanswered_no_case';
    if (!unansweredReason) errors.unansweredReason = 'registry.unanswered_reason_required';
    else if (unansweredReason.length > RESOLUTION_NOTE_MAX) errors.unansweredReason = 'registry.too_long';
  } else if (caseServiceCode) {
    // OG 27/2002 art. 7: a petition without the petitioner's contact data gets no answer, so a case needs one.
    if (!issuerAddress && !issuerEmail && !issuerPhone) errors.issuerAddress = 'registry.case_contact_required';
    if (direction && direction !== 'incoming') errors.caseServiceCode = 'registry.case_only_incoming';
  }

  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      direction: direction as EntryDraft['direction'],
      channel: channel as ClerkChannel,
      issuerName,
      issuerCode: 'value' in code ? code.value : null,
      issuerReference: orNull(issuerReference),
      issuerDate,
      pageCount: 'value' in pages && pages.value !== null ? pages.value : 1,
      annexCount: 'value' in annexes && annexes.value !== null ? annexes.value : 0,
      summary,
      addressee: orNull(addressee),
      departmentId: orNull(departmentId),
      fileCode: orNull(fileCode),
      repliesTo: refs.repliesTo,
      linkedTo: refs.linkedTo,
      caseServiceCode: orNull(caseServiceCode),
      issuerAddress: orNull(issuerAddress),
      issuerEmail: orNull(issuerEmail),
      issuerPhone: orNull(issuerPhone),
      confirmedTwin: str(raw.confirmTwin) === 'yes',
      unansweredReason: unanswered ? unansweredReason : null,
    },
  };
}

/** Folds text for a diacritics-insensitive search (the same folding the store applies in SQL). */
export function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
