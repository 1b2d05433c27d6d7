import type { Tx } from '../../db/database.ts';
import { markSent } from './store.ts';

/**
 * Writes the register's "Data expedierii" of an outgoing document the day it leaves the institution (an answer
 * issued to the applicant): once, so a later re-send does not change the date the register records.
 */
export async function recordSending(tx: Tx, input: { entryId: string; day: string }): Promise<void> {
  await markSent(tx, input.entryId, input.day);
}
