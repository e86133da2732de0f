import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { UnrecoverableError } from 'bullmq';
import type { StorefrontDb } from '@/lib/db/connection';
import type { Storefront } from '@/db/schema/central';
import { emailOutbox, productGroups } from '@/db/schema/storefront';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { dispatchEmail, emailJobId, queueEmail } from '@/lib/email/enqueue-email';
import { outboxMessageId, sendOutboxEmail } from '@/lib/email/send-outbox-email';
import type { SandboxHandle } from '@/sandbox/server';
import { getQueue } from '@/jobs/queue-registry';
import { sendEmailJob } from '@/jobs/send-email';
import { flushOutboxJob } from '@/jobs/flush-outbox';
import { allJobs } from '@/jobs/all-jobs';
import { createWorkers } from '@/jobs/worker';
import type { JobContext } from '@/jobs/define-job';
import { setupTestEnv, type TestEnv } from './helpers/test-env';
import { setEnv, startTestSandbox } from './helpers/sandbox';

let t: TestEnv;
let sandbox: SandboxHandle;
let sf: Storefront;
let db: StorefrontDb;
const ctx = { log: () => undefined } as unknown as JobContext;

interface Mail {
  to: string[];
  subject: string;
  html: string | null;
  text: string | null;
  messageId: string | null;
  from: string;
}

async function inbox(to: string): Promise<Mail[]> {
  const res = await fetch(`${sandbox.url}/mail/api/messages?to=${encodeURIComponent(to)}`);
  return (await res.json()) as Mail[];
}

async function row(id: number) {
  const [r] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
  return r!;
}

async function waitFor<T>(fn: () => Promise<T | undefined | false>, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const welcome = (to: string) => ({ name: 'Ann', email: to, role: 'owner', adminUrl: 'http://admin.alpha.test/login' });

beforeAll(async () => {
  t = await setupTestEnv();
  sandbox = await startTestSandbox();
  sf = await createStorefront({ slug: 'alpha', name: 'Alpha Hosting', domain: 'alpha.test', kind: 'retail', brandColor: '#16a34a' });
  db = openStorefrontDb(sf);
});
afterAll(async () => {
  await sandbox?.close();
  await t?.cleanup();
});
beforeEach(() => setEnv({ SMTP_URL: undefined, APP_MODE: 'sandbox' }));

describe('queueEmail', () => {
  it('commits with the caller transaction, and not without it', async () => {
    const id = await db.transaction(async (tx) => {
      await tx.insert(productGroups).values({ slug: 'vps', name: 'VPS' });
      return (await queueEmail(tx, { to: 'a@example.com', template: 'test-message', props: {} })).id;
    });
    expect((await row(id)).status).toBe('queued');

    await expect(
      db.transaction(async (tx) => {
        await queueEmail(tx, { to: 'rolled-back@example.com', template: 'test-message', props: {} });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, 'rolled-back@example.com'))).toEqual([]);
  });

  it('with a dedupeKey, a second call is a no-op returning the first id (also inside a transaction)', async () => {
    const first = await queueEmail(db, { to: 'd@example.com', template: 'test-message', props: {}, dedupeKey: 'welcome:1' });
    const second = await db.transaction((tx) => queueEmail(tx, { to: 'd@example.com', template: 'test-message', props: {}, dedupeKey: 'welcome:1' }));
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.dedupeKey, 'welcome:1'))).toHaveLength(1);
  });

  it('validates the template and its props at queue time', async () => {
    await expect(queueEmail(db, { to: 'x@example.com', template: 'nope' as 'test-message', props: {} })).rejects.toThrow(/Unknown email template "nope"/);
    await expect(
      queueEmail(db, { to: 'x@example.com', template: 'staff-welcome', props: { name: 'A', email: 'bad', role: 'owner', adminUrl: 'http://a.test' } }),
    ).rejects.toThrow(/Invalid props for email template "staff-welcome": email/);
    await expect(queueEmail(db, { to: 'not-an-address', template: 'test-message', props: {} })).rejects.toThrow();
  });
});

describe('sendOutboxEmail', () => {
  it('sends through SMTP once, storing what it sent', async () => {
    const { id } = await queueEmail(db, { to: 'ann@example.com', template: 'staff-welcome', props: welcome('ann@example.com') });
    expect(await sendOutboxEmail(db, sf, id)).toBe('sent');
    expect(await sendOutboxEmail(db, sf, id)).toBe('already_sent');

    const mails = await inbox('ann@example.com');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Your staff account on Alpha Hosting');
    expect(mails[0]!.messageId).toBe(outboxMessageId(sf.id, id));
    expect(mails[0]!.messageId).toMatch(new RegExp(`^<outbox-${sf.id}-${id}@`));
    expect(mails[0]!.from).toContain('Alpha Hosting');
    expect(mails[0]!.html).toContain('http://admin.alpha.test/login');
    expect(mails[0]!.text).toContain('http://admin.alpha.test/login');

    const r = await row(id);
    expect(r.status).toBe('sent');
    expect(r.attempts).toBe(1);
    expect(r.sentAt).toBeInstanceOf(Date);
    expect(r.messageId).toBe(outboxMessageId(sf.id, id));
    expect(r.subject).toBe('Your staff account on Alpha Hosting');
    expect(r.html).toContain('#16a34a');
    expect(r.text).toContain('Welcome, Ann');
  });

  it('records a failure and retries it later', async () => {
    const { id } = await queueEmail(db, { to: 'retry@example.com', template: 'test-message', props: {} });
    setEnv({ SMTP_URL: 'smtp://127.0.0.1:1' });
    await expect(sendOutboxEmail(db, sf, id)).rejects.toThrow();
    let r = await row(id);
    expect(r.status).toBe('failed');
    expect(r.attempts).toBe(1);
    expect(r.lastError).toMatch(/ECONNREFUSED|connect/i);

    setEnv({ SMTP_URL: undefined });
    expect(await sendOutboxEmail(db, sf, id)).toBe('sent');
    r = await row(id);
    expect([r.status, r.attempts, r.lastError]).toEqual(['sent', 2, null]);
    expect(await inbox('retry@example.com')).toHaveLength(1);
  });

  it('fails clearly in production mode without SMTP_URL', async () => {
    const { id } = await queueEmail(db, { to: 'prod@example.com', template: 'test-message', props: {} });
    setEnv({ APP_MODE: 'production' });
    await expect(sendOutboxEmail(db, sf, id)).rejects.toThrow(/SMTP_URL is not set/);
    expect((await row(id)).lastError).toMatch(/SMTP_URL is not set/);
  });

  it('leaves a fresh "sending" row to its owner but takes over a stale one', async () => {
    const { id } = await queueEmail(db, { to: 'stale@example.com', template: 'test-message', props: {} });
    await db.update(emailOutbox).set({ status: 'sending' }).where(eq(emailOutbox.id, id));
    await expect(sendOutboxEmail(db, sf, id)).rejects.toThrow(/being sent by another process/);
    await db.update(emailOutbox).set({ updatedAt: sql`CURRENT_TIMESTAMP(3) - INTERVAL 11 MINUTE` }).where(eq(emailOutbox.id, id));
    expect(await sendOutboxEmail(db, sf, id)).toBe('sent');
    expect(await inbox('stale@example.com')).toHaveLength(1);
  });

  it('two concurrent sends of one row deliver once', async () => {
    const { id } = await queueEmail(db, { to: 'race@example.com', template: 'test-message', props: {} });
    const results = await Promise.allSettled([sendOutboxEmail(db, sf, id), sendOutboxEmail(db, sf, id)]);
    expect(results.filter((r) => r.status === 'fulfilled' && r.value === 'sent')).toHaveLength(1);
    expect(await inbox('race@example.com')).toHaveLength(1);
  });
});

describe('email jobs', () => {
  it('dispatchEmail enqueues one job per row under a deterministic id', async () => {
    const { id } = await queueEmail(db, { to: 'job@example.com', template: 'test-message', props: {} });
    await dispatchEmail(sf.id, id);
    await dispatchEmail(sf.id, id);
    const job = await getQueue('default').getJob(emailJobId(sf.id, id));
    expect(job?.name).toBe('email.send');
    expect(job?.data).toEqual({ storefrontId: sf.id, outboxId: id });
    const waiting = (await getQueue('default').getJobs(['waiting', 'delayed'])).filter((j) => j.id === `email-${sf.id}-${id}`);
    expect(waiting).toHaveLength(1);
    await getQueue('default').obliterate({ force: true });
  });

  it('email.send loads the storefront and sends; an unknown storefront fails without retry', async () => {
    const { id } = await queueEmail(db, { to: 'handler@example.com', template: 'test-message', props: {} });
    expect(await sendEmailJob.handler({ storefrontId: sf.id, outboxId: id }, ctx)).toBe('sent');
    expect(await inbox('handler@example.com')).toHaveLength(1);
    await expect(sendEmailJob.handler({ storefrontId: 999_999, outboxId: id }, ctx)).rejects.toBeInstanceOf(UnrecoverableError);
  });

  it('email.flush-outbox dispatches rows whose enqueue was lost, not fresh ones', async () => {
    const old = await queueEmail(db, { to: 'lost@example.com', template: 'test-message', props: {} });
    const fresh = await queueEmail(db, { to: 'fresh@example.com', template: 'test-message', props: {} });
    await db.update(emailOutbox).set({ createdAt: sql`CURRENT_TIMESTAMP(3) - INTERVAL 2 MINUTE` }).where(eq(emailOutbox.id, old.id));
    await flushOutboxJob.handler({}, ctx);
    expect(await getQueue('default').getJob(emailJobId(sf.id, old.id))).toBeDefined();
    expect(await getQueue('default').getJob(emailJobId(sf.id, fresh.id))).toBeUndefined();
    await getQueue('default').obliterate({ force: true });
  });

  it('a worker sends a dispatched email end to end', async () => {
    const workers = await createWorkers({ jobs: allJobs, queues: ['default'] });
    try {
      const { id } = await queueEmail(db, { to: 'worker@example.com', template: 'test-message', props: { note: 'via worker' } });
      await dispatchEmail(sf.id, id);
      await waitFor(async () => (await row(id)).status === 'sent');
      const mails = await inbox('worker@example.com');
      expect(mails).toHaveLength(1);
      expect(mails[0]!.text).toContain('via worker');
    } finally {
      await workers.close();
    }
  });

  it('dispatchEmail retries a job that already failed for good instead of being ignored', async () => {
    const workers = await createWorkers({ jobs: allJobs, queues: ['default'] });
    try {
      const { id } = await queueEmail(db, { to: 'again@example.com', template: 'test-message', props: {} });
      setEnv({ SMTP_URL: 'smtp://127.0.0.1:1' });
      // Same id as dispatchEmail uses, but one attempt, so it fails for good at once.
      await getQueue('default').add('email.send', { storefrontId: sf.id, outboxId: id }, { jobId: emailJobId(sf.id, id), attempts: 1 });
      await waitFor(async () => (await getQueue('default').getJob(emailJobId(sf.id, id)))?.isFailed());
      expect((await row(id)).status).toBe('failed');

      setEnv({ SMTP_URL: undefined });
      await dispatchEmail(sf.id, id);
      await waitFor(async () => (await row(id)).status === 'sent');
      expect(await inbox('again@example.com')).toHaveLength(1);
    } finally {
      await workers.close();
    }
  });
});
