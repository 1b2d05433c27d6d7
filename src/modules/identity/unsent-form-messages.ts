import { defineMessages } from '../../platform/i18n/i18n.ts';

export const unsentFormMessages = defineMessages(
  {
    'identity.unsent.title': 'Trimiteți din nou pagina',
    'identity.unsent.lead':
      'Sesiunea s-a încheiat înainte să primim pagina pe care ați trimis-o, așa că nu s-a salvat nimic din ea. Am păstrat ce ați scris pe ea: apăsați butonul de mai jos ca să o trimiteți acum.',
    'identity.unsent.secrets': 'Din motive de siguranță nu am păstrat parolele, codurile și PIN-urile: dacă pagina le cerea, vi le cerem din nou.',
    'identity.unsent.send': 'Trimiteți din nou',
    'identity.unsent.not_now': 'Nu trimiteți; mergeți la pagină',
  },
  {
    'identity.unsent.title': 'Send the page again',
    'identity.unsent.lead':
      'Your session ended before we received the page you sent, so nothing on it was saved. We kept what you typed on it: press the button below to send it now.',
    'identity.unsent.secrets': 'For your security we did not keep passwords, codes or PINs: if the page asked for them, you will be asked again.',
    'identity.unsent.send': 'Send again',
    'identity.unsent.not_now': 'Do not send; go to the page',
  },
);
