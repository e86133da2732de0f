import type { z } from 'zod';
import type { JobSpec } from './define-job';
import { QUEUE_NAMES } from './queues';

export interface EnqueueOptions {
  /** Deterministic id: BullMQ ignores a second add with the same id while the first is kept. */
  jobId?: string;
  delayMs?: number;
}

/** Validates the payload against the job's schema before it reaches Redis, then adds it to the job's queue. */
export async function enqueueJob<S extends z.ZodType>(def: JobSpec<S>, payload: z.input<S>, opts: EnqueueOptions = {}) {
  const data = def.schema.parse(payload);
  const { getQueue } = await import('./queue-registry');
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
  const { getQueue } = await import('./queue-registry');
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

/** Closes the queues this process opened; loads nothing when it never enqueued. */
export async function closeQueues(): Promise<void> {
  if (!(globalThis as { __ezsQueues?: Map<string, unknown> }).__ezsQueues?.size) return;
  const registry = await import('./queue-registry');
  await registry.closeQueues();
}

export { QUEUE_NAMES };
