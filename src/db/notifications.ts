import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/**
 * PostgreSQL LISTEN/NOTIFY for in-process caches that must forget what another transaction changed.
 *
 * Two paths deliver a notification, so a cache is never staler than the database allows:
 * - every pooled connection of this process LISTENs too (on CHANNELS, from its first use), and PostgreSQL hands a session its own
 *   transaction's notifications before the COMMIT returns: a change made by this process is known
 *   before the code that made it goes on (the next request cannot see the old value);
 * - one dedicated connection LISTENs for changes committed by other processes (other web processes,
 *   workers, an administrator's SQL). While it is down, `live` is false and caches must not fill; when it
 *   comes back, subscribers get `null` ("forget everything": something may have been missed).
 * PGlite is one session inside this process: its notifications arrive before the statement resolves.
 */
export type NotificationHandler = (payload: string | null) => void;

export interface Subscription {
  /** True while notifications from every process are being received. */
  readonly live: boolean;
  /** Resolves when notifications are first being received (at once on PGlite, after the LISTEN on PostgreSQL). */
  readonly ready: Promise<void>;
  stop(): void;
}

export interface Notifications {
  listen(channel: Channel, handler: NotificationHandler): Subscription;
  /** Resolves once every notification on `channel` committed before the call has reached the subscribers. */
  settle(channel: Channel): Promise<void>;
  close(): Promise<void>;
}

const SETTLE_PREFIX = 'settle:';
const SETTLE_TIMEOUT_MS = 5_000;

/** Fan-out to subscribers plus the waiters of `settle`, shared by both implementations. */
class Channels {
  readonly handlers = new Map<string, Set<NotificationHandler>>();
  readonly waiters = new Map<string, () => void>();
  private next = 0;

  dispatch(channel: string, payload: string | null): void {
    if (payload?.startsWith(SETTLE_PREFIX)) {
      this.waiters.get(payload)?.();
      this.waiters.delete(payload);
      return;
    }
    for (const h of this.handlers.get(channel) ?? []) h(payload);
  }

  dispatchAll(payload: null): void {
    for (const [channel] of this.handlers) this.dispatch(channel, payload);
  }

  add(channel: string, handler: NotificationHandler): () => void {
    const set = this.handlers.get(channel) ?? new Set<NotificationHandler>();
    this.handlers.set(channel, set);
    set.add(handler);
    return () => set.delete(handler);
  }

  /** A unique settle payload and a promise resolved when it comes back (or after a timeout). */
  waiter(): { payload: string; done: Promise<void> } {
    const payload = `${SETTLE_PREFIX}${process.pid}:${++this.next}`;
    const done = new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(payload);
        resolve();
      }, SETTLE_TIMEOUT_MS);
      timer.unref();
      this.waiters.set(payload, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return { payload, done };
  }
}

const quoteChannel = (channel: string) => {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`invalid channel name ${channel}`);
  return `"${channel}"`;
};

/**
 * Channels of in-process caches: pooled connections LISTEN on them too when they connect, so a process knows its own
 * changes before its COMMIT resolves (see above).
 */
export const CACHE_CHANNELS = ['pd_account_changed', 'pd_config_changed'] as const;
/**
 * Every channel this platform notifies on. The others are for pages that follow a record live (server-sent events):
 * a fraction of a second late is fine there, so only the dedicated connection hears them, once per notification,
 * instead of every pooled connection hearing each one (busy channels, payloads of every process).
 */
export const CHANNELS = [...CACHE_CHANNELS, 'pd_case_changed'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * The pool's `onConnect` (pg-pool awaits it before the connection's first use): the connection LISTENs on every
 * cache channel, so notifications of its own commits reach `deliver` before the COMMIT resolves.
 */
export async function listenOnConnect(client: pg.ClientBase, deliver: (channel: string, payload: string) => void): Promise<void> {
  client.on('notification', (n) => deliver(n.channel, n.payload ?? ''));
  await client.query(CACHE_CHANNELS.map((c) => `LISTEN ${quoteChannel(c)}`).join('; '));
}

export function pgNotifications(pool: pg.Pool, url: string): Notifications & { deliver(channel: string, payload: string): void } {
  const channels = new Channels();
  let listener: pg.Client | null = null;
  let live = false;
  let closed = false;
  let retryMs = 500;
  let connecting: Promise<void> | null = null;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  function lost() {
    if (listener === null) return;
    listener.removeAllListeners();
    listener.on('error', () => {});
    listener.end().catch(() => {});
    listener = null;
    if (live) {
      live = false;
      channels.dispatchAll(null);
    }
    if (!closed) {
      const wait = retryMs;
      retryMs = Math.min(retryMs * 2, 30_000);
      setTimeout(() => void connect(), wait).unref();
    }
  }

  async function connect(): Promise<void> {
    if (closed || listener) return;
    const client = new pg.Client({ connectionString: url, keepAlive: true, application_name: 'primaria-notifications' });
    listener = client;
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (n) => channels.dispatch(n.channel, n.payload ?? ''));
    try {
      await client.connect();
      await client.query(CHANNELS.map((c) => `LISTEN ${quoteChannel(c)}`).join('; '));
      if (listener !== client) return;
      live = true;
      markReady();
      retryMs = 500;
      // Whatever was cached before this connection existed may have changed unseen.
      channels.dispatchAll(null);
    } catch {
      if (listener === client) lost();
    }
  }

  return {
    deliver: (channel, payload) => channels.dispatch(channel, payload),
    listen(channel, handler) {
      if (!(CHANNELS as readonly string[]).includes(channel)) throw new Error(`unknown channel ${channel}: add it to CHANNELS`);
      const remove = channels.add(channel, handler);
      if (!listener && !connecting && !closed) {
        connecting = connect().finally(() => {
          connecting = null;
        });
      }
      return {
        get live() {
          return live;
        },
        ready,
        stop: remove,
      };
    },
    async settle(channel) {
      if (!live) return;
      const { payload, done } = channels.waiter();
      await pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
      await done;
    },
    async close() {
      closed = true;
      live = false;
      const client = listener;
      listener = null;
      if (client) {
        client.removeAllListeners();
        client.on('error', () => {});
        await client.end().catch(() => {});
      }
    },
  };
}

export function pgliteNotifications(client: PGlite): Notifications {
  const channels = new Channels();
  const unlisten = new Map<string, Promise<() => Promise<void>>>();
  const ready = new Set<string>();
  return {
    listen(channel, handler) {
      quoteChannel(channel);
      const remove = channels.add(channel, handler);
      let started = unlisten.get(channel);
      if (!started) {
        started = client.listen(channel, (payload) => channels.dispatch(channel, payload)).then((stop) => {
          ready.add(channel);
          return stop;
        });
        unlisten.set(channel, started);
      }
      return {
        get live() {
          return ready.has(channel);
        },
        ready: started.then(() => {}),
        stop: remove,
      };
    },
    async settle(channel) {
      if (!ready.has(channel)) return;
      const { payload, done } = channels.waiter();
      await client.query('SELECT pg_notify($1, $2)', [channel, payload]);
      await done;
    },
    async close() {
      ready.clear();
      for (const stop of unlisten.values()) await (await stop)().catch(() => {});
      unlisten.clear();
    },
  };
}
