import { defineMessages } from '../../platform/i18n/i18n.ts';

export const unsentFormMessages = defineMessages(
  {
    'identity.unsent.title': 'Trimiteți din nou pagina',
    'identity.unsent.lead':
      'Sesiunea s-a încheiat înainte să primim pagina pe care ați trimis-o, așa că nu s-a salvat nimic din ea. Am păstrat ce ați scris pe ea: apăsați butonul de mai jos ca să o trimiteți acum.',
    'identity.unsent.secrets': 'Din motive de siguranță nu am păstrat parolele, codurile și PIN-urile: dacă pagina le cerea, vi le cerem din nou.',
    'identity.unsent.files':
      'Fișierele atașate nu s-au păstrat (nu primim fișiere după încheierea sesiunii). Alegeți-le din nou mai jos, apoi trimiteți pagina: ce ați scris se trimite împreună cu ele.',
    'identity.unsent.file_label': 'Alegeți din nou: {names}',
    'identity.unsent.file_hint': 'Fișiere de cel mult {max} fiecare.',
    'identity.unsent.send': 'Trimiteți din nou',
    'identity.unsent.not_now': 'Nu trimiteți; mergeți la pagină',
  },
  {
    'identity.unsent.title': 'Send the page again',
    'identity.unsent.lead':
      'Your session ended before we received the page you sent, so nothing on it was saved. We kept what you typed on it: press the button below to send it now.',
    'identity.unsent.secrets': 'For your security we did not keep passwords, codes or PINs: if the page asked for them, you will be asked again.',
    'identity.unsent.files':
      'The attached files were not kept (we do not receive files after a session has ended). Choose them again below, then send the page: what you typed is sent with them.',
    'identity.unsent.file_label': 'Choose again: {names}',
    'identity.unsent.file_hint': 'Files of at most {max} each.',
    'identity.unsent.send': 'Send again',
    'identity.unsent.not_now': 'Do not send; go to the page',
  },
);
