import type { PlannedSigner } from '../schema.ts';

/*
 * Who signs an answer, in order: the inspector who prepared it, the head of the department, the mayor. Each
 * signature is an incremental revision covering the ones before it, so the order is the order of the file.
 */

export const SIGNING_ORDER = ['inspector', 'head_of_department', 'mayor'] as const;
export type SigningRole = (typeof SIGNING_ORDER)[number];

/** Why each official signs, as written in the signature (/Reason). */
export const SIGNING_REASON: Record<string, string> = {
  inspector: 'Întocmit',
  head_of_department: 'Verificat',
  mayor: 'Aprobat',
  seal: 'Sigiliul instituției',
};

/** The role titles printed in the signature block. */
export const ROLE_TITLE: Record<string, string> = {
  inspector: 'Inspector',
  head_of_department: 'Șef serviciu',
  mayor: 'Primar',
  director_general: 'Director general',
  seal: 'Sigiliul instituției',
};

/** The key of the title a planned signer signs under (ROLE_TITLE, `documents.role.*`). */
export const titleOf = (s: { role: string; title?: string }) => s.title ?? s.role;

/** The next official to sign (null: everyone planned has signed). */
export function nextSigner(plan: readonly PlannedSigner[], signedCount: number): PlannedSigner | null {
  return plan[signedCount] ?? null;
}

/**
 * The plan: one person per role in SIGNING_ORDER, skipping roles nobody holds; the same person signs once, in the
 * place of their first role and under their highest (a head of department who is also her department's inspector
 * signs as head, not as "Inspector").
 */
export function signingPlan(
  candidates: Partial<Record<SigningRole, { accountId: string; name: string } | null>>,
  options: { subordinateInstitution?: boolean } = {},
): PlannedSigner[] {
  const plan: PlannedSigner[] = [];
  for (const role of SIGNING_ORDER) {
    const who = candidates[role];
    if (!who) continue;
    // A subordinate institution has no mayor: the one who holds that role there is its director general.
    const signer: PlannedSigner = { accountId: who.accountId, name: who.name, role, ...(role === 'mayor' && options.subordinateInstitution ? { title: 'director_general' as const } : {}) };
    const already = plan.findIndex((p) => p.accountId === who.accountId);
    if (already >= 0) plan[already] = signer;
    else plan.push(signer);
  }
  return plan;
}
