import type { RedisOptions as BullRedisOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { env } from '@/lib/config/env';

const g = globalThis as unknown as { __ezsRedis?: { url: string; client: Redis } };

/** Shared client for caches, rate limits and counters: fails fast instead of queueing when Redis is down. */
export function getRedis(): Redis {
  const url = env().REDIS_URL;
  if (g.__ezsRedis && g.__ezsRedis.url === url) return g.__ezsRedis.client;
  const client = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 1000, lazyConnect: false, enableOfflineQueue: true });
  client.on('error', () => {
    // Reported by /api/health; ioredis reconnects by itself.
  });
  g.__ezsRedis = { url, client };
  return client;
}

/** Options for BullMQ connections, which must wait for Redis rather than fail a command. */
export function bullConnectionOptions(): BullRedisOptions {
  const u = new URL(env().REDIS_URL);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

export function redisKey(...parts: string[]): string {
  return [env().REDIS_PREFIX, ...parts].join(':');
}

export async function closeRedis(): Promise<void> {
  const h = g.__ezsRedis;
  g.__ezsRedis = undefined;
  if (h) await h.client.quit().catch(() => h.client.disconnect());
}
