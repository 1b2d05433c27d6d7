import type { DefinitionProblem, LocalText } from './form-definition.ts';
import { checkServiceDefinition, type ServiceDefinition } from './service-definition.ts';
import type { Category } from './category.ts';

/** The starting point of a new service: one free-text question, no fee, the general term of 30 days. */
export function blankServiceDefinition(input: { code: string; category: Category; name: LocalText; departmentCode: string }): ServiceDefinition {
  return {
    code: input.code,
    category: input.category,
    name: input.name,
    description: { ro: 'Descrieți pe scurt serviciul: ce obține solicitantul și când îl folosește.', en: 'Describe the service briefly: what the applicant gets and when to use it.' },
    applicants: 'both',
    caseKind: 'request',
    documents: [],
    form: {
      schemaVersion: 1,
      pages: [
        {
          id: 'cerere',
          title: { ro: 'Cererea dumneavoastră', en: 'Your request' },
          items: [{ id: 'request_text', type: 'textarea', label: { ro: 'Ce solicitați?', en: 'What are you asking for?' }, required: true }],
        },
      ],
    },
    fee: { kind: 'none' },
    term: { days: 30, unit: 'calendar' },
    tacitApproval: false,
    departmentCode: input.departmentCode,
    fileCode: 'DE-COMPLETAT',
    keywords: [],
  };
}

/**
 * A draft as the administrator typed it: a valid service definition (checkServiceDefinition), for the same
 * service code, handled by a department that exists in the institution.
 */
export function checkDraft(
  input: unknown,
  context: { code: string; departmentCodes: ReadonlySet<string> },
): { ok: true; service: ServiceDefinition } | { ok: false; problems: DefinitionProblem[] } {
  const checked = checkServiceDefinition(input);
  const problems: DefinitionProblem[] = checked.ok ? [] : [...checked.problems];
  const raw = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  if (typeof raw.code === 'string' && raw.code !== context.code) {
    problems.push({ path: 'code', code: 'catalog.draft.code_changed', params: { expected: context.code } });
  }
  if (typeof raw.departmentCode === 'string' && raw.departmentCode && !context.departmentCodes.has(raw.departmentCode)) {
    problems.push({ path: 'departmentCode', code: 'catalog.draft.unknown_department', params: { department: raw.departmentCode } });
  }
  if (problems.length || !checked.ok) return { ok: false, problems };
  return { ok: true, service: checked.service };
}
