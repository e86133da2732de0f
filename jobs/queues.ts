import type { JobsOptions } from 'bullmq';
import { env } from '@/lib/config/env';

export const QUEUE_NAMES = ['critical', 'default', 'low'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export interface QueueConfig {
  /** What runs there, for --help and the README. */
  purpose: string;
  concurrency: () => number;
  defaults: JobsOptions;
}

// Retention keeps enough history to debug without letting Redis grow without bound.
export const QUEUE_CONFIG: Record<QueueName, QueueConfig> = {
  critical: {
    purpose: 'payments, provisioning, suspension',
    concurrency: () => env().WORKER_CONCURRENCY_CRITICAL,
    defaults: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 30_000 },
      removeOnComplete: { age: 7 * 86_400, count: 10_000 },
      removeOnFail: { age: 30 * 86_400 },
    },
  },
  default: {
    purpose: 'email, notifications',
    concurrency: () => env().WORKER_CONCURRENCY_DEFAULT,
    defaults: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 10_000 },
      removeOnComplete: { age: 86_400, count: 5_000 },
      removeOnFail: { age: 14 * 86_400 },
    },
  },
  low: {
    purpose: 'reports, cleanup',
    concurrency: () => env().WORKER_CONCURRENCY_LOW,
    defaults: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 60_000 },
      removeOnComplete: { age: 86_400, count: 1_000 },
      removeOnFail: { age: 7 * 86_400 },
    },
  },
};
