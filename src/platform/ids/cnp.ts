/** Romanian personal numeric code (CNP): S AA LL ZZ JJ NNN C. Rules and vectors in shared/DOMAIN.md. */
const WEIGHTS = [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9];

export type CnpResult =
  | { valid: true; sex: 'M' | 'F' | null; birthDate: string | null; foreign: boolean }
  | { valid: false; reason: 'format' | 'checksum' | 'date' };

export function cnpCheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * WEIGHTS[i]!;
  const r = sum % 11;
  return r === 10 ? 1 : r;
}

const CENTURY: Record<string, number> = { '1': 1900, '2': 1900, '3': 1800, '4': 1800, '5': 2000, '6': 2000 };

/**
 * Validates the check digit and the birth date — a day that exists and is not after `today` (nobody has a CNP
 * before being born). County digits (JJ) are not checked: since 8 May 2024 every new CNP has 70, and 80–83 are
 * consular.
 */
export function parseCnp(input: string, today: string = new Date().toISOString().slice(0, 10)): CnpResult {
  const cnp = input.trim();
  if (!/^[1-9]\d{12}$/.test(cnp)) return { valid: false, reason: 'format' };
  if (cnpCheckDigit(cnp.slice(0, 12)) !== Number(cnp[12])) return { valid: false, reason: 'checksum' };
  const s = cnp[0]!;
  const yy = Number(cnp.slice(1, 3));
  const mm = Number(cnp.slice(3, 5));
  const dd = Number(cnp.slice(5, 7));
  const century = CENTURY[s];
  // Residents (7/8) and foreigners (9) do not encode the century: check month and day only.
  const year = century ? century + yy : 2000 + yy > new Date().getFullYear() ? 1900 + yy : 2000 + yy;
  const d = new Date(Date.UTC(year, mm - 1, dd));
  if (mm < 1 || mm > 12 || d.getUTCMonth() !== mm - 1 || d.getUTCDate() !== dd) return { valid: false, reason: 'date' };
  if (century && d.toISOString().slice(0, 10) > today) return { valid: false, reason: 'date' };
  const sex = s === '9' ? null : Number(s) % 2 === 1 ? 'M' : 'F';
  return {
    valid: true,
    sex,
    birthDate: century ? d.toISOString().slice(0, 10) : null,
    foreign: s === '7' || s === '8' || s === '9',
  };
}

export const isValidCnp = (input: string) => parseCnp(input).valid;
