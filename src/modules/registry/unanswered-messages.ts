import { defineMessages } from '../../platform/i18n/i18n.ts';

/** An anonymous petition, or one without the petitioner's contact data, filed without an answer (OG 27/2002 art. 7). */
export const unansweredMessages = defineMessages(
  {
    'registry.resolution.entry.filed_unanswered': 'Clasată fără răspuns la {date} (petiție anonimă sau fără datele de contact ale petentului, OG 27/2002 art. 7)',
    'registry.field.unanswered_legend': 'Petiție anonimă sau fără date de contact',
    'registry.field.unanswered': 'Petiția este anonimă sau nu are datele de contact ale petentului: se clasează fără răspuns (OG 27/2002, art. 7)',
    'registry.field.unanswered_hint':
      'Nu se deschide dosar și nu curge niciun termen. Dacă alegeți un compartiment, documentul ajunge totuși acolo (de exemplu o sesizare despre o problemă a străzii, tratată ca simplă informare).',
    'registry.field.unanswered_reason': 'Motivul clasării',
    'registry.field.unanswered_reason_hint': 'De exemplu: nu este semnată și nu are numele petentului; nu are adresă, e-mail sau telefon.',
    'errors.registry.unanswered_only_incoming': 'Doar un document intrat poate fi clasat ca petiție anonimă sau fără date de contact.',
    'errors.registry.unanswered_no_case': 'O petiție clasată fără răspuns nu deschide dosar: nu alegeți un serviciu.',
    'errors.registry.unanswered_reason_required': 'Scrieți motivul clasării.',
  },
  {
    'registry.resolution.entry.filed_unanswered': 'Filed without an answer on {date} (anonymous petition, or without the petitioner’s contact data, OG 27/2002 art. 7)',
    'registry.field.unanswered_legend': 'Anonymous petition or without contact data',
    'registry.field.unanswered': 'The petition is anonymous or has no contact data of the petitioner: it is filed without an answer (OG 27/2002, art. 7)',
    'registry.field.unanswered_hint':
      'No case is opened and no term runs. If you choose a department, the document still goes there (for example a report about a street problem, handled as information).',
    'registry.field.unanswered_reason': 'Why it is filed',
    'registry.field.unanswered_reason_hint': 'For example: it is not signed and has no petitioner’s name; it has no address, e-mail or phone.',
    'errors.registry.unanswered_only_incoming': 'Only an incoming document can be filed as an anonymous petition or one without contact data.',
    'errors.registry.unanswered_no_case': 'A petition filed without an answer opens no case: do not choose a service.',
    'errors.registry.unanswered_reason_required': 'Write why it is filed.',
  },
);
