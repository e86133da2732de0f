import type { Job } from 'bullmq';
import type { z } from 'zod';
import type { QueueName } from './queues';

export interface JobContext {
  job: Job;
  log: (message: string) => void;
}

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  /** Unique across all queues, e.g. "email.send". */
  name: string;
  queue: QueueName;
  /** Payloads that fail this schema fail at once, without retry. */
  schema: S;
  /** Overrides the queue's default attempts. */
  attempts?: number;
  backoff?: { type: 'exponential' | 'fixed'; delay: number };
  handler: (payload: z.infer<S>, ctx: JobContext) => Promise<unknown>;
}

export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  return def;
}
