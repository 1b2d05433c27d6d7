import type { Actor } from '../../platform/auth/actor.ts';
import { type EntryView, viewEntry } from './get-entry.ts';
import { readScan } from './get-scan.ts';
import type { RegistryDeps } from './registry-scope.ts';
import { routedEntryAccess } from './routed-entry-access.ts';

export type RoutedEntryView = EntryView & { handles: boolean; mayForward: boolean };

/** A routed document as its department sees it (or the registry): the register line, scans, related documents. */
export async function getRoutedEntry(deps: Pick<RegistryDeps, 'db'>, actor: Actor, entryId: string): Promise<RoutedEntryView> {
  return deps.db.transaction(async (tx) => {
    const access = await routedEntryAccess(tx, actor, entryId);
    return { ...(await viewEntry(tx, actor, access.line)), handles: access.handles, mayForward: access.mayForward };
  });
}

/** A scan of a routed document, for whoever may read the document (audited: a scan carries personal data). */
export function getRoutedScan(deps: RegistryDeps, actor: Actor, input: { entryId: string; documentId: string }): Promise<{ bytes: Uint8Array; filename: string; mediaType: string }> {
  return readScan(
    deps,
    actor,
    async (tx) => {
      const { line } = await routedEntryAccess(tx, actor, input.entryId);
      return { institutionId: line.institutionId, entryId: line.id };
    },
    input.documentId,
  );
}
