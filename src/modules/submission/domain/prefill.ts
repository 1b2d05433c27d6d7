import type { Answers, FormDefinition, Question } from '../../catalog/domain/form-definition.ts';
import type { Address } from '../../catalog/domain/validate-answers.ts';

/** What the profile knows about the applicant (once-only principle: never asked again). */
export type ProfileFacts = {
  name: string | null;
  cnp: string | null;
  /** The CNP was proved (ROeID or the counter), not only typed: services with `verifiedIdentity` need it. */
  cnpVerified?: boolean;
  address: string | null;
  email: string | null;
  phone: string | null;
  company: { cui: string; name: string } | null;
};

/**
 * The profile keeps the address as one line ("Str. Fabrica de Chibrituri nr. 20, bl. 3, ap. 12, Sector 5,
 * București"); a form asks for its parts. Only a line that splits cleanly (street with "nr.", then a locality)
 * counts as known: otherwise the question is asked, never guessed.
 */
export function parseAddressLine(line: string): Address | null {
  const parts = line
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 2) return null;
  const first = /^(.+?)\s+nr\.?\s*([\w/-]+)$/i.exec(parts[0]!);
  if (!first) return null;
  const rest = parts.slice(1);
  const isSector = (p: string) => /^sector(ul)?\s+\d$/i.test(p);
  const last = rest[rest.length - 1]!;
  const sector = rest.find(isSector);
  const details = rest.filter((p) => p !== last && !isSector(p));
  const bucharest = /^bucure[sșş]ti$/i.test(last);
  const locality = bucharest && sector ? `${last}, ${sector}` : last;
  const county = bucharest ? 'București' : (details.find((p) => /^jud(\.|ețul|etul)/i.test(p))?.replace(/^jud(\.|ețul|etul)\s*/i, '') ?? '');
  if (!county) return null;
  const address: Address = { street: first[1]!, number: first[2]!, locality, county };
  const extra = details.filter((p) => !/^jud(\.|ețul|etul)/i.test(p));
  if (extra.length) address.details = extra.join(', ');
  return address;
}

/**
 * A company's CUI and name, when the request is filed in the name of a company the person represents: they come from
 * the company whose mandate the registry checked, and the case is filed for that company, so they are not answers the
 * person can change (the form would name another company than the one the case is filed for).
 */
export function fixedByCompany(item: { id: string; prefill?: string }, draft: { companyId: string | null; prefilled: readonly string[] }): boolean {
  return draft.companyId !== null && (item.prefill === 'company.cui' || item.prefill === 'company.name') && draft.prefilled.includes(item.id);
}

function valueFor(q: Question, facts: ProfileFacts): unknown {
  switch (q.prefill) {
    case 'person.name':
      return facts.name || undefined;
    case 'person.cnp':
      return q.type === 'cnp' || q.type === 'text' ? facts.cnp || undefined : undefined;
    case 'person.address':
      if (!facts.address) return undefined;
      return q.type === 'address' ? (parseAddressLine(facts.address) ?? undefined) : facts.address;
    case 'account.email':
      return facts.email || undefined;
    case 'account.phone':
      return facts.phone || undefined;
    case 'company.cui':
      return facts.company?.cui;
    case 'company.name':
      return facts.company?.name;
    default:
      return undefined;
  }
}

/**
 * The answers the profile gives, and which questions they answer. Decision (once-only): a question whose answer
 * the profile gave is not asked; it appears on "check your answers" with a Change link, and changing it there
 * turns it into an ordinary answer. A question the profile cannot answer (no phone, an address that does not
 * split into parts) is asked as usual, empty.
 */
export function prefillAnswers(def: FormDefinition, facts: ProfileFacts): { answers: Answers; prefilled: string[] } {
  const answers: Answers = {};
  const prefilled: string[] = [];
  for (const page of def.pages) {
    for (const item of page.items) {
      if (item.type === 'group' || !item.prefill) continue;
      const v = valueFor(item, facts);
      if (v === undefined) continue;
      answers[item.id] = v;
      prefilled.push(item.id);
    }
  }
  return { answers, prefilled };
}

/**
 * The profile's one line for an address a form asked in parts: the inverse of `parseAddressLine` — "Str. X nr. 5,
 * bl. 3, Sector 5, București" in Bucharest, "Str. X nr. 5, jud. Cluj, Cluj-Napoca" elsewhere. Null when the line
 * would not read back as the same address (a number with a space, a comma in the street): then it is not offered.
 */
export function formatAddressLine(a: Address): string | null {
  const head = `${a.street.trim()} nr. ${a.number.trim()}${a.details?.trim() ? `, ${a.details.trim()}` : ''}`;
  const sector = /^bucure[sșş]ti,\s*(sector(?:ul)?\s+\d)$/i.exec(a.locality.trim());
  const line = sector && /^bucure[sșş]ti$/i.test(a.county.trim()) ? `${head}, ${sector[1]}, București` : `${head}, jud. ${a.county.trim()}, ${a.locality.trim()}`;
  const back = parseAddressLine(line);
  return back && sameAddress(back, a) ? line : null;
}

/** The same place, written alike or not ("Sectorul 5, Bucuresti" is "București, Sector 5"). */
export function sameAddress(a: Address, b: Address): boolean {
  const norm = (s: string | undefined) =>
    (s ?? '')
      .trim()
      .replace(/\s+/g, ' ')
      .replace(/bucure[sșş]ti/gi, 'bucurești')
      .replace(/sectorul/gi, 'sector')
      .toLowerCase();
  return (['street', 'number', 'details', 'locality', 'county'] as const).every((k) => norm(a[k]) === norm(b[k]));
}

/** What a submitted request knew about the applicant that their profile does not (or knows differently). */
export type ProfileOffer = { address?: string; phone?: string };

/**
 * Once-only, the other way round: an address or a phone number typed in a request for a question the profile
 * answers (`person.address`, `account.phone`) but could not (or answered differently) is offered for the profile,
 * so the next request does not ask it again. The first such answer in the form's order counts; a value the profile
 * could not keep (a foreign phone number, an address that does not read back) is not offered. Null: nothing to offer.
 */
export function profileOffer(def: FormDefinition, answers: Answers, facts: ProfileFacts, normalisePhone: (s: string) => string | null): ProfileOffer | null {
  const offer: ProfileOffer = {};
  for (const page of def.pages) {
    for (const q of page.items) {
      if (q.type === 'group' || (q.prefill !== 'person.address' && q.prefill !== 'account.phone')) continue;
      const value = answers[q.id];
      if (value === undefined || value === null || value === '') continue;
      if (q.prefill === 'person.address' && offer.address === undefined) {
        const known = facts.address ? parseAddressLine(facts.address) : null;
        if (q.type === 'address') {
          const line = known && sameAddress(known, value as Address) ? null : formatAddressLine(value as Address);
          if (line) offer.address = line;
        } else if (typeof value === 'string' && value.trim() && value.trim() !== (facts.address ?? '').trim()) {
          offer.address = value.trim();
        }
      }
      if (q.prefill === 'account.phone' && offer.phone === undefined && typeof value === 'string') {
        const phone = normalisePhone(value);
        if (phone && phone !== facts.phone) offer.phone = phone;
      }
    }
  }
  return offer.address !== undefined || offer.phone !== undefined ? offer : null;
}
