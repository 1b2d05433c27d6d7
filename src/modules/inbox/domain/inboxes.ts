import { z } from 'zod';
import { normaliseTrackingCode } from '../../../platform/ids/tracking-code.ts';
import type { StepQueue } from '../../workflow/domain/workflow-definition.ts';
import type { WorkflowAction } from '../../workflow/domain/workflow-definition.ts';

/*
 * Inboxes are configuration (OpenCRVS workqueues): a name, a query over the case index, the columns shown and one
 * quick action. The store turns a query into SQL that stays on the case table's inbox indexes.
 */

export const INBOX_COLUMNS = ['number', 'submitted', 'service', 'applicant', 'step', 'stepDue', 'due', 'status', 'assignee', 'closed'] as const;
export type InboxColumn = (typeof INBOX_COLUMNS)[number];

export type InboxQuery =
  | {
      kind: 'work';
      /** Steps given to the official, by queue ('all': any). */
      mine: readonly StepQueue[] | 'all';
      /** Unassigned steps the official's roles answer for, by queue. */
      pool: readonly StepQueue[] | 'all';
      /** Also the cases whose answer waits for the official's signature after the case has passed their step (listCasesAwaitingSignatureOf). */
      signatures?: true;
      due?: 'soon' | 'overdue';
    }
  | { kind: 'done' };

/** The workflow actions an inbox may offer as its quick action. */
export const WORKFLOW_QUICK_ACTIONS = ['forward', 'assign', 'sign', 'issue'] as const;

/** `assign`: each row offers what the official may do — choose whom to give the case to, or take it themselves. */
export type QuickAction = { action: Extract<WorkflowAction, (typeof WORKFLOW_QUICK_ACTIONS)[number]>; labelKey: string };

export type Inbox = { id: string; nameKey: string; query: InboxQuery; columns: readonly InboxColumn[]; quickAction: QuickAction | null };

export const INBOXES: readonly Inbox[] = [
  {
    id: 'registratura',
    nameKey: 'inbox.name.registratura',
    query: { kind: 'work', mine: ['route'], pool: ['route'] },
    columns: ['number', 'submitted', 'service', 'applicant', 'stepDue', 'due'],
    quickAction: { action: 'forward', labelKey: 'inbox.quick.forward' },
  },
  {
    id: 'compartiment',
    nameKey: 'inbox.name.compartiment',
    query: { kind: 'work', mine: ['assign'], pool: ['assign'] },
    columns: ['number', 'submitted', 'service', 'applicant', 'stepDue', 'due', 'status'],
    quickAction: { action: 'assign', labelKey: 'inbox.quick.assign' },
  },
  {
    id: 'sarcinile-mele',
    nameKey: 'inbox.name.sarcinile_mele',
    query: { kind: 'work', mine: ['work', 'issue', 'route'], pool: ['work', 'issue'] },
    columns: ['number', 'service', 'applicant', 'step', 'stepDue', 'due', 'status'],
    quickAction: null,
  },
  {
    id: 'de-semnat',
    nameKey: 'inbox.name.de_semnat',
    query: { kind: 'work', mine: ['sign'], pool: ['sign'], signatures: true },
    columns: ['number', 'service', 'applicant', 'step', 'stepDue', 'due'],
    quickAction: { action: 'sign', labelKey: 'inbox.quick.sign' },
  },
  {
    id: 'termen-apropiat',
    nameKey: 'inbox.name.termen_apropiat',
    query: { kind: 'work', mine: 'all', pool: 'all', due: 'soon' },
    columns: ['number', 'service', 'applicant', 'step', 'stepDue', 'due', 'assignee'],
    quickAction: null,
  },
  {
    id: 'depasite',
    nameKey: 'inbox.name.depasite',
    query: { kind: 'work', mine: 'all', pool: 'all', due: 'overdue' },
    columns: ['number', 'service', 'applicant', 'step', 'stepDue', 'due', 'assignee'],
    quickAction: null,
  },
  {
    id: 'finalizate',
    nameKey: 'inbox.name.finalizate',
    query: { kind: 'done' },
    columns: ['number', 'service', 'applicant', 'status', 'closed'],
    quickAction: null,
  },
];

export function findInbox(id: string): Inbox | null {
  return INBOXES.find((i) => i.id === id) ?? null;
}

/** What a search box may hold, recognised so each kind is looked up on its own index. */
export type InboxSearch = {
  registry: { number: number; day: string | null } | null;
  cnp: string | null;
  cui: string | null;
  trackingCode: string | null;
  /** Lower case without diacritics (compared with the case's search_name). */
  name: string | null;
};

export const SearchText = z.string().trim().max(100);

/** Lower case without Romanian diacritics (ș/ş and ț/ţ both fold), like the database's search_name. */
export function foldName(s: string): string {
  return s
    .toLowerCase()
    .replace(/[ăâ]/g, 'a')
    .replace(/î/g, 'i')
    .replace(/[șş]/g, 's')
    .replace(/[țţ]/g, 't')
    .replace(/\s+/g, ' ')
    .trim();
}

export function parseSearch(q: string | undefined): InboxSearch | null {
  const text = (q ?? '').trim();
  if (!text) return null;
  const out: InboxSearch = { registry: null, cnp: null, cui: null, trackingCode: null, name: null };
  const reg = /^(\d{1,9})(?:\s*\/\s*(\d{2})\.(\d{2})\.(\d{4}))?$/.exec(text);
  if (reg) out.registry = { number: Number(reg[1]), day: reg[2] ? `${reg[4]}-${reg[3]}-${reg[2]}` : null };
  if (/^\d{13}$/.test(text)) out.cnp = text;
  const cui = /^(?:RO)?\s*(\d{2,10})$/i.exec(text);
  if (cui) out.cui = cui[1]!;
  const code = normaliseTrackingCode(text);
  if (code) out.trackingCode = code;
  if (!reg && !out.cnp && !out.cui) out.name = foldName(text);
  return out;
}
