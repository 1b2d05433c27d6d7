import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { MultipartText } from '../../platform/http/multipart.ts';
import { hashToken } from './session-store.ts';
import {
  type ChosenFiles,
  findTimedOutSessionAccount,
  findUnsentForm,
  type FormFields,
  insertUnsentForm,
  type UnsentFormRow,
} from './unsent-form-store.ts';

export const UNSENT_FORM_PATH = '/cont/pagina-netrimisa';

/** How long a kept page waits for its account's next sign-in, and how many an account keeps at most. */
const KEEP_MS = 2 * 3600_000;
const KEEP_PER_ACCOUNT = 5;
/** A session that timed out longer ago than this ended before the page was opened: nothing to keep. */
const SESSION_ENDED_WITHIN_MS = 24 * 3600_000;
const MAX_FIELDS_BYTES = 64 * 1024;
/** Of a page with files: at most this many file inputs and names, each name cut at 200 characters. */
const MAX_FILE_INPUTS = 20;
/**
 * Never kept: the CSRF token (a new one is given) and anything secret — a password, a signing PIN, a two-factor code,
 * a token. The person types those again.
 */
const NOT_KEPT = /^_csrf$|pin|parol|password|secret|token|totp|code$|^cod$|^cod[A-Z_]/i;
/** Pages that need no session, or whose post is a sign-in step: nothing to send again after signing in. */
const NOT_KEPT_PATHS = /^\/(api\/|autentificare|inregistrare|resetare-parola|deconectare|dev\/)/;

export type UnsentPost = {
  sessionToken: string | undefined;
  method: string;
  contentType: string | undefined;
  /** The path and query the form was sent to. */
  url: string;
  /** The page it was sent from (same site), if known. */
  back: string | null;
  body: unknown;
  /**
   * A multipart page's text without its files (multipart.ts readMultipartText): its body is not read before the
   * session is known to have timed out, so this is called only then.
   */
  readMultipartText?: () => Promise<MultipartText | null>;
};

/** Where the kept page waits, and whether it had files, which are not kept and must be chosen again. */
export type KeptUnsentForm = { url: string; filesToChooseAgain: boolean };

/** The fields of an urlencoded form worth sending again, or null (nothing, too big, or not a plain form). */
function keptFields(body: unknown): { fields: FormFields; leftOut: boolean } | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
  const fields: FormFields = {};
  let leftOut = false;
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (NOT_KEPT.test(name)) {
      if (name !== '_csrf') leftOut = true;
      continue;
    }
    if (typeof value === 'string') fields[name] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) fields[name] = value as string[];
  }
  if (Object.keys(fields).length === 0 || JSON.stringify(fields).length > MAX_FIELDS_BYTES) return null;
  return { fields, leftOut };
}

/** The file inputs that had a file, by name (a secret one, such as a signing key, is not even named). */
function chosenFiles(files: Record<string, string[]>): { files: ChosenFiles; leftOut: boolean } {
  const chosen: ChosenFiles = {};
  let leftOut = false;
  for (const [name, names] of Object.entries(files).slice(0, MAX_FILE_INPUTS)) {
    if (NOT_KEPT.test(name)) leftOut = true;
    else chosen[name] = names.slice(0, MAX_FILE_INPUTS).map((n) => n.slice(0, 200));
  }
  return { files: chosen, leftOut };
}

/**
 * A page posted after its session timed out (the person typed, went away, came back and pressed the button): what was
 * typed is kept for the same account, and the way back is to sign in and send it again — the citizen on a slow phone
 * and the clerk at a queue no longer retype a page. A page with files (multipart) keeps its text only: its files are
 * never read into memory nor stored, only the names of those chosen, to be chosen again on the page that sends it.
 * Only after a session that ended by its time limit (a page sent after signing out is not kept), never secrets.
 * Returns the page that offers to send it again, or null when nothing is kept.
 */
export async function keepUnsentForm(deps: Pick<AppDeps, 'db' | 'now'>, post: UnsentPost): Promise<KeptUnsentForm | null> {
  if (post.method !== 'POST' || !post.sessionToken || post.sessionToken.length > 100) return null;
  const type = (post.contentType ?? '').toLowerCase();
  const multipart = type.startsWith('multipart/form-data') && post.readMultipartText;
  if (!type.startsWith('application/x-www-form-urlencoded') && !multipart) return null;
  if (!post.url.startsWith('/') || post.url.startsWith('//') || NOT_KEPT_PATHS.test(post.url) || post.url.length > 2000) return null;
  const plain = multipart ? null : keptFields(post.body);
  if (!multipart && !plain) return null;
  const now = deps.now();
  const accountId = await findTimedOutSessionAccount(deps.db, hashToken(post.sessionToken), new Date(now.getTime() - SESSION_ENDED_WITHIN_MS));
  if (!accountId) return null;
  // A multipart body is read only now: a stranger's or a signed-out session's is never read.
  const text = multipart ? await multipart() : null;
  const kept = text ? keptFields(text.fields) : plain;
  if (!kept) return null;
  const files = text ? chosenFiles(text.files) : null;
  const row: UnsentFormRow = {
    id: randomUUID(),
    accountId,
    action: post.url,
    back: post.back,
    fields: kept.fields,
    files: files?.files ?? null,
    secretsLeftOut: kept.leftOut || (files?.leftOut ?? false),
    createdAt: now,
    expiresAt: new Date(now.getTime() + KEEP_MS),
  };
  await insertUnsentForm(deps.db, row, KEEP_PER_ACCOUNT);
  return { url: `${UNSENT_FORM_PATH}/${row.id}`, filesToChooseAgain: Object.keys(row.files ?? {}).length > 0 };
}

/** The actor's own kept page (another account's, an expired or unknown one: not found). */
export async function getUnsentForm(deps: Pick<AppDeps, 'db' | 'now'>, actor: Actor, id: string): Promise<UnsentFormRow> {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new AppError('not_found', 'not_found');
  const row = await findUnsentForm(deps.db, actor.accountId, id, deps.now());
  if (!row) throw new AppError('not_found', 'not_found');
  return row;
}
