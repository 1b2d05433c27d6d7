import { describe, expect, it } from 'vitest';
import { type Actor, type Membership, ROLES } from './actor.ts';
import { can, departmentsInScope, ROLE_GRANTS } from './permissions.ts';

const S5 = 'inst-sector5';
const TAXES = 'inst-taxes';
const DGU = 'dept-dgu';
const CU = 'dept-cu'; // under DGU
const REG = 'dept-reg';

function actor(memberships: Membership[], accountId = 'acc-1'): Actor {
  return {
    accountId,
    sessionId: 's',
    email: 'x@example.ro',
    displayName: 'X',
    locale: 'ro',
    isOfficial: memberships.length > 0,
    emailVerified: true,
    totpEnabled: true,
    mfaPassed: true,
    memberships,
    ip: null,
  };
}

describe('can(actor, action, target)', () => {
  const admin = actor([{ institutionId: S5, departmentId: null, role: 'administrator' }]);
  const head = actor([{ institutionId: S5, departmentId: CU, role: 'head_of_department' }]);
  const director = actor([{ institutionId: S5, departmentId: DGU, role: 'director' }]);
  const inspector = actor([{ institutionId: S5, departmentId: CU, role: 'inspector' }]);
  const citizen = actor([], 'citizen-1');

  it('institution scope: anything in the membership’s institution, nothing in another', () => {
    expect(can(admin, 'officials.invite', { institutionId: S5 })).toBe(true);
    expect(can(admin, 'officials.invite', { institutionId: S5, departmentId: REG })).toBe(true);
    expect(can(admin, 'officials.invite', { institutionId: TAXES })).toBe(false);
  });

  it('department scope: the member’s department and the ones below it, not a sibling', () => {
    expect(can(head, 'officials.read', { institutionId: S5, departmentId: CU })).toBe(true);
    expect(can(head, 'officials.read', { institutionId: S5, departmentId: REG })).toBe(false);
    // A director of DGU sees the services below the directorate when the target carries its department path.
    expect(can(director, 'officials.read', { institutionId: S5, departmentId: CU, departmentPath: [CU, DGU] })).toBe(true);
    expect(can(director, 'officials.read', { institutionId: S5, departmentId: REG, departmentPath: [REG, 'dept-drrp'] })).toBe(false);
    // …but a head of CU does not see its parent directorate.
    expect(can(head, 'officials.read', { institutionId: S5, departmentId: DGU, departmentPath: [DGU] })).toBe(false);
    expect(can(head, 'officials.read', { institutionId: TAXES, departmentId: CU })).toBe(false);
    // A record of the whole institution (no department) is outside any department scope…
    expect(can(head, 'officials.read', { institutionId: S5, departmentId: null, departmentPath: [] })).toBe(false);
    // …while a question without any department asks whether the actor may do it somewhere (list pages).
    expect(can(head, 'officials.read', { institutionId: S5 })).toBe(true);
  });

  it('refuses actions a role does not have, and officials of another institution', () => {
    expect(can(inspector, 'officials.read', { institutionId: S5, departmentId: CU })).toBe(false);
    expect(can(head, 'officials.invite', { institutionId: S5, departmentId: CU })).toBe(false);
    const taxesAdmin = actor([{ institutionId: TAXES, departmentId: null, role: 'administrator' }]);
    expect(can(taxesAdmin, 'officials.manage', { institutionId: S5 })).toBe(false);
    expect(can(taxesAdmin, 'officials.manage', { institutionId: TAXES })).toBe(true);
  });

  it('own scope: a citizen acts on their own records only, and has no official action', () => {
    expect(can(citizen, 'account.update', { ownerAccountId: 'citizen-1' })).toBe(true);
    expect(can(citizen, 'account.update', { ownerAccountId: 'citizen-2' })).toBe(false);
    expect(can(citizen, 'organisation.read', { institutionId: S5 })).toBe(false);
    expect(can(citizen, 'officials.read', {})).toBe(false);
  });

  it('every role can read its institution’s organisation; only administrators can use the administration', () => {
    for (const role of ROLES) {
      const a = actor([{ institutionId: S5, departmentId: null, role }]);
      expect(can(a, 'organisation.read', { institutionId: S5 })).toBe(true);
      expect(can(a, 'admin.access', { institutionId: S5 })).toBe(role === 'administrator');
    }
    expect(Object.keys(ROLE_GRANTS).sort()).toEqual([...ROLES].sort());
  });

  it('departmentsInScope lists what a list page may show', () => {
    expect(departmentsInScope(admin, 'officials.read', S5)).toBe('institution');
    expect(departmentsInScope(head, 'officials.read', S5)).toEqual([CU]);
    expect(departmentsInScope(head, 'officials.read', TAXES)).toEqual([]);
    expect(departmentsInScope(inspector, 'officials.read', S5)).toEqual([]);
  });
});
