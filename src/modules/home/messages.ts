import { defineMessages } from '../../platform/i18n/i18n.ts';

export const homeMessages = defineMessages(
  {
    'home.title': 'Acasă',
    'home.heading': 'Primăria, fără hârtii și fără cozi',
    'home.lead': 'Depuneți cereri online, primiți număr de înregistrare pe loc, urmăriți-le traseul și primiți răspunsul semnat electronic.',
    'home.have_account': 'Aveți deja cont? Autentificați-vă',
  },
  {
    'home.title': 'Home',
    'home.heading': 'Your city hall, without paper or queues',
    'home.lead': 'Submit requests online, get a registration number at once, follow their route and receive the electronically signed answer.',
    'home.have_account': 'Already have an account? Sign in',
  },
);
