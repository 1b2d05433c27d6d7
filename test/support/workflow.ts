import { expect } from 'vitest';
import { DEMO_ACCOUNTS, type DemoAccount } from '../../src/modules/identity/seed-demo.ts';
import type { Client, TestApp } from './harness.ts';

/**
 * The registry sends a case at its first step to its department and the head of department gives it to the demo
 * inspector (or, for another department, its `head` to its `inspector`), through the workflow's API: the case is then
 * with him, at its analysis (as the office pages would).
 */
export async function giveToInspector(
  t: TestApp,
  signIn: (a: DemoAccount) => Promise<Client>,
  caseId: string,
  { head = DEMO_ACCOUNTS.headOfDepartment, inspector = DEMO_ACCOUNTS.inspector }: { head?: DemoAccount; inspector?: DemoAccount } = {},
): Promise<void> {
  const { registryClerk } = DEMO_ACCOUNTS;
  for (const [who, action, extra] of [
    [registryClerk, 'forward', {}],
    [head, 'assign', { assigneeId: inspector.id }],
  ] as const) {
    const [s] = await t.database.query<{ step_key: string; step_seq: number }>('SELECT step_key, step_seq FROM "case" WHERE id = $1', [caseId]);
    const r = await (await signIn(who)).api('POST', `/api/v1/cases/${caseId}/workflow-actions`, { action, step: s!.step_key, version: s!.step_seq, ...extra });
    expect(r.status).toBe(200);
  }
}
