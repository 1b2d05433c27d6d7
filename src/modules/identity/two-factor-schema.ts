import { bigint, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { account } from './schema.ts';

/** The last accepted TOTP time step per account: a code is refused if its step is not newer (no replay). */
export const totpUsedStep = pgTable('totp_used_step', {
  accountId: uuid('account_id')
    .primaryKey()
    .references(() => account.id),
  lastStep: bigint('last_step', { mode: 'number' }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }).notNull(),
});
