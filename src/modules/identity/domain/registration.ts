import { z } from 'zod';
import { parseCnp } from '../../../platform/ids/cnp.ts';
import { isValidCui, normaliseCui } from '../../../platform/ids/cui.ts';
import { passwordProblem } from './password-policy.ts';
import { hasControlCharacter } from './safe-next.ts';
import { normaliseRoPhone } from './phone.ts';

/** Field → error code (an i18n key under `errors.`). */
export type FieldErrors = Record<string, string>;
export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const NAME_MAX = 100;

/** What a person types to register, as received (form fields or JSON). */
export const PersonInput = z.object({
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  cnp: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  password: z.string().optional(),
  passwordConfirm: z.string().optional(),
  acceptTerms: z.union([z.boolean(), z.string()]).optional(),
});
export type PersonInput = z.infer<typeof PersonInput>;

export type PersonDetails = {
  firstName: string;
  lastName: string;
  cnp: string;
  email: string;
  phone: string | null;
  password: string;
};

export const CompanyInput = z.object({
  companyCui: z.string().optional(),
  companyName: z.string().optional(),
  tradeRegisterNo: z.string().optional(),
});
export type CompanyInput = z.infer<typeof CompanyInput>;
export type CompanyDetails = { cui: string; name: string; tradeRegisterNo: string | null };

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

export function validateName(value: unknown, field: 'first_name' | 'last_name' | 'display_name'): string | { error: string } {
  const v = text(value).replace(/\s+/g, ' ');
  if (!v) return { error: `identity.${field}.required` };
  if (v.length > NAME_MAX) return { error: `identity.${field}.too_long` };
  if (!isPlainName(v)) return { error: `identity.${field}.invalid` };
  return v;
}

/**
 * A person's name as e-mails greet them ("Bună ziua, {name}"): no markup, no line break, no web address. A form
 * that sends a confirmation to whatever address was typed must not carry someone's link in our name.
 */
export function isPlainName(v: string): boolean {
  return !/[<>{}]/.test(v) && !hasControlCharacter(v) && !/:\/\/|\bwww\./i.test(v);
}

export function validateEmail(value: unknown): string | { error: string } {
  const v = text(value).toLowerCase();
  if (!v) return { error: 'identity.email.required' };
  if (v.length > 254 || !EMAIL.test(v)) return { error: 'identity.email.invalid' };
  return v;
}

export function validatePhone(value: unknown): string | null | { error: string } {
  const v = text(value);
  if (!v) return null;
  return normaliseRoPhone(v) ?? { error: 'identity.phone.invalid' };
}

export function validateCnp(value: unknown): string | { error: string } {
  const v = text(value).replace(/\s+/g, '');
  if (!v) return { error: 'identity.cnp.required' };
  const r = parseCnp(v);
  if (!r.valid) return { error: `identity.cnp.${r.reason}` };
  return v;
}

/** Password, its confirmation and the rules; `email` because the password must differ from it. */
export function validateNewPassword(password: unknown, confirm: unknown, email: string, errors: FieldErrors): string | null {
  const p = typeof password === 'string' ? password : '';
  if (!p) {
    errors.password = 'identity.password.required';
    return null;
  }
  const problem = passwordProblem(p, email);
  if (problem) {
    errors.password = `identity.password.${problem}`;
    return null;
  }
  if (typeof confirm !== 'string' || confirm !== p) {
    errors.passwordConfirm = 'identity.password.mismatch';
    return null;
  }
  return p;
}

function take<T>(errors: FieldErrors, field: string, r: T | { error: string }): T | undefined {
  if (r && typeof r === 'object' && 'error' in r) {
    errors[field] = r.error;
    return undefined;
  }
  return r as T;
}

export function validatePerson(input: PersonInput): Validated<PersonDetails> {
  const errors: FieldErrors = {};
  const firstName = take(errors, 'firstName', validateName(input.firstName, 'first_name'));
  const lastName = take(errors, 'lastName', validateName(input.lastName, 'last_name'));
  const cnp = take(errors, 'cnp', validateCnp(input.cnp));
  const email = take(errors, 'email', validateEmail(input.email));
  const phone = take(errors, 'phone', validatePhone(input.phone));
  const password = validateNewPassword(input.password, input.passwordConfirm, email ?? text(input.email), errors);
  const accepted = input.acceptTerms === true || input.acceptTerms === 'yes' || input.acceptTerms === 'true';
  if (!accepted) errors.acceptTerms = 'identity.terms.required';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { firstName: firstName!, lastName: lastName!, cnp: cnp!, email: email!, phone: phone ?? null, password: password! } };
}

export function validateCompany(input: CompanyInput): Validated<CompanyDetails> {
  const errors: FieldErrors = {};
  const rawCui = text(input.companyCui);
  let cui: string | null = null;
  if (!rawCui) errors.companyCui = 'identity.cui.required';
  else {
    cui = normaliseCui(rawCui);
    if (!cui) errors.companyCui = 'identity.cui.format';
    else if (!isValidCui(cui)) errors.companyCui = 'identity.cui.checksum';
  }
  const name = text(input.companyName).replace(/\s+/g, ' ');
  if (!name) errors.companyName = 'identity.company_name.required';
  else if (name.length > 200) errors.companyName = 'identity.company_name.too_long';
  const trn = text(input.tradeRegisterNo).toUpperCase();
  if (trn && !/^[A-Z0-9][A-Z0-9/.\- ]{2,39}$/.test(trn)) errors.tradeRegisterNo = 'identity.trade_register.invalid';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { cui: cui!, name, tradeRegisterNo: trn || null } };
}
