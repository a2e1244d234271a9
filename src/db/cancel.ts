// Queries made for a request run under its abort signal: when the client goes away, PostgreSQL is asked
// to cancel what it is running for that request, instead of finishing work nobody will read.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import { HeadwayError } from '../errors.ts';

const currentSignal = new AsyncLocalStorage<AbortSignal>();

/** Runs `work` with its queries cancelled when `signal` aborts. */
export function withCancellation<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  return currentSignal.run(signal, work);
}

/** Runs `work` whatever happens to the request that started it: its result is shared with others. */
export function detachedFromRequest<T>(work: () => Promise<T>): Promise<T> {
  return currentSignal.exit(work);
}

const clientGone = () => new HeadwayError('conflict', 'The client closed the connection');

/** A pool whose clients cancel their running query (pg_cancel_backend) when the current request aborts. */
export function cancellablePool(pool: pg.Pool): PostgresPool {
  const cancel = (pid: number) => {
    pool.query('select pg_cancel_backend($1)', [pid]).catch(() => {});
  };
  return {
    async connect() {
      const client = await pool.connect();
      const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
      const cancellableQuery = async (...args: unknown[]) => {
        const signal = currentSignal.getStore();
        if (!signal || typeof args[0] !== 'string') return query(...args);
        if (signal.aborted) throw clientGone();
        const pid = (client as unknown as { processID: number }).processID;
        const onAbort = () => cancel(pid);
        signal.addEventListener('abort', onAbort, { once: true });
        try {
          return await query(...args);
        } finally {
          signal.removeEventListener('abort', onAbort);
        }
      };
      return new Proxy(client, {
        get: (target, property, receiver) =>
          property === 'query' ? cancellableQuery : Reflect.get(target, property, receiver),
      }) as unknown as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}
