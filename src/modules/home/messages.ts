import { defineMessages } from '../../platform/i18n/i18n.ts';

export const homeMessages = defineMessages(
  {
    'home.title': 'Acasă',
    'home.heading': 'Primăria, fără hârtii și fără cozi',
    'home.lead': 'Depuneți cereri online, primiți număr de înregistrare pe loc, urmăriți-le traseul și primiți răspunsul semnat electronic.',
    'home.have_account': 'Aveți deja cont? Autentificați-vă',
    'home.search_label': 'Ce doriți să rezolvați?',
    'home.search_hint': 'De exemplu: certificat fiscal, certificat de urbanism, parcare, căsătorie',
    'home.search_button': 'Caută serviciul',
    'home.quick_links': 'Acces rapid',
    'home.all_services': 'Toate serviciile primăriei',
    'home.check_status': 'Verificați stadiul unei cereri',
    'home.contact': 'Contact și program',
  },
  {
    'home.title': 'Home',
    'home.heading': 'Your city hall, without paper or queues',
    'home.lead': 'Submit requests online, get a registration number at once, follow their route and receive the electronically signed answer.',
    'home.have_account': 'Already have an account? Sign in',
    'home.search_label': 'What do you need to do?',
    'home.search_hint': 'For example: tax certificate, urbanism certificate, parking, marriage',
    'home.search_button': 'Find the service',
    'home.quick_links': 'Quick links',
    'home.all_services': 'All city hall services',
    'home.check_status': 'Check the status of a request',
    'home.contact': 'Contact and opening hours',
  },
);
