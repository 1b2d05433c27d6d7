/** Romanian fiscal code of a company (CUI/CIF): 2–10 digits with an optional RO prefix. */
const WEIGHTS = [7, 5, 3, 2, 1, 7, 5, 3, 2];

/**
 * Normalises "RO 18547290" to "18547290"; null when it is not shaped like a CUI. Spaces, dots and dashes are how people
 * copy it from an invoice or a letterhead ("RO-18547290", "RO 18 547 290"), so they are dropped, not refused.
 */
export function normaliseCui(input: string): string | null {
  const s = input.trim().toUpperCase().replace(/[\s.-]+/g, '').replace(/^RO/, '');
  return /^\d{2,10}$/.test(s) ? s : null;
}

export function isValidCui(input: string): boolean {
  const cui = normaliseCui(input);
  if (!cui) return false;
  const body = cui.slice(0, -1).padStart(9, '0');
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(body[i]) * WEIGHTS[i]!;
  let check = ((sum * 10) % 11) % 10;
  if (((sum * 10) % 11) === 10) check = 0;
  return check === Number(cui[cui.length - 1]);
}
