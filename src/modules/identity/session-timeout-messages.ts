import { defineMessages } from '../../platform/i18n/i18n.ts';

/** The session-timeout warning's words (assets/session-timeout.js): sent to the browser with the script. */
export const sessionTimeoutMessages = defineMessages(
  {
    'identity.timeout.warning_title': 'Sesiunea se încheie în curând',
    'identity.timeout.warning': 'Sesiunea dumneavoastră se încheie {time} din cauza inactivității. Ce ați scris pe această pagină se păstrează.',
    'identity.timeout.continue': 'Continuați sesiunea',
    'identity.timeout.continued': 'Sesiunea continuă.',
    'identity.timeout.failed': 'Sesiunea nu a putut fi prelungită. Verificați conexiunea la internet și încercați din nou.',
    'identity.timeout.absolute_title': 'Sesiunea nu mai poate fi prelungită',
    'identity.timeout.absolute':
      'Sesiunea dumneavoastră se încheie {time}: a ajuns la durata maximă și nu mai poate fi prelungită. Salvați sau trimiteți acum ce ați scris pe această pagină; după aceea va trebui să vă autentificați din nou.',
    'identity.timeout.ended_title': 'Sesiunea s-a încheiat',
    'identity.timeout.ended': 'Sesiunea s-a încheiat din cauza inactivității, ca să vă protejăm datele.',
    'identity.timeout.ended_absolute': 'Sesiunea s-a încheiat: a ajuns la durata maximă.',
    'identity.timeout.ended_kept':
      'Ce ați scris pe această pagină nu s-a pierdut: apăsați butonul paginii ca de obicei, autentificați-vă din nou și veți putea trimite pagina cu ce ați scris. Fișierele se aleg din nou, iar parolele și codurile se introduc din nou.',
    'identity.timeout.close': 'Închideți mesajul',
    // The time left with its preposition: Romanian says "într-un minut", not "în un minut".
    'identity.timeout.minutes.one': 'într-un minut',
    'identity.timeout.minutes.few': 'în {count} minute',
    'identity.timeout.minutes.other': 'în {count} de minute',
    'identity.timeout.seconds.one': 'într-o secundă',
    'identity.timeout.seconds.few': 'în {count} secunde',
    'identity.timeout.seconds.other': 'în {count} de secunde',
  },
  {
    'identity.timeout.warning_title': 'Your session will end soon',
    'identity.timeout.warning': 'Your session will end {time} because you have been inactive. What you typed on this page is kept.',
    'identity.timeout.continue': 'Continue session',
    'identity.timeout.continued': 'Your session continues.',
    'identity.timeout.failed': 'The session could not be extended. Check your internet connection and try again.',
    'identity.timeout.absolute_title': 'Your session cannot be extended',
    'identity.timeout.absolute':
      'Your session will end {time}: it has reached its maximum length and cannot be extended. Save or send what you typed on this page now; after that you will need to sign in again.',
    'identity.timeout.ended_title': 'Your session has ended',
    'identity.timeout.ended': 'Your session ended because you were inactive, to protect your data.',
    'identity.timeout.ended_absolute': 'Your session ended: it reached its maximum length.',
    'identity.timeout.ended_kept':
      'What you typed on this page is not lost: press the page’s button as usual, sign in again and you can send the page with what you typed. Files are chosen again, and passwords and codes typed again.',
    'identity.timeout.close': 'Close this message',
    'identity.timeout.minutes.one': 'in 1 minute',
    'identity.timeout.minutes.few': 'in {count} minutes',
    'identity.timeout.minutes.other': 'in {count} minutes',
    'identity.timeout.seconds.one': 'in 1 second',
    'identity.timeout.seconds.few': 'in {count} seconds',
    'identity.timeout.seconds.other': 'in {count} seconds',
  },
);
