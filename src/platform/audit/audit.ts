import { createHash } from 'node:crypto';
import { and, asc, eq, gt, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/database.ts';
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
 * Records one entry. Call it inside the transaction that makes the change (or reads the data): the entry commits
 * or rolls back with it. It joins its hash chain when sealed (sealAudit), shortly after commit.
 */
export function recordAudit(tx: Executor, input: AuditInput): Promise<void> {
  return recordAudits(tx, [input]);
}

/**
 * Records several entries in one statement. No lock is taken: the chain's order, links and hashes are given by
 * the sealer, so audited writes of one institution do not wait for each other's commits.
 */
export async function recordAudits(tx: Executor, inputs: AuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  const at = new Date();
  await tx.insert(auditEntry).values(
    inputs.map((input) => ({
      chain: input.chain,
      at,
      actorId: input.actorId ?? null,
      action: input.action,
      subjectId: input.subjectId ?? null,
      entity: input.entity,
      entityId: input.entityId ?? null,
      // What jsonb gives back (a Date becomes its ISO string, undefined disappears): the sealer hashes the stored row.
      details: JSON.parse(JSON.stringify(input.details ?? {})) as Record<string, unknown>,
      ip: input.ip ?? null,
    })),
  );
}

/**
 * The INSERT of `inputs` as one SQL statement, for a caller that must run it inside a larger statement: the
 * registry numbers an entry and records its audit entries in one round trip (openCase). With `bind`, the text
 * `bind.placeholder` in the details is replaced by the SQL value `bind.value` (the number, known only there).
 */
export function auditInsertSql(inputs: AuditInput[], bind?: { placeholder: string; value: SQL }): SQL {
  const at = new Date().toISOString();
  const rows = inputs.map((input) => {
    const details = JSON.stringify(input.details ?? {});
    const detailsSql = bind ? sql`replace(${details}::text, ${bind.placeholder}::text, ${bind.value})::jsonb` : sql`${details}::jsonb`;
    return sql`(${input.chain}, ${at}::timestamptz, ${input.actorId ?? null}::uuid, ${input.action}, ${input.subjectId ?? null}::uuid, ${input.entity}, ${input.entityId ?? null}, ${detailsSql}, ${input.ip ?? null})`;
  });
  return sql`INSERT INTO audit_entry (chain, at, actor_id, action, subject_id, entity, entity_id, details, ip) VALUES ${sql.join(rows, sql`, `)}`;
}

const SEAL_BATCH = 500;

/**
 * Links the committed, unsealed entries into their chains: each gets the next seq of its chain, the previous
 * entry's hash and its own hash, in insertion order. Safe to run in several processes at once (the chain head is
 * locked while sealing). Returns how many entries were sealed.
 */
export async function sealAudit(db: Db, chains?: string[]): Promise<number> {
  const pending = chains ?? (await db.selectDistinct({ chain: auditEntry.chain }).from(auditEntry).where(isNull(auditEntry.seq))).map((r) => r.chain);
  let sealed = 0;
  for (const chain of pending) {
    for (;;) {
      const n = await db.transaction(async (tx) => {
        await tx.insert(auditChain).values({ chain, lastSeq: 0, lastHash: GENESIS }).onConflictDoNothing();
        const [head] = await tx.select().from(auditChain).where(eq(auditChain.chain, chain)).for('update');
        const rows = await tx
          .select()
          .from(auditEntry)
          .where(and(eq(auditEntry.chain, chain), isNull(auditEntry.seq)))
          .orderBy(asc(auditEntry.id))
          .limit(SEAL_BATCH);
        if (rows.length === 0) return 0;
        let seq = Number(head!.lastSeq);
        let prev = head!.lastHash;
        const updates = rows.map((r) => {
          seq++;
          const hash = entryHash(prev, { ...r, seq, details: r.details ?? {} } as Hashed);
          const row = sql`(${r.id}::bigint, ${seq}::bigint, ${prev}, ${hash})`;
          prev = hash;
          return row;
        });
        await tx.execute(sql`UPDATE audit_entry e SET seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
          FROM (VALUES ${sql.join(updates, sql`, `)}) AS v(id, seq, prev_hash, hash) WHERE e.id = v.id`);
        await tx.update(auditChain).set({ lastSeq: seq, lastHash: prev }).where(eq(auditChain.chain, chain));
        return rows.length;
      });
      sealed += n;
      if (n < SEAL_BATCH) break;
    }
  }
  return sealed;
}

/** Seals every second in the worker processes (and once more when stopped). */
export function startAuditSealer(db: Db, log: { warn(obj: unknown, msg: string): void }, everyMs = 1000): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = sealAudit(db).catch((err) => log.warn({ err }, 'audit sealing failed; retrying'));
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
      await sealAudit(db).catch((err) => log.warn({ err }, 'audit sealing failed at shutdown; the next worker seals these entries'));
    },
  };
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
