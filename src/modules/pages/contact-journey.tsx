import { z } from 'zod';
import { formatDate } from '../../platform/i18n/format.ts';
import { formatTrackingCode, statusCheckPath } from '../../platform/ids/tracking-code.ts';
import { translator, type T } from '../../platform/i18n/i18n.ts';
import { CharacterCount, P, Panel, Radios, Textarea, TextInput } from '../../platform/web/components.tsx';
import type { Journey } from '../../platform/web/journey.tsx';
import { type RegisteredMessage, sendContactMessage } from './send-contact-message.ts';
import { isPlainName } from '../identity/domain/registration.ts';

export const CONTACT_TOPICS = ['taxes', 'urbanism', 'social', 'civil_status', 'public_domain', 'other'] as const;
export const MESSAGE_MAX = 3000;

const TopicAnswer = z
  .object({
    topic: z.enum(CONTACT_TOPICS, { error: 'contact.errors.topic_required' }),
    topicOther: z.string().trim().max(100, 'contact.errors.other_too_long').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.topic === 'other' && !v.topicOther) ctx.addIssue({ code: 'custom', path: ['topicOther'], message: 'contact.errors.other_required' });
  })
  // The detail of "something else" is kept only when that option is chosen.
  .transform((v) => (v.topic === 'other' ? v : { topic: v.topic }));

const MessageAnswer = z.object({
  message: z.string({ error: 'contact.errors.message_required' }).trim().min(1, 'contact.errors.message_required').max(MESSAGE_MAX, 'contact.errors.message_too_long'),
});

const ReplyAnswer = z.object({ replyBy: z.enum(['email', 'post'], { error: 'contact.errors.reply_required' }) });

const NameAnswer = z.object({
  name: z.string({ error: 'contact.errors.name_required' }).trim().min(1, 'contact.errors.name_required').max(200).refine(isPlainName, 'contact.errors.name_invalid'),
});

const EmailAnswer = z.object({
  email: z.string({ error: 'contact.errors.email_invalid' }).trim().toLowerCase().pipe(z.email({ error: 'contact.errors.email_invalid' })),
});

const AddressAnswer = z.object({
  address: z.string({ error: 'contact.errors.address_required' }).trim().min(1, 'contact.errors.address_required').max(500),
});

const topicLabel = (t: T, answers: Record<string, unknown>) =>
  answers.topic === 'other' ? String(answers.topicOther ?? '') : t(`contact.topic.${String(answers.topic)}`);

/** "Write to the city hall": topic, message, how to answer, and the contact details the profile does not know. */
export const contactJourney: Journey<RegisteredMessage & { institution: string; signedIn: boolean; replyBy: 'email' | 'post'; email: string | null }> = {
  id: 'contact.message',
  path: '/contact/mesaj',
  startBackLink: '/contact',
  steps: [
    {
      id: 'subiect',
      title: (t) => t('contact.topic.title'),
      schema: TopicAnswer,
      render: ({ t, values, errors }) => (
        <Radios
          name="topic"
          legend={t('contact.topic.title')}
          isPageHeading
          hint={t('contact.topic.hint')}
          value={values.topic}
          error={errors.topic}
          items={CONTACT_TOPICS.map((topic) => ({
            value: topic,
            label: t(`contact.topic.${topic}`),
            divider: topic === 'other' ? t('contact.topic.divider') : undefined,
            conditional:
              topic === 'other' ? (
                <>
                  {/* Without JavaScript the field is always shown: say which choice it belongs to. */}
                  <p class="govuk-hint pd-no-js-only">{t('contact.topic.other_nojs')}</p>
                  <TextInput name="topicOther" label={t('contact.topic.other_detail')} value={values.topicOther} error={errors.topicOther} />
                </>
              ) : undefined,
          }))}
        />
      ),
      summary: (answers, t) => [{ key: t('contact.summary.topic'), value: topicLabel(t, answers) }],
    },
    {
      id: 'mesaj',
      title: (t) => t('contact.message.title'),
      schema: MessageAnswer,
      render: ({ t, values, errors }) => (
        <CharacterCount
          name="message"
          label={t('contact.message.title')}
          isPageHeading
          hint={t('contact.message.hint')}
          value={values.message}
          error={errors.message}
          rows={10}
          maxLength={MESSAGE_MAX}
        />
      ),
      summary: (answers, t) => [{ key: t('contact.summary.message'), value: <span class="pd-multiline">{String(answers.message)}</span> }],
    },
    {
      id: 'raspuns',
      title: (t) => t('contact.reply.title'),
      schema: ReplyAnswer,
      render: ({ t, values, errors }) => (
        <Radios
          name="replyBy"
          legend={t('contact.reply.title')}
          isPageHeading
          value={values.replyBy}
          error={errors.replyBy}
          items={[
            { value: 'email', label: t('contact.reply.email') },
            { value: 'post', label: t('contact.reply.post') },
          ]}
        />
      ),
      summary: (answers, t) => [{ key: t('contact.summary.reply'), value: t(answers.replyBy === 'email' ? 'contact.reply.email' : 'contact.reply.post') }],
    },
    {
      id: 'nume',
      title: (t) => t('contact.name.title'),
      schema: NameAnswer,
      // Once only: a signed-in person's name is known from the account.
      condition: (_answers, ctx) => !ctx.actor,
      render: ({ t, values, errors }) => (
        <TextInput name="name" label={t('contact.name.title')} isPageHeading hint={t('contact.name.hint')} value={values.name} error={errors.name} autocomplete="name" spellcheck={false} />
      ),
      summary: (answers, t) => [{ key: t('contact.summary.name'), value: String(answers.name) }],
    },
    {
      id: 'email',
      title: (t) => t('contact.email.title'),
      schema: EmailAnswer,
      condition: (answers, ctx) => answers.replyBy === 'email' && !ctx.actor,
      render: ({ t, values, errors }) => (
        <TextInput
          name="email"
          type="email"
          label={t('contact.email.title')}
          isPageHeading
          hint={t('contact.email.hint')}
          value={values.email}
          error={errors.email}
          autocomplete="email"
          spellcheck={false}
        />
      ),
      summary: (answers, t) => [{ key: t('contact.summary.email'), value: String(answers.email) }],
    },
    {
      id: 'adresa',
      title: (t) => t('contact.address.title'),
      schema: AddressAnswer,
      condition: (answers) => answers.replyBy === 'post',
      render: ({ t, values, errors }) => (
        <Textarea
          name="address"
          label={t('contact.address.title')}
          isPageHeading
          hint={t('contact.address.hint')}
          value={values.address}
          error={errors.address}
          rows={4}
          autocomplete="street-address"
        />
      ),
      summary: (answers, t) => [{ key: t('contact.summary.address'), value: <span class="pd-multiline">{String(answers.address)}</span> }],
    },
  ],
  checkAnswers: {
    title: (t) => t('contact.check.title'),
    declaration: (t, ctx) => <P>{t('contact.check.declaration', { institution: ctx.institution?.name ?? t('app.name') })}</P>,
    submitLabel: (t) => t('contact.check.submit'),
  },
  async submit({ tx, deps, answers, ctx }) {
    const ro = translator('ro');
    const byEmail = answers.replyBy === 'email';
    const email = byEmail ? (ctx.actor?.email ?? String(answers.email)) : null;
    const sent = await sendContactMessage(deps, {
      tx,
      at: deps.now(),
      institution: ctx.institution ? { id: ctx.institution.id, name: ctx.institution.name, email: ctx.institution.email } : null,
      message: {
        topic: topicLabel(ro, answers),
        message: String(answers.message),
        replyBy: byEmail ? 'email' : 'post',
        name: ctx.actor?.displayName ?? String(answers.name),
        replyTo: email ?? String(answers.address),
        accountId: ctx.actor?.accountId ?? null,
        locale: ctx.locale,
        ip: ctx.ip,
      },
    });
    return { ...sent, institution: ctx.institution?.name ?? '', signedIn: ctx.actor !== null, replyBy: byEmail ? 'email' : 'post', email };
  },
  confirmation: ({ t, result }) => ({
    title: t('contact.done.title'),
    body: (
      <>
        <Panel title={t('contact.done.title')}>
          {t('contact.done.number')}
          <br />
          <strong>{result.number}</strong>
          {result.trackingCode ? (
            <>
              <br />
              {t('contact.done.tracking')}
              <br />
              <strong>{formatTrackingCode(result.trackingCode)}</strong>
            </>
          ) : null}
        </Panel>
        <h2 class="govuk-heading-m">{t('contact.done.next_heading')}</h2>
        <P>{t('contact.done.next', { institution: result.institution || t('app.name'), dueOn: formatDate(`${result.dueOn}T12:00:00Z`) })}</P>
        {/* How the answer comes, and where the acknowledgement went (sent for a petition case answered by e-mail). */}
        <P>
          {result.replyBy === 'email' && result.email ? t('contact.done.reply_email', { email: result.email }) : t('contact.done.reply_post')}
          {result.replyBy === 'email' && result.email && result.trackingCode ? ` ${t('contact.done.ack_sent')}` : null}
        </P>
        {result.caseId && result.signedIn ? (
          <P>
            <a class="govuk-link" href={`/cont/cereri/${result.caseId}`}>
              {t('contact.done.follow_account')}
            </a>
          </P>
        ) : result.trackingCode ? (
          <P>
            {t('contact.done.follow_code')}{' '}
            {/* With the number too, the link shows the status at once instead of a form still to be filled. */}
            <a class="govuk-link" href={`${statusCheckPath(result.trackingCode)}&numar=${encodeURIComponent(result.number)}`}>
              {t('contact.done.follow_link')}
            </a>
          </P>
        ) : (
          <P>{t('contact.done.keep_number')}</P>
        )}
        <P>
          <a class="govuk-link" href="/contact/mesaj">
            {t('contact.done.another')}
          </a>
        </P>
      </>
    ),
  }),
};
