import { execFileSync, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, like } from 'drizzle-orm';
import type mysql from 'mysql2/promise';
import {
  RESELLER_PIPELINE_STEPS,
  resellerPipelineSteps,
  resellers,
  storefrontHostnames,
  storefronts,
  type ResellerPipelineStep,
} from '@/db/schema/central';
import { auditLog, emailOutbox, staffInvites, taxRules } from '@/db/schema/storefront';
import { getCentralDb, getCentralPool } from '@/lib/db/central';
import { createReseller } from '@/lib/resellers/create-reseller';
import { runResellerPipeline } from '@/lib/resellers/pipeline/run-reseller-pipeline';
import { resumeResellerPipeline } from '@/lib/resellers/resume-reseller-pipeline';
import { announceHostnameChange, resolveHost } from '@/lib/tenancy/host-resolver';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { setupPlatform, TEST_APP_DOMAIN, type Platform } from './factories/resellers';
import { setupTestEnv, type TestEnv } from './helpers/test-env';

let t: TestEnv;
let p: Platform;
const actor = { type: 'system' as const, label: 'test' };

class Crash extends Error {}

beforeAll(async () => {
  process.env.APP_DOMAIN = TEST_APP_DOMAIN;
  t = await setupTestEnv();
  p = await setupPlatform();
});
afterAll(async () => {
  await t.cleanup();
});

const hostsOf = (slug: string) => [`${slug}.${TEST_APP_DOMAIN}`, `account.${slug}.${TEST_APP_DOMAIN}`, `admin.${slug}.${TEST_APP_DOMAIN}`];

/** Every host of the slug resolves to nothing, read fresh (the cache is dropped first). */
async function expectUnreachable(slug: string): Promise<void> {
  await announceHostnameChange();
  for (const host of hostsOf(slug)) expect(await resolveHost(host), host).toBeNull();
}

async function stepRows(resellerId: number) {
  return getCentralDb().select().from(resellerPipelineSteps).where(eq(resellerPipelineSteps.resellerId, resellerId));
}

/** Exactly one of everything a finished pipeline makes, and the storefront live on its three hosts. */
async function expectOneOfEverything(slug: string, ownerEmail: string): Promise<void> {
  const central = getCentralDb();
  const sfs = await central.select().from(storefronts).where(eq(storefronts.slug, slug));
  expect(sfs).toHaveLength(1);
  const sf = sfs[0]!;
  expect(sf.status).toBe('active');
  const [reseller, ...more] = await central.select().from(resellers).where(eq(resellers.storefrontId, sf.id));
  expect(more).toHaveLength(0);
  expect(reseller!.status).toBe('active');
  expect(reseller!.activatedAt).not.toBeNull();
  expect((await stepRows(reseller!.id)).map((s) => s.status)).toEqual(RESELLER_PIPELINE_STEPS.map(() => 'done'));

  const hosts = await central.select({ hostname: storefrontHostnames.hostname, area: storefrontHostnames.area }).from(storefrontHostnames).where(eq(storefrontHostnames.storefrontId, sf.id));
  expect(hosts.map((h) => h.hostname).sort()).toEqual(hostsOf(slug).sort());
  await announceHostnameChange();
  const admin = await resolveHost(`admin.${slug}.${TEST_APP_DOMAIN}`);
  expect(admin?.storefront.slug).toBe(slug);
  expect(admin?.area).toBe('admin');

  const [dbs] = await getCentralPool().query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [sf.dbName]);
  expect(Number(dbs[0]!.n)).toBe(1);

  const db = openStorefrontDb(sf);
  const invites = await db.select().from(staffInvites);
  expect(invites).toHaveLength(1);
  expect(invites[0]).toMatchObject({ email: ownerEmail, role: 'owner', revoked: false, invitedBy: null, acceptedAt: null });
  const [inviteMails] = await db.select({ n: count() }).from(emailOutbox).where(eq(emailOutbox.template, 'staff-invite'));
  expect(inviteMails!.n).toBe(1);
  const [welcomes] = await p.platformDb
    .select({ n: count() })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.template, 'reseller-welcome'), eq(emailOutbox.toAddress, ownerEmail)));
  expect(welcomes!.n).toBe(1);

  const [created] = await db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'storefront.created'));
  const [branded] = await db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'branding.defaults_applied'));
  expect([created!.n, branded!.n]).toEqual([1, 1]);
  const rules = await db.select({ active: taxRules.active }).from(taxRules);
  expect(rules).toHaveLength(27);
  expect(rules.every((r) => !r.active)).toBe(true);
}

describe('the reseller creation pipeline', () => {
  it('builds a storefront that resolves only once it is live, reporting each step', async () => {
    const { reseller, storefront } = await createReseller(getCentralDb(), { input: { name: 'Acme Hosting', ownerEmail: 'Owner@Acme.test', slug: 'acme' }, actor });
    expect(storefront).toMatchObject({ kind: 'reseller', status: 'provisioning' });
    await expectUnreachable('acme');
    const seen: string[] = [];
    const out = await runResellerPipeline(reseller.id, { onProgress: (pr) => void seen.push(`${pr.step}:${pr.status}:${pr.percent}`) });
    expect(out.status).toBe('active');
    expect(seen.slice(0, 4)).toEqual(['database:running:0', 'database:done:12', 'migrate:running:12', 'migrate:done:25']);
    expect(seen.at(-1)).toBe('welcome:done:100');
    await expectOneOfEverything('acme', 'owner@acme.test');
    // A second run changes nothing.
    expect((await runResellerPipeline(reseller.id)).status).toBe('active');
    await expectOneOfEverything('acme', 'owner@acme.test');
  });

  it('keeps a storefront with its hostnames but not yet live unreachable', async () => {
    const { reseller } = await createReseller(getCentralDb(), { input: { name: 'Half Made', ownerEmail: 'half@example.com', slug: 'half-made' }, actor });
    await expect(runResellerPipeline(reseller.id, { hooks: { beforeStep: (s) => { if (s === 'branding') throw new Crash(); } } })).rejects.toThrow(Crash);
    const [hosts] = await getCentralDb().select({ n: count() }).from(storefrontHostnames).where(like(storefrontHostnames.hostname, `%half-made.${TEST_APP_DOMAIN}`));
    expect(hosts!.n).toBe(3);
    await expectUnreachable('half-made');
    expect((await runResellerPipeline(reseller.id)).status).toBe('active');
    await expectOneOfEverything('half-made', 'half@example.com');
  });

  for (const step of RESELLER_PIPELINE_STEPS) {
    it(`crashed before and again after the work of "${step}", then resumed, ends with one of everything`, async () => {
      const slug = `crash-${step}`;
      const email = `owner-${step}@example.com`;
      const { reseller } = await createReseller(getCentralDb(), { input: { name: `Crash ${step}`, ownerEmail: email, slug }, actor });
      const at = (when: 'before' | 'after') => (s: ResellerPipelineStep) => {
        if (s === step) throw new Crash(`${when} ${step}`);
      };
      await expect(runResellerPipeline(reseller.id, { hooks: { beforeStep: at('before') } })).rejects.toThrow(Crash);
      const live = RESELLER_PIPELINE_STEPS.indexOf(step) > RESELLER_PIPELINE_STEPS.indexOf('activate');
      if (!live) await expectUnreachable(slug);
      await expect(runResellerPipeline(reseller.id, { hooks: { afterStepWork: at('after') } })).rejects.toThrow(Crash);
      const rows = await stepRows(reseller.id);
      expect(rows.find((r) => r.step === step)).toMatchObject({ status: 'running', attempts: 2 });
      if (step !== 'activate' && !live) await expectUnreachable(slug);

      const out = await runResellerPipeline(reseller.id);
      expect(out.status).toBe('active');
      expect((await stepRows(reseller.id)).find((r) => r.step === step)).toMatchObject({ status: 'done', attempts: 3 });
      await expectOneOfEverything(slug, email);
    });
  }

  it('shows a failing step with its error, stays unreachable, and resumes from that step on retry', async () => {
    const central = getCentralDb();
    // Another storefront already owns one of the hosts the new one needs.
    await central.insert(storefrontHostnames).values({ hostname: `admin.taken.${TEST_APP_DOMAIN}`, storefrontId: p.platform.id, area: 'admin' });
    const { reseller } = await createReseller(central, { input: { name: 'Taken', ownerEmail: 'taken@example.com', slug: 'taken' }, actor });
    const out = await runResellerPipeline(reseller.id);
    expect(out.status).toBe('failed');
    expect(out.failed).toEqual({ step: 'hostnames', error: `The hostname admin.taken.${TEST_APP_DOMAIN} already belongs to another storefront.` });
    expect(out.steps.slice(0, 4)).toEqual([
      { step: 'database', status: 'done' },
      { step: 'migrate', status: 'done' },
      { step: 'seed', status: 'done' },
      { step: 'hostnames', status: 'failed' },
    ]);
    const [row] = await central.select().from(resellers).where(eq(resellers.id, reseller.id));
    expect(row!.status).toBe('failed');
    await announceHostnameChange();
    expect(await resolveHost(`taken.${TEST_APP_DOMAIN}`)).toBeNull();

    // A failed reseller does not run until someone retries it.
    expect((await runResellerPipeline(reseller.id)).status).toBe('skipped');
    await central.delete(storefrontHostnames).where(eq(storefrontHostnames.hostname, `admin.taken.${TEST_APP_DOMAIN}`));
    await resumeResellerPipeline(central, { publicId: reseller.publicId, actor });
    expect((await runResellerPipeline(reseller.id)).status).toBe('active');
    await expectOneOfEverything('taken', 'taken@example.com');
    expect((await stepRows(reseller.id)).find((r) => r.step === 'database')!.attempts).toBe(1);
    const [retried] = await p.platformDb.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'reseller.pipeline_retried'));
    expect(retried!.n).toBe(1);
  });

  it('refuses a reserved or taken slug before anything is made', async () => {
    await expect(createReseller(getCentralDb(), { input: { name: 'Admin', ownerEmail: 'a@example.com', slug: 'admin' }, actor })).rejects.toMatchObject({
      code: 'bad_request',
      fieldErrors: { slug: ['is reserved; choose another'] },
    });
    await expect(createReseller(getCentralDb(), { input: { name: 'Again', ownerEmail: 'a@example.com', slug: 'acme' }, actor })).rejects.toMatchObject({
      code: 'conflict',
      fieldErrors: { slug: ['is taken'] },
    });
    const [n] = await getCentralDb().select({ n: count() }).from(storefronts).where(eq(storefronts.slug, 'admin'));
    expect(n!.n).toBe(0);
  });
});

describe('reseller:create on the CLI', () => {
  const cli = (args: string[]) => ({
    cmd: 'bin/ezscale',
    args: ['reseller:create', ...args],
    env: { ...process.env, DATABASE_URL: t.centralUrl, REDIS_PREFIX: t.redisPrefix, APP_DOMAIN: TEST_APP_DOMAIN },
  });
  const args = ['--name', 'Killed Hosting', '--email', 'killed@example.com', '--slug', 'killed', '--json'];

  it('SIGKILLed in the middle of migrating, the same command again finishes the storefront, once', async () => {
    const { cmd, args: a, env } = cli(args);
    const child = spawn(cmd, a, { env, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    let migrating = false;
    for (let i = 0; i < 6000 && !migrating; i++) {
      const [row] = await getCentralDb()
        .select({ status: resellerPipelineSteps.status })
        .from(resellerPipelineSteps)
        .innerJoin(resellers, eq(resellers.id, resellerPipelineSteps.resellerId))
        .innerJoin(storefronts, eq(storefronts.id, resellers.storefrontId))
        .where(and(eq(storefronts.slug, 'killed'), eq(resellerPipelineSteps.step, 'migrate')));
      migrating = row?.status === 'running';
      if (!migrating) await sleep(5);
    }
    expect(migrating).toBe(true);
    // Some way into the migrations: tables made, the run's record not yet written.
    await sleep(300);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const [sf] = await getCentralDb().select().from(storefronts).where(eq(storefronts.slug, 'killed'));
    const [r] = await getCentralDb().select().from(resellers).where(eq(resellers.storefrontId, sf!.id));
    expect((await stepRows(r!.id)).find((s) => s.step === 'migrate')!.status).toBe('running');
    await expectUnreachable('killed');

    const again = cli(args);
    const out = JSON.parse(execFileSync(again.cmd, again.args, { env: again.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as { reseller: string; storefront: string; status: string; steps: { step: string; status: string }[] };
    expect(out).toEqual({ reseller: r!.publicId, storefront: 'killed', status: 'active', steps: RESELLER_PIPELINE_STEPS.map((step) => ({ step, status: 'done' })) });
    await expectOneOfEverything('killed', 'killed@example.com');
    expect((await stepRows(r!.id)).find((s) => s.step === 'migrate')!.attempts).toBe(2);
  }, 120_000);

  it('refuses a slug another storefront holds, naming it', () => {
    const { cmd, args: a, env } = cli(['--name', 'X', '--email', 'other@example.com', '--slug', 'acme']);
    let stderr = '';
    try {
      execFileSync(cmd, a, { env, encoding: 'utf8', stdio: 'pipe' });
    } catch (err) {
      stderr = String((err as { stderr?: string }).stderr);
    }
    expect(stderr.trim()).toBe('error: The slug "acme" is taken by another storefront.');
  });
});
