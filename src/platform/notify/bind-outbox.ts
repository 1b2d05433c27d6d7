import { inArray, type SQL, sql } from 'drizzle-orm';
import { outboxMessage } from './schema.ts';

/**
 * The UPDATE that puts `value` (an SQL expression) where `placeholder` stands in messages already queued in this
 * transaction: a message that must quote a value decided in the transaction's last statement (the registry
 * number) is queued before it, and completed by that statement.
 */
export function bindOutboxSql(ids: string[], placeholder: string, value: SQL): SQL {
  const replaced = (column: SQL) => sql`replace(${column}, ${placeholder}::text, ${value})`;
  return sql`UPDATE outbox_message SET subject = ${replaced(sql`subject`)}, body_text = ${replaced(sql`body_text`)}, body_html = ${replaced(sql`body_html`)}
    WHERE ${inArray(outboxMessage.id, ids)}`;
}
