/**
 * Romanian phone numbers: mobile (07…) and fixed (02…, 03…), written with or without +40 / 0040 and with
 * spaces, dots or dashes. Returns the E.164 form (+40…), or null.
 */
export function normaliseRoPhone(input: string): string | null {
  const compact = input.trim().replace(/[\s.\-()]/g, '');
  const m = /^(?:\+40|0040|0)([237]\d{8})$/.exec(compact);
  return m ? `+40${m[1]}` : null;
}
