/** An institution's department tree, depth first (parents before their children, siblings by name), for a select. */
export function orderTree<T extends { id: string; parentId: string | null; name: string }>(rows: T[]): (T & { depth: number })[] {
  const children = new Map<string | null, T[]>();
  for (const r of rows) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r]);
  const out: (T & { depth: number })[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const r of (children.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name, 'ro'))) {
      out.push({ ...r, depth });
      walk(r.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** A department's name in a tree-ordered table or text: one dash per level (direcție → — serviciu → — — birou). */
export const treeLabel = (depth: number, text: string): string => `${'— '.repeat(depth)}${text}`;

/**
 * A department's option text in a tree-ordered select: indented with em spaces. Browsers skip leading white space
 * when matching what is typed, so typing a department's first letters selects it; behind a dash, a nested
 * department (most of them) could only be reached by arrowing through the tree.
 */
export const treeOption = (depth: number, text: string): string => `${'\u2003\u2003'.repeat(depth)}${text}`;

/** The ids of a department and of every department under it. */
export function subtreeOf(rows: readonly { id: string; parentId: string | null }[], rootId: string): Set<string> {
  const out = new Set([rootId]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of rows) {
      if (r.parentId && out.has(r.parentId) && !out.has(r.id)) {
        out.add(r.id);
        grew = true;
      }
    }
  }
  return out;
}
