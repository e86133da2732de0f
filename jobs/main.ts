// Worker process entry: `npm run worker` (tsx jobs/main.ts). Consumes the queues named in WORKER_QUEUES.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { shutdownConnections } from '@/cli/shutdown';
import { env } from '@/lib/config/env';
import { loadDotEnv } from '@/lib/config/load-dot-env';
import { productionEnvRefusal } from '@/lib/config/production-env-refusal';
import { allJobs } from './all-jobs';
import type { JobDefinition } from './define-job';
import { closeQueues } from './enqueue';
import { QUEUE_CONFIG, QUEUE_NAMES } from './queues';
import { registerSchedules } from './schedules';
import { createWorkers, type WorkerSet } from './worker';

// Below the usual 30 s grace period of systemd and Kubernetes, so we exit before being SIGKILLed.
const SHUTDOWN_TIMEOUT_MS = 25_000;

const workerQueuesSchema = z
  .string()
  .transform((s) => [...new Set(s.split(',').map((q) => q.trim()).filter(Boolean))])
  .pipe(z.array(z.enum(QUEUE_NAMES)).min(1, 'names no queue'));

const jobDefinitionSchema = z.looseObject({
  name: z.string().min(1),
  queue: z.enum(QUEUE_NAMES),
  schema: z.custom<z.ZodType>((v) => typeof (v as { safeParse?: unknown } | null)?.safeParse === 'function', 'is not a zod schema'),
  handler: z.custom<JobDefinition['handler']>((v) => typeof v === 'function', 'is not a function'),
});

/** Lets the shutdown tests run a slow job through the real entry point without shipping it in production. */
async function loadExtraJobs(modulePath: string): Promise<JobDefinition[]> {
  if (env().NODE_ENV !== 'test') throw new Error('WORKER_EXTRA_JOBS_MODULE is only accepted with NODE_ENV=test');
  const mod: unknown = await import(pathToFileURL(resolve(process.cwd(), modulePath)).href);
  const parsed = z.object({ jobs: z.array(jobDefinitionSchema) }).safeParse(mod);
  if (!parsed.success) throw new Error(`WORKER_EXTRA_JOBS_MODULE ${modulePath}: ${z.prettifyError(parsed.error)}`);
  return parsed.data.jobs as JobDefinition[];
}

function installShutdown(set: WorkerSet): void {
  let startedAt: number | undefined;

  // Exits without touching the connections the unfinished handlers still use: their jobs stay active until
  // the lock expires, then BullMQ's stalled-job check hands them to the next worker. Nothing is lost.
  const force = (reason: string) => {
    console.error(`worker: ${reason}; exiting now, unfinished jobs return to their queue when their lock expires`);
    process.exit(1);
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (startedAt !== undefined) return force(`second ${signal}`);
    startedAt = Date.now();
    console.log(`worker: ${signal} received, taking no new jobs and waiting up to ${SHUTDOWN_TIMEOUT_MS / 1000} s for running ones`);
    const timer = setTimeout(() => force(`still busy after ${SHUTDOWN_TIMEOUT_MS / 1000} s`), SHUTDOWN_TIMEOUT_MS);
    void (async () => {
      await set.close();
      clearTimeout(timer);
      await closeQueues();
      await shutdownConnections();
      console.log(`worker: stopped cleanly in ${Date.now() - startedAt!} ms`);
      process.exit(0);
    })().catch((err: unknown) => force(`shutdown failed: ${err instanceof Error ? err.message : String(err)}`));
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

async function start(): Promise<void> {
  loadDotEnv();
  const e = env();
  const refusal = productionEnvRefusal(e);
  if (refusal) {
    console.error(`worker: refusing to start: ${refusal}`);
    process.exit(1);
  }
  const parsedQueues = workerQueuesSchema.safeParse(e.WORKER_QUEUES);
  if (!parsedQueues.success) {
    throw new Error(`WORKER_QUEUES=${e.WORKER_QUEUES}: ${parsedQueues.error.issues[0]?.message ?? 'invalid'} (use ${QUEUE_NAMES.join(',')})`);
  }
  const queues = parsedQueues.data;
  const jobs = [...allJobs, ...(e.WORKER_EXTRA_JOBS_MODULE ? await loadExtraJobs(e.WORKER_EXTRA_JOBS_MODULE) : [])];

  const set = await createWorkers({ jobs, queues });
  installShutdown(set);
  try {
    const { upserted, removed } = await registerSchedules();
    const removedText = removed.length ? `, removed stale ${removed.map((r) => `${r.queue}/${r.id}`).join(', ')}` : '';
    console.log(`worker: schedules ${upserted.join(', ') || 'none'}${removedText}`);
  } catch (err) {
    await set.close();
    throw err;
  }
  for (const queue of queues) {
    const names = jobs.filter((j) => j.queue === queue).map((j) => j.name);
    console.log(`worker: queue ${queue} concurrency ${QUEUE_CONFIG[queue].concurrency()} jobs ${names.join(', ') || '(none)'}`);
  }
  console.log(`worker: ready (pid ${process.pid})`);
}

start().catch(async (err: unknown) => {
  console.error(`worker: failed to start: ${err instanceof Error ? err.message : String(err)}`);
  await closeQueues().catch(() => undefined);
  await shutdownConnections().catch(() => undefined);
  process.exit(1);
});
