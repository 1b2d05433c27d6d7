import { z } from 'zod';
import { ROLES, type Role } from '../../../platform/auth/actor.ts';

/** An invitation link works for 7 days and once. */
export const INVITATION_DAYS = 7;

export type FieldErrors = Record<string, string>;
export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** What an administrator types to invite an official; error values are i18n keys. */
export const InviteOfficialInput = z.object({
  email: z.string().max(254),
  displayName: z.string().max(200),
  role: z.string().max(40),
  /** A department of the institution, or empty for the whole institution. */
  departmentId: z.string().max(40).nullable().optional(),
});
export type InviteOfficialInput = z.infer<typeof InviteOfficialInput>;

export type Invite = { email: string; displayName: string; role: Role; departmentId: string | null };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function validateName(input: string): string | null {
  const name = input.trim().replace(/\s+/g, ' ');
  return name.length >= 3 && name.length <= 120 ? name : null;
}

export function validateInvite(input: InviteOfficialInput, departmentIds: ReadonlySet<string>): Validated<Invite> {
  const errors: FieldErrors = {};
  const email = input.email.trim().toLowerCase();
  if (!email) errors.email = 'admin.invite.error.email_required';
  else if (!EMAIL.test(email)) errors.email = 'admin.invite.error.email_invalid';
  const displayName = validateName(input.displayName);
  if (!displayName) errors.displayName = 'admin.invite.error.name';
  const role = (ROLES as readonly string[]).includes(input.role) ? (input.role as Role) : null;
  if (!role) errors.role = 'admin.invite.error.role';
  const dept = input.departmentId?.trim() || null;
  if (dept && (!UUID.test(dept) || !departmentIds.has(dept))) errors.departmentId = 'admin.invite.error.department';
  if (Object.keys(errors).length > 0 || !displayName || !role) return { ok: false, errors };
  return { ok: true, value: { email, displayName, role, departmentId: dept } };
}

/** The department and its ancestors, for department-scoped permission checks. */
export function departmentPath(departmentId: string | null, parents: ReadonlyMap<string, string | null>): string[] {
  const path: string[] = [];
  for (let id = departmentId; id && !path.includes(id); id = parents.get(id) ?? null) path.push(id);
  return path;
}

export type DepartmentNode = { id: string; name: string; kind: string; code: string; children: DepartmentNode[] };

/** Builds the department tree from the flat list (children in the order given). */
export function departmentTree(rows: readonly { id: string; parentId: string | null; name: string; kind: string; code: string }[]): DepartmentNode[] {
  const nodes = new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, kind: r.kind, code: r.code, children: [] as DepartmentNode[] }]));
  const roots: DepartmentNode[] = [];
  for (const r of rows) {
    const node = nodes.get(r.id)!;
    const parent = r.parentId ? nodes.get(r.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
