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

/** Edits (a letter left out, added, changed, or two swapped) that turn `a` into `b`, or more than `max` when that many. */
function typos(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // Optimal string alignment distance, row by row.
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      current.push(d);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/** Typos allowed in a word of the query: none under 5 letters (too many short words look alike), one, two from 9. */
const allowedTypos = (word: string) => (word.length < 5 ? 0 : word.length < 9 ? 1 : 2);

/** Whether a text has a word the query word could be a mistyping of (the word itself or an inflected form of it). */
function hasNearWord(hay: string, word: string): boolean {
  const max = allowedTypos(word);
  if (max === 0) return hasWord(hay, word);
  return hay.split(' ').some((h) => typos(word, h, max) <= max || typos(stem(word), h.slice(0, stem(word).length), max) <= max);
}

/**
 * The score of a service when a word of the query was mistyped (0 when some word is near nothing in it): every word
 * must be near a word of the service, named ones counting more, as in `searchScore`.
 */
export function typoScore(service: Searchable, query: string): number {
  const words = foldForSearch(query).split(' ').filter(Boolean);
  if (words.length === 0) return 0;
  const names = [service.name.ro, service.name.en].map(foldForSearch);
  const keywords = service.keywords.map(foldForSearch);
  const description = foldForSearch(`${service.description.ro} ${service.description.en}`);
  let score = 0;
  for (const w of words) {
    const inName = names.some((n) => hasNearWord(n, w));
    const inKeywords = keywords.some((k) => hasNearWord(k, w));
    const inDescription = hasNearWord(description, w);
    if (!inName && !inKeywords && !inDescription) return 0;
    score += (inName ? 40 : 0) + (inKeywords ? 25 : 0) + (inDescription ? 5 : 0);
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
  const exact = items.map((item) => ({ item, score: searchScore(item.definition, query) })).filter((x) => x.score > 0);
  // Nothing has every word as typed: a letter missed, doubled or swapped ("certficat fiscal") still finds the service.
  const matching = exact.length > 0 ? exact : items.map((item) => ({ item, score: typoScore(item.definition, query) })).filter((x) => x.score > 0);
  // As with exact words, a service whose name or keywords hold a word of the query beats one that only describes it.
  const named = exact.length > 0 ? matching.filter((x) => namedBy(x.item.definition, query)) : matching.filter((x) => x.score >= 25);
  return (named.length > 0 ? named : matching)
    .sort((a, b) => b.score - a.score || a.item.definition.name.ro.localeCompare(b.item.definition.name.ro, 'ro'))
    .map((x) => x.item);
}

/** The folded text stored with a version (service_version.search_text). */
export function searchTextOf(def: Searchable): string {
  return foldForSearch([def.code, def.name.ro, def.name.en, def.description.ro, def.description.en, ...def.keywords].join(' '));
}
