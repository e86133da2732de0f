// SQL statements one pool's connections ran between start() and stop(), from each connection's own session
// counter (SHOW SESSION STATUS LIKE 'Questions'), so other work on the server (other benchmarks, anything else
// on it) does not count. Each reading counts itself, so a connection's share is (end − start − 1).
//
// The pool keeps at most maxIdle idle connections and closes the rest within a second, so connections come and go
// during a pass: each is read when it opens (before anyone queries on it) and again just before it closes. This
// leans on mysql2 internals (the pool's connection list, a pooled connection's _removeFromPool), fine for a
// benchmark, nothing the app should do.
import type { Pool as CorePool, PoolConnection as CorePoolConnection } from 'mysql2';
import type mysql from 'mysql2/promise';

type Instrumented = CorePoolConnection & { _removeFromPool(): void };

async function questions(conn: Pick<mysql.Connection, 'query'>): Promise<number> {
  const [rows] = await conn.query<mysql.RowDataPacket[]>("SHOW SESSION STATUS LIKE 'Questions'");
  return Number(rows[0]!.Value);
}

export interface StatementCount {
  statements: number;
  /** Connections that ran at least one statement. */
  connections: number;
}

export function sessionStatements(pool: mysql.Pool) {
  const core = pool.pool as CorePool & { _allConnections: { length: number } };
  const start = new Map<number, Promise<number>>();
  const end = new Map<number, Promise<number>>();
  let counting = true;

  // Read once more before the socket closes; it has already left the pool, so the pool behaves as it would.
  const readBeforeClosing = (conn: Instrumented) => {
    const destroy = conn.destroy.bind(conn);
    conn.destroy = () => {
      if (!counting || end.has(conn.threadId)) return destroy();
      conn._removeFromPool();
      const reading = questions(conn.promise());
      end.set(conn.threadId, reading);
      void reading.catch(() => undefined).finally(destroy);
    };
  };
  const onConnection = (conn: Instrumented) => {
    // Queued before the pool hands it to whoever asked, so it counts nothing of theirs.
    const reading = questions(conn.promise());
    reading.catch(() => undefined);
    start.set(conn.threadId, reading);
    readBeforeClosing(conn);
  };
  /** Every connection open now: asking for as many as the pool holds hands out exactly those. */
  const eachOpen = async <T>(read: (conn: mysql.PoolConnection) => Promise<T>): Promise<T[]> => {
    const conns = await Promise.all(Array.from({ length: core._allConnections.length }, () => pool.getConnection()));
    try {
      return await Promise.all(conns.map(read));
    } finally {
      for (const c of conns) c.release();
    }
  };

  return {
    async start(): Promise<void> {
      await eachOpen(async (conn) => {
        start.set(conn.threadId, Promise.resolve(await questions(conn)));
        readBeforeClosing(conn.connection as unknown as Instrumented);
      });
      core.on('connection', onConnection);
    },
    async stop(): Promise<StatementCount> {
      core.off('connection', onConnection);
      await eachOpen(async (conn) => {
        if (!end.has(conn.threadId)) end.set(conn.threadId, questions(conn));
      });
      counting = false;
      let statements = 0;
      let connections = 0;
      for (const [id, begin] of start) {
        const last = end.get(id);
        if (!last) continue;
        const ran = (await last) - (await begin) - 1;
        statements += ran;
        if (ran > 0) connections++;
      }
      return { statements, connections };
    },
  };
}
