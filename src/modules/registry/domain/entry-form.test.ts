import { describe, expect, it } from 'vitest';
import { parseEntryForm } from './entry-form.ts';

const letter = { direction: 'incoming', channel: 'post', issuerName: 'Gheorghe Țăranu', summary: 'Solicită o copie', pageCount: '1' };

describe('the department of a registered document', () => {
  it('must be chosen on the clerk’s form when no case is opened: it is a column of the register and nothing routes the entry later', () => {
    const r = parseEntryForm(letter, '2026-11-22', { requireDepartment: true });
    expect(r).toEqual({ ok: false, errors: { departmentId: 'registry.department_required' } });
  });

  it('may be left to the service when the document opens a case', () => {
    const r = parseEntryForm({ ...letter, caseServiceCode: 'PETITIE', issuerPhone: '0722 123 456' }, '2026-11-22', { requireDepartment: true });
    expect(r.ok).toBe(true);
  });
});
