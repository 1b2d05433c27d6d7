// autocannon ships no types; the part bench/load.ts uses.
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';
  type Options = {
    url: string;
    connections?: number;
    duration?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    timeout?: number;
  };
  export default function autocannon(options: Options): EventEmitter;
}
