import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { assertCanManageCatalog } from './authorize.ts';
import type { LocalText } from './domain/form-definition.ts';
import { listServices, listVersionSummaries } from './store.ts';

export type CatalogServiceSummary = {
  serviceId: string;
  code: string;
  category: string;
  name: LocalText;
  publishedVersion: number | null;
  /** Withdrawn from the online catalogue (the published version is kept for republishing). */
  withdrawn: boolean;
  draftVersion: number | null;
  versions: number;
};

/** The administrator's list: every service of the institution with its published version and open draft. */
export async function listCatalogServices(deps: Pick<AppDeps, 'db'>, input: { actor: Actor; institutionId: string }): Promise<CatalogServiceSummary[]> {
  assertCanManageCatalog(input.actor, input.institutionId);
  const services = await listServices(deps.db, input.institutionId);
  const versions = await listVersionSummaries(deps.db, input.institutionId);
  return services.map((s) => {
    const own = versions.filter((v) => v.serviceId === s.id);
    const published = own.find((v) => v.id === s.publishedVersionId) ?? null;
    const draft = own.find((v) => v.status === 'draft') ?? null;
    return {
      serviceId: s.id,
      code: s.code,
      category: s.category,
      name: (draft ?? published ?? own[0])?.name ?? { ro: s.code, en: s.code },
      publishedVersion: published?.version ?? null,
      withdrawn: s.withdrawnAt !== null,
      draftVersion: draft?.version ?? null,
      versions: own.length,
    };
  });
}
