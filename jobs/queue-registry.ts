import { Queue } from 'bullmq';
import { env } from '@/lib/config/env';
import { bullConnectionOptions } from '@/lib/redis/client';
import { QUEUE_CONFIG, type QueueName } from './queues';

// The BullMQ side of enqueueing, loaded by jobs/enqueue.ts on first use: code that only sometimes enqueues (the
// billing run from the CLI, request handlers) does not carry BullMQ until it does.

const g = globalThis as unknown as { __ezsQueues?: Map<string, Queue> };
const queues = (g.__ezsQueues ??= new Map());

export function bullPrefix(): string {
  return `${env().REDIS_PREFIX}:bull`;
}

export function getQueue(name: QueueName): Queue {
  const key = `${bullPrefix()}|${name}`;
  let q = queues.get(key);
  if (!q) {
    q = new Queue(name, { connection: bullConnectionOptions(), prefix: bullPrefix(), defaultJobOptions: QUEUE_CONFIG[name].defaults });
    queues.set(key, q);
  }
  return q;
}

export async function closeQueues(): Promise<void> {
  const all = [...queues.values()];
  queues.clear();
  await Promise.all(all.map((q) => q.close().catch(() => undefined)));
}
