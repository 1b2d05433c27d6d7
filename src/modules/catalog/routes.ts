import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { AppError } from '../../platform/http/errors.ts';
import { requireActor } from '../identity/guards.ts';
import { createDraftVersion } from './create-draft-version.ts';
import { createService } from './create-service.ts';
import { DefinitionInvalidError } from './definition-invalid.ts';
import { problemText } from './describe.ts';
import { categoryFromSlug, categorySlug } from './domain/category.ts';
import { FeeRule } from './domain/fee.ts';
import { LocalText } from './domain/form-definition.ts';
import { CATEGORIES, ServiceDefinition } from './domain/service-definition.ts';
import { getPublishedService } from './get-published-service.ts';
import { getServiceHistory } from './get-service-history.ts';
import { findCatalogInstitution } from './institutions.ts';
import { publishDraft } from './publish-draft.ts';
import { searchCatalog } from './search-catalog.ts';
import { updateDraft } from './update-draft.ts';
import { withdrawService } from './withdraw-service.ts';
import { servicePath } from './views.tsx';

const Institution = z.object({ slug: z.string(), name: z.string(), shortName: z.string() });
const CatalogItem = z.object({
  institution: Institution,
  code: z.string(),
  version: z.number().int(),
  category: z.enum(CATEGORIES),
  name: LocalText,
  description: LocalText,
  applicants: z.enum(['person', 'company', 'both']),
  fee: FeeRule.describe('Amounts in bani (1 leu = 100 bani)'),
  term: z.object({ days: z.number().int(), unit: z.enum(['calendar', 'working']) }),
  tacitApproval: z.boolean(),
  url: z.string().describe('The public page of the service'),
});
const SearchQuery = z.object({
  q: z.string().max(200).optional().describe('Words to search for; diacritics optional; results best first'),
  category: z
    .string()
    .max(60)
    .optional()
    .describe(`One of: ${CATEGORIES.join(', ')} (or with hyphens, e.g. stare-civila); any other value is answered 400 \`catalog.category_unknown\` (field \`category\`), as the register's filters answer a value they cannot read`),
  institution: z
    .string()
    .max(60)
    .optional()
    .describe('Institution slug, e.g. sector5, dgitl5, dgaspc5; an unknown one is answered 400 `catalog.institution_unknown` (field `institution`)'),
});
const ServiceParams = z.object({ institution: z.string().max(60).describe('Institution slug'), code: z.string().max(40) });
const InstitutionParams = z.object({ institution: z.string().max(60).describe('Institution slug') });
const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional() }), requestId: z.string() });
const Problem = z.object({ path: z.string(), code: z.string(), params: z.record(z.string(), z.string()).optional(), message: z.string() });
const InvalidDefinitionBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), problems: z.array(Problem).optional(), fields: z.record(z.string(), z.string()).optional() }),
  requestId: z.string(),
});
const Draft = z.object({ code: z.string(), version: z.number().int(), status: z.enum(['draft', 'published', 'retired']), definition: ServiceDefinition });
const VersionInfo = z.object({ version: z.number().int(), status: z.enum(['draft', 'published', 'retired']), createdAt: z.string(), publishedAt: z.string().nullable() });
const NewServiceBody = z.object({
  code: z.string().max(40),
  category: z.enum(CATEGORIES),
  nameRo: z.string().max(200),
  nameEn: z.string().max(200),
  departmentCode: z.string().max(40),
});
const security = [{ session: [], csrf: [] }];

async function institutionIdOf(deps: AppDeps, slug: string): Promise<string> {
  const inst = await findCatalogInstitution(deps.db, slug);
  if (!inst) throw new AppError('catalog.service_not_found', 'not_found');
  return inst.id;
}

/** JSON API of the catalogue: published services for everyone; drafts and publishing for administrators. */
export function registerCatalogRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/v1/catalog/services',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Published services, optionally searched, by category or institution',
        querystring: SearchQuery,
        response: { 200: z.object({ services: z.array(CatalogItem) }), 400: ErrorBody },
      },
    },
    async (request) => {
      const { q, category, institution } = request.query;
      const cat = category ? categoryFromSlug(category) : null;
      // A filter that cannot be read is named, not answered with an empty list that looks like "no such services".
      if (category && !cat) throw new AppError('catalog.category_unknown', 'invalid', { category, categories: CATEGORIES.map(categorySlug).join(', ') }, { category: 'catalog.category_unknown' });
      if (institution && !(await findCatalogInstitution(deps.db, institution)))
        throw new AppError('catalog.institution_unknown', 'invalid', { institution }, { institution: 'catalog.institution_unknown' });
      const entries = await searchCatalog(deps, { query: q, category: cat, institution: institution ?? null });
      return {
        services: entries.map((e) => ({
          institution: { slug: e.institution.slug, name: e.institution.name, shortName: e.institution.shortName },
          code: e.code,
          version: e.version,
          category: e.definition.category,
          name: e.definition.name,
          description: e.definition.description,
          applicants: e.definition.applicants,
          fee: e.definition.fee,
          term: e.definition.term,
          tacitApproval: e.definition.tacitApproval,
          url: `${deps.config.baseUrl}${servicePath(e.institution.slug, e.code)}`,
        })),
      };
    },
  );

  app.get(
    '/api/v1/catalog/services/:institution/:code',
    {
      schema: {
        tags: ['catalog'],
        summary: 'The published definition of a service (form, documents, fee, term)',
        params: ServiceParams,
        response: { 200: z.object({ institution: Institution, code: z.string(), version: z.number().int(), definition: ServiceDefinition }), 404: ErrorBody },
      },
    },
    async (request) => {
      const s = await getPublishedService(deps, { institution: request.params.institution, code: request.params.code });
      if (s.withdrawnAt) throw new AppError('catalog.service_withdrawn', 'not_found');
      return { institution: { slug: s.institution.slug, name: s.institution.name, shortName: s.institution.shortName }, code: s.code, version: s.version, definition: s.definition };
    },
  );

  app.get(
    '/api/v1/admin/catalog/services/:institution/:code/versions',
    {
      schema: {
        tags: ['catalog-admin'],
        summary: 'Every version of a service, drafts included (administrators)',
        params: ServiceParams,
        security,
        response: { 200: z.object({ code: z.string(), versions: z.array(VersionInfo) }), 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const h = await getServiceHistory(deps, { actor, institutionId: await institutionIdOf(deps, request.params.institution), code: request.params.code });
      return {
        code: h.service.code,
        versions: h.versions.map((v) => ({ version: v.version, status: v.status, createdAt: v.createdAt.toISOString(), publishedAt: v.publishedAt?.toISOString() ?? null })),
      };
    },
  );

  app.post(
    '/api/v1/admin/catalog/services/:institution',
    {
      schema: {
        tags: ['catalog-admin'],
        summary: 'Create a new service from the blank template, as draft version 1',
        params: InstitutionParams,
        body: NewServiceBody,
        security,
        response: { 201: Draft, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const institutionId = await institutionIdOf(deps, request.params.institution);
      const created = await createService(deps, { actor, institutionId, fields: request.body });
      const h = await getServiceHistory(deps, { actor, institutionId, code: created.code });
      return reply.code(201).send({ code: created.code, version: 1, status: 'draft' as const, definition: h.draft!.definition });
    },
  );

  app.post(
    '/api/v1/admin/catalog/services/:institution/:code/draft',
    {
      schema: {
        tags: ['catalog-admin'],
        summary: 'Open the next version as a draft, copied from the published one (returns the open draft if there is one)',
        params: ServiceParams,
        security,
        response: { 200: Draft, 201: Draft, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const institutionId = await institutionIdOf(deps, request.params.institution);
      const { draft, created } = await createDraftVersion(deps, { actor, institutionId, code: request.params.code });
      return reply.code(created ? 201 : 200).send({ code: request.params.code, version: draft.version, status: draft.status, definition: draft.definition });
    },
  );

  app.put(
    '/api/v1/admin/catalog/services/:institution/:code/draft',
    {
      schema: {
        tags: ['catalog-admin'],
        summary: 'Replace the draft definition; 400 with the list of problems when it is not valid',
        params: ServiceParams,
        body: z.object({ definition: z.unknown().describe('A ServiceDefinition') }),
        security,
        response: { 200: Draft, 400: InvalidDefinitionBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const institutionId = await institutionIdOf(deps, request.params.institution);
      try {
        const saved = await updateDraft(deps, { actor, institutionId, code: request.params.code, definition: request.body.definition });
        return reply.send({ code: request.params.code, version: saved.version, status: 'draft' as const, definition: saved.definition });
      } catch (err) {
        if (!(err instanceof DefinitionInvalidError)) throw err;
        return reply.code(400).send({
          error: {
            code: err.code,
            message: translate(request.locale, `errors.${err.code}`),
            problems: err.problems.map((p) => ({ path: p.path, code: p.code, params: p.params, message: problemText(request.t, p, request.body.definition) })),
          },
          requestId: request.id,
        });
      }
    },
  );

  app.post(
    '/api/v1/admin/catalog/services/:institution/:code/draft/publish',
    {
      schema: {
        tags: ['catalog-admin'],
        summary: 'Publish the draft as the current version; earlier versions and their cases stay unchanged',
        params: ServiceParams,
        security,
        response: { 200: z.object({ code: z.string(), version: z.number().int(), status: z.literal('published') }), 400: InvalidDefinitionBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const institutionId = await institutionIdOf(deps, request.params.institution);
      const { version } = await publishDraft(deps, { actor, institutionId, code: request.params.code });
      return { code: request.params.code, version, status: 'published' as const };
    },
  );

  const Withdrawal = z.object({ code: z.string(), withdrawn: z.boolean(), withdrawnAt: z.string().nullable() });
  for (const [path, withdrawn, summary] of [
    ['withdraw', true, 'Withdraw the published service from the online catalogue: not listed, no new request online; submitted cases go on'],
    ['republish', false, 'Put a withdrawn service back in the online catalogue, with its published version'],
  ] as const) {
    app.post(
      `/api/v1/admin/catalog/services/:institution/:code/${path}`,
      {
        schema: {
          tags: ['catalog-admin'],
          summary,
          params: ServiceParams,
          security,
          response: { 200: Withdrawal, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const institutionId = await institutionIdOf(deps, request.params.institution);
        const r = await withdrawService(deps, { actor, institutionId, code: request.params.code, withdrawn });
        return { code: request.params.code, withdrawn, withdrawnAt: r.withdrawnAt?.toISOString() ?? null };
      },
    );
  }
}
