import type { Tx } from '../../db/database.ts';
import { markSent } from './store.ts';

/**
 * Writes the register's "Data expedierii" of an outgoing document the day it leaves the institution (an answer
 * issued to the applicant), and its "Număr de file" when the sender knows it (a generated PDF): once, so a later
 * re-send does not change what the register records.
 */
export async function recordSending(tx: Tx, input: { entryId: string; day: string; pageCount?: number }): Promise<void> {
  await markSent(tx, input.entryId, input.day, input.pageCount);
}
