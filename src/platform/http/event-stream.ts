import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Channel, Notifications, Subscription } from '../../db/notifications.ts';
import { AppError, rateLimited } from './errors.ts';

/** Reconnect after this long when a stream drops (the browser's EventSource waits this, then asks again). */
const RETRY_MS = 5_000;
/** A comment this often keeps proxies and phones from cutting a quiet stream. */
const HEARTBEAT_MS = 25_000;
/** Several changes in a burst (an action and its step in one transaction, a signature and its issue) make one event. */
const COALESCE_MS = 200;

/**
 * `maxStreamMs`: a stream ends after this long and the browser opens a new one; each reconnect goes through the
 * session's checks again, so a signed-out, timed-out or revoked session stops receiving within this time.
 */
export type EventStreamLimits = { perProcess: number; perViewer: number; maxStreamMs: number };
export const DEFAULT_STREAM_LIMITS: EventStreamLimits = { perProcess: 2_000, perViewer: 5, maxStreamMs: 10 * 60_000 };

type Stream = { keys: string[]; viewer: string; out: PassThrough; timers: NodeJS.Timeout[]; pending: NodeJS.Timeout | null };

/**
 * Server-sent events for pages that follow a record while they are open (a request's status, an official's file).
 * A stream carries no data, only `event: changed` when the record's NOTIFY channel names it; the page then reads
 * itself again through its own authorization. So a stream can never show more than the page would, and the
 * authorization of the stream itself is only "may open this page" (checked by the caller before `open`).
 */
export class EventStreams {
  private readonly streams = new Map<string, Set<Stream>>();
  private readonly perViewer = new Map<string, number>();
  private subscription: Subscription | null = null;
  private count = 0;
  private closed = false;

  constructor(
    private readonly notifications: Notifications,
    private readonly channel: Channel,
    private readonly limits: EventStreamLimits = DEFAULT_STREAM_LIMITS,
  ) {}

  /** Streams open now (for tests and health figures). */
  get size(): number {
    return this.count;
  }

  /**
   * Answers the request with a stream of `changed` events for `keys` (a record id, or several; a key ending in `:*`
   * hears every payload that starts like it: `i:<institution>:*`). `viewer` (an account id) is limited to a few
   * streams at once, and the process to a few thousand: past that, 429 and the page works as without JavaScript.
   */
  open(request: FastifyRequest, reply: FastifyReply, keys: string | readonly string[], viewer: string): FastifyReply {
    if (this.closed) throw new AppError('unavailable', 'unavailable');
    if (this.count >= this.limits.perProcess || (this.perViewer.get(viewer) ?? 0) >= this.limits.perViewer) {
      // A tab closed frees a place: a browser's EventSource tries again after RETRY_MS, and so may any client.
      throw rateLimited('rate_limited', new Date(Date.now() + RETRY_MS));
    }
    this.subscription ??= this.notifications.listen(this.channel, (payload) => this.changed(payload));
    const out = new PassThrough();
    const stream: Stream = { keys: typeof keys === 'string' ? [keys] : [...new Set(keys)], viewer, out, timers: [], pending: null };
    this.add(stream);
    out.write(`retry: ${RETRY_MS}\n\n`);
    stream.timers.push(
      setInterval(() => out.write(': \n\n'), HEARTBEAT_MS),
      setTimeout(() => out.end(), this.limits.maxStreamMs),
    );
    let removed = false;
    const remove = () => {
      if (removed) return;
      removed = true;
      this.remove(stream);
    };
    out.on('close', remove);
    out.on('finish', remove);
    request.raw.on('close', () => {
      remove();
      out.end();
    });
    return reply
      .code(200)
      .type('text/event-stream; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('x-accel-buffering', 'no') // nginx would hold events back in its buffer
      .send(out);
  }

  /** Ends every stream (the server is stopping: open streams would keep it waiting). */
  close(): void {
    this.closed = true;
    for (const set of this.streams.values()) for (const s of set) s.out.end();
    this.subscription?.stop();
    this.subscription = null;
  }

  private changed(payload: string | null): void {
    // null: the listener reconnected and may have missed something; every open page looks again.
    const targets = new Set<Stream>();
    if (payload === null) for (const set of this.streams.values()) for (const s of set) targets.add(s);
    else {
      for (const s of this.streams.get(payload) ?? []) targets.add(s);
      const wildcard = `${payload.slice(0, payload.lastIndexOf(':') + 1)}*`;
      if (wildcard !== '*') for (const s of this.streams.get(wildcard) ?? []) targets.add(s);
    }
    for (const s of targets) {
      s.pending ??= setTimeout(() => {
        s.pending = null;
        s.out.write('event: changed\ndata: \n\n');
      }, COALESCE_MS);
    }
  }

  private add(s: Stream): void {
    for (const key of s.keys) {
      const set = this.streams.get(key) ?? new Set<Stream>();
      this.streams.set(key, set);
      set.add(s);
    }
    this.count++;
    this.perViewer.set(s.viewer, (this.perViewer.get(s.viewer) ?? 0) + 1);
  }

  private remove(s: Stream): void {
    for (const t of s.timers) clearTimeout(t);
    if (s.pending) clearTimeout(s.pending);
    let held = false;
    for (const key of s.keys) {
      const set = this.streams.get(key);
      if (!set?.delete(s)) continue;
      held = true;
      if (set.size === 0) this.streams.delete(key);
    }
    if (!held) return;
    this.count--;
    const n = (this.perViewer.get(s.viewer) ?? 1) - 1;
    if (n === 0) this.perViewer.delete(s.viewer);
    else this.perViewer.set(s.viewer, n);
  }
}
