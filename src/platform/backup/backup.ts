import type { Database } from '../../db/database.ts';

/** Portable backup: written by the backup work (see the foundation issue). */
export async function backupTo(_database: Database, _file: string): Promise<{ tables: number; rows: number }> {
  throw new Error('backup is not implemented yet');
}

export async function restoreFrom(_database: Database, _file: string): Promise<{ tables: number; rows: number }> {
  throw new Error('restore is not implemented yet');
}
