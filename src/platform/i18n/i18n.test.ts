import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { API_VARIANT, hasMessage, LOCALES, registeredBundles, requestTranslator, translate } from './i18n.ts';

// Modules register their messages in register(): building the app registers every bundle there is.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ workers: false });
});
afterAll(async () => t?.stop());

const SRC = join(process.cwd(), 'src');
/** ş ţ Ş Ţ with cedilla: wrong for Romanian (it needs ș ț Ș Ț with comma below). */
const CEDILLA = /[\u015E\u015F\u0162\u0163]/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('placeholders', () => {
  it('writes a count in words with the plural form a message names, in its language', () => {
    const text = (locale: 'ro' | 'en', days: number | string) => translate(locale, 'tracking.email.extended.body', { number: '12/20.11.2026', service: 'Petiție', days, dueOn: '05.01.2027' });
    expect(text('ro', 1)).toContain('prelungit cu o zi, până la');
    expect(text('ro', 15)).toContain('prelungit cu 15 zile, până la');
    expect(text('ro', '20')).toContain('prelungit cu 20 de zile, până la');
    expect(text('en', 1)).toContain('extended by 1 day, to');
    expect(text('en', 15)).toContain('extended by 15 days, to');
    // A value that is no count is written as it is.
    expect(text('ro', 'cincisprezece zile')).toContain('prelungit cu cincisprezece zile, până la');
  });

  it('takes a value given in each language (`name`, `name_en`) in the message’s own language', () => {
    const params = { step: 'Inspectorul analizează', step_en: 'The inspector examines it' };
    expect(translate('ro', 'errors.workflow.action_not_allowed', params)).toBe('Acțiunea nu este permisă la pasul „Inspectorul analizează”.');
    expect(translate('en', 'errors.workflow.action_not_allowed', params)).toContain('“The inspector examines it”');
  });
});

describe('message catalogue', () => {
  it('has bundles registered (sanity)', () => {
    expect(registeredBundles().length).toBeGreaterThan(3);
  });

  it('gives every bundle the same keys in Romanian and English, none empty', () => {
    const problems: string[] = [];
    for (const { name, bundle } of registeredBundles()) {
      const ro = Object.keys(bundle.ro);
      const en = new Set(Object.keys(bundle.en));
      for (const k of ro) if (!en.has(k)) problems.push(`${name}: ${k} has no English text`);
      for (const k of en) if (!(k in bundle.ro)) problems.push(`${name}: ${k} has no Romanian text`);
      for (const locale of LOCALES) {
        for (const [k, v] of Object.entries(bundle[locale])) if (v.trim() === '') problems.push(`${name}: ${k} is empty in ${locale}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('words for an app every error that tells a person to reload the page or tick a box, in both languages', () => {
    const problems: string[] = [];
    for (const { name, bundle } of registeredBundles()) {
      for (const [k, v] of Object.entries(bundle.ro)) {
        if (!k.startsWith('errors.') || k.startsWith('errors.page.') || k.endsWith(API_VARIANT)) continue;
        const forPage = /reîncărcați pagina|bifați că/i.test(v) || /reload the page|tick that/i.test(bundle.en[k] ?? '');
        if (forPage && !hasMessage(k + API_VARIANT)) problems.push(`${name}: ${k}`);
      }
    }
    expect(problems).toEqual([]);
    const forApps = registeredBundles().flatMap(({ bundle }) => Object.entries(bundle.en).filter(([k]) => k.endsWith(API_VARIANT)));
    for (const [k, v] of forApps) expect(v, k).not.toMatch(/reload|page|tick/i);
    const stale = { by: 'Ana Pop' };
    expect(requestTranslator('ro', '/api/v1/cases/1/steps/2/actions')('errors.workflow.stale', stale)).toBe('Dosarul a fost modificat între timp de Ana Pop: citiți-l din nou și reîncercați.');
    expect(requestTranslator('en', '/api/v1/cases/1/steps/2/actions')('errors.workflow.stale', stale)).toBe('The case was changed in the meantime by Ana Pop: read it again and retry.');
    expect(requestTranslator('ro', '/birou/dosare/1')('errors.workflow.stale', stale)).toBe('Dosarul a fost modificat între timp de Ana Pop; reîncărcați pagina și încercați din nou.');
  });

  it('writes Romanian with ș and ț (comma below), never ş or ţ (cedilla)', () => {
    const problems: string[] = [];
    for (const { name, bundle } of registeredBundles()) {
      for (const [k, v] of Object.entries(bundle.ro)) if (CEDILLA.test(v)) problems.push(`${name}: ${k} = ${v}`);
    }
    expect(problems).toEqual([]);
  });

  it('defines every key the source code translates with a literal t("…")', () => {
    // Keys are dotted (`area.name`); a call like t('Detalii', 'Details') is some other local helper named t.
    const literal = /\bt\(\s*(['"])([a-z][\w-]*(?:\.[\w-]+)+)\1/g;
    const missing: string[] = [];
    let seen = 0;
    for (const file of sourceFiles(SRC)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(literal)) {
        seen++;
        if (!hasMessage(m[2]!, 'ro') || !hasMessage(m[2]!, 'en')) missing.push(`${relative(process.cwd(), file)}: ${m[2]}`);
      }
    }
    expect(seen).toBeGreaterThan(100);
    expect([...new Set(missing)]).toEqual([]);
  });
});
