import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, AppDeps, AppModule } from '../../app.ts';
import { multipartBody, readMultipartForm } from '../../platform/http/multipart.ts';
import { formatDateTime, formatFileSize } from '../../platform/i18n/format.ts';
import { registerMessages, type T } from '../../platform/i18n/i18n.ts';
import { Button, ErrorSummary, type FieldErrors, FileUpload, Form, H1, InsetText, P, Panel, SummaryList, WarningText } from '../../platform/web/components.tsx';
import type { PublicDocument } from '../documents/find-issued-document.ts';
import { verificationMessages } from './messages.ts';
import { checkUploadedPdf, type SignatureLine, type UploadVerdict, verifyDocument } from './verify-document.ts';
import { registerVerificationRoutes } from './routes.ts';

export const VERIFY_PATH = '/verificare';

const DocParams = z.object({ documentId: z.string().max(100) });

function Signatures(props: { t: T; lines: SignatureLine[] }) {
  const { t } = props;
  if (props.lines.length === 0) return null;
  return (
    <>
      <h2 class="govuk-heading-m">{t('verification.signatures')}</h2>
      <ol class="govuk-list govuk-list--number">
        {props.lines.map((s, i) => (
          <li key={i}>
            {t('verification.signature_line', {
              signer: s.signer ?? '—',
              time: s.time ? formatDateTime(s.time) : '—',
              level: s.level ?? t('verification.level_none'),
              state: s.valid ? t('verification.signature_valid') : t('verification.signature_invalid'),
            })}
          </li>
        ))}
      </ol>
      <p class="govuk-body-s">{t('verification.trust_note')}</p>
    </>
  );
}

/** `hashLabel`: beside an uploaded file's own fingerprint, this one must say it is the issued document's. */
function DocumentFacts(props: { t: T; doc: PublicDocument; hashLabel?: string }) {
  const { t, doc } = props;
  return (
    <SummaryList
      rows={[
        { key: t('verification.number'), value: doc.outgoingNumber },
        { key: t('verification.date'), value: doc.issuedAt ? formatDateTime(doc.issuedAt) : '—' },
        { key: t('verification.issuer'), value: doc.issuer },
        { key: t('verification.subject'), value: doc.title },
        { key: props.hashLabel ?? t('verification.sha256'), value: <span class="pd-code">{doc.sha256}</span> },
      ]}
    />
  );
}

/** `maxBytes`: the largest file the server takes (config.uploadLimitBytes); the hint states it, the browser checks it. */
function UploadForm(props: { t: T; csrfToken: string; maxBytes: number; error?: string }) {
  const { t } = props;
  return (
    <Form action={VERIFY_PATH} csrfToken={props.csrfToken} multipart>
      <FileUpload name="file" id="file" label={t('verification.file')} hint={t('verification.file_hint', { max: formatFileSize(props.maxBytes, t.locale) })} accept="application/pdf,.pdf" error={props.error} maxBytes={props.maxBytes} />
      <Button>{t('verification.submit')}</Button>
    </Form>
  );
}

export function Verdict(props: { t: T; verdict: UploadVerdict & { sha256: string } }) {
  const { t, verdict: v } = props;
  const about = 'document' in v ? { number: v.document.outgoingNumber, issuer: v.document.issuer } : {};
  const heading = t(`verification.verdict.${v.kind}`);
  const body = t(`verification.verdict.${v.kind}_body`, { ...about, seq: 'seq' in v ? v.seq : undefined });
  return (
    <>
      {v.kind === 'authentic' ? (
        <Panel title={heading}>{body}</Panel>
      ) : (
        <>
          <H1>{heading}</H1>
          <WarningText>{body}</WarningText>
        </>
      )}
      {v.kind === 'authentic' ? <h2 class="govuk-heading-m">{t('verification.result')}</h2> : null}
      {/* An authentic file's fingerprint is the issued document's: shown once, below. */}
      {v.kind === 'authentic' ? null : <SummaryList rows={[{ key: t('verification.uploaded_sha256'), value: <span class="pd-code">{v.sha256}</span> }]} />}
      {v.kind === 'unknown' ? (
        <P>
          {t('verification.verdict.unknown_receipt')}{' '}
          <a class="govuk-link" href="/verificare-cerere">
            {t('verification.verdict.unknown_receipt_link')}
          </a>
        </P>
      ) : null}
      {'document' in v ? (
        <>
          <DocumentFacts t={t} doc={v.document} hashLabel={v.kind === 'authentic' ? undefined : t('verification.issued_sha256')} />
          <p class="govuk-body">
            <a class="govuk-link" href={`${VERIFY_PATH}/${v.document.id}`}>
              {t('verification.view_document')}
            </a>
          </p>
        </>
      ) : null}
      {'signatures' in v ? <Signatures t={t} lines={v.signatures} /> : null}
      <p class="govuk-body">
        <a class="govuk-link" href={VERIFY_PATH}>
          {t('verification.again')}
        </a>
      </p>
    </>
  );
}

/** Public verification of issued documents: by the QR code's address, or by uploading a PDF. No sign-in. */
export function registerVerificationPages(app: App, deps: AppDeps): void {
  function renderForm(request: FastifyRequest, reply: FastifyReply, errors: FieldErrors = {}, status = 200) {
    const { t } = request;
    return reply.page(
      { title: t('verification.title'), hasErrors: Object.keys(errors).length > 0, status },
      <>
        <ErrorSummary title={t('common.error_summary_title')} errors={errors} />
        <H1>{t('verification.title')}</H1>
        <P>{t('verification.lead')}</P>
        <UploadForm t={t} csrfToken={request.csrfToken} maxBytes={deps.config.uploadLimitBytes} error={errors.file} />
      </>,
    );
  }

  app.get(VERIFY_PATH, { schema: { hide: true } }, async (request, reply) => renderForm(request, reply));

  app.get(`${VERIFY_PATH}/:documentId`, { schema: { hide: true, params: DocParams } }, async (request, reply) => {
    const { t } = request;
    const v = await verifyDocument(deps, request.params.documentId);
    if (!v.issued) {
      return reply.page(
        { title: t('verification.page.not_issued'), width: 'wide' },
        <>
          <H1>{t('verification.page.not_issued')}</H1>
          <WarningText>{t('verification.page.not_issued_body')}</WarningText>
          <p class="govuk-body">
            <a class="govuk-link" href={VERIFY_PATH}>
              {t('verification.page.upload_link')}
            </a>
          </p>
        </>,
      );
    }
    const doc = v.document;
    return reply.page(
      { title: t('verification.page.title', { number: doc.outgoingNumber }), width: 'wide' },
      <>
        <Panel title={t('verification.page.authentic', { issuer: doc.issuer })}>{t('verification.page.title', { number: doc.outgoingNumber })}</Panel>
        <DocumentFacts t={t} doc={doc} />
        <InsetText>{v.complete ? t('verification.complete_yes') : t('verification.complete_no')}</InsetText>
        <Signatures t={t} lines={v.signatures} />
        <P>{t('verification.page.compare')}</P>
        <p class="govuk-body">
          <a class="govuk-link" href={VERIFY_PATH}>
            {t('verification.page.upload_link')}
          </a>
        </p>
      </>,
    );
  });

  // Multipart is parsed only in this scope: no other form accepts file uploads by accident.
  app.register(async (scope) => {
    await scope.register(fastifyMultipart, { throwFileSizeLimit: false, limits: { fileSize: deps.config.uploadLimitBytes } });
    scope.post(VERIFY_PATH, { schema: { hide: true }, preValidation: multipartBody(deps.config.uploadLimitBytes, 1, 400, { uploaders: 'anyone' }) }, async (request, reply) => {
      const { t } = request;
      const form = readMultipartForm(request, deps.config.sessionSecret);
      const file = form.files.file?.[0];
      if (!file || file.bytes.length === 0) return renderForm(request, reply, { file: t('errors.verification.file_required') }, 400);
      if (file.truncated) return renderForm(request, reply, { file: t('errors.too_large') }, 413);
      const verdict = await checkUploadedPdf(deps, file.bytes);
      return reply.page({ title: t(`verification.verdict.${verdict.kind}`), width: 'wide' }, <Verdict t={t} verdict={verdict} />);
    });
  });
}

export const verificationModule: AppModule = {
  name: 'verification',
  register(app, deps) {
    registerMessages('verification', verificationMessages);
    registerVerificationPages(app, deps);
    registerVerificationRoutes(app, deps);
  },
};
