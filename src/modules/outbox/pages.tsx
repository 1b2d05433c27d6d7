import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { formatDateTime, formatFileSize } from '../../platform/i18n/format.ts';
import type { T } from '../../platform/i18n/i18n.ts';
import { Button, Form, H1, InsetText, P, Pagination, ScrollBox, SummaryList, Table, Tag, type TagColour, TextInput, WarningText } from '../../platform/web/components.tsx';
import { requireActor } from '../identity/guards.ts';
import { splitLinks, redactUrl } from './domain/message-links.ts';
import { getOutboxMessage } from './get-outbox-message.ts';
import { listOutboxMessages, type OutboxPage } from './list-outbox-messages.ts';
import { type OutboxViewer, revealsSecrets } from './outbox-viewer.ts';
import type { OutboxAttachmentRow, OutboxRow } from './store.ts';

export const ADMIN_OUTBOX_PATH = '/admin/mesaje';
export const DEV_OUTBOX_PATH = '/dev/mesaje';

const ListQuery = z.object({
  catre: z.string().trim().max(200).optional().catch(undefined),
  pagina: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});
const MessageParams = z.object({ id: z.string().max(64) });

const STATUS_COLOUR: Record<OutboxRow['status'], TagColour> = { queued: 'blue', sent: 'green', failed: 'red' };

type Surface = { base: string; dev: boolean };

/** The administrators' outbox (permission `outbox.read`) and, outside production, the developers' copy without sign-in. */
export function registerOutboxPages(app: App, deps: AppDeps): void {
  const surfaces: { surface: Surface; viewer: (request: FastifyRequest) => OutboxViewer }[] = [
    { surface: { base: ADMIN_OUTBOX_PATH, dev: false }, viewer: (request) => ({ kind: 'official', actor: requireActor(request) }) },
  ];
  if (deps.config.env !== 'production') {
    surfaces.push({ surface: { base: DEV_OUTBOX_PATH, dev: true }, viewer: () => ({ kind: 'developer' }) });
  }

  for (const { surface, viewer } of surfaces) {
    app.get(surface.base, { schema: { hide: true, querystring: ListQuery } }, async (request, reply) => {
      const { t } = request;
      const result = await listOutboxMessages(deps, { viewer: viewer(request), recipient: request.query.catre, page: request.query.pagina });
      const title = t(surface.dev ? 'outbox.dev_title' : 'outbox.title');
      return reply.page(
        { title, width: 'wide' },
        <OutboxList t={t} surface={surface} result={result} recipient={request.query.catre ?? ''} mailMode={deps.config.mail.mode} />,
      );
    });

    app.get(`${surface.base}/:id`, { schema: { hide: true, params: MessageParams } }, async (request, reply) => {
      const { t } = request;
      const v = viewer(request);
      const message = await getOutboxMessage(deps, { viewer: v, id: request.params.id });
      return reply.page(
        { title: message.subject ?? t('outbox.message.no_subject'), backLink: { href: surface.base, label: t('outbox.back') } },
        <OutboxMessage t={t} surface={surface} message={message} reveal={revealsSecrets(deps, v)} />,
      );
    });
  }
}

function DevNotice(props: { t: T }) {
  return (
    <>
      <WarningText assistive={props.t('common.warning')}>{props.t('outbox.dev_warning')}</WarningText>
      <P>{props.t('outbox.dev_how')}</P>
    </>
  );
}

function preview(message: OutboxRow): string {
  if (message.subject) return message.subject;
  return message.bodyText.length > 80 ? `${message.bodyText.slice(0, 79)}…` : message.bodyText;
}

function StatusTag(props: { t: T; status: OutboxRow['status'] }) {
  return <Tag colour={STATUS_COLOUR[props.status]}>{props.t(`outbox.status.${props.status}`)}</Tag>;
}

function OutboxList(props: { t: T; surface: Surface; result: OutboxPage; recipient: string; mailMode: 'outbox' | 'smtp' }) {
  const { t, surface, result, recipient } = props;
  const hrefFor = (page: number) => {
    const q = new URLSearchParams();
    if (recipient) q.set('catre', recipient);
    if (page > 1) q.set('pagina', String(page));
    const s = q.toString();
    return s ? `${surface.base}?${s}` : surface.base;
  };
  return (
    <>
      <H1 caption={t(surface.dev ? 'outbox.dev_caption' : 'outbox.caption')}>{t(surface.dev ? 'outbox.dev_title' : 'outbox.title')}</H1>
      {surface.dev ? <DevNotice t={t} /> : null}
      <P>{t('outbox.lead')}</P>
      <InsetText>{t(`outbox.mode.${props.mailMode}`)}</InsetText>
      <Form action={surface.base} method="get" csrfToken="">
        <TextInput name="catre" label={t('outbox.filter.recipient')} hint={t('outbox.filter.hint')} value={recipient} width={30} spellcheck={false} />
        <Button variant="secondary" preventDoubleClick={false}>
          {t('outbox.filter.submit')}
        </Button>
      </Form>
      {recipient ? (
        <P>
          <a class="govuk-link" href={surface.base}>
            {t('outbox.filter.clear')}
          </a>
        </P>
      ) : null}
      {result.messages.length === 0 ? (
        <P>{recipient ? t('outbox.empty_filtered', { recipient }) : t('outbox.empty')}</P>
      ) : (
        <ScrollBox label={t('outbox.title')}>
          <Table
            caption={t.plural('outbox.count', result.total)}
            head={[t('outbox.col.subject'), t('outbox.col.recipient'), t('outbox.col.channel'), t('outbox.col.status'), t('outbox.col.created')]}
            rows={result.messages.map((m) => [
              <a class="govuk-link" href={`${surface.base}/${m.id}`} key={m.id}>
                {preview(m)}
              </a>,
              <span class="govuk-!-text-break-word" key="r">
                {m.recipient}
              </span>,
              t(`outbox.channel.${m.channel}`),
              <StatusTag t={t} status={m.status} key="s" />,
              formatDateTime(m.createdAt),
            ])}
          />
        </ScrollBox>
      )}
      <Pagination
        page={result.page}
        pageCount={result.pageCount}
        hrefFor={hrefFor}
        labels={{ previous: t('common.previous'), next: t('common.next'), nav: t('common.pagination'), page: (n) => t('common.page_n', { n }) }}
      />
    </>
  );
}

/** The text body with its web addresses as links (or, when secrets are hidden, as redacted text). */
function MessageBody(props: { text: string; reveal: boolean }) {
  const paragraphs = props.text.split(/\n{2,}/);
  return (
    <div class="pd-message-body">
      {paragraphs.map((para, i) => (
        <p class="govuk-body govuk-!-text-break-word" key={i}>
          {para.split('\n').map((line, j) => (
            <>
              {j > 0 ? <br /> : null}
              {splitLinks(line).map((seg, k) =>
                seg.kind === 'text' ? (
                  seg.text
                ) : props.reveal ? (
                  <a class="govuk-link" href={seg.url} key={k}>
                    {seg.url}
                  </a>
                ) : (
                  <span key={k}>{redactUrl(seg.url)}</span>
                ),
              )}
            </>
          ))}
        </p>
      ))}
    </div>
  );
}

function OutboxMessage(props: { t: T; surface: Surface; message: OutboxRow & { attachments: OutboxAttachmentRow[] }; reveal: boolean }) {
  const { t, message: m } = props;
  const none = t('outbox.message.none');
  const hasLinks = splitLinks(m.bodyText).some((s) => s.kind === 'url');
  return (
    <>
      <H1 caption={t(props.surface.dev ? 'outbox.dev_caption' : 'outbox.caption')}>{m.subject ?? t('outbox.message.no_subject')}</H1>
      {props.surface.dev ? <DevNotice t={t} /> : null}
      <SummaryList
        rows={[
          { key: t('outbox.message.recipient'), value: <span class="govuk-!-text-break-word">{m.recipient}</span> },
          { key: t('outbox.message.channel'), value: t(`outbox.channel.${m.channel}`) },
          { key: t('outbox.message.status'), value: <StatusTag t={t} status={m.status} /> },
          { key: t('outbox.message.attempts'), value: String(m.attempts) },
          { key: t('outbox.message.last_error'), value: m.lastError ?? none },
          { key: t('outbox.message.provider_id'), value: m.providerId ?? none },
          { key: t('outbox.message.template'), value: `${m.template} (${m.locale})` },
          ...(m.channel === 'email' ? [{ key: t('outbox.message.attachments'), value: m.attachments.length ? m.attachments.map((a) => `${a.filename} (${formatFileSize(a.sizeBytes, t.locale)})`).join(', ') : none }] : []),
          { key: t('outbox.message.created'), value: formatDateTime(m.createdAt) },
          { key: t('outbox.message.sent'), value: m.sentAt ? formatDateTime(m.sentAt) : none },
        ]}
      />
      <h2 class="govuk-heading-m">{t('outbox.message.body')}</h2>
      {!props.reveal && hasLinks ? <InsetText>{t('outbox.message.links_hidden')}</InsetText> : null}
      <MessageBody text={m.bodyText} reveal={props.reveal} />
    </>
  );
}
