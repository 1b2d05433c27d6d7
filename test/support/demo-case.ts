import { findPublishedByCode } from '../../src/modules/catalog/store.ts';
import { openCase } from '../../src/modules/cases/open-case.ts';
import type { Applicant } from '../../src/modules/cases/schema.ts';
import { DEMO_ACCOUNTS, type DemoAccount } from '../../src/modules/identity/seed-demo.ts';
import { DEMO } from '../../src/modules/organisation/seed-demo.ts';
import type { TestApp } from './harness.ts';

/** Someone without an account, whose paper the registry clerk registered. */
export const PAPER_APPLICANT: Applicant = { kind: 'person', name: 'Vasile Ghișeu', email: 'vasile.ghiseu@example.ro' };

export type DemoCaseOptions = {
  /** The code of a service published by the institution: 'PETITIE', 'CERT-URBANISM', 'INFO-544'… */
  service: string;
  /** Primăria Sectorului 5 unless said. */
  institutionId?: string;
  /** The account that filed it online, for itself; without one the registry clerk registered a paper (`channel`). */
  by?: DemoAccount;
  /** As registered; by default the account's holder, or Vasile Ghișeu (PAPER_APPLICANT). */
  applicant?: Applicant;
  companyId?: string | null;
  answers?: Record<string, unknown>;
  /** 'online' when filed by an account, else 'post'. */
  channel?: 'online' | 'counter' | 'email' | 'post';
  feeBani?: number;
  /** When it was registered: the app's clock by default. */
  at?: Date;
};

/**
 * A case of one of the demo's services, registered as the platform registers one (number, tracking code, legal term,
 * first workflow step): it waits in the registry's inbox. Returns its id and its number as written on paper.
 */
export async function openDemoCase(t: TestApp, o: DemoCaseOptions): Promise<{ caseId: string; number: string; trackingCode: string }> {
  const service = await findPublishedByCode(t.deps.db, o.institutionId ?? DEMO.sector5, o.service);
  if (!service) throw new Error(`no published service ${o.service}`);
  const opened = await t.database.db.transaction((tx) =>
    openCase(tx, {
      serviceVersionId: service.versionId,
      applicantAccountId: o.by?.id ?? null,
      companyId: o.companyId ?? null,
      applicant: o.applicant ?? (o.by ? { kind: 'person', name: o.by.displayName, email: o.by.email } : PAPER_APPLICANT),
      answers: o.answers ?? {},
      channel: o.channel ?? (o.by ? 'online' : 'post'),
      actorId: o.by?.id ?? DEMO_ACCOUNTS.registryClerk.id,
      transactionId: crypto.randomUUID(),
      feeBani: o.feeBani ?? 0,
      at: o.at ?? t.deps.now(),
    }),
  );
  return { caseId: opened.caseId, number: opened.registry.display, trackingCode: opened.trackingCode };
}
