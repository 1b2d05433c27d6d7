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
const ACTION_CODE = /'([a-z_]+(?:\.[a-z_]+)+)'/g;

/** Every audit action the source records, with where; a form of `action:` the scan cannot read is a problem. */
function recordedActions(): { actions: Map<string, string>; unreadable: string[] } {
  const actions = new Map<string, string>();
  const unreadable: string[] = [];
  // A local wrapper passing its `action` argument on (catalog's edit-service, identity's oidc-sign-in): its callers,
  // maybe in other files, name the actions.
  const wrappers = new Set<string>();
  const files = sourceFiles(SRC).map((file) => ({ where: relative(process.cwd(), file), text: readFileSync(file, 'utf8') }));
  for (const { where, text } of files) {
    for (const site of text.matchAll(AUDIT_SITE)) {
      const body = balanced(text, site.index + site[0].length - 1);
      for (const m of body.matchAll(/\baction(?::\s*(`[^`]*`|[^,\n]+))?\s*[,\n}]/g)) {
        const expr = m[1]?.trim();
        if (expr === undefined || expr === 'action') {
          const wrapper = [...text.slice(0, site.index).matchAll(/(?:function\s+(\w+)\s*\(|const\s+(\w+)\s*=\s*\()/g)].at(-1);
          if (wrapper) wrappers.add((wrapper[1] ?? wrapper[2])!);
          else unreadable.push(`${where}: action passed on by an unnamed function`);
          continue;
        }
        const literals = [...expr.matchAll(ACTION_CODE)].map((l) => l[1]!);
        if (/^`case\.\$\{[\w.]+\}`/.test(expr)) for (const type of ACTION_TYPES) actions.set(`case.${type}`, where);
        else if (literals.length > 0) for (const a of literals) actions.set(a, where);
        else unreadable.push(`${where}: action: ${expr}`);
      }
    }
  }
  for (const { where, text } of files) {
    for (const name of wrappers) {
      for (const call of text.matchAll(new RegExp(`\\b${name}\\(([^()]*)`, 'g'))) for (const l of call[1]!.matchAll(ACTION_CODE)) actions.set(l[1]!, where);
    }
  }
  return { actions, unreadable };
}

describe('audit actions in words', () => {
  it('finds the actions the platform records, computed ones included (sanity)', () => {
    const { actions, unreadable } = recordedActions();
    expect(unreadable).toEqual([]);
    for (const a of ['account.signed_in', 'case.submitted', 'case.viewed', 'case.completion_requested', 'submission.draft_saved', 'catalog.draft_updated', 'catalog.service_withdrawn', 'person.cnp_verified', 'registry.registered', 'contact.message_registered']) {
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
