import type { Executor } from '../../db/database.ts';

/** Demo accounts (one official per role, citizens, a company): written by the identity work. */
export async function seedIdentityDemo(_db: Executor): Promise<void> {}
