import { documents } from './documents.ts';
import { home } from './home.ts';
import { inbox } from './inbox.ts';
import { logins } from './logins.ts';
import { memory } from './memory.ts';
import { submissions } from './submissions.ts';

/** Every benchmark by name; `npm run bench` runs them in this order, `npm run bench -- <name>` one. */
export const benchmarks: Record<string, (options: Record<string, string>) => Promise<void>> = { home, logins, memory, submissions, inbox, documents };
