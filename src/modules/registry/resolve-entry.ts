import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { bucharestDay } from '../../platform/calendar/calendar.ts';
import { AppError } from '../../platform/http/errors.ts';
import { parseEntryResolution } from './domain/entry-resolution.ts';
import { routedEntryAccess } from './routed-entry-access.ts';
import { setEntryResolution } from './store.ts';

/**
 * Records how a routed document was resolved (the register's "modul de rezolvare" and its day), by someone of the
 * department it was routed to. Saying it again corrects it; the audit keeps what it said before.
 */
export async function resolveEntry(
  deps: Pick<AppDeps, 'db' | 'now'>,
  actor: Actor,
  input: { entryId: string; way?: unknown; note?: unknown; fileCode?: unknown },
): Promise<{ resolvedOn: string }> {
  const parsed = parseEntryResolution(input);
  return deps.db.transaction(async (tx) => {
    const { line, handles } = await routedEntryAccess(tx, actor, input.entryId);
    if (!handles) throw new AppError('registry.resolve.not_yours', 'forbidden');
    if (!parsed.ok) throw new AppError('validation', 'invalid', {}, parsed.errors);
    const day = bucharestDay(deps.now());
    const { way, note, fileCode } = parsed.value;
    await setEntryResolution(tx, line.id, { code: `entry.${way}`, note, day, fileCode });
    await recordAudit(tx, {
      chain: line.institutionId,
      actorId: actor.accountId,
      action: 'registry.entry_resolved',
      entity: 'registry_entry',
      entityId: line.id,
      details: { way, note, fileCode, before: line.resolvedOn ? { code: line.resolutionCode, note: line.resolution, on: line.resolvedOn } : null },
      ip: actor.ip,
    });
    return { resolvedOn: day };
  });
}
