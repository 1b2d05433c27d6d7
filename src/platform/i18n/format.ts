import type { Locale } from './i18n.ts';

export const TIME_ZONE = 'Europe/Bucharest';

const dateFmt = new Intl.DateTimeFormat('ro-RO', { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });
const timeFmt = new Intl.DateTimeFormat('ro-RO', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hour12: false });

/** dd.mm.yyyy in Europe/Bucharest, whatever the locale (the Romanian administrative format). */
export function formatDate(d: Date | string): string {
  return dateFmt.format(typeof d === 'string' ? new Date(d) : d);
}

export function formatDateTime(d: Date | string): string {
  const date = typeof d === 'string' ? new Date(d) : d;
  return `${dateFmt.format(date)} ${timeFmt.format(date)}`;
}

export function formatMoney(lei: number, locale: Locale): string {
  const n = new Intl.NumberFormat(locale === 'ro' ? 'ro-RO' : 'en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(lei);
  return `${n} lei`;
}

/** A file's size as people read it in their language: "2,4 MB" in Romanian, "2.4 MB" in English; KB under a megabyte. */
export function formatFileSize(bytes: number, locale: Locale): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  const n = new Intl.NumberFormat(locale === 'ro' ? 'ro-RO' : 'en-GB', { maximumFractionDigits: 1 }).format(bytes / 1048576);
  return `${n} MB`;
}
