import type { T } from '../../platform/i18n/i18n.ts';
import type { LiveTexts } from '../../platform/web/live-updates.tsx';
import { formatDate, formatDateTime, formatFileSize } from '../../platform/i18n/format.ts';
import { hasMessage } from '../../platform/i18n/i18n.ts';
import { ScrollBox, SummaryList, Table, Tag, type TagColour } from '../../platform/web/components.tsx';
import type { CaseStatus } from '../cases/domain/case-state.ts';
import type { ActionBy, CaseDetail, FetchedDocumentView, TimelineEntry } from '../cases/case-detail.ts';
import { issuerName } from '../catalog/domain/service-definition.ts';
import type { DeadlineView } from './domain/deadline.ts';
import { answerSummary } from './domain/answer-summary.ts';

export const STATUS_COLOURS: Record<CaseStatus, TagColour> = {
  registered: 'blue',
  assigned: 'light-blue',
  awaiting_applicant: 'orange',
  in_approval: 'purple',
  approved: 'turquoise',
  signed: 'turquoise',
  issued: 'green',
  rejected: 'red',
  withdrawn: 'grey',
  redirected: 'grey',
  joined: 'grey',
  archived: 'grey',
};

export const dayText = (iso: string) => formatDate(`${iso}T12:00:00Z`);

/**
 * The status as its reader sees it: the citizen's wording speaks to the applicant ("from you"); an official
 * (`office`) reads the same status about the applicant.
 */
export function statusText(t: T, status: CaseStatus, office = false): string {
  return office && hasMessage(`tracking.office.status.${status}`) ? t(`tracking.office.status.${status}`) : t(`tracking.status.${status}`);
}

/** A timeline entry's name, worded for the applicant or (`office`) for an official. */
export function actionText(t: T, type: TimelineEntry['type'], office = false): string {
  return office && hasMessage(`tracking.office.action.${type}`) ? t(`tracking.office.action.${type}`) : t(`tracking.action.${type}`);
}

/** Statuses worded as a sentence ("Așteaptă documente de la dumneavoastră"): squeezed into a one-word tag's width they wrap word by word. */
const SENTENCE_STATUSES = new Set<CaseStatus>(['awaiting_applicant', 'signed', 'issued']);

export function StatusTag(props: { t: T; status: CaseStatus; office?: boolean }) {
  return (
    <Tag colour={STATUS_COLOURS[props.status]} sentence={SENTENCE_STATUSES.has(props.status)}>
      {statusText(props.t, props.status, props.office)}
    </Tag>
  );
}

/** "mai sunt 5 zile" / "termenul expiră astăzi" / "depășit cu 2 zile" / closed. */
export function daysLeftText(t: T, d: DeadlineView): string {
  if (d.daysLeft === null) return t('tracking.no_answer_expected');
  if (d.stopped) return t('tracking.deadline_closed');
  if (d.daysLeft === 0) return t('tracking.due_today');
  if (d.daysLeft > 0) return t.plural('tracking.days_left', d.daysLeft);
  return t.plural('tracking.overdue_by', -d.daysLeft);
}

export function Deadline(props: { t: T; deadline: DeadlineView }) {
  const { t, deadline } = props;
  if (deadline.dueOn === null) return <>{t('tracking.no_answer_expected')}</>;
  return (
    <>
      {dayText(deadline.dueOn)} <span class="govuk-body-s">({daysLeftText(t, deadline)})</span>
      {deadline.overdue ? (
        <>
          {' '}
          <Tag colour="red">{t('tracking.overdue')}</Tag>
        </>
      ) : null}
    </>
  );
}

/**
 * Who did something, as the reader sees it: the applicant reads "You"; an official (`applicantName` given) reads
 * the applicant's name, so the citizen's actions and messages are never shown as the official's own.
 */
export function byText(t: T, by: ActionBy, applicantName?: string): string {
  if (by.kind === 'applicant') return applicantName ? t('tracking.by.applicant_named', { name: applicantName }) : t('tracking.by.applicant');
  if (by.kind === 'official') {
    const roles = by.roles.map((r) => [hasMessage(`tracking.role.${r.role}`) ? t(`tracking.role.${r.role}`) : r.role, r.departmentName].filter(Boolean).join(', '));
    return [by.name, ...roles].join(' – ');
  }
  return by.name ?? t('tracking.by.institution');
}

function entryDetail(t: T, e: TimelineEntry): string | null {
  if (e.type === 'extended' && e.days) return `+${e.days} – ${e.reason ?? ''}`;
  if (e.type === 'term_recounted' && e.recount) return t('tracking.case.term_recounted', { from: dayText(e.recount.from), to: dayText(e.recount.to) });
  if (e.type === 'assigned' && e.to) return t('tracking.case.assigned_to', { name: e.to });
  if (e.type === 'forwarded' && e.to) return e.to;
  if (e.type === 'message') return null;
  if (e.refusal) return t('tracking.case.refusal_proposed', { reason: e.reason ?? '' });
  if (e.type === 'completed' && e.registryNumber) return [t('tracking.case.completion_registered', { number: e.registryNumber }), e.text].filter(Boolean).join('\n');
  return e.text ?? e.reason;
}

/** The case's history; an official's view (`applicantName` given) names the applicant instead of "you". */
export function Timeline(props: { t: T; timeline: TimelineEntry[]; applicantName?: string }) {
  const { t } = props;
  return (
    <ScrollBox label={t('tracking.case.timeline_caption')}>
      <Table
        caption={<span class="govuk-visually-hidden">{t('tracking.case.timeline_caption')}</span>}
        head={[t('tracking.case.when'), t('tracking.case.what'), t('tracking.case.who')]}
        stackOnPhone
        rows={props.timeline.map((e) => {
          const detail = entryDetail(t, e);
          return [
            formatDateTime(e.at),
            <>
              {actionText(t, e.type, props.applicantName !== undefined)}
              {detail ? <div class="govuk-body-s pd-multiline">{detail}</div> : null}
            </>,
            byText(t, e.by, props.applicantName),
          ];
        })}
      />
    </ScrollBox>
  );
}

export function Messages(props: { t: T; timeline: TimelineEntry[]; applicantName?: string }) {
  const { t } = props;
  const messages = props.timeline.filter((e) => e.type === 'message');
  if (messages.length === 0) return <p class="govuk-body">{t('tracking.case.no_messages')}</p>;
  return (
    <ul class="govuk-list">
      {messages.map((m) => (
        <li key={m.seq} class="govuk-inset-text">
          <p class="govuk-body-s">
            <strong>{byText(t, m.by, props.applicantName)}</strong>, {formatDateTime(m.at)}
          </p>
          <p class="govuk-body pd-multiline">{m.text}</p>
        </li>
      ))}
    </ul>
  );
}

export function Documents(props: { t: T; detail: CaseDetail; hrefFor: ((id: string) => string) | null; applicantName?: string }) {
  const { t, detail } = props;
  if (detail.documents.length === 0) return <p class="govuk-body">{t('tracking.case.no_documents')}</p>;
  return (
    <ScrollBox label={t('tracking.case.documents_caption')}>
      <Table
        caption={<span class="govuk-visually-hidden">{t('tracking.case.documents_caption')}</span>}
        head={[t('tracking.case.document'), t('tracking.case.direction'), t('tracking.case.document_added'), t('tracking.case.size')]}
        stackOnPhone
        rows={detail.documents.map((d) => [
          props.hrefFor ? (
            <>
              <a class="govuk-link" href={props.hrefFor(d.id)} download={d.filename}>
                {d.filename}
                <span class="govuk-visually-hidden"> ({t('tracking.case.download')})</span>
              </a>
              {d.purpose ? <span class="govuk-hint govuk-!-margin-bottom-0 govuk-!-font-size-16">{d.purpose[t.locale]}</span> : null}
            </>
          ) : (
            <>
              {d.filename}
              {d.purpose ? <span class="govuk-hint govuk-!-margin-bottom-0 govuk-!-font-size-16">{d.purpose[t.locale]}</span> : null}
            </>
          ),
          props.applicantName && d.direction === 'in'
            ? t('tracking.case.direction.in_office', { name: props.applicantName })
            : d.viaRegistry
              ? t('tracking.case.direction.in_registry')
              : t(`tracking.case.direction.${d.direction}`),
          formatDateTime(d.createdAt),
          formatFileSize(d.sizeBytes, t.locale),
        ])}
      />
    </ScrollBox>
  );
}

/** For the official: the documents the city hall must obtain itself from their issuers (OUG 41/2016), with the consent's time. */
export function FetchedDocuments(props: { t: T; documents: FetchedDocumentView[] }) {
  const { t } = props;
  if (props.documents.length === 0) return null;
  return (
    <section aria-labelledby="documente-de-obtinut">
      <h2 class="govuk-heading-m" id="documente-de-obtinut">
        {t('tracking.office.fetched.title')}
      </h2>
      <p class="govuk-body">{t('tracking.office.fetched.lead')}</p>
      <ScrollBox label={t('tracking.office.fetched.caption')}>
        <Table
          caption={<span class="govuk-visually-hidden">{t('tracking.office.fetched.caption')}</span>}
          head={[t('tracking.office.fetched.document'), t('tracking.office.fetched.issuer'), t('tracking.office.fetched.consent_at')]}
          rows={props.documents.map((d) => [d.name[t.locale], d.issuer ? issuerName(d.issuer, t.locale) : t('tracking.office.fetched.issuer_unknown'), formatDateTime(d.consentAt)])}
        />
      </ScrollBox>
    </section>
  );
}

/**
 * The applicant's answers in the form's order. A request registered on paper has no typed answers (the scan is the
 * request): it shows the register's short content, which the form's questions would not find.
 */
export function Answers(props: { t: T; detail: CaseDetail }) {
  const { t, detail } = props;
  if (detail.answers.registeredOnPaper === true) {
    const summary = [detail.answers.content, detail.answers.subject].find((v): v is string => typeof v === 'string' && v !== '');
    return (
      <>
        <p class="govuk-body">{t('tracking.case.paper_lead')}</p>
        <SummaryList rows={[{ key: t('tracking.case.paper_summary'), value: <span class="pd-multiline">{summary ?? '—'}</span> }]} />
      </>
    );
  }
  const lines = answerSummary(detail.form, detail.answers, t.locale);
  if (lines.length === 0) return null;
  return (
    <SummaryList
      rows={lines.map((l) => ({
        key: l.label,
        value: (
          <>
            <span class="pd-multiline">{l.value}</span>
            {l.place ? (
              <>
                <br />
                <a class="govuk-link" href={mapLink(l.place)} rel="noreferrer noopener" target="_blank">
                  {t('tracking.case.map_link')}
                </a>
              </>
            ) : null}
          </>
        ),
      }))}
    />
  );
}

/** A place on OpenStreetMap's own site (opened by the reader, in a new tab): the coordinates alone tell an inspector little. */
const mapLink = (p: { lat: number; lng: number }) => `https://www.openstreetmap.org/?mlat=${p.lat}&mlon=${p.lng}#map=18/${p.lat}/${p.lng}`;

export function Extensions(props: { t: T; detail: CaseDetail }) {
  const { t } = props;
  if (props.detail.extensions.length === 0) return null;
  return (
    <ul class="govuk-list govuk-list--bullet">
      {props.detail.extensions.map((x, i) => (
        <li key={i}>
          {t('tracking.case.extension', {
            date: dayText(x.day),
            days: t.plural('common.days', x.days),
            reason: x.reason === 'completion_requested' ? t('tracking.case.extension_completion') : x.reason,
          })}
        </li>
      ))}
    </ul>
  );
}

/** A case page's live texts (platform/web/live-updates.tsx). */
export const caseLiveTexts = (t: T): LiveTexts => ({
  announce: t('tracking.live.updated'),
  noticeTitle: t('tracking.live.notice_title'),
  notice: t('tracking.live.notice'),
  reload: t('tracking.live.reload'),
});
