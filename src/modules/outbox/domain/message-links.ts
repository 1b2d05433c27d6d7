/** A piece of a message body: plain text, or a web address that can be shown as a link. */
export type BodySegment = { kind: 'text'; text: string } | { kind: 'url'; url: string };

const URL_PATTERN = /https?:\/\/[^\s<>"']+/gi;
/** Punctuation that ends a sentence rather than the address ("… at https://x.ro/a.") */
const TRAILING = /[.,;:!?)\]]+$/;

/** Splits a text body into text and web addresses, so a page can make the addresses clickable. */
export function splitLinks(text: string): BodySegment[] {
  const out: BodySegment[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_PATTERN)) {
    const raw = m[0];
    const url = raw.replace(TRAILING, '');
    const start = m.index ?? 0;
    if (start > last) out.push({ kind: 'text', text: text.slice(last, start) });
    out.push({ kind: 'url', url });
    last = start + url.length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}

export function linksIn(text: string): string[] {
  return splitLinks(text).flatMap((s) => (s.kind === 'url' ? [s.url] : []));
}

/**
 * A web address with its secrets hidden: query values, and path segments that look like tokens
 * (16+ characters of letters, digits, - and _). In production a message's links (email confirmation,
 * password reset) belong to its recipient only; an administrator reading the outbox must not follow them.
 */
export function redactUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return '…';
  }
  const path = u.pathname
    .split('/')
    .map((seg) => (/^[A-Za-z0-9_-]{16,}$/.test(seg) ? '…' : seg))
    .join('/');
  const query = [...u.searchParams.keys()].map((k) => `${k}=…`).join('&');
  return `${u.origin}${path}${query ? `?${query}` : ''}`;
}
