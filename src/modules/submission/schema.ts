import { jsonb, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { caseDraft } from '../cases/schema.ts';

/** A consent to fetch one document from its issuer (OUG 41/2016), or its refusal; recorded with time and account. */
export type Consent = { given: boolean; at: string; accountId: string };

/** How the applicant confirmed the application. */
export type Declaration =
  | { kind: 'simple'; accountId: string; at: string; ip: string | null; answersSha256: string }
  | {
      kind: 'signed_pdf';
      accountId: string;
      at: string;
      documentId: string;
      signerName: string | null;
      signingTime: string | null;
      modifiedAfterSigning: boolean;
      trustChecked: false;
    };

export const submissionState = pgTable('submission_state', {
  draftId: uuid('draft_id')
    .primaryKey()
    .references(() => caseDraft.id, { onDelete: 'cascade' }),
  prefilled: jsonb('prefilled').$type<string[]>().notNull().default([]),
  completedPages: jsonb('completed_pages').$type<string[]>().notNull().default([]),
  consents: jsonb('consents').$type<Record<string, Consent>>().notNull().default({}),
  declaration: jsonb('declaration').$type<Declaration>(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
