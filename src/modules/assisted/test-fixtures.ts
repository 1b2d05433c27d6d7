import { DEMO_ACCOUNTS } from '../identity/seed-demo.ts';

/*
 * A person without an account at the counter, as the tests file requests for her: the identity block of the JSON API
 * and the answers of the catalogue's common applicant pages, as a browser posts them.
 */

export const COUNTER_PERSON = {
  firstName: 'Ioana',
  lastName: 'Bălănescu',
  cnp: DEMO_ACCOUNTS.maria.person.cnp,
  idDocument: { type: 'CI' as const, series: 'RX', number: '123456' },
  phone: '0722 123 456',
};

export const COUNTER_APPLICANT_ANSWERS = {
  applicant_kind: 'pf',
  'applicant_address-street': 'Calea 13 Septembrie',
  'applicant_address-number': '90',
  'applicant_address-locality': 'București',
  'applicant_address-county': 'Sector 5',
};
