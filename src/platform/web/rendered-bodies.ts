import type { RenderedBody } from './layout.tsx';

/**
 * Page contents rendered once for a value and served again while that value is current: for a page whose content is
 * a pure function of a cached value (the identity cache's profile behind the account home) plus a few request facts.
 *
 * The owner must be frozen and replaced, never changed, when its data changes (the identity cache drops an account's
 * profile when a change to it is announced and reads a new one): a new owner is a miss, so nothing stale is served.
 * `variant` names everything else the content depends on — the language, the session's CSRF token in a form, an
 * account fact from the session. An owner that is not frozen is rendered every time. Bounded: the oldest owners go
 * first, and an owner keeps a handful of variants (one per session and language in practice).
 */
export class RenderedBodies {
  private readonly owners = new Map<object, Map<string, RenderedBody>>();

  constructor(
    private readonly maxOwners = 2_000,
    private readonly maxVariants = 8,
  ) {}

  get(owner: object, variant: string, render: () => RenderedBody): RenderedBody {
    if (!Object.isFrozen(owner)) return render();
    let variants = this.owners.get(owner);
    const hit = variants?.get(variant);
    if (hit) return hit;
    const body = render();
    if (!variants) {
      if (this.owners.size >= this.maxOwners) this.owners.delete(this.owners.keys().next().value!);
      variants = new Map();
      this.owners.set(owner, variants);
    }
    if (variants.size >= this.maxVariants) variants.clear();
    variants.set(variant, body);
    return body;
  }

  get size(): number {
    return this.owners.size;
  }
}
