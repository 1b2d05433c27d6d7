import { z } from 'zod';
import { type FieldErrors, type Validated, validateName, validatePhone } from './registration.ts';

/** A change to one's own profile: every field optional (PATCH), the form sends them all. */
export const ProfileInput = z.object({
  displayName: z.string().optional(),
  phone: z.string().nullable().optional(),
  address: z.string().nullable().optional(),
  notifyEmail: z.boolean().optional(),
  notifySms: z.boolean().optional(),
  locale: z.enum(['ro', 'en']).optional(),
});
export type ProfileInput = z.infer<typeof ProfileInput>;

export type ProfileChange = {
  displayName?: string;
  phone?: string | null;
  address?: string | null;
  notifyEmail?: boolean;
  notifySms?: boolean;
  locale?: 'ro' | 'en';
};

export function validateProfileChange(input: ProfileInput): Validated<ProfileChange> {
  const errors: FieldErrors = {};
  const out: ProfileChange = {};
  if (input.displayName !== undefined) {
    const r = validateName(input.displayName, 'display_name');
    if (typeof r === 'string') out.displayName = r;
    else errors.displayName = r.error;
  }
  if (input.phone !== undefined) {
    const r = validatePhone(input.phone ?? '');
    if (r !== null && typeof r === 'object') errors.phone = r.error;
    else out.phone = r;
  }
  if (input.address !== undefined) {
    const a = (input.address ?? '').trim();
    if (a.length > 300) errors.address = 'identity.address.too_long';
    else out.address = a || null;
  }
  if (input.notifyEmail !== undefined) out.notifyEmail = input.notifyEmail;
  if (input.notifySms !== undefined) out.notifySms = input.notifySms;
  if (input.locale !== undefined) out.locale = input.locale;
  // SMS notifications need a number to send them to.
  if (out.notifySms && out.phone === null) errors.notifySms = 'identity.notify_sms.needs_phone';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: out };
}
