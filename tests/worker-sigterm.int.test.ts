import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import type mysql from 'mysql2/promise';
import { enqueueJob } from '@/jobs/enqueue';
import { getQueue } from '@/jobs/queue-registry';
import { getCentralDb, getCentralPool } from '@/lib/db/central';
import { jobRuns } from '@/db/schema/central';
import { SLOW_RUNS_TABLE, slowJob } from './fixtures/slow-jobs';
import { setupTestEnv, type TestEnv } from './helpers/test-env';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const JOBS = 40;

let t: TestEnv;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  t = await setupTestEnv();
  await getCentralPool().query(
    `CREATE TABLE ${SLOW_RUNS_TABLE} (n INT NOT NULL, runs INT NOT NULL DEFAULT 1, UNIQUE KEY ${SLOW_RUNS_TABLE}_n_uq (n))`,
  );
});
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await t.cleanup();
});

interface RunningWorker {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/** Starts the real entry point, exactly as `npm run worker` does, with the test's database and Redis prefix. */
async function startWorker(): Promise<RunningWorker> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'jobs/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: t.centralUrl,
      REDIS_PREFIX: t.redisPrefix,
      WORKER_QUEUES: 'critical',
      WORKER_CONCURRENCY_CRITICAL: '4',
      WORKER_EXTRA_JOBS_MODULE: 'tests/fixtures/slow-jobs.ts',
      // Short locks so a SIGKILLed worker's jobs are handed back within seconds instead of a minute.
      WORKER_LOCK_DURATION_MS: '2000',
      WORKER_STALLED_INTERVAL_MS: '1000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal, at: Date.now() });
    }),
  );
  const ready = await Promise.race([
    (async () => {
      while (!out.includes('worker: ready')) await sleep(20);
      return true;
    })(),
    exited.then(() => false),
    sleep(20_000).then(() => false),
  ]);
  if (!ready) throw new Error(`worker did not start:\n${out}`);
  return { child, output: () => out, exited };
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

async function counts() {
  const c = await getQueue('critical').getJobCounts('waiting', 'active', 'failed', 'delayed', 'completed');
  return c as Record<'waiting' | 'active' | 'failed' | 'delayed' | 'completed', number>;
}

async function rows(from: number): Promise<Map<number, number>> {
  const [r] = await getCentralPool().query<mysql.RowDataPacket[]>(`SELECT n, runs FROM ${SLOW_RUNS_TABLE} WHERE n >= ? AND n < ?`, [
    from,
    from + JOBS,
  ]);
  return new Map(r.map((x) => [Number(x.n), Number(x.runs)]));
}

async function enqueueBatch(from: number, tag: string): Promise<void> {
  for (let i = 0; i < JOBS; i++) await enqueueJob(slowJob, { n: from + i }, { jobId: `slow-${tag}-${i}` });
}

describe('worker process shutdown', () => {
  it('finishes in-flight jobs on SIGTERM, exits 0, and loses or repeats nothing across a restart', async () => {
    const before = (await counts()).completed;
    await enqueueBatch(0, 'term');
    const first = await startWorker();
    await waitFor('some jobs to complete', async () => (await counts()).completed - before >= 8);

    const activeAtSignal = (await getQueue('critical').getActive()).map((j) => (j.data as { n: number }).n);
    const signalledAt = Date.now();
    first.child.kill('SIGTERM');
    const exit = await Promise.race([first.exited, sleep(10_000).then(() => null)]);
    expect(exit, first.output()).not.toBeNull();
    expect(exit!.code, first.output()).toBe(0);
    const shutdownMs = exit!.at - signalledAt;
    console.log(`SIGTERM → exit 0 in ${shutdownMs} ms with ${activeAtSignal.length} jobs in flight`);
    expect(shutdownMs).toBeLessThan(5_000);
    expect(first.output()).toMatch(/stopped cleanly/);

    // Stopped mid-run: nothing left active, nothing failed, every job either done or still waiting.
    const mid = await counts();
    expect(mid.active).toBe(0);
    expect(mid.failed).toBe(0);
    expect(mid.waiting).toBeGreaterThan(0);
    expect(mid.completed - before + mid.waiting).toBe(JOBS);
    const midRows = await rows(0);
    expect(midRows.size).toBe(mid.completed - before);
    for (const n of activeAtSignal) expect(midRows.get(n), `job ${n} was running at SIGTERM`).toBe(1);

    const second = await startWorker();
    await waitFor('all jobs to complete', async () => (await counts()).completed - before === JOBS);
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);

    const end = await counts();
    expect(end).toMatchObject({ failed: 0, active: 0, waiting: 0, delayed: 0 });
    const finalRows = await rows(0);
    expect(finalRows.size).toBe(JOBS);
    expect([...finalRows.values()].every((runs) => runs === 1)).toBe(true);

    const history = await getCentralDb()
      .select()
      .from(jobRuns)
      .where(and(eq(jobRuns.name, 'test.slow'), like(jobRuns.jobKey, 'critical:slow-term-%')));
    expect(history).toHaveLength(JOBS);
    expect(history.every((h) => h.status === 'completed' && h.attempts === 1)).toBe(true);
  });

  it('recovers the jobs of a SIGKILLed worker after a restart (at least once)', async () => {
    const before = (await counts()).completed;
    await enqueueBatch(1000, 'kill');
    const first = await startWorker();
    await waitFor('some jobs to complete', async () => (await counts()).completed - before >= 8);
    first.child.kill('SIGKILL');
    const killedAt = Date.now();
    expect((await first.exited).signal).toBe('SIGKILL');

    // The killed worker's jobs stay active, locked, until their lock expires.
    const orphaned = await getQueue('critical').getActive();
    expect(orphaned.length).toBeGreaterThan(0);

    const second = await startWorker();
    await waitFor('all jobs to complete after the kill', async () => (await counts()).completed - before === JOBS, 30_000);
    const recoveredMs = Date.now() - killedAt;
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);

    const end = await counts();
    expect(end).toMatchObject({ failed: 0, active: 0, waiting: 0, delayed: 0 });
    const finalRows = await rows(1000);
    expect(finalRows.size).toBe(JOBS);
    const insertedTwice = [...finalRows.values()].filter((runs) => runs > 1).length;
    const history = await getCentralDb().select().from(jobRuns).where(like(jobRuns.jobKey, 'critical:slow-kill-%'));
    expect(history).toHaveLength(JOBS);
    expect(history.every((h) => h.status === 'completed')).toBe(true);
    const restarted = history.filter((h) => h.attempts > 1).length;
    console.log(
      `SIGKILL with ${orphaned.length} jobs active: all ${JOBS} done ${recoveredMs} ms after the kill; ` +
        `${restarted} job(s) started again, ${insertedTwice} of them had already written their row (runs = 2)`,
    );
    expect(restarted).toBe(orphaned.length);
  });
});
