import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { AppError } from '../../platform/http/errors.ts';
import { formatDateTime } from '../../platform/i18n/format.ts';
import type { T } from '../../platform/i18n/i18n.ts';
import { Button, Details, ErrorSummary, type FieldErrors, Form, H1, InsetText, P, Radios, Table, Tag, type TagColour, Textarea, TextInput } from '../../platform/web/components.tsx';
import { requireActor } from '../identity/guards.ts';
import { catalogInstitutionsOf } from './authorize.ts';
import { createDraftVersion } from './create-draft-version.ts';
import { createService } from './create-service.ts';
import { DefinitionInvalidError } from './definition-invalid.ts';
import { localText, problemText } from './describe.ts';
import { QUESTION_TYPES } from './domain/form-definition.ts';
import { CATEGORIES, ServiceDefinition } from './domain/service-definition.ts';
import { getServiceHistory } from './get-service-history.ts';
import { treeLabel } from '../organisation/domain/department-tree.ts';
import { type CatalogInstitution, departmentsOf, departmentTreeOf, findCatalogInstitution, listCatalogInstitutions } from './institutions.ts';
import { listCatalogServices } from './list-catalog-services.ts';
import { publishDraft } from './publish-draft.ts';
import { updateDraft } from './update-draft.ts';
import { withdrawService } from './withdraw-service.ts';
import { CitizenPages, DefinitionWords, servicePath } from './views.tsx';

const ListQuery = z.looseObject({ institutie: z.string().max(60).optional() });
const InstitutionParams = z.object({ institution: z.string().max(60) });
const ServiceParams = z.object({ institution: z.string().max(60), code: z.string().max(40) });
const VersionParams = ServiceParams.extend({ version: z.coerce.number().int().min(1).max(100000) });
// Loose: the CSRF check reads `_csrf` from the body.
const DraftForm = z.looseObject({ definition: z.string().max(900_000).optional() });
const NewServiceForm = z.looseObject({
  code: z.string().max(100).optional(),
  category: z.string().max(60).optional(),
  nameRo: z.string().max(500).optional(),
  nameEn: z.string().max(500).optional(),
  departmentCode: z.string().max(60).optional(),
});

const STATUS_COLOUR: Record<string, TagColour> = { draft: 'yellow', published: 'green', retired: 'grey' };
const adminBase = (inst: CatalogInstitution, code?: string) => `/admin/servicii/${encodeURIComponent(inst.slug)}${code ? `/${encodeURIComponent(code)}` : ''}`;

async function institutionOf(deps: AppDeps, slug: string): Promise<CatalogInstitution> {
  const inst = await findCatalogInstitution(deps.db, slug);
  if (!inst) throw new AppError('not_found', 'not_found');
  return inst;
}

/** The institution an /admin/servicii page is about: the one asked for, else the first the actor manages. */
async function listInstitution(deps: AppDeps, request: FastifyRequest, asked: string | undefined) {
  const actor = requireActor(request);
  const all = await listCatalogInstitutions(deps.db);
  const managed = catalogInstitutionsOf(actor);
  const chosen =
    (asked ? all.find((i) => i.slug === asked) : undefined) ??
    all.find((i) => i.id === managed[0]) ??
    all.find((i) => actor.memberships.some((m) => m.institutionId === i.id)) ??
    all[0];
  if (!chosen) throw new AppError('not_found', 'not_found');
  return { actor, chosen, others: all.filter((i) => managed.includes(i.id) && i.id !== chosen.id) };
}

function StatusTag(props: { t: T; status: string }) {
  return <Tag colour={STATUS_COLOUR[props.status]}>{props.t(`catalog.status.${props.status}`)}</Tag>;
}

function problemsAsErrors(t: T, err: DefinitionInvalidError, raw: unknown): FieldErrors {
  // The summary links every problem to the textarea; keys only need to be distinct.
  return Object.fromEntries(err.problems.map((p, i) => [`definition#${i}`, problemText(t, p, raw)]));
}

/**
 * The draft as the editor shows it, in the order of the model (code, category, name… ; "ro" before "en"): the database
 * (jsonb) hands keys back shortest first, which put "fee" above "code" and "schemaVersion" under the pages.
 */
function definitionText(definition: unknown): string {
  const parsed = ServiceDefinition.safeParse(definition);
  return JSON.stringify(parsed.success ? parsed.data : definition, null, 2);
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * What a definition may hold, at hand in the editor: an administrator without a developer has only this page to
 * learn the question types, conditions, groups, fee kinds, terms and document flags, and the department codes.
 */
function DefinitionReference(props: { t: T; departments: { code: string; name: string }[] }) {
  const { t } = props;
  const code = (text: string) => <code>{text}</code>;
  return (
    <Details summary={t('catalog.editor.reference.summary')}>
      <h3 class="govuk-heading-s">{t('catalog.editor.reference.types')}</h3>
      <ul class="govuk-list govuk-list--bullet">
        {[...QUESTION_TYPES, 'group'].map((type) => (
          <li key={type}>
            {code(`"type": "${type}"`)} — {t(`catalog.qtype.${type}`)}
          </li>
        ))}
      </ul>
      <P>{t('catalog.editor.reference.options')}</P>
      <h3 class="govuk-heading-s">{t('catalog.editor.reference.conditions')}</h3>
      <P>{t('catalog.editor.reference.conditions_text')}</P>
      <pre class="pd-code">{'"showIf": { "question": "lucrare_tip", "equals": "bransament" }\n"showIf": { "question": "lucrare_tip", "in": ["bransament", "reparatie"] }'}</pre>
      <h3 class="govuk-heading-s">{t('catalog.editor.reference.group')}</h3>
      <pre class="pd-code">{'{ "id": "echipa", "type": "group", "label": { "ro": "…", "en": "…" },\n  "minItems": 1, "maxItems": 5, "questions": [ … ] }'}</pre>
      <h3 class="govuk-heading-s">{t('catalog.editor.reference.fee')}</h3>
      <ul class="govuk-list govuk-list--bullet">
        {(['none', 'fixed', 'per_unit', 'by_option', 'percent'] as const).map((kind) => (
          <li key={kind}>
            {code(`"kind": "${kind}"`)} — {t(`catalog.editor.reference.fee.${kind}`)}
          </li>
        ))}
      </ul>
      <h3 class="govuk-heading-s">{t('catalog.editor.reference.term')}</h3>
      <P>{t('catalog.editor.reference.term_text')}</P>
      <h3 class="govuk-heading-s">{t('catalog.editor.reference.documents')}</h3>
      <P>{t('catalog.editor.reference.documents_text')}</P>
      <h3 class="govuk-heading-s">{t('catalog.editor.reference.departments')}</h3>
      <ul class="govuk-list">
        {props.departments.map((d) => (
          <li key={d.code}>
            {code(d.code)} — {d.name}
          </li>
        ))}
      </ul>
    </Details>
  );
}

/** The administrator's catalogue editor: services, version history, drafts edited as JSON, previews, publishing. */
export function registerCatalogAdminPages(app: App, deps: AppDeps): void {
  app.get('/admin/servicii', { schema: { hide: true, querystring: ListQuery } }, async (request, reply) => {
    const { actor, chosen, others } = await listInstitution(deps, request, request.query.institutie);
    const services = await listCatalogServices(deps, { actor, institutionId: chosen.id });
    const { t } = request;
    return reply.page(
      { title: t('catalog.admin.title'), width: 'wide', backLink: { href: '/admin' } },
      <>
        <H1 caption={chosen.name}>{t('catalog.admin.title')}</H1>
        <P>{t('catalog.admin.intro')}</P>
        {others.length ? (
          <ul class="govuk-list">
            {others.map((o) => (
              <li key={o.id}>
                <a class="govuk-link" href={`/admin/servicii?institutie=${encodeURIComponent(o.slug)}`}>
                  {o.name}
                </a>
              </li>
            ))}
          </ul>
        ) : null}
        <Button href={`${adminBase(chosen)}/nou`} variant="secondary">
          {t('catalog.admin.new')}
        </Button>
        <Table
          caption={t('catalog.admin.table')}
          head={[t('catalog.admin.col.code'), t('catalog.admin.col.name'), t('catalog.admin.col.category'), t('catalog.admin.col.published'), t('catalog.admin.col.draft')]}
          rows={services.map((s) => [
            s.code,
            <a class="govuk-link" href={adminBase(chosen, s.code)} key="n">
              {localText(t, s.name)}
            </a>,
            t(`catalog.category.${s.category}`),
            s.publishedVersion ? (s.withdrawn ? t('catalog.admin.published_withdrawn', { version: s.publishedVersion }) : `v${s.publishedVersion}`) : t('catalog.admin.not_published'),
            s.draftVersion ? <Tag colour="yellow">{t('catalog.admin.draft_version', { version: s.draftVersion })}</Tag> : t('catalog.admin.no_draft'),
          ])}
        />
      </>,
    );
  });

  app.get('/admin/servicii/:institution/nou', { schema: { hide: true, params: InstitutionParams } }, async (request, reply) => {
    const actor = requireActor(request);
    const inst = await institutionOf(deps, request.params.institution);
    // The list use case checks the permission, so a citizen never sees the form.
    await listCatalogServices(deps, { actor, institutionId: inst.id });
    return newServicePage(request, reply, inst, {}, {});
  });

  app.post('/admin/servicii/:institution/nou', { schema: { hide: true, params: InstitutionParams, body: NewServiceForm } }, async (request, reply) => {
    const actor = requireActor(request);
    const inst = await institutionOf(deps, request.params.institution);
    try {
      const created = await createService(deps, { actor, institutionId: inst.id, fields: request.body });
      return reply.redirectWithFlash(`${adminBase(inst, created.code)}/ciorna`, request.t('catalog.new.created', { code: created.code }));
    } catch (err) {
      if (err instanceof AppError && err.code === 'validation' && err.fields) {
        const errors = Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, request.t(v)]));
        return newServicePage(request, reply, inst, request.body, errors);
      }
      throw err;
    }
  });

  async function newServicePage(
    request: FastifyRequest,
    reply: FastifyReply,
    inst: CatalogInstitution,
    values: Record<string, unknown>,
    errors: FieldErrors,
  ) {
    const { t } = request;
    const departments = await departmentTreeOf(deps.db, inst.id);
    const v = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
    const hasErrors = Object.keys(errors).length > 0;
    return reply.page(
      { title: t('catalog.new.title'), hasErrors, status: hasErrors ? 400 : 200, backLink: { href: `/admin/servicii?institutie=${encodeURIComponent(inst.slug)}` } },
      <>
        <ErrorSummary title={t('common.error_summary_title')} errors={errors} />
        <H1 caption={inst.name}>{t('catalog.new.title')}</H1>
        <P>{t('catalog.new.intro')}</P>
        <Form action={`${adminBase(inst)}/nou`} csrfToken={request.csrfToken}>
          <TextInput name="code" label={t('catalog.new.code')} hint={t('catalog.new.code_hint')} value={v('code')} error={errors.code} width={20} spellcheck={false} />
          <Radios
            name="category"
            legend={t('catalog.new.category')}
            value={v('category')}
            error={errors.category}
            items={CATEGORIES.map((c) => ({ value: c, label: t(`catalog.category.${c}`) }))}
          />
          <TextInput name="nameRo" label={t('catalog.new.name_ro')} value={v('nameRo')} error={errors.nameRo} />
          <TextInput name="nameEn" label={t('catalog.new.name_en')} value={v('nameEn')} error={errors.nameEn} />
          <Radios
            name="departmentCode"
            legend={t('catalog.new.department')}
            value={v('departmentCode')}
            error={errors.departmentCode}
            small
            items={departments.map((d) => ({ value: d.code, label: treeLabel(d.depth, `${d.name} (${d.code})`) }))}
          />
          <Button>{t('catalog.new.submit')}</Button>
        </Form>
      </>,
    );
  }

  app.get('/admin/servicii/:institution/:code', { schema: { hide: true, params: ServiceParams } }, async (request, reply) => {
    const actor = requireActor(request);
    const inst = await institutionOf(deps, request.params.institution);
    const h = await getServiceHistory(deps, { actor, institutionId: inst.id, code: request.params.code });
    const { t } = request;
    const base = adminBase(inst, h.service.code);
    const current = h.draft ?? h.published ?? h.versions[0];
    return reply.page(
      { title: current ? localText(t, current.definition.name) : h.service.code, width: 'wide', backLink: { href: `/admin/servicii?institutie=${encodeURIComponent(inst.slug)}` } },
      <>
        <H1 caption={`${inst.shortName} · ${h.service.code}`}>{current ? localText(t, current.definition.name) : h.service.code}</H1>
        {h.published ? (
          <P>
            <a class="govuk-link" href={servicePath(inst.slug, h.service.code)}>
              {t('catalog.admin.public_page')}
            </a>
          </P>
        ) : null}
        {h.published && h.service.withdrawnAt ? (
          <Form action={`${base}/republicare`} csrfToken={request.csrfToken}>
            <P>
              <Tag colour="red">{t('catalog.admin.withdrawn_tag')}</Tag>
            </P>
            <P>{t('catalog.admin.withdrawn_since', { date: formatDateTime(h.service.withdrawnAt) })}</P>
            <P>{t('catalog.admin.republish_hint', { version: h.published.version })}</P>
            <Button variant="secondary">{t('catalog.admin.republish')}</Button>
          </Form>
        ) : h.published ? (
          <Details summary={t('catalog.admin.withdraw')}>
            <Form action={`${base}/retragere`} csrfToken={request.csrfToken}>
              <P>{t('catalog.admin.withdraw_hint')}</P>
              <Button variant="warning">{t('catalog.admin.withdraw')}</Button>
            </Form>
          </Details>
        ) : null}
        {h.draft ? (
          <Button href={`${base}/ciorna`}>{t('catalog.admin.edit_draft', { version: h.draft.version })}</Button>
        ) : (
          <Form action={`${base}/versiune-noua`} csrfToken={request.csrfToken}>
            <P>{t('catalog.admin.new_draft_hint')}</P>
            <Button>{t('catalog.admin.new_draft')}</Button>
          </Form>
        )}
        <Table
          caption={t('catalog.admin.history')}
          head={[t('catalog.admin.col.version'), t('catalog.admin.col.status'), t('catalog.admin.col.created'), t('catalog.admin.col.published_at'), t('catalog.admin.col.actions')]}
          rows={h.versions.map((v) => [
            `v${v.version}`,
            <StatusTag t={t} status={v.status} key="s" />,
            formatDateTime(v.createdAt),
            v.publishedAt ? formatDateTime(v.publishedAt) : '—',
            <span key="a">
              <a class="govuk-link" href={`${base}/versiuni/${v.version}`}>
                {t('catalog.admin.view', { version: v.version })}
              </a>
              <br />
              <a class="govuk-link" href={`${base}/versiuni/${v.version}/cetatean`}>
                {t('catalog.admin.view_citizen', { version: v.version })}
              </a>
            </span>,
          ])}
        />
      </>,
    );
  });

  for (const [path, withdrawn] of [
    ['retragere', true],
    ['republicare', false],
  ] as const) {
    app.post(`/admin/servicii/:institution/:code/${path}`, { schema: { hide: true, params: ServiceParams, body: DraftForm } }, async (request, reply) => {
      const actor = requireActor(request);
      const inst = await institutionOf(deps, request.params.institution);
      const { changed } = await withdrawService(deps, { actor, institutionId: inst.id, code: request.params.code, withdrawn });
      const text = withdrawn ? 'catalog.admin.withdrawn' : 'catalog.admin.republished';
      return reply.redirectWithFlash(adminBase(inst, request.params.code), request.t(text, { code: request.params.code }), changed ? 'success' : 'info');
    });
  }

  app.post('/admin/servicii/:institution/:code/versiune-noua', { schema: { hide: true, params: ServiceParams, body: DraftForm } }, async (request, reply) => {
    const actor = requireActor(request);
    const inst = await institutionOf(deps, request.params.institution);
    const { draft, created } = await createDraftVersion(deps, { actor, institutionId: inst.id, code: request.params.code });
    const text = created ? 'catalog.admin.draft_created' : 'catalog.admin.draft_exists';
    return reply.redirectWithFlash(`${adminBase(inst, request.params.code)}/ciorna`, request.t(text, { version: draft.version }), created ? 'success' : 'info');
  });

  async function editorPage(
    request: FastifyRequest,
    reply: FastifyReply,
    inst: CatalogInstitution,
    code: string,
    text: string | null,
    errors: FieldErrors,
  ) {
    const actor = requireActor(request);
    const h = await getServiceHistory(deps, { actor, institutionId: inst.id, code });
    if (!h.draft) throw new AppError('catalog.draft_not_found', 'not_found');
    const { t } = request;
    const base = adminBase(inst, h.service.code);
    const hasErrors = Object.keys(errors).length > 0;
    const value = text ?? definitionText(h.draft.definition);
    const draftName = localText(t, h.draft.definition.name);
    return reply.page(
      { title: `${t('catalog.editor.title')}: ${draftName}`, hasErrors, status: hasErrors ? 400 : 200, width: 'wide', backLink: { href: base } },
      <>
        <ErrorSummary title={t('common.error_summary_title')} errors={errors} fieldIds={Object.fromEntries(Object.keys(errors).map((k) => [k, 'definition']))} />
        <H1 caption={t('catalog.editor.caption', { service: draftName, version: h.draft.version })}>{t('catalog.editor.title')}</H1>
        {/*
          One form: "Publicați" sends the text in the textarea too, so what is published is what the administrator
          sees. With a form of its own it published the last saved draft and silently dropped the edits typed since.
        */}
        <div data-pd-unsaved-warning>
          <Form action={`${base}/ciorna`} csrfToken={request.csrfToken}>
            <Textarea
              name="definition"
              label={t('catalog.editor.label')}
              hint={t('catalog.editor.hint')}
              value={value}
              rows={30}
              spellcheck={false}
              error={hasErrors ? t('catalog.editor.field_error') : undefined}
            />
            <Button>{t('catalog.editor.save')}</Button>
            <Details summary={t('catalog.editor.date_bounds.summary')}>
              <P>{t('catalog.editor.date_bounds.intro')}</P>
              <pre class="pd-code">{'"notBefore": { "daysFromFiling": 9 },\n"notAfter": { "daysFromFiling": 0 }'}</pre>
              <ul class="govuk-list govuk-list--bullet">
                <li>{t('catalog.editor.date_bounds.days')}</li>
                <li>{t('catalog.editor.date_bounds.examples')}</li>
                <li>{t('catalog.editor.date_bounds.shown')}</li>
              </ul>
            </Details>
            <DefinitionReference t={t} departments={await departmentsOf(deps.db, inst.id)} />
            <h2 class="govuk-heading-m">{t('catalog.editor.previews')}</h2>
            <ul class="govuk-list">
              <li>
                <a class="govuk-link" href={`${base}/versiuni/${h.draft.version}`}>
                  {t('catalog.editor.preview')}
                </a>
              </li>
              <li>
                <a class="govuk-link" href={`${base}/versiuni/${h.draft.version}/cetatean`}>
                  {t('catalog.editor.preview_citizen')}
                </a>
              </li>
            </ul>
            <h2 class="govuk-heading-m">{t('catalog.editor.publish_heading')}</h2>
            <InsetText>{t('catalog.editor.publish_hint')}</InsetText>
            <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button" formaction={`${base}/ciorna/publicare`}>
              {t('catalog.editor.publish', { version: h.draft.version })}
            </button>
          </Form>
        </div>
      </>,
    );
  }

  app.get('/admin/servicii/:institution/:code/ciorna', { schema: { hide: true, params: ServiceParams } }, async (request, reply) => {
    const inst = await institutionOf(deps, request.params.institution);
    return editorPage(request, reply, inst, request.params.code, null, {});
  });

  app.post('/admin/servicii/:institution/:code/ciorna', { schema: { hide: true, params: ServiceParams, body: DraftForm } }, async (request, reply) => {
    const actor = requireActor(request);
    const inst = await institutionOf(deps, request.params.institution);
    const text = request.body.definition ?? '';
    try {
      await updateDraft(deps, { actor, institutionId: inst.id, code: request.params.code, text });
    } catch (err) {
      if (err instanceof DefinitionInvalidError) return editorPage(request, reply, inst, request.params.code, text, problemsAsErrors(request.t, err, tryParse(text)));
      throw err;
    }
    return reply.redirectWithFlash(`${adminBase(inst, request.params.code)}/ciorna`, request.t('catalog.editor.saved'));
  });

  app.post('/admin/servicii/:institution/:code/ciorna/publicare', { schema: { hide: true, params: ServiceParams, body: DraftForm } }, async (request, reply) => {
    const actor = requireActor(request);
    const inst = await institutionOf(deps, request.params.institution);
    const text = request.body.definition;
    try {
      // The editor's publish button sends the textarea: save what is on the screen first, then publish it.
      if (text !== undefined) await updateDraft(deps, { actor, institutionId: inst.id, code: request.params.code, text });
      const { version } = await publishDraft(deps, { actor, institutionId: inst.id, code: request.params.code });
      return reply.redirectWithFlash(adminBase(inst, request.params.code), request.t('catalog.editor.published', { version }));
    } catch (err) {
      if (err instanceof DefinitionInvalidError) return editorPage(request, reply, inst, request.params.code, text ?? null, problemsAsErrors(request.t, err, text === undefined ? null : tryParse(text)));
      throw err;
    }
  });

  async function loadVersion(request: FastifyRequest, params: z.infer<typeof VersionParams>) {
    const actor = requireActor(request);
    const inst = await institutionOf(deps, params.institution);
    const h = await getServiceHistory(deps, { actor, institutionId: inst.id, code: params.code });
    const version = h.versions.find((v) => v.version === params.version);
    if (!version) throw new AppError('not_found', 'not_found');
    const department = (await departmentsOf(deps.db, inst.id)).find((d) => d.code === version.definition.departmentCode);
    return { inst, h, version, departmentName: department?.name ?? null, definition: version.definition as ServiceDefinition };
  }

  app.get('/admin/servicii/:institution/:code/versiuni/:version', { schema: { hide: true, params: VersionParams } }, async (request, reply) => {
    const { inst, h, version, definition, departmentName } = await loadVersion(request, request.params);
    const { t } = request;
    return reply.page(
      { title: `${t('catalog.preview.title', { version: version.version })}: ${localText(t, definition.name)}`, backLink: { href: adminBase(inst, h.service.code), label: t('catalog.preview.back') } },
      <>
        <H1 caption={t('catalog.preview.caption', { service: localText(t, definition.name), status: t(`catalog.status.${version.status}`) })}>
          {t('catalog.preview.title', { version: version.version })}
        </H1>
        <DefinitionWords t={t} definition={definition} institutionName={inst.name} departmentName={departmentName} />
      </>,
    );
  });

  app.get('/admin/servicii/:institution/:code/versiuni/:version/cetatean', { schema: { hide: true, params: VersionParams } }, async (request, reply) => {
    const { inst, h, version, definition } = await loadVersion(request, request.params);
    const { t } = request;
    return reply.page(
      { title: t('catalog.citizen.title', { version: version.version }), backLink: { href: adminBase(inst, h.service.code), label: t('catalog.preview.back') } },
      <>
        <H1 caption={localText(t, definition.name)}>{t('catalog.citizen.title', { version: version.version })}</H1>
        <InsetText>{t('catalog.citizen.note')}</InsetText>
        <CitizenPages t={t} definition={definition} />
      </>,
    );
  });
}
