import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { z } from 'zod';
import { type AppModule, SESSION_COOKIE } from '../../app.ts';
import { type Actor, ROLES } from '../../platform/auth/actor.ts';
import { can } from '../../platform/auth/permissions.ts';
import { AppError } from '../../platform/http/errors.ts';
import { formatDate } from '../../platform/i18n/format.ts';
import { registerMessages, type T } from '../../platform/i18n/i18n.ts';
import {
  Button,
  ErrorSummary,
  type FieldErrors,
  Form,
  H1,
  InsetText,
  P,
  Radios,
  SummaryList,
  Table,
  Tag,
  TextInput,
  Select,
} from '../../platform/web/components.tsx';
import { requireActor, TWO_FACTOR_SETUP_PATH } from '../identity/guards.ts';
import { revokeSession } from '../identity/session-store.ts';
import { acceptInvitation } from './accept-invitation.ts';
import { orderTree, treeOption } from '../organisation/domain/department-tree.ts';
import type { DepartmentNode } from './domain/invitation.ts';
import { findOpenInvitation } from './find-invitation.ts';
import { listBrokenWorkflows } from '../workflow/manage-workflow.ts';
import { BrokenWorkflows } from '../workflow/views.tsx';
import { inviteOfficial } from './invite-official.ts';
import { listOfficials } from './list-officials.ts';
import { institutionsWhere, loadInstitution, openDepartments } from './load-institution.ts';
import { adminMessages } from './messages.ts';
import { revokeInvitation } from './revoke-invitation.ts';
import { revokeMembership } from './revoke-membership.ts';
import { registerAdminRoutes } from './routes.ts';
import { registerAdminTemplates } from './templates.ts';
import { viewOrganisation } from './view-organisation.ts';

const IdParams = z.object({ id: z.string().uuid() });
// Loose: the CSRF check (a preHandler) reads `_csrf` from the validated body, which a strict schema would strip.
const InviteForm = z.looseObject({
  email: z.string().max(300).optional(),
  displayName: z.string().max(300).optional(),
  role: z.string().max(60).optional(),
  departmentId: z.string().max(60).optional(),
});
const JoinForm = z.looseObject({
  token: z.string().max(200).optional(),
  displayName: z.string().max(300).optional(),
  password: z.string().max(1000).optional(),
  passwordConfirm: z.string().max(1000).optional(),
});

/** The institution an administrator works on: the first one where they may use the administration pages. */
function adminInstitution(actor: Actor): string {
  const [id] = institutionsWhere(actor, 'admin.access');
  if (!id) throw new AppError('forbidden', 'forbidden');
  return id;
}

const translateAll = (t: T, errors: FieldErrors) => Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, t(v)]));


/** The tree; with `manage`, each department has a link to change (or close) it. */
function DepartmentList(props: { nodes: DepartmentNode[]; t: T; manage: boolean }): ComponentChildren {
  if (props.nodes.length === 0) return null;
  const { t } = props;
  return (
    <ul class="govuk-list govuk-list--bullet">
      {props.nodes.map((n) => (
        <li key={n.id}>
          {n.name} <span class="govuk-body-s">({t(`admin.organisation.kind.${n.kind}`)}, {n.code})</span>
          {props.manage ? (
            <>
              {' '}
              <a class="govuk-link govuk-body-s" href={`/admin/organizatie/compartimente/${n.id}`}>
                {t('organisation.department.change_link')}
                <span class="govuk-visually-hidden"> {t('organisation.department.change_link_hidden', { name: n.name })}</span>
              </a>
            </>
          ) : null}
          <DepartmentList nodes={n.children} t={t} manage={props.manage} />
        </li>
      ))}
    </ul>
  );
}

/** The administration of an institution: /admin, its officials and invitations, its organisation; and /invitatie for invitees. */
export const adminModule: AppModule = {
  name: 'admin',
  register(app, deps) {
    registerMessages('admin', adminMessages);
    registerAdminTemplates();
    registerAdminRoutes(app, deps);

    app.get('/admin', { schema: { hide: true } }, async (request, reply) => {
      const actor = requireActor(request);
      const broken = await listBrokenWorkflows(deps, actor, adminInstitution(actor));
      const { t } = request;
      const items = [
        { href: '/admin/functionari', title: t('admin.dashboard.officials'), hint: t('admin.dashboard.officials_hint') },
        { href: '/admin/mesaje', title: t('admin.dashboard.outbox'), hint: t('admin.dashboard.outbox_hint') },
        { href: '/admin/organizatie', title: t('admin.dashboard.organisation'), hint: t('admin.dashboard.organisation_hint') },
        { href: '/admin/servicii', title: t('admin.dashboard.services'), hint: t('admin.dashboard.services_hint') },
      ];
      return reply.page(
        { title: t('admin.dashboard.title') },
        <>
          <H1 caption={request.institution?.name}>{t('admin.dashboard.title')}</H1>
          <BrokenWorkflows t={t} broken={broken} />
          <ul class="govuk-list">
            {items.map((i) => (
              <li key={i.href}>
                <h2 class="govuk-heading-m govuk-!-margin-bottom-1">
                  <a class="govuk-link" href={i.href}>
                    {i.title}
                  </a>
                </h2>
                <P>{i.hint}</P>
              </li>
            ))}
          </ul>
        </>,
      );
    });

    app.get('/admin/functionari', { schema: { hide: true } }, async (request, reply) => {
      const actor = requireActor(request);
      const list = await listOfficials(deps, { actor, institutionId: adminInstitution(actor) });
      const { t } = request;
      const roleOf = (r: string) => t(`admin.role.${r}`);
      return reply.page(
        { title: t('admin.officials.title'), width: 'wide', backLink: { href: '/admin' } },
        <>
          <H1 caption={list.institutionName}>{t('admin.officials.title')}</H1>
          {list.canInvite ? <Button href="/admin/functionari/invita">{t('admin.officials.invite')}</Button> : null}
          {list.officials.length === 0 ? (
            <P>{t('admin.officials.none')}</P>
          ) : (
            <Table
              caption={t('admin.officials.table')}
              head={[
                t('admin.officials.name'),
                t('admin.officials.email'),
                t('admin.officials.role'),
                t('admin.officials.department'),
                t('admin.officials.two_factor'),
                ...(list.canManage ? [t('admin.officials.actions')] : []),
              ]}
              rows={list.officials.map((o) => [
                <>
                  {o.displayName} {o.accountId === actor.accountId ? <span class="govuk-body-s">{t('admin.officials.you')}</span> : null}
                </>,
                o.email,
                roleOf(o.role),
                o.departmentName ?? t('admin.whole_institution'),
                o.totpEnabled ? <Tag colour="green">{t('admin.officials.two_factor_on')}</Tag> : <Tag colour="orange">{t('admin.officials.two_factor_off')}</Tag>,
                ...(list.canManage
                  ? [
                      o.accountId === actor.accountId ? (
                        ''
                      ) : (
                        <Form action={`/admin/functionari/membri/${o.membershipId}/revoca`} csrfToken={request.csrfToken}>
                          <button type="submit" class="govuk-button govuk-button--warning govuk-!-margin-bottom-0" data-module="govuk-button">
                            {t('admin.officials.revoke')}
                            <span class="govuk-visually-hidden"> {t('admin.officials.revoke_hidden', { name: o.displayName, role: roleOf(o.role) })}</span>
                          </button>
                        </Form>
                      ),
                    ]
                  : []),
              ])}
            />
          )}
          {list.canInvite ? (
            list.invitations.length === 0 ? (
              <>
                <h2 class="govuk-heading-m">{t('admin.invitations.table')}</h2>
                <P>{t('admin.invitations.none')}</P>
              </>
            ) : (
              <Table
                caption={t('admin.invitations.table')}
                head={[t('admin.officials.name'), t('admin.officials.email'), t('admin.officials.role'), t('admin.officials.department'), t('admin.invitations.expires'), t('admin.officials.actions')]}
                rows={list.invitations.map((i) => [
                  i.displayName,
                  i.email,
                  roleOf(i.role),
                  i.departmentName ?? t('admin.whole_institution'),
                  formatDate(i.expiresAt),
                  <Form action={`/admin/functionari/invitatii/${i.id}/revoca`} csrfToken={request.csrfToken} key={i.id}>
                    <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
                      {t('admin.invitations.revoke')}
                      <span class="govuk-visually-hidden"> {t('admin.invitations.revoke_hidden', { email: i.email })}</span>
                    </button>
                  </Form>,
                ])}
              />
            )
          ) : null}
        </>,
      );
    });

    async function invitePage(request: FastifyRequest, reply: FastifyReply, institutionId: string, values: z.infer<typeof InviteForm>, errors: FieldErrors) {
      const { t } = request;
      const inst = await loadInstitution(deps.db, institutionId);
      if (!inst) throw new AppError('not_found', 'not_found');
      const tree = orderTree(openDepartments(inst.departments)).map((d) => ({ id: d.id, label: treeOption(d.depth, d.name) }));
      const translated = translateAll(t, errors);
      return reply.page(
        { title: t('admin.invite.title'), hasErrors: Object.keys(errors).length > 0, status: Object.keys(errors).length ? 400 : 200, backLink: { href: '/admin/functionari' } },
        <>
          <ErrorSummary title={t('common.error_summary_title')} errors={translated} />
          <H1 caption={inst.institution.name}>{t('admin.invite.title')}</H1>
          <P>{t('admin.invite.lead')}</P>
          <Form action="/admin/functionari/invita" csrfToken={request.csrfToken}>
            <TextInput name="displayName" label={t('admin.invite.name')} value={values.displayName} error={translated.displayName} autocomplete="off" spellcheck={false} />
            <TextInput name="email" type="email" label={t('admin.invite.email')} value={values.email} error={translated.email} autocomplete="off" spellcheck={false} />
            <Radios
              name="role"
              legend={t('admin.invite.role')}
              value={values.role}
              error={translated.role}
              items={ROLES.map((r) => ({ value: r, label: t(`admin.role.${r}`) }))}
            />
            <Select
              name="departmentId"
              label={t('admin.invite.department')}
              hint={t('admin.invite.department_hint')}
              error={translated.departmentId}
              value={values.departmentId}
              options={[{ value: '', label: t('admin.whole_institution') }, ...tree.map((d) => ({ value: d.id, label: d.label }))]}
            />
            <Button>{t('admin.invite.submit')}</Button>
          </Form>
        </>,
      );
    }

    app.get('/admin/functionari/invita', { schema: { hide: true } }, async (request, reply) => {
      const actor = requireActor(request);
      return invitePage(request, reply, adminInstitution(actor), {}, {});
    });

    app.post('/admin/functionari/invita', { schema: { hide: true, body: InviteForm } }, async (request, reply) => {
      const actor = requireActor(request);
      const institutionId = adminInstitution(actor);
      const b = request.body;
      try {
        const sent = await inviteOfficial(deps, {
          actor,
          institutionId,
          invite: { email: b.email ?? '', displayName: b.displayName ?? '', role: b.role ?? '', departmentId: b.departmentId || null },
        });
        const t = request.t;
        if (sent.roleAdded) {
          return reply.redirectWithFlash('/admin/functionari', t('admin.invite.role_added_flash', { name: sent.roleAdded.name, role: t(`admin.role.${sent.roleAdded.role}`) }));
        }
        return reply.redirectWithFlash('/admin/functionari', t('admin.invite.sent_flash', { email: sent.email }));
      } catch (err) {
        if (err instanceof AppError && err.kind === 'invalid' && err.fields) return invitePage(request, reply, institutionId, b, err.fields);
        throw err;
      }
    });

    app.post('/admin/functionari/invitatii/:id/revoca', { schema: { hide: true, params: IdParams } }, async (request, reply) => {
      const actor = requireActor(request);
      const { email } = await revokeInvitation(deps, { actor, invitationId: request.params.id });
      return reply.redirectWithFlash('/admin/functionari', request.t('admin.invitations.revoked_flash', { email }));
    });

    app.post('/admin/functionari/membri/:id/revoca', { schema: { hide: true, params: IdParams } }, async (request, reply) => {
      const actor = requireActor(request);
      const revoked = await revokeMembership(deps, { actor, membershipId: request.params.id });
      const t = request.t;
      return reply.redirectWithFlash('/admin/functionari', t('admin.officials.revoked_flash', { name: revoked.displayName, role: t(`admin.role.${revoked.role}`) }));
    });

    app.get('/admin/organizatie', { schema: { hide: true } }, async (request, reply) => {
      const actor = requireActor(request);
      const institutionId = institutionsWhere(actor, 'organisation.read')[0];
      if (!institutionId) throw new AppError('forbidden', 'forbidden');
      const { institution, tree, closed } = await viewOrganisation(deps, { actor, institutionId });
      const manage = can(actor, 'organisation.manage', { institutionId });
      const { t } = request;
      const row = (key: string, value: string | null) => ({ key: t(`admin.organisation.${key}`), value: value ?? '—' });
      return reply.page(
        { title: t('admin.organisation.title'), backLink: { href: '/admin' } },
        <>
          <H1 caption={institution.name}>{t('admin.organisation.title')}</H1>
          <h2 class="govuk-heading-m">{t('admin.organisation.details')}</h2>
          {can(actor, 'organisation.manage', { institutionId }) ? (
            <p class="govuk-body">
              <a class="govuk-link" href="/admin/organizatie/editare">
                {t('admin.organisation.edit_link')}
              </a>
              {' · '}
              <a class="govuk-link" href="/admin/organizatie/zile-libere">
                {t('organisation.dashboard.closures')}
              </a>
            </p>
          ) : null}
          <SummaryList
            rows={[
              row('name', institution.name),
              row('cui', institution.cui),
              row('siruta', institution.siruta),
              row('address', institution.address),
              row('email', institution.email),
              row('phone', institution.phone),
              row('website', institution.website),
              {
                key: t('admin.organisation.working_hours'),
                value: institution.workingHours.length ? (
                  <ul class="govuk-list">
                    {institution.workingHours.map((h) => (
                      <li key={h.days}>
                        {h.days}: {h.hours}
                      </li>
                    ))}
                  </ul>
                ) : (
                  '—'
                ),
              },
            ]}
          />
          <h2 class="govuk-heading-m">{t('admin.organisation.structure')}</h2>
          <InsetText>{t('admin.organisation.read_only')}</InsetText>
          {can(actor, 'organisation.manage', { institutionId }) ? (
            <Button href="/admin/organizatie/compartiment-nou" variant="secondary">
              {t('organisation.dashboard.new_department')}
            </Button>
          ) : null}
          <DepartmentList nodes={tree} t={t} manage={manage} />
          {closed.length ? (
            <>
              <h3 class="govuk-heading-s">{t('organisation.department.closed_list')}</h3>
              <ul class="govuk-list">
                {closed.map((d) => (
                  <li key={d.id}>
                    {d.name} <span class="govuk-body-s">({d.code}, {t('organisation.department.closed_on', { date: formatDate(d.closedAt) })})</span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>,
      );
    });

    // ---- the invitee's side ----

    function invalidInvitationPage(request: FastifyRequest, reply: FastifyReply) {
      const { t } = request;
      return reply.page(
        { title: t('admin.join.invalid_title'), status: 404 },
        <>
          <H1>{t('admin.join.invalid_title')}</H1>
          <P>{t('admin.join.invalid_text')}</P>
        </>,
      );
    }

    async function joinPage(request: FastifyRequest, reply: FastifyReply, token: string, values: { displayName?: string }, errors: FieldErrors) {
      const inv = await findOpenInvitation(deps, { token });
      if (!inv) return invalidInvitationPage(request, reply);
      const { t } = request;
      const translated = translateAll(t, errors);
      return reply.page(
        { title: t('admin.join.title'), hasErrors: Object.keys(errors).length > 0, status: Object.keys(errors).length ? 400 : 200 },
        <>
          <ErrorSummary title={t('common.error_summary_title')} errors={translated} />
          <H1 caption={inv.institutionName}>{t('admin.join.title')}</H1>
          <P>
            {t('admin.join.lead', {
              institution: inv.institutionName,
              role: t(`admin.role.${inv.role}`),
              department: inv.departmentName ?? t('admin.whole_institution'),
            })}
          </P>
          <P>{t('admin.join.email', { email: inv.email })}</P>
          <Form action="/invitatie" csrfToken={request.csrfToken}>
            <input type="hidden" name="token" value={token} />
            <TextInput name="displayName" label={t('admin.join.name')} value={values.displayName ?? inv.displayName} error={translated.displayName} autocomplete="name" spellcheck={false} />
            <TextInput name="password" type="password" label={t('admin.join.password')} hint={t('admin.join.password_hint')} error={translated.password} autocomplete="new-password" />
            <TextInput name="passwordConfirm" type="password" label={t('admin.join.password_confirm')} error={translated.passwordConfirm} autocomplete="new-password" />
            <InsetText>{t('admin.join.next')}</InsetText>
            <Button>{t('admin.join.submit')}</Button>
          </Form>
        </>,
      );
    }

    app.get('/invitatie', { schema: { hide: true, querystring: z.object({ token: z.string().max(200).optional() }) } }, async (request, reply) => {
      return joinPage(request, reply, request.query.token ?? '', {}, {});
    });

    app.post('/invitatie', { schema: { hide: true, body: JoinForm } }, async (request, reply) => {
      const b = request.body;
      const token = b.token ?? '';
      try {
        const joined = await acceptInvitation(deps, {
          token,
          displayName: b.displayName ?? '',
          password: b.password ?? '',
          passwordConfirm: b.passwordConfirm ?? '',
          locale: request.locale,
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
        });
        // The new official's session replaces whoever was signed in in this browser.
        if (request.actor) await revokeSession(deps.db, request.actor.sessionId, deps.now());
        reply.setCookie(SESSION_COOKIE, joined.sessionToken, { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.config.secureCookies });
        return reply.redirect(TWO_FACTOR_SETUP_PATH, 303);
      } catch (err) {
        if (err instanceof AppError && err.code === 'admin.invitation.invalid') return invalidInvitationPage(request, reply);
        if (err instanceof AppError && err.kind === 'invalid' && err.fields) return joinPage(request, reply, token, { displayName: b.displayName }, err.fields);
        throw err;
      }
    });
  },
};
