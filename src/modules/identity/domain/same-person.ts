/** One side of a four-eyes check: an account, and the CNPs that stand for its person (declared or confirmed). */
export type Party = { accountId: string; cnps: readonly (string | null)[] };

/**
 * Whether the official and the person they would decide on are one person: the same account (`account`), or two
 * accounts holding one CNP (`cnp`) — an official may also have a citizen account, with their CNP confirmed there, and
 * their own account's person record gives theirs. A CNP only declared counts as well: refusing merely hands the
 * decision to a colleague, while letting it through could let someone decide on their own request. An official whose
 * account has no CNP at all is recognised by their account only.
 */
export function samePerson(official: Party, subject: Party): 'account' | 'cnp' | null {
  if (official.accountId === subject.accountId) return 'account';
  const own = new Set(official.cnps.filter((c): c is string => c !== null));
  return subject.cnps.some((c) => c !== null && own.has(c)) ? 'cnp' : null;
}
