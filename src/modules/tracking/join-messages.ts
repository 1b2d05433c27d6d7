import { defineMessages } from '../../platform/i18n/i18n.ts';

/** Repeated petitions of the same petitioner on the same issue, joined to the first (OG 27/2002 art. 10). */
export const joinMessages = defineMessages(
  {
    'tracking.status.joined': 'Conexată la o petiție anterioară',
    'tracking.action.joined': 'Petiția a fost conexată la petiția anterioară pe aceeași problemă',
    'registry.resolution.joined': 'Conexată la petiția anterioară pe aceeași problemă la {date}',
    'audit.action.case.joined': 'Petiția a fost conexată la o petiție anterioară pe aceeași problemă',

    'join.link': 'Conexați la o petiție anterioară a aceluiași petent',
    'join.done': 'Conexată la petiția nr. {number}: răspunsul la aceasta le cuprinde pe amândouă (OG 27/2002 art. 10).',
    'join.done_answered': 'Petiție repetată după răspuns: clasată la numărul inițial, nr. {number}, la care s-a răspuns la {date} (OG 27/2002 art. 10).',
    'join.covers': 'Petiții ale aceluiași petent conexate la aceasta: {numbers}. Răspunsul trebuie să se refere la toate (OG 27/2002 art. 10).',
    'join.see': 'Vedeți petiția nr. {number}',
    'join.sent_on_platform': 'Odată cu petiția nr. {first}, a fost trimisă instituției competente, {institution}, unde a fost înregistrată cu nr. {number} (OG 27/2002 art. 6¹).',
    'join.sent_on_outside': 'Odată cu petiția nr. {first}, a fost trimisă prin e-mail instituției competente, {institution} ({email}), cu adresa nr. {number} (OG 27/2002 art. 6¹).',
    'join.citizen_done': 'Petiția a fost conexată la petiția dumneavoastră nr. {number}, pe aceeași problemă: veți primi un singur răspuns pentru amândouă (OG 27/2002 art. 10).',
    'join.title': 'Conexați petiția nr. {number} la o petiție anterioară',
    'join.caption': 'Petiție repetată',
    'join.lead':
      'Petițiile aceluiași petent pe aceeași problemă se conexează la prima: se dă un singur răspuns, care se referă la toate. Dacă la prima s-a răspuns deja, petiția nouă se clasează la numărul inițial, cu mențiunea că s-a răspuns. Petentul este anunțat prin e-mail; dosarul de aici se închide (OG 27/2002, art. 10).',
    'join.into_legend': 'La care petiție anterioară o conexați?',
    'join.into_hint': 'Petițiile aceluiași petent (același cont, CNP, CUI sau e-mail) înregistrate înainte, cele mai noi întâi.',
    'join.answered': 'are răspuns',
    'join.none': 'Petentul nu are alte petiții înregistrate înainte la această instituție.',
    'join.reason': 'Mențiuni (opțional)',
    'join.send': 'Conexați petiția',
    'join.sent': 'Petiția a fost conexată la petiția nr. {number}. Petentul a fost anunțat.',
    'join.sent_answered': 'Petiția a fost clasată la numărul inițial, nr. {number}, la care s-a răspuns. Petentul a fost anunțat.',
    'join.sent_already': 'Petiția fusese deja conexată la petiția nr. {number}.',

    'errors.cases.join.into_required': 'Alegeți petiția anterioară.',
    'errors.cases.join.into_unknown': 'Alegeți una dintre petițiile anterioare ale aceluiași petent.',
    'errors.cases.join.not_petition': 'Doar o petiție se conexează în acest fel.',
    'errors.cases.join.closed': 'Dosarul este închis: petiția nu mai poate fi conexată.',

    'join.email.subject': 'Petiția nr. {number} a fost conexată la petiția nr. {firstNumber}',
    'join.email.body':
      'Petiția dumneavoastră nr. {number} ({service}) privește aceeași problemă ca petiția nr. {firstNumber}, depusă anterior, așa că a fost conexată la aceasta (OG 27/2002, art. 10): veți primi un singur răspuns, pentru amândouă.',
    'join.email.answered_subject': 'Petiția nr. {number}: s-a răspuns deja la petiția nr. {firstNumber}',
    'join.email.answered_body':
      'Petiția dumneavoastră nr. {number} ({service}) privește aceeași problemă ca petiția nr. {firstNumber}, la care v-am răspuns la {answeredOn}. De aceea a fost clasată la numărul inițial (OG 27/2002, art. 10); răspunsul dat rămâne valabil și îl găsiți la petiția nr. {firstNumber}.',
    'join.email.action': 'Vedeți petiția',
  },
  {
    'tracking.status.joined': 'Joined to an earlier petition',
    'tracking.action.joined': 'The petition was joined to the earlier petition on the same issue',
    'registry.resolution.joined': 'Joined to the earlier petition on the same issue on {date}',
    'audit.action.case.joined': 'The petition was joined to an earlier petition on the same issue',

    'join.link': 'Join to an earlier petition of the same petitioner',
    'join.done': 'Joined to petition no. {number}: its answer covers both (OG 27/2002 art. 10).',
    'join.done_answered': 'Repeated after the answer: filed at the first number, no. {number}, answered on {date} (OG 27/2002 art. 10).',
    'join.sent_on_platform': 'Along with petition no. {first}, it was sent to the competent institution, {institution}, where it was registered under no. {number} (OG 27/2002 art. 6¹).',
    'join.sent_on_outside': 'Along with petition no. {first}, it was e-mailed to the competent institution, {institution} ({email}), with letter no. {number} (OG 27/2002 art. 6¹).',
    'join.citizen_done': 'The petition was joined to your petition no. {number} on the same issue: you will receive one answer for both (OG 27/2002 art. 10).',
    'join.covers': 'Petitions of the same petitioner joined to this one: {numbers}. The answer must refer to all of them (OG 27/2002 art. 10).',
    'join.see': 'See petition no. {number}',
    'join.title': 'Join petition no. {number} to an earlier petition',
    'join.caption': 'Repeated petition',
    'join.lead':
      'Petitions of the same petitioner on the same issue are joined to the first: one answer is given, referring to all of them. If the first was already answered, the new one is filed at the first number, noting that it was answered. The petitioner is e-mailed; the case here closes (OG 27/2002, art. 10).',
    'join.into_legend': 'Which earlier petition are you joining it to?',
    'join.into_hint': 'The petitions of the same petitioner (same account, CNP, CUI or e-mail) registered before, newest first.',
    'join.answered': 'answered',
    'join.none': 'The petitioner has no other petition registered before at this institution.',
    'join.reason': 'Notes (optional)',
    'join.send': 'Join the petition',
    'join.sent': 'The petition was joined to petition no. {number}. The petitioner was told.',
    'join.sent_answered': 'The petition was filed at the first number, no. {number}, which was answered. The petitioner was told.',
    'join.sent_already': 'The petition had already been joined to petition no. {number}.',

    'errors.cases.join.into_required': 'Choose the earlier petition.',
    'errors.cases.join.into_unknown': 'Choose one of the earlier petitions of the same petitioner.',
    'errors.cases.join.not_petition': 'Only a petition is joined this way.',
    'errors.cases.join.closed': 'The case is closed: the petition can no longer be joined.',

    'join.email.subject': 'Petition no. {number} was joined to petition no. {firstNumber}',
    'join.email.body':
      'Your petition no. {number} ({service}) is about the same issue as petition no. {firstNumber}, sent before, so it was joined to it (OG 27/2002, art. 10): you will receive one answer for both.',
    'join.email.answered_subject': 'Petition no. {number}: petition no. {firstNumber} was already answered',
    'join.email.answered_body':
      'Your petition no. {number} ({service}) is about the same issue as petition no. {firstNumber}, which we answered on {answeredOn}. So it was filed at the first number (OG 27/2002, art. 10); the answer given stands and you find it with petition no. {firstNumber}.',
    'join.email.action': 'See the petition',
  },
);
