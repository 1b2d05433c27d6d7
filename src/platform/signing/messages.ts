import { defineMessages } from '../i18n/i18n.ts';

/*
 * The errors a signing attempt can end with. The module that exposes signing to users registers this bundle
 * (`registerMessages('signing', signingMessages)`).
 */
export const signingMessages = defineMessages(
  {
    'errors.signing.pin_invalid': 'Codul PIN al certificatului nu este corect.',
    'errors.signing.credential_locked': 'Certificatul a fost blocat după prea multe încercări greșite. Contactați furnizorul de semnătură.',
    'errors.signing.remote_refused': 'Serviciul de semnătură la distanță a refuzat cererea.',
    'errors.signing.remote_unavailable': 'Serviciul de semnătură la distanță nu răspunde. Încercați din nou peste câteva minute.',
    'errors.signing.tsa_unavailable': 'Serviciul de marcare temporală nu răspunde. Încercați din nou peste câteva minute.',
    'errors.signing.tsa_refused': 'Serviciul de marcare temporală a refuzat cererea.',
    'errors.signing.pkcs12_invalid': 'Fișierul certificatului nu poate fi deschis: parola este greșită sau fișierul este deteriorat.',
    'errors.signing.pdf_unsupported': 'Documentul PDF nu poate fi semnat (este criptat sau deteriorat).',
  },
  {
    'errors.signing.pin_invalid': 'The certificate PIN is not correct.',
    'errors.signing.credential_locked': 'The certificate has been locked after too many wrong attempts. Contact the signature provider.',
    'errors.signing.remote_refused': 'The remote signing service refused the request.',
    'errors.signing.remote_unavailable': 'The remote signing service does not answer. Try again in a few minutes.',
    'errors.signing.tsa_unavailable': 'The time-stamping service does not answer. Try again in a few minutes.',
    'errors.signing.tsa_refused': 'The time-stamping service refused the request.',
    'errors.signing.pkcs12_invalid': 'The certificate file cannot be opened: the password is wrong or the file is damaged.',
    'errors.signing.pdf_unsupported': 'The PDF document cannot be signed (it is encrypted or damaged).',
  },
);
