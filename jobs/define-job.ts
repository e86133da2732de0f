import type { Job } from 'bullmq';
import type { z } from 'zod';
import type { QueueName } from './queues';

export interface JobContext {
  job: Job;
  log: (message: string) => void;
}

/**
 * What enqueuing needs to know about a job. Kept apart from the handler so request code that enqueues a job
 * (a server action queuing an email) never imports what the handler runs (nodemailer, react-dom/server).
 */
export interface JobSpec<S extends z.ZodType = z.ZodType> {
  /** Unique across all queues, e.g. "email.send". */
  name: string;
  queue: QueueName;
  /** Payloads that fail this schema fail at once, without retry. */
  schema: S;
  /** Overrides the queue's default attempts. */
  attempts?: number;
  backoff?: { type: 'exponential' | 'fixed'; delay: number };
}

export interface JobDefinition<S extends z.ZodType = z.ZodType> extends JobSpec<S> {
  handler: (payload: z.infer<S>, ctx: JobContext) => Promise<unknown>;
}

export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  return def;
}

export function defineJobSpec<S extends z.ZodType>(spec: JobSpec<S>): JobSpec<S> {
  return spec;
}
