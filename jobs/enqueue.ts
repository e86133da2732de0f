import { Queue } from 'bullmq';
import type { z } from 'zod';
import { env } from '@/lib/config/env';
import { bullConnectionOptions } from '@/lib/redis/client';
import type { JobSpec } from './define-job';
import { QUEUE_CONFIG, QUEUE_NAMES, type QueueName } from './queues';

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

export interface EnqueueOptions {
  /** Deterministic id: BullMQ ignores a second add with the same id while the first is kept. */
  jobId?: string;
  delayMs?: number;
}

/** Validates the payload against the job's schema before it reaches Redis, then adds it to the job's queue. */
export async function enqueueJob<S extends z.ZodType>(def: JobSpec<S>, payload: z.input<S>, opts: EnqueueOptions = {}) {
  const data = def.schema.parse(payload);
  return getQueue(def.queue).add(def.name, data, {
    ...(def.attempts ? { attempts: def.attempts } : {}),
    ...(def.backoff ? { backoff: def.backoff } : {}),
    ...(opts.jobId ? { jobId: opts.jobId.replace(/:/g, '-') } : {}),
    ...(opts.delayMs ? { delay: opts.delayMs } : {}),
  });
}

/**
 * Enqueues under a deterministic id, for work whose handler is idempotent on its own rows (it checks the row's
 * state). A waiting or running job with that id makes this a no-op; one that failed for good is retried; one
 * that completed is replaced, since the caller only dispatches rows that still need work (a kept job id from an
 * earlier database whose ids restarted would otherwise swallow the new one).
 */
export async function enqueueIdempotent<S extends z.ZodType>(def: JobSpec<S>, payload: z.input<S>, jobId: string): Promise<void> {
  const id = jobId.replace(/:/g, '-');
  const existing = await getQueue(def.queue).getJob(id);
  if (existing) {
    const state = await existing.getState();
    if (state === 'failed') {
      await existing.retry('failed');
      return;
    }
    if (state === 'completed') await existing.remove();
  }
  await enqueueJob(def, payload, { jobId: id });
}

export async function closeQueues(): Promise<void> {
  const all = [...queues.values()];
  queues.clear();
  await Promise.all(all.map((q) => q.close().catch(() => undefined)));
}

export { QUEUE_NAMES };
