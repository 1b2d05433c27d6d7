import type { ComponentChildren } from 'preact';
import { defineMessages, type T } from '../i18n/i18n.ts';
import {
  BackLink,
  Button,
  ButtonGroup,
  CharacterCount,
  Checkboxes,
  DateInput,
  Details,
  ErrorSummary,
  FileUpload,
  InsetText,
  NotificationBanner,
  Pagination,
  Panel,
  Radios,
  SummaryList,
  Table,
  Tag,
  TaskList,
  Textarea,
  TextInput,
  WarningText,
} from './components.tsx';
import { ErrorPage } from './error-pages.tsx';

/*
 * Named examples of every component (DEFRA / GOV.UK habit): the developer page /dev/componente shows
 * them and the accessibility tests render the same fixtures, so documentation and tests cannot drift.
 * Each example renders in the language of `t`; field names are unique across the whole set so all
 * examples can share one page.
 */

export type ComponentExample = { id: string; variant: Variant; render: (t: T) => ComponentChildren };
export type Variant = 'default' | 'with_hint' | 'with_error' | 'with_value' | 'inline' | 'conditional' | 'divider' | 'secondary' | 'warning' | 'start' | 'disabled' | 'success' | 'prefix_suffix' | 'numeric' | 'birth_date' | 'no_actions' | 'unavailable';

export const componentExamples: Record<string, ComponentExample[]> = {
  Button: [
    { id: 'button-default', variant: 'default', render: (t) => <Button type="button">{t('common.continue')}</Button> },
    { id: 'button-secondary', variant: 'secondary', render: (t) => <Button type="button" variant="secondary">{t('common.cancel')}</Button> },
    { id: 'button-warning', variant: 'warning', render: (t) => <Button type="button" variant="warning">{t('examples.delete')}</Button> },
    { id: 'button-start', variant: 'start', render: (t) => <Button href="#button-start" isStartButton>{t('examples.start')}</Button> },
    { id: 'button-disabled', variant: 'disabled', render: (t) => <Button type="button" disabled>{t('common.save')}</Button> },
    {
      id: 'button-group',
      variant: 'with_value',
      render: (t) => (
        <ButtonGroup>
          <Button type="button">{t('common.save')}</Button>
          <a class="govuk-link" href="#button-group">
            {t('common.cancel')}
          </a>
        </ButtonGroup>
      ),
    },
  ],
  TextInput: [
    { id: 'input-default', variant: 'default', render: (t) => <TextInput name="ex-name" label={t('examples.full_name')} autocomplete="name" /> },
    { id: 'input-hint', variant: 'with_hint', render: (t) => <TextInput name="ex-cnp" label={t('examples.cnp')} hint={t('examples.cnp_hint')} inputmode="numeric" width={20} spellcheck={false} /> },
    { id: 'input-error', variant: 'with_error', render: (t) => <TextInput name="ex-email" type="email" label={t('examples.email')} value="ion@" error={t('examples.email_error')} autocomplete="email" spellcheck={false} /> },
    { id: 'input-prefix', variant: 'prefix_suffix', render: (t) => <TextInput name="ex-amount" label={t('examples.amount')} suffix="lei" inputmode="decimal" width={5} /> },
  ],
  Textarea: [
    { id: 'textarea-default', variant: 'default', render: (t) => <Textarea name="ex-details" label={t('examples.details')} hint={t('examples.details_hint')} /> },
    { id: 'textarea-error', variant: 'with_error', render: (t) => <Textarea name="ex-details-error" label={t('examples.details')} error={t('examples.details_error')} /> },
  ],
  CharacterCount: [
    { id: 'count-default', variant: 'default', render: (t) => <CharacterCount name="ex-summary" label={t('examples.summary')} maxLength={200} /> },
    { id: 'count-value', variant: 'with_value', render: (t) => <CharacterCount name="ex-summary-2" label={t('examples.summary')} maxLength={200} value={t('examples.summary_value')} /> },
  ],
  Radios: [
    {
      id: 'radios-default',
      variant: 'default',
      render: (t) => (
        <Radios name="ex-channel" legend={t('examples.channel')} items={[{ value: 'online', label: t('examples.online') }, { value: 'counter', label: t('examples.counter') }]} />
      ),
    },
    {
      id: 'radios-inline',
      variant: 'inline',
      render: (t) => (
        <Radios name="ex-yesno" inline legend={t('examples.resident')} items={[{ value: 'yes', label: t('common.yes') }, { value: 'no', label: t('common.no') }]} value="yes" />
      ),
    },
    {
      id: 'radios-hint',
      variant: 'with_hint',
      render: (t) => (
        <Radios
          name="ex-person"
          legend={t('examples.person_kind')}
          hint={t('examples.person_kind_hint')}
          items={[
            { value: 'pf', label: t('examples.pf'), hint: t('examples.pf_hint') },
            { value: 'pj', label: t('examples.pj'), hint: t('examples.pj_hint') },
          ]}
        />
      ),
    },
    {
      id: 'radios-conditional',
      variant: 'conditional',
      render: (t) => (
        <Radios
          name="ex-contact"
          legend={t('examples.contact_pref')}
          value="email"
          items={[
            { value: 'email', label: t('examples.email'), conditional: <TextInput name="ex-contact-email" type="email" label={t('examples.email')} autocomplete="email" /> },
            { value: 'phone', label: t('examples.phone'), conditional: <TextInput name="ex-contact-phone" type="tel" label={t('examples.phone')} autocomplete="tel" /> },
          ]}
        />
      ),
    },
    {
      id: 'radios-divider',
      variant: 'divider',
      render: (t) => (
        <Radios
          name="ex-where"
          legend={t('examples.where')}
          items={[
            { value: 's5', label: t('examples.sector') },
            { value: 'other', label: t('examples.other_place'), divider: t('examples.or') },
          ]}
        />
      ),
    },
    {
      id: 'radios-error',
      variant: 'with_error',
      render: (t) => (
        <Radios name="ex-channel-err" legend={t('examples.channel')} error={t('examples.channel_error')} items={[{ value: 'online', label: t('examples.online') }, { value: 'counter', label: t('examples.counter') }]} />
      ),
    },
  ],
  Checkboxes: [
    {
      id: 'checkboxes-hint',
      variant: 'with_hint',
      render: (t) => (
        <Checkboxes
          name="ex-notify"
          legend={t('examples.notify')}
          hint={t('examples.select_all')}
          values={['email']}
          items={[
            { value: 'email', label: t('examples.email') },
            { value: 'sms', label: t('examples.sms'), conditional: <TextInput name="ex-notify-phone" type="tel" label={t('examples.phone')} autocomplete="tel" /> },
          ]}
        />
      ),
    },
    {
      id: 'checkboxes-error',
      variant: 'with_error',
      render: (t) => (
        <Checkboxes
          name="ex-consent"
          legend={t('examples.consent')}
          error={t('examples.consent_error')}
          items={[{ value: 'yes', label: t('examples.consent_label') }]}
        />
      ),
    },
  ],
  DateInput: [
    { id: 'date-hint', variant: 'with_hint', render: (t) => <DateInput name="ex-date" legend={t('examples.issued')} hint={t('examples.date_hint')} /> },
    { id: 'date-error', variant: 'with_error', render: (t) => <DateInput name="ex-date-err" legend={t('examples.issued')} value={{ day: '31', month: '02', year: '2026' }} error={t('examples.date_error')} errorParts={['day']} /> },
    { id: 'date-birth', variant: 'birth_date', render: (t) => <DateInput name="ex-dob" legend={t('examples.dob')} autocomplete="bday" /> },
  ],
  FileUpload: [
    { id: 'file-default', variant: 'default', render: (t) => <FileUpload name="ex-file" label={t('examples.file')} hint={t('examples.file_hint')} accept=".pdf,.jpg,.png" /> },
    { id: 'file-error', variant: 'with_error', render: (t) => <FileUpload name="ex-file-err" label={t('examples.file')} error={t('examples.file_error')} /> },
  ],
  ErrorSummary: [
    {
      id: 'error-summary',
      variant: 'default',
      render: (t) => <ErrorSummary title={t('common.error_summary_title')} errors={{ 'ex-email': t('examples.email_error'), 'ex-channel-err': t('examples.channel_error') }} />,
    },
  ],
  NotificationBanner: [
    { id: 'banner-important', variant: 'default', render: (t) => <NotificationBanner id="ex-banner" title={t('common.important')}><p class="govuk-notification-banner__heading">{t('examples.banner_text')}</p></NotificationBanner> },
    { id: 'banner-success', variant: 'success', render: (t) => <NotificationBanner id="ex-banner-ok" type="success" title={t('common.success')}><p class="govuk-notification-banner__heading">{t('examples.banner_success')}</p></NotificationBanner> },
  ],
  SummaryList: [
    {
      id: 'summary-actions',
      variant: 'default',
      render: (t) => (
        <SummaryList
          rows={[
            { key: t('examples.full_name'), value: 'Maria Popescu', action: { href: '#summary-actions', label: t('common.change'), visuallyHidden: t('examples.full_name') } },
            { key: t('examples.email'), value: 'maria.popescu@exemplu.ro', action: { href: '#summary-actions', label: t('common.change'), visuallyHidden: t('examples.email') } },
          ]}
        />
      ),
    },
    { id: 'summary-plain', variant: 'no_actions', render: (t) => <SummaryList rows={[{ key: t('examples.number'), value: '12345/22.11.2026' }, { key: t('examples.status'), value: <Tag colour="blue">{t('examples.in_progress')}</Tag> }]} /> },
  ],
  Table: [
    {
      id: 'table-default',
      variant: 'numeric',
      render: (t) => (
        <Table
          caption={t('examples.taxes')}
          head={[t('examples.tax'), t('examples.amount')]}
          numericColumns={[1]}
          rows={[
            [t('examples.building_tax'), '1.250,00 lei'],
            [t('examples.land_tax'), '310,50 lei'],
          ]}
        />
      ),
    },
  ],
  Pagination: [
    {
      id: 'pagination',
      variant: 'default',
      render: (t) => (
        <Pagination
          page={5}
          pageCount={10}
          hrefFor={(n) => `?pagina=${n}`}
          labels={{ previous: t('common.previous'), next: t('common.next'), nav: t('common.pagination'), page: (n) => t('common.page_n', { n }) }}
        />
      ),
    },
  ],
  Tag: [
    {
      id: 'tags',
      variant: 'default',
      render: (t) => (
        <p class="govuk-body">
          <Tag>{t('examples.received')}</Tag> <Tag colour="blue">{t('examples.in_progress')}</Tag> <Tag colour="green">{t('examples.approved')}</Tag>{' '}
          <Tag colour="red">{t('examples.rejected')}</Tag> <Tag colour="grey">{t('examples.archived')}</Tag>
        </p>
      ),
    },
  ],
  TaskList: [
    {
      id: 'task-list',
      variant: 'default',
      render: (t) => (
        <TaskList
          idPrefix="ex-task"
          tasks={[
            { title: t('examples.task_details'), href: '#task-list', status: t('examples.completed') },
            { title: t('examples.task_documents'), href: '#task-list', hint: t('examples.task_documents_hint'), status: { text: t('examples.incomplete'), colour: 'blue' } },
            { title: t('examples.task_pay'), status: t('examples.cannot_start') },
          ]}
        />
      ),
    },
  ],
  BackLink: [{ id: 'back-link', variant: 'default', render: (t) => <BackLink href="#back-link">{t('common.back')}</BackLink> }],
  Panel: [{ id: 'panel', variant: 'success', render: (t) => <Panel title={t('examples.panel_title')}>{t('examples.panel_body')}<br /><strong>12345/22.11.2026</strong></Panel> }],
  InsetText: [{ id: 'inset', variant: 'default', render: (t) => <InsetText>{t('examples.inset')}</InsetText> }],
  WarningText: [{ id: 'warning', variant: 'default', render: (t) => <WarningText>{t('examples.warning')}</WarningText> }],
  Details: [{ id: 'details', variant: 'default', render: (t) => <Details summary={t('examples.details_summary')}>{t('examples.details_text')}</Details> }],
  ErrorPage: [
    { id: 'error-503', variant: 'unavailable', render: (t) => <ErrorPage status={503} message={t('errors.unavailable')} requestId="ex-0000-request" t={t} /> },
  ],
};

export const exampleMessages = defineMessages(
  {
    'examples.variant.default': 'Obișnuit',
    'examples.variant.with_hint': 'Cu indicație',
    'examples.variant.with_error': 'Cu eroare',
    'examples.variant.with_value': 'Completat',
    'examples.variant.inline': 'Pe un rând',
    'examples.variant.conditional': 'Cu întrebare care apare la alegere',
    'examples.variant.divider': 'Cu separator',
    'examples.variant.secondary': 'Secundar',
    'examples.variant.warning': 'Avertizare',
    'examples.variant.start': 'Buton de început',
    'examples.variant.disabled': 'Dezactivat',
    'examples.variant.success': 'Reușită',
    'examples.variant.prefix_suffix': 'Cu unitate de măsură',
    'examples.variant.numeric': 'Cu coloane numerice',
    'examples.variant.birth_date': 'Data nașterii',
    'examples.variant.no_actions': 'Fără acțiuni',
    'examples.variant.unavailable': 'Serviciu indisponibil (503)',
    'examples.delete': 'Șterge contul',
    'examples.start': 'Începeți acum',
    'examples.full_name': 'Numele complet',
    'examples.cnp': 'Codul numeric personal (CNP)',
    'examples.cnp_hint': 'Are 13 cifre și se află pe cartea de identitate',
    'examples.email': 'Adresa de e-mail',
    'examples.email_error': 'Scrieți o adresă de e-mail validă, de exemplu nume@exemplu.ro',
    'examples.phone': 'Numărul de telefon',
    'examples.sms': 'SMS',
    'examples.amount': 'Suma',
    'examples.details': 'Descrieți problema',
    'examples.details_hint': 'De exemplu, unde se află și de când există',
    'examples.details_error': 'Descrieți problema',
    'examples.summary': 'Rezumatul cererii',
    'examples.summary_value': 'Solicit eliberarea unui certificat de atestare fiscală.',
    'examples.channel': 'Cum doriți să depuneți cererea?',
    'examples.channel_error': 'Alegeți cum doriți să depuneți cererea',
    'examples.online': 'Online',
    'examples.counter': 'La ghișeu',
    'examples.resident': 'Locuiți în sector?',
    'examples.person_kind': 'Pentru cine depuneți cererea?',
    'examples.person_kind_hint': 'Alegeți o singură variantă',
    'examples.pf': 'Pentru mine (persoană fizică)',
    'examples.pf_hint': 'Folosiți datele din contul dumneavoastră',
    'examples.pj': 'Pentru o firmă (persoană juridică)',
    'examples.pj_hint': 'Aveți nevoie de împuternicire',
    'examples.contact_pref': 'Cum preferați să vă contactăm?',
    'examples.where': 'Unde locuiți?',
    'examples.sector': 'În Sectorul 5',
    'examples.other_place': 'În altă parte',
    'examples.or': 'sau',
    'examples.notify': 'Cum doriți să fiți anunțat?',
    'examples.select_all': 'Bifați toate variantele potrivite',
    'examples.consent': 'Acord',
    'examples.consent_label': 'Sunt de acord ca primăria să obțină documentele direct de la instituția emitentă',
    'examples.consent_error': 'Bifați acordul pentru a continua',
    'examples.issued': 'Când a fost eliberat documentul?',
    'examples.date_hint': 'De exemplu, 27 3 2025',
    'examples.date_error': 'Data eliberării trebuie să fie o dată reală',
    'examples.dob': 'Data nașterii',
    'examples.file': 'Încărcați copia actului de identitate',
    'examples.file_hint': 'PDF, JPG sau PNG, cel mult 20 MB',
    'examples.file_error': 'Fișierul trebuie să fie PDF, JPG sau PNG',
    'examples.banner_text': 'Ghișeele sunt închise pe 1 decembrie.',
    'examples.banner_success': 'Cererea a fost înregistrată',
    'examples.number': 'Număr de înregistrare',
    'examples.status': 'Stare',
    'examples.in_progress': 'În lucru',
    'examples.received': 'Primită',
    'examples.approved': 'Aprobată',
    'examples.rejected': 'Respinsă',
    'examples.archived': 'Arhivată',
    'examples.taxes': 'Impozite pentru 2026',
    'examples.tax': 'Impozit',
    'examples.building_tax': 'Impozit pe clădiri',
    'examples.land_tax': 'Impozit pe teren',
    'examples.task_details': 'Datele solicitantului',
    'examples.task_documents': 'Documente',
    'examples.task_documents_hint': 'Actul de identitate și planul de situație',
    'examples.task_pay': 'Plata taxei',
    'examples.completed': 'Completat',
    'examples.incomplete': 'Necompletat',
    'examples.cannot_start': 'Nu puteți începe încă',
    'examples.panel_title': 'Cerere trimisă',
    'examples.panel_body': 'Numărul de înregistrare este',
    'examples.inset': 'Termenul legal de răspuns este de 30 de zile de la înregistrare.',
    'examples.warning': 'Dacă nu plătiți până la 31 martie, datorați majorări de întârziere.',
    'examples.details_summary': 'Nu aveți carte de identitate electronică?',
    'examples.details_text': 'Vă puteți autentifica și cu e-mail și parolă, sau puteți veni la ghișeu.',
  },
  {
    'examples.variant.default': 'Default',
    'examples.variant.with_hint': 'With hint',
    'examples.variant.with_error': 'With error',
    'examples.variant.with_value': 'Filled in',
    'examples.variant.inline': 'Inline',
    'examples.variant.conditional': 'With conditionally revealed question',
    'examples.variant.divider': 'With divider',
    'examples.variant.secondary': 'Secondary',
    'examples.variant.warning': 'Warning',
    'examples.variant.start': 'Start button',
    'examples.variant.disabled': 'Disabled',
    'examples.variant.success': 'Success',
    'examples.variant.prefix_suffix': 'With unit',
    'examples.variant.numeric': 'With numeric columns',
    'examples.variant.birth_date': 'Date of birth',
    'examples.variant.no_actions': 'Without actions',
    'examples.variant.unavailable': 'Service unavailable (503)',
    'examples.delete': 'Delete account',
    'examples.start': 'Start now',
    'examples.full_name': 'Full name',
    'examples.cnp': 'Personal numeric code (CNP)',
    'examples.cnp_hint': 'It has 13 digits and is on your identity card',
    'examples.email': 'Email address',
    'examples.email_error': 'Enter a valid email address, like name@example.com',
    'examples.phone': 'Phone number',
    'examples.sms': 'Text message',
    'examples.amount': 'Amount',
    'examples.details': 'Describe the problem',
    'examples.details_hint': 'For example, where it is and since when',
    'examples.details_error': 'Describe the problem',
    'examples.summary': 'Summary of the request',
    'examples.summary_value': 'I am requesting a local tax clearance certificate.',
    'examples.channel': 'How would you like to submit the request?',
    'examples.channel_error': 'Choose how you would like to submit the request',
    'examples.online': 'Online',
    'examples.counter': 'At the counter',
    'examples.resident': 'Do you live in the sector?',
    'examples.person_kind': 'Who are you applying for?',
    'examples.person_kind_hint': 'Choose one option',
    'examples.pf': 'For myself (individual)',
    'examples.pf_hint': 'Use the details in your account',
    'examples.pj': 'For a company (legal person)',
    'examples.pj_hint': 'You need a mandate',
    'examples.contact_pref': 'How would you prefer to be contacted?',
    'examples.where': 'Where do you live?',
    'examples.sector': 'In Sector 5',
    'examples.other_place': 'Somewhere else',
    'examples.or': 'or',
    'examples.notify': 'How would you like to be notified?',
    'examples.select_all': 'Select all that apply',
    'examples.consent': 'Consent',
    'examples.consent_label': 'I agree that the city hall obtains the documents directly from the issuing institution',
    'examples.consent_error': 'Tick the consent to continue',
    'examples.issued': 'When was the document issued?',
    'examples.date_hint': 'For example, 27 3 2025',
    'examples.date_error': 'The issue date must be a real date',
    'examples.dob': 'Date of birth',
    'examples.file': 'Upload a copy of your identity card',
    'examples.file_hint': 'PDF, JPG or PNG, up to 20 MB',
    'examples.file_error': 'The file must be a PDF, JPG or PNG',
    'examples.banner_text': 'The counters are closed on 1 December.',
    'examples.banner_success': 'The request has been registered',
    'examples.number': 'Registration number',
    'examples.status': 'Status',
    'examples.in_progress': 'In progress',
    'examples.received': 'Received',
    'examples.approved': 'Approved',
    'examples.rejected': 'Rejected',
    'examples.archived': 'Archived',
    'examples.taxes': 'Taxes for 2026',
    'examples.tax': 'Tax',
    'examples.building_tax': 'Building tax',
    'examples.land_tax': 'Land tax',
    'examples.task_details': 'Applicant details',
    'examples.task_documents': 'Documents',
    'examples.task_documents_hint': 'Identity card and site plan',
    'examples.task_pay': 'Pay the fee',
    'examples.completed': 'Completed',
    'examples.incomplete': 'Incomplete',
    'examples.cannot_start': 'Cannot start yet',
    'examples.panel_title': 'Request sent',
    'examples.panel_body': 'Your registration number is',
    'examples.inset': 'The legal answer deadline is 30 days from registration.',
    'examples.warning': 'If you do not pay by 31 March, you will owe late-payment interest.',
    'examples.details_summary': 'No electronic identity card?',
    'examples.details_text': 'You can also sign in with email and password, or come to the counter.',
  },
);
