import type { Config } from '../../config.ts';
import type { Executor } from '../../db/database.ts';
import { addressBucket } from '../../platform/ids/address-bucket.ts';
import { enforceLimit } from './rate-limit.ts';

/** What one request uploaded: its files and their bytes together. */
export type UploadVolume = { files: number; bytes: number };

/**
 * Counts a request's files and bytes against the hour's upload quota (UPLOAD_FILES_PER_HOUR, UPLOAD_MB_PER_HOUR) and
 * refuses with 429 'uploads rate limited, try again after {until}' once over it: each file stays on the disk or in
 * the object store as evidence, so a signed-in account — or a script with a stolen session — must not fill them.
 * Signed-in uploaders are counted by account (the clerks of one office share an address), the public forms' by
 * address (an IPv6 client by its /64). Bytes are counted in KiB, so a window's count fits the counter.
 */
export async function enforceUploadQuota(
  deps: { db: Executor; config: Pick<Config, 'uploadQuota'>; now: () => Date },
  who: { accountId: string | null; ip: string | null },
  volume: UploadVolume,
): Promise<void> {
  if (volume.files === 0) return;
  const key = who.accountId ? `upload-account:${who.accountId}` : `upload-ip:${addressBucket(who.ip)}`;
  const { filesPerHour, bytesPerHour } = deps.config.uploadQuota;
  const now = deps.now();
  await enforceLimit(deps.db, [`${key}:files`], { limit: filesPerHour, windowMinutes: 60 }, now, 'uploads.rate_limited', volume.files);
  await enforceLimit(deps.db, [`${key}:kib`], { limit: Math.ceil(bytesPerHour / 1024), windowMinutes: 60 }, now, 'uploads.rate_limited', Math.ceil(volume.bytes / 1024));
}
