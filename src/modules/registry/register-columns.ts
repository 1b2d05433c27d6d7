import { formatDate } from '../../platform/i18n/format.ts';
import type { T } from '../../platform/i18n/i18n.ts';
import { formatRegistryNumber } from './domain/registry-number.ts';
import type { RegisterLine } from './store.ts';

/** The mandatory columns of the register (Instrucțiunile 217/1996, see DOMAIN.md), in the order they are printed. */
export const REGISTER_COLUMNS = [
  'number',
  'date',
  'direction',
  'issuer_ref',
  'pages',
  'annexes',
  'issuer',
  'summary',
  'department',
  'sent_on',
  'resolution',
  'addressee',
  'linked',
  'file_code',
] as const;
export type RegisterColumn = (typeof REGISTER_COLUMNS)[number];

const isoToRo = (d: string | null) => (d ? `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}` : '');

export function registerHead(t: T): string[] {
  return REGISTER_COLUMNS.map((c) => t(`registry.col.${c}`));
}

/**
 * "How it was resolved" in the reader's language: lines closed since migration 0042 carry a code and a day; older
 * lines only the Romanian text they were written with.
 */
export function resolutionCell(line: Pick<RegisterLine, 'resolution' | 'resolutionCode' | 'resolvedOn' | 'answeredBy'>, t: T): string {
  const coded = line.resolutionCode && line.resolvedOn ? t(`registry.resolution.${line.resolutionCode}`, { date: isoToRo(line.resolvedOn) }) : null;
  // A routed document's resolution (entry.*) is a way and the department's own note: "Clasat la 22.11.2026: …".
  const how = coded ? [coded, line.resolutionCode?.startsWith('entry.') ? line.resolution : null].filter(Boolean).join(': ') : (line.resolution ?? '');
  // A reply registered to the document is how it was resolved, and the register says so on its line (both ways).
  const replies = line.answeredBy.length ? t('registry.answered_by', { numbers: line.answeredBy.join(', ') }) : '';
  return [how, replies].filter(Boolean).join('; ');
}

/** One line of the register as text cells, in REGISTER_COLUMNS order. */
export function registerCells(line: RegisterLine, t: T): string[] {
  const issuerRef = [line.issuerReference, isoToRo(line.issuerDate)].filter(Boolean).join(' / ');
  const links = [
    line.repliesTo ? t('registry.reply_to_short', { number: formatRegistryNumber(line.repliesTo.number, line.repliesTo.day) }) : '',
    line.linked ? t('registry.linked_short', { number: formatRegistryNumber(line.linked.number, line.linked.day) }) : '',
  ].filter(Boolean);
  return [
    String(line.number),
    formatDate(line.registeredAt),
    `${t(`registry.direction.${line.direction}`)} (${t(`registry.channel.${line.channel}`)})`,
    issuerRef,
    line.pageCount === null ? '' : String(line.pageCount),
    String(line.annexCount),
    line.issuerName,
    line.summary,
    line.departmentName ?? '',
    isoToRo(line.sentOn),
    resolutionCell(line, t),
    line.addressee ?? '',
    links.join('; '),
    line.fileCode ?? '',
  ];
}

export const displayNumber = (line: Pick<RegisterLine, 'number' | 'registeredOn'>) => formatRegistryNumber(line.number, line.registeredOn);
