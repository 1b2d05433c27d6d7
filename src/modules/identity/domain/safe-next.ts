/**
 * A `next` parameter is followed after sign-in only when it is a path on this site: an open redirect would
 * let a phishing mail send people through our sign-in page to a look-alike site.
 */
export function safeNext(next: unknown): string | null {
  if (typeof next !== 'string' || next.length === 0 || next.length > 500) return null;
  if (!next.startsWith('/') || next.startsWith('//')) return null;
  // Browsers treat a backslash like a slash ("/\evil.example"); control characters can split headers.
  if (next.includes('\\') || hasControlCharacter(next)) return null;
  try {
    const u = new URL(next, 'http://local.invalid');
    if (u.origin !== 'http://local.invalid') return null;
  } catch {
    return null;
  }
  return next;
}

export function hasControlCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}
