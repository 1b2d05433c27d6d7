import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { defineMessages, LOCALES, registerMessages } from '../i18n/i18n.ts';
import { registeredTemplates, registerTemplate, renderTemplate, templateProblems } from './templates.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ workers: false });
});
afterAll(async () => t?.stop());

describe('message templates', () => {
  it('render every registered template in Romanian and English with no missing key or placeholder', () => {
    const names = registeredTemplates();
    expect(names.length).toBeGreaterThan(0);
    const problems = names.flatMap((name) => LOCALES.flatMap((locale) => templateProblems(name, locale).map((p) => `${name} (${locale}): ${p}`)));
    expect(problems).toEqual([]);
  });

  it('find a template whose English text is missing or uses another placeholder', () => {
    registerMessages(
      'templates-test',
      defineMessages(
        { 'tpl_test.subject': 'Dosarul {number}', 'tpl_test.body': 'Bună ziua, {name}.', 'tpl_test.only_ro': 'Doar în română' },
        { 'tpl_test.subject': 'File {numar}', 'tpl_test.body': 'Hello, {name}.', 'tpl_test.only_ro': 'Only in Romanian' },
      ),
    );
    registerTemplate('tpl_test.broken.v1', { subjectKey: 'tpl_test.subject', bodyKeys: ['tpl_test.body', 'tpl_test.absent'] });
    expect(templateProblems('tpl_test.broken.v1', 'ro')).toEqual(['missing ro text for tpl_test.absent', 'text: raw key tpl_test.absent shown', 'html: raw key tpl_test.absent shown']);
    expect(templateProblems('tpl_test.broken.v1', 'en')).toContain('subject: placeholder {numar} not replaced');
  });

  it('refuse a template name without a version', () => {
    expect(() => registerTemplate('identity.verify_email', { subjectKey: 'app.name', bodyKeys: [] })).toThrow(/area\.name\.v1/);
    expect(() => registerTemplate('Identity.Verify.v1', { subjectKey: 'app.name', bodyKeys: [] })).toThrow();
  });

  it('render accessible HTML with the institution, the language, one heading and an escaped body', () => {
    registerMessages(
      'templates-test-2',
      defineMessages(
        { 'tpl_test2.subject': 'Confirmați adresa', 'tpl_test2.body': 'Salut, {name}!', 'tpl_test2.action': 'Confirmă' },
        { 'tpl_test2.subject': 'Confirm your address', 'tpl_test2.body': 'Hello, {name}!', 'tpl_test2.action': 'Confirm' },
      ),
    );
    registerTemplate('tpl_test2.confirm.v1', { subjectKey: 'tpl_test2.subject', bodyKeys: ['tpl_test2.body'], action: { labelKey: 'tpl_test2.action', urlParam: 'url' } });
    const r = renderTemplate('tpl_test2.confirm.v1', 'en', { name: '<b>Ana</b>', url: 'https://primarie.example/c?token=a&b=1' }, { institutionName: 'Primăria Sectorului 5' });
    expect(r.html).toContain('<html lang="en">');
    expect(r.html).toContain('Primăria Sectorului 5');
    expect(r.html.match(/<h1/g)).toHaveLength(1);
    expect(r.html).toContain('Hello, &#60;b&#62;Ana&#60;/b&#62;!');
    expect(r.html).toContain('<a href="https://primarie.example/c?token=a&#38;b=1"');
    expect(r.text).toContain('Confirm: https://primarie.example/c?token=a&b=1');
    expect(r.text).toContain('Primăria Digitală — automated message, please do not reply.');
    // A parameter that is not a web address is never made a link.
    const js = renderTemplate('tpl_test2.confirm.v1', 'ro', { name: 'Ana', url: 'javascript:alert(1)' });
    expect(js.html).not.toContain('href="javascript:');
  });
});
