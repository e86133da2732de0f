// Shared by the benchmarks: their own central database and Redis prefix, set before anything reads the env,
// a peak-RSS sampler, and a cleanup that drops every database and key they made.
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';

export function benchEnv() {
  const name = `ezs_bench_${randomBytes(3).toString('hex')}`;
  process.env.DATABASE_URL = `mysql://root@127.0.0.1:3306/${name}`;
  process.env.REDIS_PREFIX = name;
  process.env.APP_MODE = 'sandbox';
  process.env.APP_KEY ||= randomBytes(32).toString('base64');
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  return {
    name,
    peakRssMb: () => Math.round(Math.max(peakRss, process.memoryUsage().rss) / 1048576),
    /** Starts a new peak from now (to measure one phase, not the seeding before it). */
    resetPeak: () => {
      peakRss = process.memoryUsage().rss;
    },
    stopSampling: () => clearInterval(sampler),
    /** Closes the app's connections, drops the bench databases and Redis keys, and exits. */
    async finish(): Promise<never> {
      clearInterval(sampler);
      const { shutdownConnections } = await import('@/cli/shutdown');
      await shutdownConnections();
      const conn = await mysql.createConnection({ uri: 'mysql://root@127.0.0.1:3306/' });
      const [dbs] = await conn.query<mysql.RowDataPacket[]>('SELECT SCHEMA_NAME AS n FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ? OR SCHEMA_NAME LIKE ?', [name, `${name}\\_sf\\_%`]);
      for (const d of dbs) await conn.query(`DROP DATABASE \`${String(d.n)}\``);
      await conn.end();
      const { Redis } = await import('ioredis');
      const redis = new Redis();
      const keys = await redis.keys(`${name}:*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
      process.exit(0);
    },
  };
}
