import { createHash } from 'node:crypto';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { auditChain, auditEntry } from './schema.ts';

export const PLATFORM_CHAIN = 'platform';
const GENESIS = '0'.repeat(64);

export type AuditInput = {
  /** An institution id, or PLATFORM_CHAIN for accounts and other platform-wide records. */
  chain: string;
  actorId: string | null;
  /** What happened, e.g. `account.registered`, `person.viewed`. Reads of someone's data end in `.viewed`. */
  action: string;
  /** Whose personal data this touches; the citizen sees these entries on their account. */
  subjectId?: string | null;
  entity: string;
  entityId?: string | null;
  details?: Record<string, unknown>;
  ip?: string | null;
};

type Hashed = Required<Omit<AuditInput, 'details'>> & { seq: number; at: Date; details: Record<string, unknown> };

/** JSON with object keys sorted at every level: jsonb does not keep key order, the hash must not depend on it. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
    .join(',')}}`;
}

export function entryHash(prevHash: string, e: Hashed): string {
  const payload = canonicalJson([
    e.chain,
    e.seq,
    e.at.toISOString(),
    e.actorId,
    e.action,
    e.subjectId,
    e.entity,
    e.entityId,
    e.details,
    e.ip,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(payload).digest('hex');
}

/**
 * Appends one entry to its chain. Call it inside the transaction that makes the change (or reads the data):
 * the UPDATE on the chain head serialises writers, so the chain never forks.
 */
export async function recordAudit(tx: Executor, input: AuditInput): Promise<void> {
  // One statement takes the chain's next number and its last hash (the upsert locks the head row until commit):
  // for a new chain the inserted row says seq 1 after the genesis hash; for an existing one RETURNING shows the
  // incremented seq and the hash not yet replaced.
  const [head] = await tx
    .insert(auditChain)
    .values({ chain: input.chain, lastSeq: 1, lastHash: GENESIS })
    .onConflictDoUpdate({ target: auditChain.chain, set: { lastSeq: sql`${auditChain.lastSeq} + 1` } })
    .returning({ seq: auditChain.lastSeq, prevHash: auditChain.lastHash });
  if (!head) throw new Error(`audit chain ${input.chain} missing`);
  const entry: Hashed = {
    chain: input.chain,
    seq: Number(head.seq),
    at: new Date(),
    actorId: input.actorId ?? null,
    action: input.action,
    subjectId: input.subjectId ?? null,
    entity: input.entity,
    entityId: input.entityId ?? null,
    // Hash what jsonb will give back (a Date becomes its ISO string, undefined disappears), or verify would fail.
    details: JSON.parse(JSON.stringify(input.details ?? {})) as Record<string, unknown>,
    ip: input.ip ?? null,
  };
  const hash = entryHash(head.prevHash, entry);
  // The entry and the new chain head in one round trip (the head row is already locked by this transaction).
  await tx.execute(sql`WITH e AS (
      INSERT INTO audit_entry (chain, seq, at, actor_id, action, subject_id, entity, entity_id, details, ip, prev_hash, hash)
      VALUES (${entry.chain}, ${entry.seq}, ${entry.at.toISOString()}, ${entry.actorId}, ${entry.action}, ${entry.subjectId}, ${entry.entity},
              ${entry.entityId}, ${JSON.stringify(entry.details)}::jsonb, ${entry.ip}, ${head.prevHash}, ${hash})
    )
    UPDATE audit_chain SET last_hash = ${hash} WHERE chain = ${entry.chain}`);
}

export type AuditBreak = { chain: string; seq: number; reason: 'hash_mismatch' | 'broken_link' | 'missing_entry' | 'head_mismatch' };

/** Walks every chain from the start; returns the first entry whose content or link no longer matches. */
export async function verifyAudit(db: Executor): Promise<{ checked: number; breaks: AuditBreak[] }> {
  const chains = await db.select().from(auditChain).orderBy(asc(auditChain.chain));
  const breaks: AuditBreak[] = [];
  let checked = 0;
  for (const c of chains) {
    let prev = GENESIS;
    let expectedSeq = 1;
    let broken = false;
    const pageSize = 5000;
    for (;;) {
      const rows = await db
        .select()
        .from(auditEntry)
        .where(and(eq(auditEntry.chain, c.chain), gt(auditEntry.seq, expectedSeq - 1)))
        .orderBy(asc(auditEntry.seq))
        .limit(pageSize);
      for (const r of rows) {
        checked++;
        if (r.seq !== expectedSeq) {
          breaks.push({ chain: c.chain, seq: expectedSeq, reason: 'missing_entry' });
          broken = true;
          break;
        }
        if (r.prevHash !== prev) {
          breaks.push({ chain: c.chain, seq: r.seq, reason: 'broken_link' });
          broken = true;
          break;
        }
        const h = entryHash(prev, { ...r, details: r.details ?? {} } as Hashed);
        if (h !== r.hash) {
          breaks.push({ chain: c.chain, seq: r.seq, reason: 'hash_mismatch' });
          broken = true;
          break;
        }
        prev = r.hash;
        expectedSeq++;
      }
      if (broken || rows.length < pageSize) break;
    }
    if (!broken && (prev !== c.lastHash || expectedSeq - 1 !== Number(c.lastSeq))) {
      breaks.push({ chain: c.chain, seq: expectedSeq, reason: 'head_mismatch' });
    }
  }
  return { checked, breaks };
}
