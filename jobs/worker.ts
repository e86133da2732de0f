import { createHash } from 'node:crypto';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { z } from 'zod';
import { env } from '@/lib/config/env';
import { getCentralDb } from '@/lib/db/central';
import { jobRuns } from '@/db/schema/central';
import { bullConnectionOptions } from '@/lib/redis/client';
import type { JobContext, JobDefinition } from './define-job';
import { bullPrefix } from './queue-registry';
import { alertJobFailure } from '@/lib/alerts/alert-job-failure';
import { QUEUE_CONFIG, QUEUE_NAMES, type QueueName } from './queues';

export interface CreateWorkersOptions {
  jobs: readonly JobDefinition[];
  /** Queues this process consumes; all of them by default. */
  queues?: readonly QueueName[];
}

export interface WorkerSet {
  workers: Map<QueueName, Worker>;
  /** Stops fetching new jobs and resolves once every in-flight job has finished. */
  close: () => Promise<void>;
}

const MAX_ERROR_LENGTH = 2000;
const JOB_KEY_LENGTH = 191;

type RunStatus = 'running' | 'completed' | 'failed';

/** `${queue}:${job.id}`, hashed when a long custom job id would not fit the unique column. */
export function jobRunKey(queue: string, jobId: string | undefined): string {
  const key = `${queue}:${jobId ?? 'unknown'}`;
  if (key.length <= JOB_KEY_LENGTH) return key;
  return `${queue}:sha1-${createHash('sha1').update(jobId ?? '').digest('hex')}`;
}

function storefrontIdOf(data: unknown): number | null {
  const id = (data as { storefrontId?: unknown } | null)?.storefrontId;
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : null;
}

function errorText(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}

interface RunRecord {
  key: string;
  queue: QueueName;
  job: Job;
  status: RunStatus;
  lastError?: string | null;
}

/**
 * One upsert per transition, so a job costs two statements. History is a convenience: if the database is
 * unavailable the job still runs and its outcome still lands in Redis, so errors are only logged.
 */
async function recordRun(r: RunRecord): Promise<void> {
  const now = new Date();
  const finished = r.status !== 'running';
  // attemptsStarted also counts executions that were cut short and handed back by stalled-job recovery.
  const attempts = Math.max(r.job.attemptsStarted ?? 0, r.job.attemptsMade + (finished ? 0 : 1), 1);
  const changes = {
    // Name and tenant too: BullMQ's numeric ids start again at 1 if Redis loses its data.
    name: r.job.name.slice(0, 100),
    storefrontId: storefrontIdOf(r.job.data),
    status: r.status,
    attempts,
    ...(finished ? { finishedAt: now, lastError: r.lastError ?? null } : { startedAt: now, finishedAt: null }),
  };
  try {
    await getCentralDb()
      .insert(jobRuns)
      .values({ jobKey: r.key, queue: r.queue, startedAt: now, ...changes })
      .onDuplicateKeyUpdate({ set: changes });
  } catch (err) {
    console.error(`[worker:${r.queue}] job_runs ${r.status} for ${r.key} not recorded: ${errorText(err)}`);
  }
}

function jobLogger(queue: QueueName, job: Job): JobContext['log'] {
  const prefix = `[${queue}] ${job.name}#${job.id}`;
  return (message) => {
    console.log(`${prefix} ${message}`);
    // The job's own log (visible in dashboards) is best effort, like the history row.
    job.log(message).catch(() => undefined);
  };
}

function definitionsByQueue(jobs: readonly JobDefinition[]): Map<QueueName, Map<string, JobDefinition>> {
  const byQueue = new Map<QueueName, Map<string, JobDefinition>>(QUEUE_NAMES.map((q) => [q, new Map()]));
  const seen = new Set<string>();
  for (const def of jobs) {
    if (seen.has(def.name)) throw new Error(`Job "${def.name}" is defined twice`);
    seen.add(def.name);
    byQueue.get(def.queue)!.set(def.name, def);
  }
  return byQueue;
}

/** The processor for one queue: validate, dispatch by name, record start and outcome. */
export function makeProcessor(queue: QueueName, defs: ReadonlyMap<string, JobDefinition>) {
  return async (job: Job): Promise<unknown> => {
    const key = jobRunKey(queue, job.id);
    const log = jobLogger(queue, job);
    await recordRun({ key, queue, job, status: 'running' });
    let result: unknown;
    try {
      const def = defs.get(job.name);
      // A job nobody handles on this queue will not become valid by retrying.
      if (!def) throw new UnrecoverableError(`No job named "${job.name}" is defined on queue "${queue}"`);
      const parsed = def.schema.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`Invalid payload: ${z.prettifyError(parsed.error)}`);
      result = await def.handler(parsed.data, { job, log });
    } catch (err) {
      const final = err instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      log(`failed (attempt ${job.attemptsMade + 1}/${job.opts.attempts ?? 1}${final ? ', final' : ', will retry'}): ${errorText(err)}`);
      await recordRun({ key, queue, job, status: 'failed', lastError: errorText(err) });
      if (final) {
        const failure = { queue, name: job.name, runKey: key, storefrontId: storefrontIdOf(job.data), attempts: job.attemptsMade + 1, error: errorText(err) };
        await alertJobFailure(failure).catch((alertErr: unknown) => log(`could not raise the failure alert: ${errorText(alertErr)}`));
      }
      throw err;
    }
    await recordRun({ key, queue, job, status: 'completed' });
    return result;
  };
}

/** Starts one BullMQ worker per queue and resolves once all of them are connected. */
export async function createWorkers(opts: CreateWorkersOptions): Promise<WorkerSet> {
  const e = env();
  const byQueue = definitionsByQueue(opts.jobs);
  const queues = [...new Set(opts.queues ?? QUEUE_NAMES)];
  const workers = new Map<QueueName, Worker>();
  for (const queue of queues) {
    const worker = new Worker(queue, makeProcessor(queue, byQueue.get(queue)!), {
      connection: bullConnectionOptions(),
      prefix: bullPrefix(),
      concurrency: QUEUE_CONFIG[queue].concurrency(),
      lockDuration: e.WORKER_LOCK_DURATION_MS,
      stalledInterval: e.WORKER_STALLED_INTERVAL_MS,
    });
    // Without a listener an 'error' event would crash the process; BullMQ reconnects by itself.
    worker.on('error', (err) => console.error(`[worker:${queue}] ${errorText(err)}`));
    workers.set(queue, worker);
  }
  try {
    await Promise.all([...workers.values()].map((w) => w.waitUntilReady()));
  } catch (err) {
    await Promise.all([...workers.values()].map((w) => w.close(true).catch(() => undefined)));
    throw err;
  }
  return {
    workers,
    close: async () => {
      await Promise.all([...workers.values()].map((w) => w.close()));
    },
  };
}
