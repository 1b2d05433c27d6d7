import { z } from 'zod';
import { isValidCnp } from '../../platform/ids/cnp.ts';

/** What the platform takes from an identity provider's ID token and userinfo, already checked. */
export type OidcClaims = {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  givenName: string | null;
  familyName: string | null;
  name: string | null;
  /** Only when a CNP claim is configured and the value is a valid CNP. */
  cnp: string | null;
};

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional()
    .catch(null);

const Raw = z.object({
  sub: z.string().min(1).max(255),
  email: z.string().trim().toLowerCase().email().max(254).nullable().optional().catch(null),
  // Some providers send the boolean as a string.
  email_verified: z
    .union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')])
    .optional()
    .catch(false),
  given_name: text(100),
  family_name: text(100),
  name: text(200),
});

/** Reads the claims; a malformed optional claim is dropped rather than failing the sign-in. Null when `sub` is missing. */
export function readOidcClaims(raw: Record<string, unknown>, cnpClaim: string | null): OidcClaims | null {
  const parsed = Raw.safeParse(raw);
  if (!parsed.success) return null;
  const c = parsed.data;
  const cnpValue = cnpClaim ? raw[cnpClaim] : undefined;
  const cnp = typeof cnpValue === 'string' && isValidCnp(cnpValue.trim()) ? cnpValue.trim() : null;
  return {
    subject: c.sub,
    email: c.email ?? null,
    emailVerified: c.email ? c.email_verified === true : false,
    givenName: c.given_name ?? null,
    familyName: c.family_name ?? null,
    name: c.name ?? null,
    cnp,
  };
}
