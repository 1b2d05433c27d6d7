import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { daysBetween } from '../../platform/calendar/calendar.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { T } from '../../platform/i18n/i18n.ts';
import { PdfWriter, pdfLanguage } from '../../platform/pdf/pdf-document.ts';
import { findInstitution } from '../organisation/store.ts';
import { toCsv } from './domain/csv.ts';
import { parseDay } from './domain/entry-form.ts';
import { registerCells, registerHead } from './register-columns.ts';
import { assertCan } from './registry-scope.ts';
import { listLinesBetween, type RegisterLine } from './store.ts';

/** A year and a bit: enough for the yearly register, bounded so one export cannot hold the server. */
export const MAX_EXPORT_DAYS = 400;
const MAX_EXPORT_LINES = 200_000;

export type ExportPeriod = { from: string; to: string };

/** Reads a period typed as dd.mm.yyyy or yyyy-mm-dd; errors name the field. */
export function parsePeriod(fromRaw: string, toRaw: string): ExportPeriod {
  const from = parseDay(fromRaw);
  const to = parseDay(toRaw);
  const fields: Record<string, string> = {};
  if (!from) fields.from = 'registry.date_invalid';
  if (!to) fields.to = 'registry.date_invalid';
  if (from && to && from > to) fields.to = 'registry.period_reversed';
  if (from && to && from <= to && daysBetween(from, to) > MAX_EXPORT_DAYS) fields.to = 'registry.period_too_long';
  const first = Object.values(fields)[0];
  if (first) throw new AppError(first, 'invalid', { days: MAX_EXPORT_DAYS }, fields);
  return { from: from!, to: to! };
}

async function linesFor(deps: Pick<AppDeps, 'db'>, actor: Actor, institutionId: string, period: ExportPeriod, format: 'csv' | 'pdf'): Promise<RegisterLine[]> {
  assertCan(actor, 'registry.export', institutionId);
  return deps.db.transaction(async (tx) => {
    const lines = await listLinesBetween(tx, institutionId, period.from, period.to, MAX_EXPORT_LINES);
    await recordAudit(tx, {
      chain: institutionId,
      actorId: actor.accountId,
      action: 'registry.exported',
      entity: 'registry',
      entityId: institutionId,
      details: { ...period, format, lines: lines.length },
      ip: actor.ip,
    });
    return lines;
  });
}

const roDay = (d: string) => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;
export const exportFilename = (period: ExportPeriod, ext: 'csv' | 'pdf') => `registru-${period.from}-${period.to}.${ext}`;

/** The register of a period as CSV: UTF-8 with BOM, `;`-separated, CRLF, lines in number order. */
export async function exportRegisterCsv(deps: Pick<AppDeps, 'db'>, input: { actor: Actor; institutionId: string; period: ExportPeriod; t: T }): Promise<string> {
  const lines = await linesFor(deps, input.actor, input.institutionId, input.period, 'csv');
  return toCsv(
    registerHead(input.t),
    lines.map((l) => registerCells(l, input.t)),
  );
}

/** The register of a period as a printable PDF: landscape table with its header on every page, page numbers. */
export async function exportRegisterPdf(deps: Pick<AppDeps, 'db'>, input: { actor: Actor; institutionId: string; period: ExportPeriod; t: T }): Promise<Uint8Array> {
  const { t, period } = input;
  const lines = await linesFor(deps, input.actor, input.institutionId, period, 'pdf');
  const institution = await findInstitution(deps.db, input.institutionId);
  const name = institution?.name ?? '';
  const periodText = t('registry.export.period', { from: roDay(period.from), to: roDay(period.to) });
  const pdf = await PdfWriter.create(
    { title: `${t('registry.export.pdf_title')} — ${name}`, author: name, subject: periodText, language: pdfLanguage(t.locale) },
    { orientation: 'landscape', footer: `${name} — ${t('registry.export.pdf_title')} ${periodText}` },
  );
  pdf.text(name, { size: 12, bold: true, gapAfter: 2 });
  pdf.heading(t('registry.export.pdf_title'));
  pdf.text(periodText, { size: 10, gapAfter: 2 });
  pdf.text(t('registry.export.count', { count: lines.length }), { size: 9, color: 'grey', gapAfter: 8 });
  pdf.table(
    registerHead(t),
    lines.map((l) => registerCells(l, t)),
    // Fractions of the width, one per column. A registration number (12345/22.11.2026) fits unbroken where one is
    // written — how it was resolved (answered by no. …) and the linked number — as do a date and each header's words,
    // in both languages ("Pages", "Annexes" are longer than "File", "Anexe").
    [0.045, 0.062, 0.065, 0.07, 0.04, 0.056, 0.095, 0.1, 0.1, 0.06, 0.095, 0.065, 0.095, 0.052],
    6.5,
  );
  return pdf.save();
}
