import { type DataSection, registerDataSection } from './data-sections.ts';
import { describeAction } from './describe-action.ts';
import {
  findAccountData,
  findPersonData,
  listAuditAbout,
  listCompanyRepresentations,
  listIdentityProviderLinks,
  listMessagesTo,
  listSessionHistory,
} from './store.ts';

const f = (name: string) => ({ name, labelKey: `privacy.field.${name}` });

/** The sections every installation has: the account and what the platform itself records about the person. */
export const coreSections: DataSection[] = [
  {
    key: 'account',
    titleKey: 'privacy.section.account',
    descriptionKey: 'privacy.section.account.why',
    order: 10,
    shape: 'one',
    fields: [f('displayName'), f('email'), f('emailVerifiedAt'), f('phone'), { ...f('locale'), valuesKey: 'privacy.values.locale' }, f('notifyEmail'), f('notifySms'), f('hasPassword'), f('twoFactorEnabledAt'), f('createdAt'), f('deletionRequestedAt')],
    async collect(tx, s) {
      const row = await findAccountData(tx, s.accountId);
      return row ? [row] : [];
    },
  },
  {
    key: 'person',
    titleKey: 'privacy.section.person',
    descriptionKey: 'privacy.section.person.why',
    order: 20,
    shape: 'one',
    fields: [f('lastName'), f('firstName'), f('cnp'), f('address')],
    async collect(tx, s) {
      const row = await findPersonData(tx, s.accountId);
      return row ? [row] : [];
    },
  },
  {
    key: 'identity_providers',
    titleKey: 'privacy.section.identity_providers',
    order: 30,
    shape: 'many',
    fields: [f('issuer'), f('subject'), f('linkedAt')],
    collect: (tx, s) => listIdentityProviderLinks(tx, s.accountId),
  },
  {
    key: 'company_representations',
    titleKey: 'privacy.section.company_representations',
    descriptionKey: 'privacy.section.company_representations.why',
    order: 40,
    shape: 'many',
    fields: [f('companyName'), f('cui'), { ...f('role'), valuesKey: 'privacy.values.representation' }, { ...f('status'), valuesKey: 'privacy.values.mandate' }, f('validUntil'), f('createdAt')],
    collect: (tx, s) => listCompanyRepresentations(tx, s.accountId),
  },
  {
    key: 'sessions',
    titleKey: 'privacy.section.sessions',
    descriptionKey: 'privacy.section.sessions.why',
    order: 50,
    shape: 'many',
    fields: [f('createdAt'), f('lastSeenAt'), f('revokedAt'), f('ip'), f('userAgent')],
    collect: (tx, s) => listSessionHistory(tx, s.accountId),
  },
  {
    key: 'messages',
    titleKey: 'privacy.section.messages',
    descriptionKey: 'privacy.section.messages.why',
    order: 60,
    shape: 'many',
    fields: [f('createdAt'), { ...f('channel'), valuesKey: 'privacy.values.channel' }, f('recipient'), { name: 'subject', labelKey: 'privacy.field.subject_line' }, { ...f('status'), valuesKey: 'privacy.values.message' }],
    collect: (tx, s) => listMessagesTo(tx, s.accountId),
  },
  {
    key: 'audit',
    titleKey: 'privacy.section.audit',
    descriptionKey: 'privacy.section.audit.why',
    order: 90,
    shape: 'many',
    // In words, as the access log reads them (`audit.action.<action>`); an older action without words, by what it touched.
    fields: [f('at'), { ...f('action'), describe: (t, r) => describeAction(t, String(r.action), String(r.entity)) }, f('actorName')],
    collect: (tx, s) => listAuditAbout(tx, s.accountId),
  },
];

export function registerCoreSections(): void {
  for (const section of coreSections) registerDataSection(section);
}
