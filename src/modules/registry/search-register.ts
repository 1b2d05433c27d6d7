import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { assertCan } from './registry-scope.ts';
import { type RegisterFilter, type RegisterLine, searchEntries } from './store.ts';

export const REGISTER_PAGE_SIZE = 25;

export type RegisterPage = { lines: RegisterLine[]; total: number; page: number; pageCount: number };

/**
 * A page of the institution's register, newest first, filtered by number, days, direction, channel, department and
 * text in the issuer or the summary (diacritics ignored). The register names people, so each search is audited.
 */
export async function searchRegister(
  deps: Pick<AppDeps, 'db'>,
  input: { actor: Actor; institutionId: string; filter: RegisterFilter; page: number; pageSize?: number },
): Promise<RegisterPage> {
  assertCan(input.actor, 'registry.read', input.institutionId);
  const size = input.pageSize ?? REGISTER_PAGE_SIZE;
  const page = Math.max(1, Math.floor(input.page) || 1);
  return deps.db.transaction(async (tx) => {
    const r = await searchEntries(tx, input.institutionId, input.filter, { limit: size, offset: (page - 1) * size });
    await recordAudit(tx, {
      chain: input.institutionId,
      actorId: input.actor.accountId,
      action: 'registry.register_viewed',
      entity: 'registry',
      entityId: input.institutionId,
      details: { filter: input.filter, page, results: r.lines.length },
      ip: input.actor.ip,
    });
    return { ...r, page, pageCount: Math.max(1, Math.ceil(r.total / size)) };
  });
}
