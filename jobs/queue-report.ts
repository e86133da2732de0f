import { getQueue } from './queue-registry';
import { QUEUE_NAMES, type QueueName } from './queues';

export const JOB_STATES = ['waiting', 'active', 'failed', 'delayed', 'completed'] as const;

export interface QueueReport {
  queue: QueueName;
  counts: Record<(typeof JOB_STATES)[number], number>;
  schedulers: { id: string; job: string; pattern: string | null; every: number | null; tz: string | null; next: string | null }[];
}

async function reportFor(name: QueueName): Promise<QueueReport> {
  const queue = getQueue(name);
  const [raw, schedulers] = await Promise.all([queue.getJobCounts(...JOB_STATES), queue.getJobSchedulers(0, -1, true)]);
  const counts = Object.fromEntries(JOB_STATES.map((s) => [s, raw[s] ?? 0])) as QueueReport['counts'];
  return {
    queue: name,
    counts,
    schedulers: schedulers.map((s) => ({
      id: s.key,
      job: s.name,
      pattern: s.pattern ?? null,
      every: s.every ? Number(s.every) : null,
      tz: s.tz ?? null,
      next: s.next ? new Date(s.next).toISOString() : null,
    })),
  };
}

/** Job counts and recurring schedules of every queue, for the CLI and the admin System page. */
export async function queueReports(): Promise<QueueReport[]> {
  return Promise.all(QUEUE_NAMES.map(reportFor));
}
