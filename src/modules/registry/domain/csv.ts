/*
 * CSV for spreadsheets (RFC 4180 quoting). Excel opened in Romanian reads `;` as the list separator and needs the
 * UTF-8 byte order mark to show ă â î ș ț, so the register is exported with both, lines ending in CRLF.
 */

export const CSV_SEPARATOR = ';';
const BOM = '\uFEFF';

function cell(value: string | number | null | undefined): string {
  const s = value == null ? '' : String(value);
  // A cell starting with = + - @ would be run as a formula by a spreadsheet: prefix it (OWASP CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[";\r\n,]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(head: string[], rows: (string | number | null | undefined)[][]): string {
  const lines = [head, ...rows].map((r) => r.map(cell).join(CSV_SEPARATOR));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
