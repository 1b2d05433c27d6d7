import { z } from 'zod';
import type { App } from '../../app.ts';
import { ErrorBody } from '../../platform/http/api-schema.ts';
import { AppError } from '../../platform/http/errors.ts';
import { requireActor } from '../identity/guards.ts';
import { CLERK_CHANNELS, parseEntryForm } from './domain/entry-form.ts';
import { parseFilter } from './domain/register-filter.ts';
import { CHANNELS, DIRECTIONS, RegistryNumber, registryNumber, registryNumberOf } from './domain/registry-number.ts';
import { exportFilename, exportRegisterCsv, exportRegisterPdf, parsePeriod } from './export-register.ts';
import { listFormOptions } from './list-form-options.ts';
import { registerEntry, registryToday, TWIN_MINUTES } from './register-entry.ts';
import { type RegistryDeps, registryInstitution } from './registry-scope.ts';
import { searchRegister } from './search-register.ts';
import type { RegisterLine } from './store.ts';
import { asApiScanError } from './check-scans.ts';

const security = [{ session: [], csrf: [] }];
const WrittenNumber = z.string().max(40).describe('A registry number written `123/22.11.2026`');

const EntryBody = z.object({
  institutionId: z.string().uuid().optional().describe('Defaults to the first institution whose register the caller keeps'),
  direction: z.enum(DIRECTIONS),
  channel: z.enum(CLERK_CHANNELS),
  issuerName: z.string().max(300).describe('Who sent it; may be empty for an anonymous petition (`unanswered`)'),
  issuerCode: z.string().max(20).optional().describe('CNP or CUI of the issuer (validated)'),
  issuerReference: z.string().max(100).optional(),
  issuerDate: z.string().max(10).optional().describe('yyyy-mm-dd or dd.mm.yyyy'),
  pageCount: z.number().int().min(1),
  annexCount: z.number().int().min(0).optional(),
  summary: z.string().max(1000),
  addressee: z.string().max(300).optional(),
  departmentId: z.string().uuid().optional().describe('Where the document is routed: one of the `departments` of GET /api/v1/registry/form-options'),
  fileCode: z.string().max(30).optional(),
  repliesTo: WrittenNumber.optional(),
  linkedTo: WrittenNumber.optional(),
  caseServiceCode: z.string().max(40).optional().describe('Opens a case of this catalogue service (petition or information request: the `caseServices` of GET /api/v1/registry/form-options) under the same number'),
  issuerAddress: z.string().max(300).optional(),
  issuerEmail: z.string().max(254).optional(),
  issuerPhone: z.string().max(30).optional(),
  unanswered: z
    .boolean()
    .optional()
    .describe('true: an anonymous petition, or one without the petitioner’s contact data (OG 27/2002 art. 7): registered and filed without an answer at once (resolutionCode entry.filed_unanswered), no case opened, no term; `issuerName` may be left empty (the register names it "Anonim"); needs `unansweredReason`, not `caseServiceCode`'),
  unansweredReason: z.string().max(500).optional().describe('Why it is filed without an answer (the register’s note)'),
  scans: z
    .array(z.object({ filename: z.string().max(200), contentBase64: z.string() }))
    .max(10)
    .optional()
    .describe('PDF, JPEG or PNG, recognised by content'),
  confirmTwin: z
    .boolean()
    .optional()
    .describe(`true: register it even though the caller registered one just like it (same direction, channel, issuer and summary) in the last ${TWIN_MINUTES} minutes, which otherwise answers 409 \`registry.twin_recent\` naming that number: a repeated call takes no second number`),
});

export const Entry = z.object({
  id: z.string().uuid(),
  number: RegistryNumber,
  registeredAt: z.string().describe('ISO 8601'),
  direction: z.enum(DIRECTIONS),
  channel: z.enum(CHANNELS),
  issuerName: z.string(),
  issuerReference: z.string().nullable(),
  issuerDate: z.string().nullable(),
  pageCount: z.number().int().nullable(),
  annexCount: z.number().int(),
  summary: z.string(),
  departmentId: z.string().uuid().nullable(),
  departmentName: z.string().nullable(),
  sentOn: z.string().nullable(),
  resolution: z.string().nullable().describe('How it was resolved, in Romanian (the official record); for a routed document with resolutionCode entry.*, the department\'s note'),
  resolutionCode: z.string().nullable().describe('The same as a code (closed since 0042): issued[.granted|.refused|.information], rejected, withdrawn, redirected (a petition sent on to the competent institution); for a document without a case: entry.noted, entry.filed, entry.solved, entry.filed_unanswered (an anonymous petition, OG 27/2002 art. 7)'),
  resolvedOn: z.string().nullable().describe('The day the case closed, YYYY-MM-DD'),
  addressee: z.string().nullable(),
  repliesTo: RegistryNumber.nullable().describe('The registry number of the document this one answers'),
  linkedTo: RegistryNumber.nullable().describe('The first document on the same matter'),
  fileCode: z.string().nullable(),
  caseId: z.string().uuid().nullable(),
});

/** A page of register lines, as the register search and the routed documents' list answer. */
export const EntryPage = z.object({ entries: z.array(Entry), total: z.number().int(), page: z.number().int(), pageCount: z.number().int() });

const SearchQuery = z.object({
  institutionId: z.string().uuid().optional(),
  from: z.string().max(10).optional(),
  to: z.string().max(10).optional(),
  q: z.string().max(200).optional(),
  number: z.string().max(40).optional(),
  direction: z.enum(DIRECTIONS).optional(),
  channel: z.enum(CHANNELS).optional(),
  departmentId: z.string().uuid().optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
});

const ExportQuery = z.object({ institutionId: z.string().uuid().optional(), from: z.string().max(10), to: z.string().max(10) });

export const toEntry = (l: RegisterLine): z.infer<typeof Entry> => ({
  id: l.id,
  number: registryNumber(l.number, l.registeredOn),
  registeredAt: l.registeredAt.toISOString(),
  direction: l.direction,
  channel: l.channel,
  issuerName: l.issuerName,
  issuerReference: l.issuerReference,
  issuerDate: l.issuerDate,
  pageCount: l.pageCount,
  annexCount: l.annexCount,
  summary: l.summary,
  departmentId: l.departmentId,
  departmentName: l.departmentName,
  sentOn: l.sentOn,
  resolution: l.resolution,
  resolutionCode: l.resolutionCode,
  resolvedOn: l.resolvedOn,
  addressee: l.addressee,
  repliesTo: l.repliesTo ? registryNumber(l.repliesTo.number, l.repliesTo.day) : null,
  linkedTo: l.linked ? registryNumber(l.linked.number, l.linked.day) : null,
  fileCode: l.fileCode,
  caseId: l.caseId,
});

/** JSON API of the registry: register a document, search the register, export a period as CSV. */
export function registerRegistryRoutes(app: App, deps: RegistryDeps): void {
  app.post(
    '/api/v1/registry/entries',
    {
      bodyLimit: Math.ceil(deps.config.uploadLimitBytes * 1.4) + 64 * 1024,
      schema: {
        tags: ['registry'],
        summary: 'Register a paper or e-mail document (registry clerk); optionally open its case',
        body: EntryBody,
        security,
        response: {
          201: z.object({ id: z.string().uuid(), number: RegistryNumber, caseId: z.string().uuid().nullable(), trackingCode: z.string().nullable() }),
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          409: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { scans, institutionId: requested, confirmTwin, ...rest } = request.body;
      const institutionId = registryInstitution(actor, 'registry.register', requested);
      const raw = { ...Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, v === undefined ? '' : String(v)])), confirmTwin: confirmTwin ? 'yes' : '' };
      const parsed = parseEntryForm(raw, registryToday(deps));
      if (!parsed.ok) throw new AppError(Object.values(parsed.errors)[0]!, 'invalid', {}, parsed.errors);
      const r = await registerEntry(deps, {
        actor,
        institutionId,
        draft: parsed.value,
        scans: (scans ?? []).map((s) => ({ filename: s.filename, bytes: new Uint8Array(Buffer.from(s.contentBase64, 'base64')) })),
        ip: request.ip,
        refuseTwin: true,
      }).catch((err) => {
        throw asApiScanError(err);
      });
      return reply.code(201).send({ id: r.entryId, number: registryNumberOf(r.display), caseId: r.caseId, trackingCode: r.trackingCode });
    },
  );

  app.get(
    '/api/v1/registry/entries',
    {
      schema: {
        tags: ['registry'],
        summary: 'Search the register, newest first (text search ignores diacritics)',
        querystring: SearchQuery,
        security,
        response: {
          200: EntryPage,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const q = request.query;
      const institutionId = registryInstitution(actor, 'registry.read', q.institutionId);
      const { filter, errors } = parseFilter({
        numar: q.number,
        de_la: q.from,
        pana_la: q.to,
        directie: q.direction,
        canal: q.channel,
        compartiment: q.departmentId,
        text: q.q,
      });
      const names: Record<string, string> = { numar: 'number', de_la: 'from', pana_la: 'to' };
      const first = Object.entries(errors)[0];
      if (first) throw new AppError(first[1], 'invalid', {}, Object.fromEntries(Object.entries(errors).map(([k, v]) => [names[k] ?? k, v])));
      const r = await searchRegister(deps, { actor, institutionId, filter, page: q.page ?? 1 });
      return { entries: r.lines.map(toEntry), total: r.total, page: r.page, pageCount: r.pageCount };
    },
  );

  app.get(
    '/api/v1/registry/form-options',
    {
      schema: {
        tags: ['registry'],
        summary: 'What registering offers, as the registry page’s form does: the departments a document can be routed to (`departmentId`, in tree order) and the services a paper document can open a case under (`caseServiceCode`)',
        querystring: z.object({ institutionId: z.string().uuid().optional() }),
        security: [{ session: [] }],
        response: {
          200: z.object({
            institutionId: z.string().uuid().describe('The register these options are for (by default the first whose register the caller keeps)'),
            departments: z.array(
              z.object({
                id: z.string().uuid(),
                name: z.string(),
                depth: z.number().int().describe('0 for a top-level department, 1 below it, …'),
                staffed: z.boolean().describe('false: nobody works in it (nor above it), so what is routed there reaches nobody'),
              }),
            ),
            caseServices: z.array(z.object({ code: z.string(), name: z.object({ ro: z.string(), en: z.string() }) })),
          }),
          401: ErrorBody,
          403: ErrorBody,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const institutionId = registryInstitution(actor, 'registry.read', request.query.institutionId);
      return { institutionId, ...(await listFormOptions(deps, { actor, institutionId })) };
    },
  );

  const exports = {
    csv: { summary: 'The register of a period as CSV (UTF-8 with BOM, `;`-separated, CRLF), in number order', type: 'text/csv' },
    pdf: { summary: 'The register of a period as a printable PDF (the paper register), in number order', type: 'application/pdf' },
  } as const;
  for (const [format, { summary, type }] of Object.entries(exports) as [keyof typeof exports, (typeof exports)[keyof typeof exports]][]) {
    app.get(
      `/api/v1/registry/export.${format}`,
      {
        schema: {
          tags: ['registry'],
          summary,
          description:
            '`from` and `to` are days, `yyyy-mm-dd` or `dd.mm.yyyy`, at most 400 days apart: 400 `registry.date_invalid`, `registry.period_reversed`, `registry.period_too_long` (field `from` or `to`); 403 `forbidden` for anyone who does not keep the register.',
          querystring: ExportQuery,
          security: [{ session: [] }],
          produces: [type],
          response: { 200: z.any().describe(type), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const institutionId = registryInstitution(actor, 'registry.export', request.query.institutionId);
        const period = parsePeriod(request.query.from, request.query.to);
        const input = { actor, institutionId, period, t: request.t };
        const body = format === 'csv' ? await exportRegisterCsv(deps, input) : Buffer.from(await exportRegisterPdf(deps, input));
        return reply
          .type(format === 'csv' ? 'text/csv; charset=utf-8' : type)
          .header('content-disposition', `attachment; filename="${exportFilename(period, format)}"`)
          .header('cache-control', 'no-store')
          .send(body);
      },
    );
  }
}
