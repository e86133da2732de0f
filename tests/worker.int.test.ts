import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq, like } from 'drizzle-orm';
import { z } from 'zod';
import type { Job } from 'bullmq';
import { defineJob, type JobDefinition } from '@/jobs/define-job';
import { enqueueJob } from '@/jobs/enqueue';
import { getQueue } from '@/jobs/queue-registry';
import { pruneJobRuns } from '@/jobs/prune-history';
import { registerSchedules, SCHEDULES } from '@/jobs/schedules';
import { createWorkers, type WorkerSet } from '@/jobs/worker';
import { QUEUE_NAMES } from '@/jobs/queues';
import { getCentralDb } from '@/lib/db/central';
import { jobRuns } from '@/db/schema/central';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { adminAlerts } from '@/db/schema/storefront';
import { setupTestEnv, type TestEnv } from './helpers/test-env';

let t: TestEnv;
beforeAll(async () => {
  t = await setupTestEnv();
});
afterAll(async () => {
  await t.cleanup();
});

const seen: string[] = [];
let flakyCalls = 0;

const echoJob = defineJob({
  name: 'test.echo',
  queue: 'default',
  schema: z.object({ text: z.string(), storefrontId: z.number().int().optional() }),
  handler: async ({ text }, { log }) => {
    seen.push(text);
    log(`echo ${text}`);
    return { echoed: text };
  },
});

const alwaysFailsJob = defineJob({
  name: 'test.always-fails',
  queue: 'default',
  schema: z.object({}),
  attempts: 3,
  backoff: { type: 'fixed', delay: 10 },
  handler: async () => {
    flakyCalls += 1;
    throw new Error(`boom ${flakyCalls}`);
  },
});

async function settled(job: Job, timeoutMs = 15_000): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await job.getState();
    if (state === 'completed' || state === 'failed') return (await getQueue('default').getJob(job.id!))!;
    if (Date.now() > deadline) throw new Error(`job ${job.id} still ${state} after ${timeoutMs} ms`);
    await sleep(25);
  }
}

async function runRow(jobId: string) {
  const [row] = await getCentralDb().select().from(jobRuns).where(eq(jobRuns.jobKey, `default:${jobId}`));
  return row;
}

describe('worker', () => {
  let set: WorkerSet;
  beforeAll(async () => {
    set = await createWorkers({ jobs: [echoJob, alwaysFailsJob] as JobDefinition[], queues: ['default'] });
  });
  afterAll(async () => {
    await set.close();
  });
  // The handlers count into this file's variables: each test starts from none seen and no failed call yet.
  beforeEach(() => {
    seen.length = 0;
    flakyCalls = 0;
  });

  it('runs a valid job and records it as completed', async () => {
    const job = await enqueueJob(echoJob, { text: 'hello', storefrontId: 7 });
    const done = await settled(job);
    expect(done.finishedOn).toBeTruthy();
    expect(await done.getState()).toBe('completed');
    expect(done.returnvalue).toEqual({ echoed: 'hello' });
    expect(seen).toContain('hello');
    const row = await runRow(job.id!);
    expect(row).toMatchObject({ queue: 'default', name: 'test.echo', status: 'completed', attempts: 1, storefrontId: 7, lastError: null });
    expect(row!.finishedAt).toBeInstanceOf(Date);
    const { logs } = await getQueue('default').getJobLogs(job.id!);
    expect(logs).toContain('echo hello');
  });

  it('fails a bad payload once, without retry, even with attempts left', async () => {
    const job = await getQueue('default').add('test.echo', { text: 42 }, { attempts: 5, backoff: { type: 'fixed', delay: 10 } });
    const done = await settled(job);
    expect(await done.getState()).toBe('failed');
    expect(done.attemptsMade).toBe(1);
    expect(done.failedReason).toMatch(/Invalid payload/);
    expect(seen).not.toContain(42);
    const row = await runRow(job.id!);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row!.lastError).toMatch(/UnrecoverableError: Invalid payload/);
  });

  it('fails an unknown job name without retry', async () => {
    const job = await getQueue('default').add('test.nobody-handles-this', {}, { attempts: 5 });
    const done = await settled(job);
    expect(await done.getState()).toBe('failed');
    expect(done.attemptsMade).toBe(1);
    expect(done.failedReason).toMatch(/No job named "test.nobody-handles-this"/);
  });

  it('retries a throwing handler as many times as its definition allows', async () => {
    const job = await enqueueJob(alwaysFailsJob, {});
    const done = await settled(job);
    expect(await done.getState()).toBe('failed');
    expect(done.attemptsMade).toBe(3);
    expect(flakyCalls).toBe(3);
    const row = await runRow(job.id!);
    expect(row).toMatchObject({ status: 'failed', attempts: 3, lastError: 'Error: boom 3' });
  });

  it('alerts staff once, in-app, when a job gives up for good', async () => {
    // A platform job (no storefront in its payload) alerts the operator's retail storefront.
    const sf = await createStorefront({ slug: 'ops', name: 'Ops Hosting', domain: 'ops.test', kind: 'retail' });
    const job = await enqueueJob(alwaysFailsJob, {});
    await settled(job);
    // (This worker set does not run alert.deliver, so that job fails too and alerts in-app as well.)
    const alerts = (await openStorefrontDb(sf).select().from(adminAlerts)).filter((a) => a.title.includes('test.always-fails'));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ severity: 'critical', category: 'job', title: 'Job test.always-fails failed after 3 attempt(s)' });
    expect(alerts[0]?.body).toContain('Error: boom 3');
  });
});

async function schedulerIds(): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const q of QUEUE_NAMES) out[q] = (await getQueue(q).getJobSchedulers(0, -1)).map((s) => s.key).sort();
  return out;
}

/** Jobs a scheduler has queued for its next run: must stay one however often it is upserted. */
async function pendingRuns(queue: (typeof QUEUE_NAMES)[number], name: string): Promise<number> {
  const jobs = await getQueue(queue).getJobs(['delayed', 'waiting', 'prioritized']);
  return jobs.filter((j) => j.name === name).length;
}

describe('schedules', () => {
  it('leaves exactly one scheduler per id when registered repeatedly and concurrently', async () => {
    await registerSchedules();
    await registerSchedules();
    // Two workers starting at the same moment.
    await Promise.all([registerSchedules(), registerSchedules()]);

    const ids = await schedulerIds();
    for (const s of SCHEDULES) {
      expect(ids[s.job.queue]!.filter((id) => id === s.id)).toHaveLength(1);
      expect(await pendingRuns(s.job.queue, s.job.name)).toBe(1);
    }
    expect(Object.values(ids).flat()).toHaveLength(SCHEDULES.length);

    const prune = (await getQueue('low').getJobSchedulers(0, -1)).find((s) => s.key === 'maintenance.prune-history');
    expect(prune).toMatchObject({ pattern: '15 3 * * *', tz: 'UTC', name: 'maintenance.prune-history' });
    const next = new Date(prune!.next!);
    expect([next.getUTCHours(), next.getUTCMinutes()]).toEqual([3, 15]);
  });

  it('removes schedulers that are no longer declared, and their pending run', async () => {
    await getQueue('low').upsertJobScheduler('maintenance.old-name', { every: 3_600_000 }, { name: 'maintenance.old-name', data: {} });
    // A declared id on a queue it no longer belongs to is stale there too.
    await getQueue('critical').upsertJobScheduler('maintenance.prune-history', { every: 3_600_000 }, { name: 'maintenance.prune-history' });

    const { removed } = await registerSchedules();
    expect(removed).toEqual(
      expect.arrayContaining([
        { queue: 'low', id: 'maintenance.old-name' },
        { queue: 'critical', id: 'maintenance.prune-history' },
      ]),
    );
    expect(removed).toHaveLength(2);
    const ids = await schedulerIds();
    expect(ids.low).not.toContain('maintenance.old-name');
    expect(ids.critical).toEqual([]);
    expect(ids.low).toContain('maintenance.prune-history');
    expect(await pendingRuns('low', 'maintenance.old-name')).toBe(0);
    expect(await pendingRuns('critical', 'maintenance.prune-history')).toBe(0);
  });
});

describe('prune history', () => {
  it('deletes job_runs older than the cutoff in batches and is idempotent', async () => {
    const db = getCentralDb();
    const old = new Date(Date.now() - 31 * 86_400_000);
    const rows = Array.from({ length: 2500 }, (_, i) => ({
      jobKey: `low:prune-old-${i}`,
      queue: 'low',
      name: 'test.old',
      status: 'completed' as const,
      updatedAt: old,
    }));
    for (let i = 0; i < rows.length; i += 500) await db.insert(jobRuns).values(rows.slice(i, i + 500));
    await db.insert(jobRuns).values({ jobKey: 'low:prune-fresh', queue: 'low', name: 'test.fresh', status: 'completed' });

    const olderThan = new Date(Date.now() - 30 * 86_400_000);
    expect(await pruneJobRuns(db, { olderThan, batchSize: 1000 })).toBe(2500);
    expect(await pruneJobRuns(db, { olderThan, batchSize: 1000 })).toBe(0);
    expect(await db.select({ id: jobRuns.id }).from(jobRuns).where(like(jobRuns.jobKey, 'low:prune-%'))).toHaveLength(1);
  });
});
