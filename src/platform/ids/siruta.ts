/**
 * SIRUTA code check digit: weights 1,2,3,5,7 on the five digits left of it, read right to left; add the
 * digit sums of the products; check = (11 − sum mod 10) mod 10. Codes of 4 or 5 digits (Alba Iulia is 1017) are
 * read with leading zeros. Some old codes fail: warn, never reject.
 */
export function sirutaCheckOk(code: string): boolean {
  if (!isSirutaShape(code)) return false;
  const s = code.trim().padStart(6, '0');
  const digits = s.slice(0, 5).split('').reverse().map(Number);
  const weights = [1, 2, 3, 5, 7];
  let sum = 0;
  digits.forEach((d, i) => {
    const p = d * weights[i]!;
    sum += Math.floor(p / 10) + (p % 10);
  });
  return (11 - (sum % 10)) % 10 === Number(s[5]);
}

export const isSirutaShape = (code: string) => /^\d{4,6}$/.test(code.trim());
