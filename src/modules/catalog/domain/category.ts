import { CATEGORIES } from './service-definition.ts';

export type Category = (typeof CATEGORIES)[number];

/** The category in URLs: `stare_civila` → `stare-civila`. */
export function categorySlug(category: Category): string {
  return category.replace(/_/g, '-');
}

export function categoryFromSlug(slug: string | undefined): Category | null {
  if (!slug) return null;
  return CATEGORIES.find((c) => categorySlug(c) === slug || c === slug) ?? null;
}
