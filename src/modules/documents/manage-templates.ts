import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { can } from '../../platform/auth/permissions.ts';
import { AppError } from '../../platform/http/errors.ts';
import { institutionsWhere } from '../admin/load-institution.ts';
import { listCatalogInstitutions } from '../catalog/institutions.ts';
import { getPublishedService } from '../catalog/get-published-service.ts';
import { listCatalogServices } from '../catalog/list-catalog-services.ts';
import { remedyFor } from './domain/answer-text.ts';
import { answerFieldsOf, CASE_FIELDS, checkTemplate, DEFAULT_TEMPLATE, TemplateInput, type TemplateProblem } from './domain/template.ts';
import { findLatestTemplate, insertTemplate, listTemplateVersions } from './store.ts';

/** Templates are edited by the institution's administrator (permission `documents.templates`). */
function institutionOf(actor: Actor): string {
  const [institutionId] = institutionsWhere(actor, 'documents.templates');
  if (!institutionId) throw new AppError('forbidden', 'forbidden');
  return institutionId;
}

export type TemplateListRow = { code: string; name: { ro: string; en: string }; version: number | null; published: boolean };

export async function listTemplates(deps: Pick<AppDeps, 'db'>, actor: Actor): Promise<{ institutionName: string; rows: TemplateListRow[] }> {
  const institutionId = institutionOf(actor);
  const services = await listCatalogServices(deps, { actor, institutionId });
  const versions = await listTemplateVersions(deps.db, institutionId);
  const institutionName = (await listCatalogInstitutions(deps.db)).find((i) => i.id === institutionId)?.name ?? '';
  return {
    institutionName,
    rows: services.map((s) => ({ code: s.code, name: s.name, version: versions.get(s.code) ?? null, published: s.publishedVersion !== null })),
  };
}

export type TemplateEditor = {
  code: string;
  serviceName: { ro: string; en: string };
  title: string;
  body: string;
  /** The institution's remedy for refusals of this service ('' when it uses the default). */
  remedy: string;
  /** What a refusal says without one: the default of the service's kind of case. */
  defaultRemedy: string;
  version: number | null;
  caseFields: readonly string[];
  answerFields: string[];
};

async function serviceForm(deps: Pick<AppDeps, 'db'>, institutionId: string, code: string) {
  try {
    return await getPublishedService(deps, { institution: institutionId, code });
  } catch {
    // Only published services have cases, hence answers to write.
    throw new AppError('documents.template.service_not_found', 'not_found');
  }
}

export async function getTemplateEditor(deps: Pick<AppDeps, 'db'>, actor: Actor, code: string): Promise<TemplateEditor> {
  const institutionId = institutionOf(actor);
  const service = await serviceForm(deps, institutionId, code);
  const own = await findLatestTemplate(deps.db, institutionId, code);
  return {
    code,
    serviceName: service.definition.name,
    title: own?.title ?? DEFAULT_TEMPLATE.title,
    body: own?.body ?? DEFAULT_TEMPLATE.body,
    remedy: own?.remedy ?? '',
    defaultRemedy: remedyFor(service.definition.caseKind),
    version: own?.version ?? null,
    caseFields: CASE_FIELDS,
    answerFields: answerFieldsOf(service.definition.form),
  };
}

export class TemplateInvalid extends AppError {
  constructor(readonly problems: (TemplateProblem & { field: 'title' | 'body' | 'remedy' })[], fields: Record<string, string>) {
    super('documents.template.invalid', 'invalid', {}, fields);
  }
}

/**
 * Saves a new version of a service's template after checking every placeholder against the fields of a case and
 * the questions of the service's published form; earlier versions stay (documents name the version they used).
 */
export async function saveTemplate(deps: Pick<AppDeps, 'db' | 'now'>, actor: Actor, input: { code: string; title: unknown; body: unknown; remedy?: unknown }): Promise<{ version: number }> {
  const institutionId = institutionOf(actor);
  if (!can(actor, 'documents.templates', { institutionId })) throw new AppError('forbidden', 'forbidden');
  const service = await serviceForm(deps, institutionId, input.code);
  const parsed = TemplateInput.safeParse({ title: input.title, body: input.body, remedy: input.remedy ?? undefined });
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[String(issue.path[0])] ??= issue.message.startsWith('documents.') ? issue.message : 'documents.template.invalid';
    throw new TemplateInvalid([], fields);
  }
  const answers = answerFieldsOf(service.definition.form);
  const problems = [...checkTemplate(parsed.data.title, answers).map((p) => ({ ...p, field: 'title' as const })), ...checkTemplate(parsed.data.body, answers).map((p) => ({ ...p, field: 'body' as const }))];
  if (problems.length) {
    const fields: Record<string, string> = {};
    for (const p of problems) fields[p.field] ??= p.code;
    throw new TemplateInvalid(problems, fields);
  }
  const at = deps.now();
  return deps.db.transaction(async (tx) => {
    const latest = await findLatestTemplate(tx, institutionId, input.code);
    const version = (latest?.version ?? 0) + 1;
    const id = randomUUID();
    await insertTemplate(tx, { id, institutionId, serviceCode: input.code, version, title: parsed.data.title, body: parsed.data.body, remedy: parsed.data.remedy || null, createdBy: actor.accountId, createdAt: at });
    await recordAudit(tx, {
      chain: institutionId,
      actorId: actor.accountId,
      action: 'document.template_saved',
      entity: 'document_template',
      entityId: id,
      details: { code: input.code, version },
      ip: actor.ip,
    });
    return { version };
  });
}
