/*
 * How a routed document that opened no case was resolved ("modul de rezolvare", a mandatory column of the register,
 * Instrucțiunile 217/1996): one of a few ways, with a note when it needs one, and optionally the file (nomenclator
 * code) it was filed in. Stored as a resolution code `entry.<way>`, rendered per language by register-columns.ts.
 */
export const RESOLUTION_WAYS = ['noted', 'filed', 'solved'] as const;
export type ResolutionWay = (typeof RESOLUTION_WAYS)[number];

export const RESOLUTION_NOTE_MAX = 500;
/** A nomenclator file code as archives write it: `III-5`, `12/A`, `2.3.1`. */
const FILE_CODE = /^[A-Za-z0-9][A-Za-z0-9./-]{0,19}$/;

export type EntryResolution = { way: ResolutionWay; note: string | null; fileCode: string | null };

/** Field → message key (`registry.resolve.*`) for what is wrong, or the resolution. */
export function parseEntryResolution(input: { way?: unknown; note?: unknown; fileCode?: unknown }): { ok: true; value: EntryResolution } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const way = typeof input.way === 'string' && (RESOLUTION_WAYS as readonly string[]).includes(input.way) ? (input.way as ResolutionWay) : null;
  if (!way) errors.way = 'registry.resolve.way_required';
  const note = typeof input.note === 'string' ? input.note.trim().replace(/\r\n/g, '\n') : '';
  if (note.length > RESOLUTION_NOTE_MAX) errors.note = 'registry.resolve.note_too_long';
  // "Resolved" says nothing by itself: the register must say how.
  else if (way === 'solved' && note.length < 3) errors.note = 'registry.resolve.note_required';
  const fileCode = typeof input.fileCode === 'string' ? input.fileCode.trim() : '';
  if (fileCode && !FILE_CODE.test(fileCode)) errors.fileCode = 'registry.resolve.file_code_format';
  if (Object.keys(errors).length > 0 || !way) return { ok: false, errors };
  return { ok: true, value: { way, note: note || null, fileCode: fileCode || null } };
}
