import { parseCnp } from '../../../platform/ids/cnp.ts';

/*
 * The person a clerk files a request for at the counter: identified from the identity document they show (the CNP
 * is checked, the document's type, series and number recorded) and reachable by at least one contact.
 */

export const ID_DOCUMENT_TYPES = ['CI', 'CIE', 'BI', 'PASAPORT', 'PERMIS_SEDERE'] as const;
export type IdDocumentType = (typeof ID_DOCUMENT_TYPES)[number];

export type AssistedPerson = {
  firstName: string;
  lastName: string;
  cnp: string;
  idType: IdDocumentType;
  idSeries: string | null;
  idNumber: string;
  email: string | null;
  phone: string | null;
  address: string | null;
};

/** Field names of the identification block; camelCase so they never clash with a service's question ids. */
export const PERSON_FIELDS = ['pLastName', 'pFirstName', 'pCnp', 'pIdType', 'pIdSeries', 'pIdNumber', 'pEmail', 'pPhone', 'pAddress'] as const;

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : Array.isArray(v) ? String(v[v.length - 1] ?? '').trim() : '');
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
const NAME = /^[\p{L}][\p{L} '.-]{0,99}$/u;

/**
 * `contactElsewhere`: the service's own form gave a way to reach the person (their home address, an e-mail question),
 * so the identification block need not repeat it.
 */
export function parseAssistedPerson(
  raw: Record<string, unknown>,
  options: { contactElsewhere?: boolean } = {},
): { ok: true; value: AssistedPerson } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const lastName = str(raw.pLastName);
  const firstName = str(raw.pFirstName);
  if (!NAME.test(lastName)) errors.pLastName = lastName ? 'assisted.name_invalid' : 'assisted.last_name_required';
  if (!NAME.test(firstName)) errors.pFirstName = firstName ? 'assisted.name_invalid' : 'assisted.first_name_required';
  const cnp = str(raw.pCnp).replace(/\s/g, '');
  if (!cnp) errors.pCnp = 'assisted.cnp_required';
  else {
    const r = parseCnp(cnp);
    if (!r.valid) errors.pCnp = `assisted.cnp_${r.reason}`;
  }
  const idType = str(raw.pIdType);
  if (!(ID_DOCUMENT_TYPES as readonly string[]).includes(idType)) errors.pIdType = 'assisted.id_type_required';
  const idSeries = str(raw.pIdSeries).toUpperCase().replace(/\s/g, '');
  const idNumber = str(raw.pIdNumber).toUpperCase().replace(/\s/g, '');
  const needsSeries = idType === 'CI' || idType === 'CIE' || idType === 'BI';
  if (needsSeries && !/^[A-Z]{2}$/.test(idSeries)) errors.pIdSeries = idSeries ? 'assisted.id_series_invalid' : 'assisted.id_series_required';
  else if (!needsSeries && idSeries && !/^[A-Z0-9]{1,4}$/.test(idSeries)) errors.pIdSeries = 'assisted.id_series_invalid';
  if (!idNumber) errors.pIdNumber = 'assisted.id_number_required';
  else if (needsSeries ? !/^\d{6,7}$/.test(idNumber) : !/^[A-Z0-9]{5,12}$/.test(idNumber)) errors.pIdNumber = 'assisted.id_number_invalid';
  const email = str(raw.pEmail).toLowerCase();
  if (email && (!EMAIL.test(email) || email.length > 254)) errors.pEmail = 'assisted.email_invalid';
  const phone = str(raw.pPhone);
  if (phone && !/^\+?[\d\s().-]{6,20}$/.test(phone)) errors.pPhone = 'assisted.phone_invalid';
  const address = str(raw.pAddress);
  if (address.length > 300) errors.pAddress = 'assisted.too_long';
  // OG 27/2002 art. 7 and common sense: the answer must reach the person somehow.
  if (!email && !phone && !address && !options.contactElsewhere && !errors.pEmail && !errors.pPhone) errors.pAddress = 'assisted.contact_required';
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      firstName,
      lastName,
      cnp,
      idType: idType as IdDocumentType,
      idSeries: idSeries || null,
      idNumber,
      email: email || null,
      phone: phone || null,
      address: address || null,
    },
  };
}

/** As written on the case: "CI RX 123456". */
export const idDocumentText = (p: Pick<AssistedPerson, 'idType' | 'idSeries' | 'idNumber'>) => [p.idType, p.idSeries, p.idNumber].filter(Boolean).join(' ');

export const fullName = (p: Pick<AssistedPerson, 'firstName' | 'lastName'>) => `${p.lastName} ${p.firstName}`;
