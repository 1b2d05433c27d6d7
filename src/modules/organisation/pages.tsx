import type { ComponentChildren } from 'preact';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppDeps, AppModule } from '../../app.ts';
import { can } from '../../platform/auth/permissions.ts';
import { AppError } from '../../platform/http/errors.ts';
import { multipartBody, readMultipartForm } from '../../platform/http/multipart.ts';
import { registerMessages } from '../../platform/i18n/i18n.ts';
import { SHA256_HEX } from '../../platform/storage/blob-store.ts';
import { bucharestDay, publicHolidays } from '../../platform/calendar/calendar.ts';
import { formatDate } from '../../platform/i18n/format.ts';
import { Button, DateInput, ErrorSummary, FileUpload, Form, H1, Radios, Select, Table, Textarea, TextInput, WarningText } from '../../platform/web/components.tsx';
import { addDepartment, DEPARTMENT_KINDS } from './add-department.ts';
import { blockerItems } from './blocker-texts.ts';
import { changeDepartment, closeDepartment, type DepartmentBlockers, getDepartment, hasBlockers } from './change-department.ts';
import { orderTree, subtreeOf, treeOption } from './domain/department-tree.ts';
import { addClosure, listClosures, removeClosure } from './closures.ts';
import { requireActor } from '../identity/guards.ts';
import { formatWorkingHours } from './domain/institution-details.ts';
import { organisationMessages } from './messages.ts';
import { registerOrganisationRoutes } from './routes.ts';
import { type DepartmentRow, findInstitution, listDepartments } from './store.ts';
import { LOGO_MAX_BYTES, setInstitutionLogo, updateInstitution } from './update-institution.ts';

const EDIT_PATH = '/admin/organizatie/editare';
const LOGO_PATH = '/admin/organizatie/sigla';
const CLOSURES_PATH = '/admin/organizatie/zile-libere';
const DEPARTMENT_PATH = '/admin/organizatie/compartiment-nou';
const DEPARTMENTS_PATH = '/admin/organizatie/compartimente';
export const departmentPath = (id: string) => `${DEPARTMENTS_PATH}/${id}`;

/** The first institution where the actor may edit the institution's details. */
function managedInstitution(request: FastifyRequest): string {
  const actor = requireActor(request);
  const id = actor.memberships.map((m) => m.institutionId).find((i) => can(actor, 'organisation.manage', { institutionId: i }));
  if (!id) throw new AppError('forbidden', 'forbidden');
  return id;
}

type Values = Record<string, string>;

async function renderEdit(request: FastifyRequest, reply: FastifyReply, deps: AppDeps, values: Values | null, errors: Record<string, string>, status = 200) {
  const { t } = request;
  const id = managedInstitution(request);
  const inst = await findInstitution(deps.db, id);
  if (!inst) throw new AppError('not_found', 'not_found');
  const v: Values = values ?? {
    name: inst.name,
    shortName: inst.shortName,
    cui: inst.cui,
    siruta: inst.siruta ?? '',
    address: inst.address,
    email: inst.email ?? '',
    phone: inst.phone ?? '',
    website: inst.website ?? '',
    workingHours: formatWorkingHours(inst.workingHours),
  };
  const e = Object.fromEntries(Object.entries(errors).map(([k, key]) => [k, t(`errors.${key}`)]));
  const field = (name: string, extra: Partial<Parameters<typeof TextInput>[0]> = {}) => (
    <TextInput name={name} label={t(`organisation.field.${name}`)} value={v[name]} error={e[name]} errorPrefix={t('common.error')} {...extra} />
  );
  return reply.page(
    { title: t('organisation.edit.title'), hasErrors: Object.keys(e).length > 0, status, backLink: { href: '/admin/organizatie' } },
    <>
      <ErrorSummary title={t('common.error_summary_title')} errors={e} />
      <H1 caption={inst.name}>{t('organisation.edit.title')}</H1>
      <Form action={EDIT_PATH} csrfToken={request.csrfToken}>
        {field('name', { autocomplete: 'organization' })}
        {field('shortName', { hint: t('organisation.field.shortName_hint') })}
        {field('cui', { width: 10, hint: t('organisation.field.cui_hint'), spellcheck: false })}
        {field('siruta', { width: 10, inputmode: 'numeric', hint: t('organisation.field.siruta_hint') })}
        {field('address', { autocomplete: 'street-address' })}
        {field('email', { type: 'email', spellcheck: false })}
        {field('phone', { type: 'tel', width: 20 })}
        {field('website', { type: 'url', hint: t('organisation.field.website_hint'), spellcheck: false })}
        <Textarea
          name="workingHours"
          label={t('organisation.field.workingHours')}
          hint={t('organisation.field.workingHours_hint')}
          value={v.workingHours}
          error={e.workingHours}
          errorPrefix={t('common.error')}
          rows={5}
        />
        <Button>{t('common.save')}</Button>
      </Form>
      <h2 class="govuk-heading-m">{t('organisation.logo.title')}</h2>
      {inst.logoSha256 ? (
        <p class="govuk-body">
          <img src={`/sigla/${inst.id}?v=${inst.logoSha256.slice(0, 12)}`} alt={t('organisation.logo.current', { name: inst.name })} class="pd-logo-preview" />
        </p>
      ) : (
        <p class="govuk-body">{t('organisation.logo.none')}</p>
      )}
      <Form action={LOGO_PATH} csrfToken={request.csrfToken} multipart>
        <FileUpload name="logo" label={t('organisation.logo.label')} hint={t('organisation.logo.hint')} error={e.logo} errorPrefix={t('common.error')} accept="image/png,image/jpeg" />
        <Button variant="secondary">{t('organisation.logo.submit')}</Button>
      </Form>
    </>,
  );
}

async function renderClosures(request: FastifyRequest, reply: FastifyReply, deps: AppDeps, values: Values, errors: Record<string, string>, status = 200) {
  const { t } = request;
  const actor = requireActor(request);
  const institutionId = managedInstitution(request);
  const rows = await listClosures(deps, { actor, institutionId });
  const today = bucharestDay(deps.now());
  const year = Number(today.slice(0, 4));
  const e = Object.fromEntries(Object.entries(errors).map(([k, key]) => [k, t(`errors.${key}`)]));
  const holidays = [...publicHolidays(year), ...publicHolidays(year + 1)].filter((h) => h.date >= today).slice(0, 8);
  return reply.page(
    { title: t('organisation.closures.title'), hasErrors: Object.keys(e).length > 0, status, backLink: { href: '/admin/organizatie' } },
    <>
      <ErrorSummary title={t('common.error_summary_title')} errors={e} fieldIds={{ day: 'day-day' }} />
      <H1>{t('organisation.closures.title')}</H1>
      <p class="govuk-body">{t('organisation.closures.intro')}</p>
      {rows.length ? (
        <Table
          caption={t('organisation.closures.list')}
          head={[t('organisation.closures.day'), t('organisation.closures.reason'), t('organisation.closures.actions')]}
          rows={rows.map((r) => [
            formatDate(r.day),
            r.reason,
            r.day > today ? (
              <Form action={`${CLOSURES_PATH}/sterge`} csrfToken={request.csrfToken}>
                <input type="hidden" name="day" value={r.day} />
                <Button variant="secondary">
                  {t('organisation.closures.remove')}
                  <span class="govuk-visually-hidden"> {formatDate(r.day)}</span>
                </Button>
              </Form>
            ) : (
              '—'
            ),
          ])}
        />
      ) : (
        <p class="govuk-body">{t('organisation.closures.none')}</p>
      )}
      <h2 class="govuk-heading-m">{t('organisation.closures.add')}</h2>
      <Form action={CLOSURES_PATH} csrfToken={request.csrfToken}>
        <DateInput
          name="day"
          legend={t('organisation.closures.day')}
          hint={t('organisation.closures.day_hint')}
          value={{ day: values['day-day'], month: values['day-month'], year: values['day-year'] }}
          error={e.day}
          errorPrefix={t('common.error')}
          labels={{ day: t('common.day'), month: t('common.month'), year: t('common.year') }}
        />
        <TextInput name="reason" label={t('organisation.closures.reason')} hint={t('organisation.closures.reason_hint')} value={values.reason} error={e.reason} errorPrefix={t('common.error')} />
        <Button>{t('organisation.closures.submit')}</Button>
      </Form>
      <h2 class="govuk-heading-m">{t('organisation.closures.holidays')}</h2>
      <ul class="govuk-list">
        {holidays.map((h) => (
          <li key={h.date + h.name.en}>
            {formatDate(h.date)} — {h.name[request.locale]}
          </li>
        ))}
      </ul>
    </>,
  );
}

/** A department's page: the new-department form, or (with `existing`) the change form of an open department. */
async function renderDepartmentForm(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: AppDeps,
  values: Values,
  errors: Record<string, string>,
  status = 200,
  existing?: DepartmentRow,
) {
  const { t } = request;
  const institutionId = managedInstitution(request);
  const all = orderTree(await listDepartments(deps.db, institutionId));
  // A department cannot go under itself or under one of its own sub-departments.
  const tree = existing ? all.filter((d) => !subtreeOf(all, existing.id).has(d.id)) : all;
  const e = Object.fromEntries(Object.entries(errors).map(([k, key]) => [k, t(`errors.${key}`)]));
  const title = existing ? t('organisation.department.change_title', { name: existing.name }) : t('organisation.department.title');
  return reply.page(
    { title, hasErrors: Object.keys(e).length > 0, status, backLink: { href: '/admin/organizatie' } },
    <>
      <ErrorSummary title={t('common.error_summary_title')} errors={e} fieldIds={{ kind: 'kind' }} />
      <H1 caption={existing ? t('organisation.department.code_caption', { code: existing.code }) : undefined}>{title}</H1>
      <p class="govuk-body">{t(existing ? 'organisation.department.change_intro' : 'organisation.department.intro')}</p>
      <Form action={existing ? departmentPath(existing.id) : DEPARTMENT_PATH} csrfToken={request.csrfToken}>
        <Select
          name="parentId"
          label={t('organisation.department.parent')}
          hint={t('organisation.department.parent_hint')}
          value={values.parentId}
          error={e.parentId}
          errorPrefix={t('common.error')}
          options={[{ value: '', label: t('organisation.department.top_level') }, ...tree.map((d) => ({ value: d.id, label: treeOption(d.depth, `${d.name} (${d.code})`) }))]}
        />
        <Radios
          name="kind"
          legend={t('organisation.department.kind')}
          value={values.kind}
          error={e.kind}
          errorPrefix={t('common.error')}
          small
          items={DEPARTMENT_KINDS.map((k) => ({ value: k, label: t(`organisation.department.kind.${k}`) }))}
        />
        <TextInput name="name" label={t('organisation.department.name')} hint={t('organisation.department.name_hint')} value={values.name} error={e.name} errorPrefix={t('common.error')} />
        {existing ? null : (
          <TextInput name="code" label={t('organisation.department.code')} hint={t('organisation.department.code_hint')} value={values.code} error={e.code} errorPrefix={t('common.error')} width={10} spellcheck={false} />
        )}
        <TextInput name="decision" label={t('organisation.department.decision')} hint={t('organisation.department.decision_hint')} value={values.decision} error={e.decision} errorPrefix={t('common.error')} />
        <Button>{t(existing ? 'organisation.department.change_submit' : 'organisation.department.submit')}</Button>
      </Form>
      {existing ? (
        <>
          <h2 class="govuk-heading-m">{t('organisation.department.close_heading')}</h2>
          <p class="govuk-body">
            <a class="govuk-link" href={`${departmentPath(existing.id)}/desfiintare`}>
              {t('organisation.department.close_link', { name: existing.name })}
            </a>
          </p>
        </>
      ) : null}
    </>,
  );
}

/** What keeps a department open, each with what to do about it. */
function BlockerList(props: { blockers: DepartmentBlockers; t: FastifyRequest['t'] }): ComponentChildren {
  return (
    <ul class="govuk-list govuk-list--bullet">
      {blockerItems(props.t, props.blockers).map(({ text, href, link }) => (
        <li key={text}>
          {text}{' '}
          <a class="govuk-link" href={href}>
            {link}
          </a>
        </li>
      ))}
    </ul>
  );
}

async function renderCloseDepartment(request: FastifyRequest, reply: FastifyReply, deps: AppDeps, values: Values, errors: Record<string, string>, status = 200) {
  const { t } = request;
  const actor = requireActor(request);
  const { department, blockers } = await getDepartment(deps, { actor, institutionId: managedInstitution(request), departmentId: (request.params as { id: string }).id });
  const e = Object.fromEntries(Object.entries(errors).map(([k, key]) => [k, t(`errors.${key}`)]));
  const title = t('organisation.department.close_title', { name: department.name });
  return reply.page(
    { title, hasErrors: Object.keys(e).length > 0, status, backLink: { href: departmentPath(department.id) } },
    <>
      <ErrorSummary title={t('common.error_summary_title')} errors={e} />
      <H1 caption={t('organisation.department.code_caption', { code: department.code })}>{title}</H1>
      {hasBlockers(blockers) ? (
        <>
          <p class="govuk-body">{t('organisation.department.close_blocked')}</p>
          <BlockerList blockers={blockers} t={t} />
          <p class="govuk-body">{t('organisation.department.close_blocked_after')}</p>
        </>
      ) : (
        <>
          <p class="govuk-body">{t('organisation.department.close_intro')}</p>
          <WarningText assistive={t('common.warning')}>{t('organisation.department.close_warning')}</WarningText>
          <Form action={`${departmentPath(department.id)}/desfiintare`} csrfToken={request.csrfToken}>
            <TextInput name="decision" label={t('organisation.department.close_decision')} hint={t('organisation.department.decision_hint')} value={values.decision} error={e.decision} errorPrefix={t('common.error')} />
            <Button variant="warning">{t('organisation.department.close_submit')}</Button>
          </Form>
        </>
      )}
    </>,
  );
}

const isoFromParts = (v: Values) => {
  const d = (v['day-day'] ?? '').trim().padStart(2, '0');
  const m = (v['day-month'] ?? '').trim().padStart(2, '0');
  const y = (v['day-year'] ?? '').trim();
  const iso = `${y}-${m}-${d}`;
  const check = new Date(`${iso}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) && !Number.isNaN(check.getTime()) && check.toISOString().slice(0, 10) === iso ? iso : 'invalid';
};

export const organisationModule: AppModule = {
  name: 'organisation',
  async register(app, deps) {
    registerMessages('organisation', organisationMessages);
    registerOrganisationRoutes(app, deps);

    app.get(EDIT_PATH, { schema: { hide: true } }, async (request, reply) => renderEdit(request, reply, deps, null, {}));

    app.post(EDIT_PATH, { schema: { hide: true } }, async (request, reply) => {
      const actor = requireActor(request);
      const form = (request.body ?? {}) as Values;
      try {
        const { warning } = await updateInstitution(deps, { actor, institutionId: managedInstitution(request), form });
        return reply.redirectWithFlash('/admin/organizatie', request.t(warning ? 'organisation.edit.saved_with_warning' : 'organisation.edit.saved'), warning ? 'info' : 'success');
      } catch (err) {
        if (err instanceof AppError && err.fields) return renderEdit(request, reply, deps, form, err.fields, 400);
        throw err;
      }
    });

    await app.register(async (scope) => {
      await scope.register(fastifyMultipart, { throwFileSizeLimit: false });
      scope.post(LOGO_PATH, { schema: { hide: true }, preValidation: multipartBody(LOGO_MAX_BYTES, 1) }, async (request, reply) => {
        const actor = requireActor(request);
        const form = readMultipartForm(request, deps.config.sessionSecret);
        const file = form.files.logo?.[0];
        try {
          if (file?.truncated) throw new AppError('validation', 'invalid', {}, { logo: 'organisation.logo_too_large' });
          await setInstitutionLogo(deps, { actor, institutionId: managedInstitution(request), bytes: file?.bytes ?? null });
          return reply.redirectWithFlash(EDIT_PATH, request.t('organisation.logo.saved'));
        } catch (err) {
          if (err instanceof AppError && err.fields) return renderEdit(request, reply, deps, null, err.fields, 400);
          throw err;
        }
      });
    });

    app.get(DEPARTMENT_PATH, { schema: { hide: true } }, async (request, reply) => renderDepartmentForm(request, reply, deps, {}, {}));

    app.post(DEPARTMENT_PATH, { schema: { hide: true } }, async (request, reply) => {
      const actor = requireActor(request);
      const values = (request.body ?? {}) as Values;
      try {
        const added = await addDepartment(deps, { actor, institutionId: managedInstitution(request), form: values });
        return reply.redirectWithFlash('/admin/organizatie', request.t('organisation.department.added', { name: added.name }));
      } catch (err) {
        if (err instanceof AppError && err.fields) return renderDepartmentForm(request, reply, deps, values, err.fields, 400);
        throw err;
      }
    });

    const DeptParams = z.object({ id: z.string().max(64) });

    app.get(`${DEPARTMENTS_PATH}/:id`, { schema: { hide: true, params: DeptParams } }, async (request, reply) => {
      const actor = requireActor(request);
      const { department } = await getDepartment(deps, { actor, institutionId: managedInstitution(request), departmentId: request.params.id });
      return renderDepartmentForm(request, reply, deps, { parentId: department.parentId ?? '', kind: department.kind, name: department.name }, {}, 200, department);
    });

    app.post(`${DEPARTMENTS_PATH}/:id`, { schema: { hide: true, params: DeptParams } }, async (request, reply) => {
      const actor = requireActor(request);
      const values = (request.body ?? {}) as Values;
      const input = { actor, institutionId: managedInstitution(request), departmentId: request.params.id };
      try {
        const { department, changed } = await changeDepartment(deps, { ...input, form: values });
        const message = changed.length ? request.t('organisation.department.changed', { name: department.name }) : request.t('organisation.department.unchanged');
        return reply.redirectWithFlash('/admin/organizatie', message, changed.length ? 'success' : 'info');
      } catch (err) {
        if (err instanceof AppError && err.fields) {
          const { department } = await getDepartment(deps, input);
          // 409: the tree changed under the form (another administrator's move); 400: what was typed is wrong.
          return renderDepartmentForm(request, reply, deps, values, err.fields, err.kind === 'conflict' ? 409 : 400, department);
        }
        throw err;
      }
    });

    app.get(`${DEPARTMENTS_PATH}/:id/desfiintare`, { schema: { hide: true, params: DeptParams } }, async (request, reply) => renderCloseDepartment(request, reply, deps, {}, {}));

    app.post(`${DEPARTMENTS_PATH}/:id/desfiintare`, { schema: { hide: true, params: DeptParams } }, async (request, reply) => {
      const actor = requireActor(request);
      const values = (request.body ?? {}) as Values;
      try {
        const result = await closeDepartment(deps, { actor, institutionId: managedInstitution(request), departmentId: request.params.id, decision: values.decision });
        // Something was sent to it since the page was shown: the page now says what.
        if ('blockers' in result) return renderCloseDepartment(request, reply, deps, values, {}, 409);
        return reply.redirectWithFlash('/admin/organizatie', request.t('organisation.department.closed', { name: result.department.name }));
      } catch (err) {
        if (err instanceof AppError && err.fields) return renderCloseDepartment(request, reply, deps, values, err.fields, 400);
        throw err;
      }
    });

    app.get(CLOSURES_PATH, { schema: { hide: true } }, async (request, reply) => renderClosures(request, reply, deps, {}, {}));

    app.post(CLOSURES_PATH, { schema: { hide: true } }, async (request, reply) => {
      const actor = requireActor(request);
      const values = (request.body ?? {}) as Values;
      try {
        await addClosure(deps, { actor, institutionId: managedInstitution(request), day: isoFromParts(values), reason: values.reason ?? '', today: bucharestDay(deps.now()) });
        return reply.redirectWithFlash(CLOSURES_PATH, request.t('organisation.closures.added'));
      } catch (err) {
        if (err instanceof AppError && err.fields) return renderClosures(request, reply, deps, values, err.fields, 400);
        throw err;
      }
    });

    app.post(`${CLOSURES_PATH}/sterge`, { schema: { hide: true } }, async (request, reply) => {
      const actor = requireActor(request);
      const day = String((request.body as Values | undefined)?.day ?? '');
      await removeClosure(deps, { actor, institutionId: managedInstitution(request), day, today: bucharestDay(deps.now()) });
      return reply.redirectWithFlash(CLOSURES_PATH, request.t('organisation.closures.removed'));
    });

    // Public: the header of every page shows the logo.
    app.get('/sigla/:id', { schema: { hide: true, params: z.object({ id: z.uuid() }) } }, async (request, reply) => {
      const inst = await findInstitution(deps.db, request.params.id);
      if (!inst?.logoSha256 || !SHA256_HEX.test(inst.logoSha256) || !inst.logoMediaType) throw new AppError('not_found', 'not_found');
      const bytes = await deps.blobs.get(inst.logoSha256);
      if (!bytes) throw new AppError('not_found', 'not_found');
      return reply.type(inst.logoMediaType).header('cache-control', 'public, max-age=86400').header('x-content-type-options', 'nosniff').send(Buffer.from(bytes));
    });
  },
};
