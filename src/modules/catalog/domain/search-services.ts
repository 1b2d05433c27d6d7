import { foldForSearch, matchesSearch, type ServiceDefinition } from './service-definition.ts';

type Searchable = Pick<ServiceDefinition, 'code' | 'name' | 'description' | 'keywords'>;

/** Same stemming as `matchesSearch`: Romanian inflects word endings. */
function stem(word: string): string {
  if (word.length >= 6) return word.slice(0, -2);
  if (word.length === 5) return word.slice(0, -1);
  return word;
}

const hasWord = (hay: string, word: string) => ` ${hay}`.includes(` ${stem(word)}`);

/**
 * How well a service answers a query (0 when it does not match at all). The name and the keywords weigh more
 * than the description, and a name or keyword equal to the whole query wins, so "certificat fiscal" puts
 * "Certificat de atestare fiscală" before every service that only mentions the certificate in its description.
 */
export function searchScore(service: Searchable, query: string): number {
  const folded = foldForSearch(query);
  const words = folded.split(' ').filter(Boolean);
  if (words.length === 0) return 1;
  if (!matchesSearch(service, query)) return 0;
  const names = [service.name.ro, service.name.en].map(foldForSearch);
  const keywords = service.keywords.map(foldForSearch);
  const code = foldForSearch(service.code);
  const description = foldForSearch(`${service.description.ro} ${service.description.en}`);
  let score = 1;
  if (names.includes(folded) || code === folded) score += 1000;
  if (keywords.includes(folded)) score += 500;
  if (names.some((n) => n.includes(folded))) score += 300;
  if (keywords.some((k) => k.includes(folded))) score += 150;
  if (names.some((n) => words.every((w) => hasWord(n, w)))) score += 100;
  for (const w of words) {
    if (names.some((n) => hasWord(n, w))) score += 40;
    if (keywords.some((k) => hasWord(k, w))) score += 25;
    if (hasWord(code, w)) score += 20;
    if (hasWord(description, w)) score += 5;
  }
  return score;
}

/** Whether a word of the query is in the service's name, keywords or code (not only in its description). */
function namedBy(service: Searchable, query: string): boolean {
  const words = foldForSearch(query).split(' ').filter(Boolean);
  const named = [service.name.ro, service.name.en, service.code, ...service.keywords].map(foldForSearch);
  return words.some((w) => named.some((n) => hasWord(n, w)));
}

/**
 * The services matching the query, best first; equal scores in alphabetical order of the Romanian name. When some
 * service is named by the query, the ones that only mention its words in their descriptions are left out: "certificat
 * fiscal" lists the certificate and the services that need it, not the parking spaces whose description says the
 * certificate is fetched for you. When none is named, the description matches are all there is, and are listed.
 */
export function rankServices<T extends { definition: Searchable }>(items: readonly T[], query: string): T[] {
  const matching = items.map((item) => ({ item, score: searchScore(item.definition, query) })).filter((x) => x.score > 0);
  const named = matching.filter((x) => namedBy(x.item.definition, query));
  return (named.length > 0 ? named : matching)
    .sort((a, b) => b.score - a.score || a.item.definition.name.ro.localeCompare(b.item.definition.name.ro, 'ro'))
    .map((x) => x.item);
}

/** The folded text stored with a version (service_version.search_text). */
export function searchTextOf(def: Searchable): string {
  return foldForSearch([def.code, def.name.ro, def.name.en, def.description.ro, def.description.en, ...def.keywords].join(' '));
}
