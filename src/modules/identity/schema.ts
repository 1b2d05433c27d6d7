import { boolean, date, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { department, institution } from '../organisation/schema.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const account = pgTable('account', {
  id: uuid('id').primaryKey(),
  email: text('email').notNull(),
  emailVerifiedAt: ts('email_verified_at'),
  passwordHash: text('password_hash'),
  displayName: text('display_name').notNull(),
  phone: text('phone'),
  locale: text('locale').$type<'ro' | 'en'>().notNull().default('ro'),
  notifyEmail: boolean('notify_email').notNull().default(true),
  notifySms: boolean('notify_sms').notNull().default(false),
  totpSecret: text('totp_secret'),
  totpEnabledAt: ts('totp_enabled_at'),
  isOfficial: boolean('is_official').notNull().default(false),
  disabledAt: ts('disabled_at'),
  deletionRequestedAt: ts('deletion_requested_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const person = pgTable('person', {
  accountId: uuid('account_id')
    .primaryKey()
    .references(() => account.id),
  /** Declared by any number of accounts; confirmed (cnpVerifiedAt) for at most one — a partial unique index, migration 0057. */
  cnp: text('cnp'),
  firstName: text('first_name').notNull(),
  lastName: text('last_name').notNull(),
  address: text('address'),
  /** Migration 0053: the CNP was asserted by an identity provider (`oidc:<issuer>`) or checked at the counter (`counter:<official>`). */
  cnpVerifiedAt: ts('cnp_verified_at'),
  cnpVerifiedBy: text('cnp_verified_by'),
});

export const company = pgTable('company', {
  id: uuid('id').primaryKey(),
  cui: text('cui').notNull().unique(),
  name: text('name').notNull(),
  tradeRegisterNo: text('trade_register_no'),
  address: text('address'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** Pending until an official checks the mandate; then active, or rejected with a reason; revoked when it ends. */
export const REPRESENTATION_STATUSES = ['pending', 'active', 'rejected', 'revoked'] as const;
export type RepresentationStatus = (typeof REPRESENTATION_STATUSES)[number];

export const companyRepresentative = pgTable('company_representative', {
  id: uuid('id').primaryKey(),
  companyId: uuid('company_id')
    .notNull()
    .references(() => company.id),
  accountId: uuid('account_id')
    .notNull()
    .references(() => account.id),
  role: text('role').notNull().default('representative'),
  mandateSha256: text('mandate_sha256'),
  mandateFilename: text('mandate_filename'),
  status: text('status').$type<RepresentationStatus>().notNull().default('pending'),
  /** The mandate's last valid day (inclusive), set when it is approved; null: until revoked (migration 0058). */
  validUntil: date('valid_until'),
  createdAt: ts('created_at').notNull().defaultNow(),
  /** Migration 0049: the official who checked the mandate, when, and why it was refused. */
  decidedBy: uuid('decided_by').references(() => account.id),
  decidedAt: ts('decided_at'),
  decisionReason: text('decision_reason'),
  /** Migration 0058: when the representative and the company's other representatives were told the mandate ends soon. */
  expiryNoticeSentAt: ts('expiry_notice_sent_at'),
  /** Migration 0065: the next mandate, sent near or after the end of this one, waiting for the registry. */
  renewalMandateSha256: text('renewal_mandate_sha256'),
  renewalMandateFilename: text('renewal_mandate_filename'),
  renewalRequestedAt: ts('renewal_requested_at'),
  /** Why the registry refused the last renewal (the current mandate stays as it was). */
  renewalRefusalReason: text('renewal_refusal_reason'),
  /** Migration 0070: when the mandate was ended before its date, by the registry or by the representative (`revokedBy`), and why. */
  revokedAt: ts('revoked_at'),
  revokedBy: uuid('revoked_by').references(() => account.id),
  revocationReason: text('revocation_reason'),
});

export const membership = pgTable('membership', {
  id: uuid('id').primaryKey(),
  accountId: uuid('account_id')
    .notNull()
    .references(() => account.id),
  institutionId: uuid('institution_id')
    .notNull()
    .references(() => institution.id),
  departmentId: uuid('department_id').references(() => department.id),
  role: text('role').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  revokedAt: ts('revoked_at'),
});

export const invitation = pgTable('invitation', {
  id: uuid('id').primaryKey(),
  institutionId: uuid('institution_id')
    .notNull()
    .references(() => institution.id),
  departmentId: uuid('department_id').references(() => department.id),
  role: text('role').notNull(),
  email: text('email').notNull(),
  displayName: text('display_name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  invitedBy: uuid('invited_by')
    .notNull()
    .references(() => account.id),
  expiresAt: ts('expires_at').notNull(),
  acceptedAt: ts('accepted_at'),
  revokedAt: ts('revoked_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const session = pgTable('session', {
  id: text('id').primaryKey(),
  accountId: uuid('account_id')
    .notNull()
    .references(() => account.id),
  createdAt: ts('created_at').notNull().defaultNow(),
  lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
  expiresAt: ts('expires_at').notNull(),
  mfaPassed: boolean('mfa_passed').notNull().default(false),
  ip: text('ip'),
  userAgent: text('user_agent'),
  revokedAt: ts('revoked_at'),
});

export const accountToken = pgTable('account_token', {
  id: uuid('id').primaryKey(),
  accountId: uuid('account_id')
    .notNull()
    .references(() => account.id),
  purpose: text('purpose').$type<'verify_email' | 'reset_password'>().notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  expiresAt: ts('expires_at').notNull(),
  usedAt: ts('used_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const recoveryCode = pgTable('recovery_code', {
  id: uuid('id').primaryKey(),
  accountId: uuid('account_id')
    .notNull()
    .references(() => account.id),
  codeHash: text('code_hash').notNull(),
  usedAt: ts('used_at'),
});

export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lockedUntil: ts('locked_until'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const oidcIdentity = pgTable('oidc_identity', {
  id: uuid('id').primaryKey(),
  accountId: uuid('account_id')
    .notNull()
    .references(() => account.id),
  issuer: text('issuer').notNull(),
  subject: text('subject').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});
