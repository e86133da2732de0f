import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineJob } from '@/jobs/define-job';
import { getQueue } from '@/jobs/queue-registry';
import { createWorkers } from '@/jobs/worker';
import { queueReportsFor } from '@/jobs/queue-report';
import { registerSchedules } from '@/jobs/schedules';
import { setupTestEnv, type TestEnv } from './helpers/test-env';

// The queues are the platform's: a reseller's staff on the System page see only their own storefront's jobs,
// never the platform's totals or schedules.

let t: TestEnv;
const RETAIL = { id: 1, kind: 'retail' as const };
const RESELLER = { id: 2, kind: 'reseller' as const };
const OTHER_RESELLER = { id: 3, kind: 'reseller' as const };

beforeAll(async () => {
  t = await setupTestEnv();
  // No worker runs here, so these stay waiting (or delayed) while the reports count them.
  await getQueue('default').add('email.send', { storefrontId: RETAIL.id, outboxId: 1 });
  await getQueue('default').add('email.send', { storefrontId: RETAIL.id, outboxId: 2 });
  await getQueue('default').add('email.send', { storefrontId: RESELLER.id, outboxId: 3 });
  await getQueue('critical').add('provisioning.run', { storefrontId: RESELLER.id, requestId: 4 }, { delay: 3_600_000 });
  await getQueue('low').add('billing.run-all', {});
  await registerSchedules();
});
afterAll(async () => {
  await t.cleanup();
});

const byQueue = (reports: Awaited<ReturnType<typeof queueReportsFor>>) => Object.fromEntries(reports.map((r) => [r.queue, r]));

describe('System page queue figures', () => {
  it('the retail (platform) storefront sees every job and the recurring schedules', async () => {
    const q = byQueue(await queueReportsFor(RETAIL));
    // Three emails, besides the first runs the schedules queued.
    expect(q.default!.counts.waiting).toBeGreaterThanOrEqual(3);
    expect(q.critical!.counts.delayed).toBe(1);
    expect(q.low!.counts.waiting).toBeGreaterThanOrEqual(1);
    expect(Object.values(q).flatMap((r) => r.schedulers).length).toBeGreaterThan(0);
  });

  it('a reseller storefront sees only its own jobs and no platform schedules', async () => {
    const q = byQueue(await queueReportsFor(RESELLER));
    expect(q.default!.counts).toMatchObject({ waiting: 1, active: 0, failed: 0, delayed: 0, completed: 0 });
    expect(q.critical!.counts).toMatchObject({ waiting: 0, delayed: 1 });
    expect(q.low!.counts).toMatchObject({ waiting: 0, delayed: 0 });
    expect(Object.values(q).flatMap((r) => r.schedulers)).toEqual([]);
    const other = byQueue(await queueReportsFor(OTHER_RESELLER));
    expect(Object.values(other).every((r) => Object.values(r.counts).every((n) => n === 0))).toBe(true);
  });

  it('lists running jobs with the progress they report, a reseller only its own', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const slowJob = defineJob({
      name: 'test.slow-progress',
      queue: 'low',
      schema: z.object({ storefrontId: z.number().int() }),
      handler: async (_p, { job }) => {
        await job.updateProgress(40);
        await held;
      },
    });
    // The low queue's waiting jobs are the other tests' figures, not work for this worker.
    await getQueue('low').drain();
    const workers = await createWorkers({ jobs: [slowJob], queues: ['low'] });
    try {
      await getQueue('low').add('test.slow-progress', { storefrontId: RESELLER.id }, { jobId: 'slow-1' });
      let running: Awaited<ReturnType<typeof queueReportsFor>>[number]['running'] = [];
      for (let i = 0; i < 200 && running[0]?.percent !== 40; i++) {
        running = byQueue(await queueReportsFor(RETAIL)).low!.running;
        if (running[0]?.percent !== 40) await sleep(25);
      }
      expect(running).toEqual([{ id: 'slow-1', name: 'test.slow-progress', percent: 40, startedAt: expect.any(String) }]);
      expect(byQueue(await queueReportsFor(RESELLER)).low!.running.map((j) => j.id)).toEqual(['slow-1']);
      expect(byQueue(await queueReportsFor(OTHER_RESELLER)).low!.running).toEqual([]);
    } finally {
      release();
      await workers.close();
    }
  });
});
