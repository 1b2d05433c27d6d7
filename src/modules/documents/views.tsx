import { randomUUID } from 'node:crypto';
import { formatDateTime } from '../../platform/i18n/format.ts';
import type { T } from '../../platform/i18n/i18n.ts';
import { Button, Details, type FieldErrors, Form, InsetText, SummaryList, Tag, TextInput } from '../../platform/web/components.tsx';
import type { AnswerPanel, AnswerVersion } from './get-answer-panel.ts';
import { titleOf } from './domain/signers.ts';

export const answerPath = (caseId: string) => `/birou/dosare/${caseId}/raspuns`;
export const answerPdfPath = (caseId: string, documentId: string) => `${answerPath(caseId)}/${documentId}/pdf`;
export const verificationPath = (documentId: string) => `/verificare/${documentId}`;

const STATUS_COLOUR = { signing: 'yellow', signed: 'blue', issued: 'green', superseded: 'grey' } as const;
const OUTCOME_COLOUR = { granted: 'green', refused: 'red', information: 'blue', partial: 'orange' } as const;

function Version(props: { t: T; caseId: string; v: AnswerVersion }) {
  const { t, v } = props;
  return (
    <SummaryList
      rows={[
        { key: t('documents.panel.status'), value: <Tag colour={STATUS_COLOUR[v.status]}>{t(`documents.status.${v.status}`)}</Tag> },
        ...(v.outcome ? [{ key: t('documents.panel.outcome'), value: <Tag colour={OUTCOME_COLOUR[v.outcome]}>{t(`documents.answer.outcome.${v.outcome}`)}</Tag> }] : []),
        ...(v.exemption ? [{ key: t('documents.answer.exemption'), value: t(`documents.exemption.${v.exemption}`) }] : []),
        { key: t('documents.panel.outgoing'), value: v.outgoingNumber },
        {
          key: t('documents.panel.signers'),
          value: (
            <ol class="govuk-list govuk-list--number">
              {v.signers.map((s) => (
                <li key={s.accountId}>
                  {t(`documents.role.${titleOf(s)}`)} — {s.name}:{' '}
                  {s.signedAt ? t('documents.panel.signed_at', { time: formatDateTime(s.signedAt) }) : t('documents.panel.waiting')}
                </li>
              ))}
              {v.seal ? <li>{t('documents.panel.seal', { name: v.seal.name, time: formatDateTime(v.seal.signedAt) })}</li> : null}
            </ol>
          ),
        },
        { key: t('documents.panel.sha256'), value: <span class="pd-code">{v.sha256}</span> },
        {
          key: 'PDF',
          value: (
            <>
              <a class="govuk-link" href={answerPdfPath(props.caseId, v.id)}>
                {t('documents.panel.view', { version: v.version })}
              </a>
              {v.status === 'issued' ? (
                <>
                  {' · '}
                  <a class="govuk-link" href={verificationPath(v.id)}>
                    {t('documents.panel.verify')}
                  </a>
                </>
              ) : null}
            </>
          ),
        },
      ]}
    />
  );
}

/**
 * The answer document on the official's case page: the current version, signing, issuing, corrections. On a page of
 * its own (`standalone`) the page's heading names it, so the section does not repeat it.
 */
export function AnswerPanelView(props: { t: T; csrfToken: string; panel: AnswerPanel; errors?: FieldErrors; standalone?: boolean; issueOffered?: boolean }) {
  const { t, panel } = props;
  const { current } = panel;
  const base = answerPath(panel.caseId);
  const errors = props.errors ?? {};
  return (
    <section aria-labelledby="raspuns-title" id="raspuns">
      {props.standalone ? null : (
        <h2 class="govuk-heading-m" id="raspuns-title">
          {t('documents.panel.title')}
        </h2>
      )}
      {current ? (
        <>
          <h3 class="govuk-heading-s">{t('documents.panel.version', { version: current.version })}</h3>
          <Version t={t} caseId={panel.caseId} v={current} />
        </>
      ) : (
        <p class="govuk-body">{t('documents.panel.none')}</p>
      )}
      {panel.next ? <p class="govuk-body">{t('documents.panel.next', { name: panel.next.name })}</p> : null}
      {panel.signAfterStep ? <p class="govuk-inset-text">{t('documents.panel.sign_after_step', { step: panel.signAfterStep[t.locale] })}</p> : null}
      {panel.may.sign && current ? (
        panel.hasKey ? (
          <Form action={`${base}/${current.id}/semnare`} csrfToken={props.csrfToken}>
            <h3 class="govuk-heading-s">{t('documents.sign.title')}</h3>
            <input type="hidden" name="transactionId" value={randomUUID()} />
            <TextInput id="semnare-pin" name="pin" type="password" autocomplete="off" width={10} label={t('documents.sign.pin')} hint={t('documents.sign.pin_hint')} error={errors.pin} />
            <TextInput
              id="semnare-code"
              name="code"
              inputmode="numeric"
              autocomplete="one-time-code"
              width={5}
              label={t('documents.sign.code')}
              hint={t('documents.sign.code_hint')}
              error={errors.code}
            />
            <Button>{t('documents.sign.submit')}</Button>
          </Form>
        ) : (
          <InsetText>{t('documents.panel.no_key')}</InsetText>
        )
      ) : null}
      {panel.may.issue && props.issueOffered ? (
        // Issuing is the workflow's last step ("Emite răspunsul"), which also delivers this document: one button,
        // so the case's step and its answer can never disagree. The hint is for whoever that page offers it to.
        <InsetText>{t('documents.panel.issue_hint')}</InsetText>
      ) : null}
      {panel.may.withdraw && current ? (
        <Details summary={t('documents.panel.withdraw')}>
          <p class="govuk-body">{t('documents.panel.withdraw_hint')}</p>
          <Form action={`${base}/${current.id}/retragere`} csrfToken={props.csrfToken}>
            <input type="hidden" name="transactionId" value={randomUUID()} />
            <Button variant="warning">{t('documents.panel.withdraw')}</Button>
          </Form>
        </Details>
      ) : null}
      {panel.may.prepare ? (
        current ? (
          <Details summary={t('documents.panel.correct')}>
            <p class="govuk-body">{t('documents.panel.correct_hint')}</p>
            <Button variant="secondary" href={`${base}/previzualizare`}>
              {t('documents.panel.validate')}
            </Button>
          </Details>
        ) : (
          <Button href={`${base}/previzualizare`}>{t('documents.panel.validate')}</Button>
        )
      ) : null}
      {panel.versions.length > 1 ? (
        <Details summary={t('documents.panel.versions')}>
          {panel.versions.slice(1).map((v) => (
            <div key={v.id}>
              <h3 class="govuk-heading-s">{t('documents.panel.version', { version: v.version })}</h3>
              <Version t={t} caseId={panel.caseId} v={v} />
            </div>
          ))}
        </Details>
      ) : null}
    </section>
  );
}
