import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { ACTION_TYPES } from '../../modules/cases/domain/case-state.ts';
import { hasMessage } from '../i18n/i18n.ts';

// Modules register their messages in register(): building the app registers every bundle there is.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ workers: false });
});
afterAll(async () => t?.stop());

const SRC = join(process.cwd(), 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The text from `open` (an opening bracket) to its matching closing bracket; strings are skipped whole. */
function balanced(text: string, open: number): string {
  const pairs: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
  const stack: string[] = [];
  for (let i = open; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "'" || ch === '"' || ch === '`') {
      for (i++; i < text.length && text[i] !== ch; i++) if (text[i] === '\\') i++;
      continue;
    }
    if (pairs[ch]) stack.push(pairs[ch]);
    else if (ch === stack.at(-1)) {
      stack.pop();
      if (stack.length === 0) return text.slice(open, i + 1);
    }
  }
  return text.slice(open);
}

/** Where an audit entry is written: recordAudit(…), and the entries handed to openCase / registerDocument. */
const AUDIT_SITE = /\brecordAudits?\(|:\s*AuditInput(?:\[\])?\s*=\s*[[{]|\baudits?:\s*(?:\(\w*\)\s*=>\s*)?\[/g;
/** Calls of a local wrapper that passes its `action` argument on (catalog's edit-service, identity's oidc-sign-in). */
const WRAPPER_CALL = /\baudit\(([^()]*)/g;
const ACTION_CODE = /'([a-z_]+(?:\.[a-z_]+)+)'/g;

/** Every audit action the source records, with where; a form of `action:` the scan cannot read is a problem. */
function recordedActions(): { actions: Map<string, string>; unreadable: string[] } {
  const actions = new Map<string, string>();
  const unreadable: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const where = relative(process.cwd(), file);
    let forwardsAction = false;
    for (const site of text.matchAll(AUDIT_SITE)) {
      const body = balanced(text, site.index + site[0].length - 1);
      for (const m of body.matchAll(/\baction(?::\s*(`[^`]*`|[^,\n]+))?\s*[,\n}]/g)) {
        const expr = m[1]?.trim();
        if (expr === undefined || expr === 'action') {
          forwardsAction = true;
          continue;
        }
        const literals = [...expr.matchAll(ACTION_CODE)].map((l) => l[1]!);
        if (/^`case\.\$\{[\w.]+\}`/.test(expr)) for (const type of ACTION_TYPES) actions.set(`case.${type}`, where);
        else if (literals.length > 0) for (const a of literals) actions.set(a, where);
        else unreadable.push(`${where}: action: ${expr}`);
      }
    }
    // The wrapper's callers may sit in other files (catalog's use cases get `audit` from edit-service).
    if (forwardsAction || /\baudit\(\s*'/.test(text)) {
      for (const call of text.matchAll(WRAPPER_CALL)) for (const l of call[1]!.matchAll(ACTION_CODE)) actions.set(l[1]!, where);
    }
  }
  return { actions, unreadable };
}

describe('audit actions in words', () => {
  it('finds the actions the platform records, computed ones included (sanity)', () => {
    const { actions, unreadable } = recordedActions();
    expect(unreadable).toEqual([]);
    for (const a of ['account.signed_in', 'case.submitted', 'case.viewed', 'case.completion_requested', 'submission.draft_saved', 'catalog.draft_updated', 'person.cnp_recorded', 'registry.registered', 'contact.message_registered']) {
      expect(actions.has(a), a).toBe(true);
    }
    expect(actions.size).toBeGreaterThan(90);
  });

  it('gives every action recorded anywhere in src its words in Romanian and English, so a citizen never reads a code', () => {
    const missing: string[] = [];
    for (const [action, where] of recordedActions().actions) {
      for (const locale of ['ro', 'en'] as const) if (!hasMessage(`audit.action.${action}`, locale)) missing.push(`${where}: ${action} (${locale})`);
    }
    expect(missing).toEqual([]);
  });
});
