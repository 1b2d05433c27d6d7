/** The roles an official can hold; each membership is scoped to a department or the whole institution. */
export const ROLES = [
  'registry_clerk',
  'inspector',
  'head_of_department',
  'director',
  'secretary_general',
  'mayor',
  'deputy_mayor',
  'archivist',
  'administrator',
] as const;
export type Role = (typeof ROLES)[number];

export type Membership = { institutionId: string; departmentId: string | null; role: Role };

/** Who is making the request, as the use cases see it. */
export type Actor = {
  accountId: string;
  sessionId: string;
  email: string;
  displayName: string;
  locale: 'ro' | 'en';
  isOfficial: boolean;
  emailVerified: boolean;
  totpEnabled: boolean;
  /** The second factor was given in this session (or the account has none). */
  mfaPassed: boolean;
  memberships: Membership[];
  ip: string | null;
};
