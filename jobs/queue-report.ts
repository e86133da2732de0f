import type { Job } from 'bullmq';
import type { Storefront } from '@/db/schema/central';
import { getQueue } from './queue-registry';
import { QUEUE_NAMES, type QueueName } from './queues';

export const JOB_STATES = ['waiting', 'active', 'failed', 'delayed', 'completed'] as const;

export interface QueueReport {
  queue: QueueName;
  counts: Record<(typeof JOB_STATES)[number], number>;
  schedulers: { id: string; job: string; pattern: string | null; every: number | null; tz: string | null; next: string | null }[];
  /** Jobs running now, with the share done for those that report it (job.updateProgress with a percentage). */
  running: RunningJob[];
}

export interface RunningJob {
  id: string;
  name: string;
  /** 0–100, or null for a job that reports no progress. */
  percent: number | null;
  startedAt: string | null;
}

/** How many running jobs a report lists per queue. */
export const RUNNING_LIMIT = 20;

function runningJob(job: Job): RunningJob {
  const p = job.progress;
  return {
    id: String(job.id),
    name: job.name,
    percent: typeof p === 'number' && Number.isFinite(p) ? Math.max(0, Math.min(100, Math.round(p))) : null,
    startedAt: job.processedOn ? new Date(job.processedOn).toISOString() : null,
  };
}

async function reportFor(name: QueueName): Promise<QueueReport> {
  const queue = getQueue(name);
  const [raw, schedulers, active] = await Promise.all([queue.getJobCounts(...JOB_STATES), queue.getJobSchedulers(0, -1, true), queue.getJobs(['active'], 0, RUNNING_LIMIT - 1)]);
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
    running: active.filter(Boolean).map(runningJob),
  };
}

/** Job counts and recurring schedules of every queue, for the CLI and the admin System page. */
export async function queueReports(): Promise<QueueReport[]> {
  return Promise.all(QUEUE_NAMES.map(reportFor));
}

// The queues are shared by every storefront and BullMQ keeps no index by storefront, so a storefront's figures
// are counted among this many of the newest jobs in each state: bounded work for one page view.
export const STOREFRONT_SCAN_LIMIT = 1000;

async function storefrontReportFor(name: QueueName, storefrontId: number): Promise<QueueReport> {
  const queue = getQueue(name);
  const mine = (jobs: Job[]) => jobs.filter((j) => (j?.data as { storefrontId?: unknown } | undefined)?.storefrontId === storefrontId);
  const scanned = await Promise.all(JOB_STATES.map((state) => queue.getJobs([state], 0, STOREFRONT_SCAN_LIMIT - 1).then(mine)));
  const counts = Object.fromEntries(JOB_STATES.map((s, i) => [s, scanned[i]!.length])) as QueueReport['counts'];
  const active = scanned[JOB_STATES.indexOf('active')]!;
  // The recurring schedules are the platform's, not a storefront's.
  return { queue: name, counts, schedulers: [], running: active.slice(0, RUNNING_LIMIT).map(runningJob) };
}

/**
 * What the admin System page shows: the platform's storefront (retail) sees every queue and schedule; a
 * reseller's storefront only the jobs carrying its own storefront id.
 */
export async function queueReportsFor(storefront: Pick<Storefront, 'id' | 'kind'>): Promise<QueueReport[]> {
  if (storefront.kind === 'retail') return queueReports();
  return Promise.all(QUEUE_NAMES.map((name) => storefrontReportFor(name, storefront.id)));
}
