import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { customDomains, storefrontHostnames, type Storefront } from '@/db/schema/central';
import { auditLog, emailOutbox } from '@/db/schema/storefront';
import { getCentralDb } from '@/lib/db/central';
import type { StorefrontDb } from '@/lib/db/connection';
import { addDomain } from '@/lib/domains/add-domain';
import { checkDomain } from '@/lib/domains/check-domain';
import { checkDomainNow } from '@/lib/domains/check-domain-now';
import { CHECK_WINDOW_MS } from '@/lib/domains/check-schedule';
import { domainCheckJobId } from '@/lib/domains/dispatch-domain-check';
import type { DnsRecordToCreate } from '@/lib/domains/dns-records';
import { createDomainResolver, type DomainResolver } from '@/lib/domains/dns-resolver';
import { removeDomain } from '@/lib/domains/remove-domain';
import { sweepDomains } from '@/lib/domains/sweep-domains';
import { createStaffUser } from '@/lib/staff/create-staff-user';
import { resolveHost } from '@/lib/tenancy/host-resolver';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import type { JobContext } from '@/jobs/define-job';
import { getQueue } from '@/jobs/queue-registry';
import { verifyDomainJob } from '@/jobs/verify-domain';
import type { SandboxHandle } from '@/sandbox/server';
import { expectAppError } from './helpers/expect-app-error';
import { setEnv, startTestSandbox } from './helpers/sandbox';
import { setupTestEnv, type TestEnv } from './helpers/test-env';

// Custom domains checked with real DNS lookups (node:dns) against the sandbox's DNS server on a free UDP port,
// whose records each test sets over its control endpoint, as a reseller would at their DNS provider.

let t: TestEnv;
let sandbox: SandboxHandle;
let brand: { sf: Storefront; db: StorefrontDb };
let other: { sf: Storefront; db: StorefrontDb };
const central = () => getCentralDb();
const staffActor = { type: 'staff' as const, id: 1, label: 'owner@brand.test' };
const system = { type: 'system' as const, label: 'test' };
const MIN = 60_000;

async function dns(method: 'POST' | 'DELETE', body?: unknown, query = ''): Promise<void> {
  const res = await fetch(`${sandbox.url}/dns/_control/records${query}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  expect(res.status).toBe(200);
}
const createRecords = (records: DnsRecordToCreate[]) => dns('POST', { records });
const domainRow = async (publicId: string) => (await central().select().from(customDomains).where(eq(customDomains.publicId, publicId)))[0]!;
const domainEmails = (db: StorefrontDb) => db.select().from(emailOutbox).where(eq(emailOutbox.template, 'domain-verification'));
const after = (start: Date, ms: number) => new Date(start.getTime() + ms);

beforeAll(async () => {
  t = await setupTestEnv();
  sandbox = await startTestSandbox();
  // The platform's own address: the target of every CNAME, with an address for providers that flatten one at the apex.
  setEnv({ APP_DOMAIN: 'platform.test', PLATFORM_CNAME_TARGET: 'edge.platform.test' });
  await dns('POST', { records: [{ type: 'A', name: 'edge.platform.test', value: '192.0.2.10' }] });
  const a = await createStorefront({ slug: 'brand', name: 'Brand Hosting' });
  const b = await createStorefront({ slug: 'other', name: 'Other Hosting' });
  brand = { sf: a, db: openStorefrontDb(a) };
  other = { sf: b, db: openStorefrontDb(b) };
  await createStaffUser(brand.db, { storefrontId: a.id, input: { email: 'owner@brand.test', name: 'Owner', password: 'Correct-Horse-Battery-9', role: 'owner' }, actor: system });
  await createStaffUser(brand.db, { storefrontId: a.id, input: { email: 'support@brand.test', name: 'Support', password: 'Correct-Horse-Battery-9', role: 'support' }, actor: system });
});
afterAll(async () => {
  await sandbox?.close();
  await t?.cleanup();
});

describe('adding a domain', () => {
  it('lists the records to create, resolves nothing yet, audits the change and queues the first check a minute later', async () => {
    const now = new Date();
    const d = await addDomain(central(), { storefrontId: brand.sf.id, domain: ' Shop.Brand.Example. ', actor: staffActor, now });
    expect(d).toMatchObject({ domain: 'shop.brand.example', status: 'pending', checks: 0 });
    const token = (await domainRow(d.publicId)).verifyToken;
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    expect(d.records).toEqual([
      { type: 'CNAME', name: 'shop.brand.example', value: 'edge.platform.test' },
      { type: 'CNAME', name: 'account.shop.brand.example', value: 'edge.platform.test' },
      { type: 'CNAME', name: 'admin.shop.brand.example', value: 'edge.platform.test' },
      { type: 'TXT', name: '_ezscale-verify.shop.brand.example', value: token },
    ]);
    expect(d.nextCheckAt).toEqual(after(now, MIN));
    expect(await resolveHost('shop.brand.example')).toBeNull();
    const [audit] = await brand.db.select().from(auditLog).where(and(eq(auditLog.action, 'domain.added'), eq(auditLog.targetId, d.publicId)));
    expect(audit).toMatchObject({ actorType: 'staff', after: { domain: 'shop.brand.example' } });
    const job = await getQueue('default').getJob(domainCheckJobId({ id: (await domainRow(d.publicId)).id, checks: 0 }).replace(/:/g, '-'));
    expect(await job?.getState()).toBe('delayed');
  });

  it('refuses the platform’s own names, hostnames already served, a duplicate and a malformed name', async () => {
    await expectAppError(addDomain(central(), { storefrontId: brand.sf.id, domain: 'anything.platform.test', actor: staffActor }), 'bad_request', /belongs to the platform/);
    await expectAppError(addDomain(central(), { storefrontId: brand.sf.id, domain: 'other.platform.test', actor: staffActor }), 'bad_request');
    await expectAppError(addDomain(central(), { storefrontId: brand.sf.id, domain: 'shop.brand.example', actor: staffActor }), 'conflict', /already added/);
    await expectAppError(addDomain(central(), { storefrontId: brand.sf.id, domain: '10.0.0.1', actor: staffActor }), 'bad_request', /IP address/);
    await expectAppError(addDomain(central(), { storefrontId: brand.sf.id, domain: 'admin.shop.brand.example', actor: staffActor }), 'bad_request', /domain itself/);
    await expectAppError(addDomain(central(), { storefrontId: brand.sf.id, domain: 'no_underscores.example', actor: staffActor }), 'bad_request');
  });
});

describe('checking a domain against DNS', () => {
  it('verifies a domain whose records are right: its three hosts resolve at once and staff who manage settings are emailed once', async () => {
    const now = new Date();
    const d = await addDomain(central(), { storefrontId: brand.sf.id, domain: 'www.brand-one.example', actor: staffActor, now });
    await createRecords(d.records);
    const res = await checkDomain(central(), { domainId: (await domainRow(d.publicId)).id, now: after(now, MIN) });
    expect(res.outcome).toBe('verified');
    expect(res.domain).toMatchObject({ status: 'verified', checks: 1, lastError: null, nextCheckAt: null, notifiedStatus: 'verified' });
    expect(await resolveHost('www.brand-one.example')).toMatchObject({ storefront: { slug: 'brand' }, area: 'marketing' });
    expect(await resolveHost('account.www.brand-one.example')).toMatchObject({ storefront: { slug: 'brand' }, area: 'account' });
    expect(await resolveHost('admin.www.brand-one.example')).toMatchObject({ storefront: { slug: 'brand' }, area: 'admin' });

    // The owner manages settings; support staff do not.
    const emails = await domainEmails(brand.db);
    expect(emails.map((e) => e.toAddress)).toEqual(['owner@brand.test']);
    expect(emails[0]!.props).toMatchObject({ domain: 'www.brand-one.example', outcome: 'verified', domainUrl: `http://admin.brand.platform.test:3000/settings/domains/${d.publicId}` });
    const [audit] = await brand.db.select().from(auditLog).where(and(eq(auditLog.action, 'domain.verified'), eq(auditLog.targetId, d.publicId)));
    expect(audit).toMatchObject({ actorType: 'system' });

    // A retried job, or Check now, changes nothing and emails no one again.
    expect((await checkDomain(central(), { domainId: res.domain!.id, now: after(now, 2 * MIN) })).outcome).toBe('skipped');
    expect((await checkDomainNow(central(), { storefrontId: brand.sf.id, domainPublicId: d.publicId })).domain.status).toBe('verified');
    expect(await domainEmails(brand.db)).toHaveLength(1);
  });

  it('keeps a domain pending when the TXT record holds another token, saying so', async () => {
    const now = new Date();
    const d = await addDomain(central(), { storefrontId: brand.sf.id, domain: 'wrong-token.example', actor: staffActor, now });
    await createRecords(d.records.map((r) => (r.type === 'TXT' ? { ...r, value: 'not-the-token' } : r)));
    const res = await checkDomain(central(), { domainId: (await domainRow(d.publicId)).id, now: after(now, MIN) });
    expect(res.outcome).toBe('pending');
    expect(res.problems).toEqual(['The TXT record _ezscale-verify.wrong-token.example holds "not-the-token", not the token shown for this domain.']);
    expect(res.domain).toMatchObject({ status: 'pending', checks: 1, nextCheckAt: after(now, 6 * MIN) });
    expect(await resolveHost('wrong-token.example')).toBeNull();
  });

  it('names every missing record, and verifies on a later check once they are created', async () => {
    const now = new Date();
    const d = await addDomain(central(), { storefrontId: brand.sf.id, domain: 'later.example', actor: staffActor, now });
    const id = (await domainRow(d.publicId)).id;
    // Only the apex CNAME so far, and it points elsewhere.
    await createRecords([{ type: 'CNAME', name: 'later.example', value: 'someone-else.example' }]);
    const first = await checkDomain(central(), { domainId: id, now: after(now, MIN) });
    expect(first.outcome).toBe('pending');
    expect(first.problems).toEqual([
      'No TXT record _ezscale-verify.later.example was found.',
      'later.example is a CNAME of someone-else.example, not of edge.platform.test.',
      'No CNAME record account.later.example → edge.platform.test was found.',
      'No CNAME record admin.later.example → edge.platform.test was found.',
    ]);
    // Not due yet: a job that starts early does nothing.
    expect((await checkDomain(central(), { domainId: id, now: after(now, 2 * MIN) })).outcome).toBe('skipped');

    await createRecords(d.records);
    const second = await checkDomain(central(), { domainId: id, now: after(now, 6 * MIN) });
    expect(second.outcome).toBe('verified');
    expect(second.domain).toMatchObject({ checks: 2, lastError: null });
    expect((await resolveHost('admin.later.example'))?.storefront.slug).toBe('brand');
  });

  it('accepts an apex that answers with the platform’s addresses instead of a CNAME (ALIAS / flattening)', async () => {
    const now = new Date();
    const d = await addDomain(central(), { storefrontId: brand.sf.id, domain: 'flat.example', actor: staffActor, now });
    await createRecords(d.records.map((r) => (r.name === 'flat.example' ? { type: 'A' as const, name: r.name, value: '192.0.2.10' } : r)) as DnsRecordToCreate[]);
    expect((await checkDomain(central(), { domainId: (await domainRow(d.publicId)).id, now: after(now, MIN) })).outcome).toBe('verified');
  });

  it('gives up 72 hours after adding: failed, resolving nothing, staff emailed once; Check now after a fix still verifies it', async () => {
    const added = new Date('2030-01-01T00:00:00.000Z');
    const d = await addDomain(central(), { storefrontId: brand.sf.id, domain: 'never.example', actor: staffActor, now: added });
    const id = (await domainRow(d.publicId)).id;
    const until = after(added, CHECK_WINDOW_MS);
    expect((await checkDomain(central(), { domainId: id, now: after(added, MIN) })).outcome).toBe('pending');
    // Ten minutes before the end, the next wait (15 minutes after a second miss) is cut to the end of the window.
    const late = await checkDomain(central(), { domainId: id, now: after(until, -10 * MIN) });
    expect(late.domain).toMatchObject({ status: 'pending', nextCheckAt: until });
    const last = await checkDomain(central(), { domainId: id, now: until });
    expect(last.outcome).toBe('failed');
    expect(last.domain).toMatchObject({ status: 'failed', nextCheckAt: null, failedAt: until, notifiedStatus: 'failed' });
    const failedMail = (await domainEmails(brand.db)).filter((e) => (e.props as { domain: string }).domain === 'never.example');
    expect(failedMail).toHaveLength(1);
    expect(failedMail[0]!.props).toMatchObject({ outcome: 'failed', problems: expect.arrayContaining(['No TXT record _ezscale-verify.never.example was found.']) });
    // No more automatic checks.
    expect((await checkDomain(central(), { domainId: id, now: after(until, 60 * MIN) })).outcome).toBe('skipped');
    expect(await resolveHost('never.example')).toBeNull();

    await createRecords(d.records);
    const fixed = await checkDomainNow(central(), { storefrontId: brand.sf.id, domainPublicId: d.publicId, now: after(until, 2 * 60 * MIN) });
    expect(fixed).toMatchObject({ outcome: 'verified', domain: { status: 'verified', failedAt: null } });
    expect((await domainEmails(brand.db)).filter((e) => (e.props as { domain: string }).domain === 'never.example').map((e) => (e.props as { outcome: string }).outcome)).toEqual(['failed', 'verified']);
  });

  it('runs as the domains.verify job', async () => {
    const d = await addDomain(central(), { storefrontId: brand.sf.id, domain: 'by-job.example', actor: staffActor, now: new Date(Date.now() - 2 * MIN) });
    await createRecords(d.records);
    const res = await verifyDomainJob.handler({ storefrontId: brand.sf.id, domainId: (await domainRow(d.publicId)).id }, { log: () => undefined } as unknown as JobContext);
    expect(res).toEqual({ outcome: 'verified' });
  });

  it('counts only one of two checks running at once', async () => {
    const d = await addDomain(central(), { storefrontId: brand.sf.id, domain: 'racing.example', actor: staffActor, now: new Date(Date.now() - 2 * MIN) });
    const id = (await domainRow(d.publicId)).id;
    await createRecords(d.records);
    // Both checks have read the row before either gets its DNS answers.
    const real = createDomainResolver();
    let arrived = 0;
    let release!: () => void;
    const bothIn = new Promise<void>((r) => (release = r));
    const gated: DomainResolver = {
      resolveTxt: async (name) => {
        if (++arrived === 2) release();
        await bothIn;
        return real.resolveTxt(name);
      },
      resolveCname: (name) => real.resolveCname(name),
      resolve4: (name) => real.resolve4(name),
    };
    const outcomes = await Promise.all([checkDomain(central(), { domainId: id, resolver: gated }), checkDomain(central(), { domainId: id, resolver: gated })]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['raced', 'verified']);
    const hosts = await central().select().from(storefrontHostnames).where(eq(storefrontHostnames.hostname, 'racing.example'));
    expect(hosts).toHaveLength(1);
    expect((await domainRow(d.publicId)).checks).toBe(1);
  });

  it('queues again a due check whose job was lost', async () => {
    const d = await addDomain(central(), { storefrontId: brand.sf.id, domain: 'lost.example', actor: staffActor, now: new Date(Date.now() - 10 * MIN) });
    const row = await domainRow(d.publicId);
    const jobId = domainCheckJobId(row).replace(/:/g, '-');
    await (await getQueue('default').getJob(jobId))!.remove();
    const res = await sweepDomains(central());
    expect(res.requeued).toBeGreaterThanOrEqual(1);
    expect(await (await getQueue('default').getJob(jobId))?.getState()).toBe('waiting');
  });
});

describe('isolation between storefronts', () => {
  it('lets a second storefront claim a pending name but never verify it with the first one’s token, nor take a verified one', async () => {
    const now = new Date();
    const mine = await addDomain(central(), { storefrontId: brand.sf.id, domain: 'contested.example', actor: staffActor, now });
    const theirs = await addDomain(central(), { storefrontId: other.sf.id, domain: 'contested.example', actor: system, now });
    await createRecords(mine.records);
    const theirCheck = await checkDomain(central(), { domainId: (await domainRow(theirs.publicId)).id, now: after(now, MIN) });
    expect(theirCheck.outcome).toBe('pending');
    expect(theirCheck.problems[0]).toMatch(/not the token shown/);
    expect((await checkDomain(central(), { domainId: (await domainRow(mine.publicId)).id, now: after(now, MIN) })).outcome).toBe('verified');
    expect((await resolveHost('contested.example'))?.storefront.slug).toBe('brand');

    // Even with their own token published too, the name stays with the storefront that verified it.
    await createRecords([{ type: 'TXT', name: '_ezscale-verify.contested.example', value: (await domainRow(theirs.publicId)).verifyToken }]);
    const again = await checkDomain(central(), { domainId: (await domainRow(theirs.publicId)).id, now: after(now, 10 * MIN) });
    expect(again.outcome).toBe('pending');
    expect(again.problems).toEqual(['contested.example is already in use on this platform.']);
    expect((await resolveHost('contested.example'))?.storefront.slug).toBe('brand');
    await expectAppError(addDomain(central(), { storefrontId: other.sf.id, domain: 'www.brand-one.example', actor: system }), 'conflict', /already in use/);

    // One storefront's domain ids mean nothing on another.
    await expectAppError(checkDomainNow(central(), { storefrontId: other.sf.id, domainPublicId: mine.publicId }), 'not_found');
    await expectAppError(removeDomain(central(), { storefrontId: other.sf.id, domainPublicId: mine.publicId, actor: system }), 'not_found');
    expect(await other.db.select().from(emailOutbox)).toHaveLength(0);
  });

  it('removing a verified domain stops it resolving at once', async () => {
    const [row] = await central().select().from(customDomains).where(and(eq(customDomains.domain, 'contested.example'), eq(customDomains.storefrontId, brand.sf.id)));
    await removeDomain(central(), { storefrontId: brand.sf.id, domainPublicId: row!.publicId, actor: staffActor });
    expect(await resolveHost('contested.example')).toBeNull();
    expect(await resolveHost('admin.contested.example')).toBeNull();
    const [audit] = await brand.db.select().from(auditLog).where(and(eq(auditLog.action, 'domain.removed'), eq(auditLog.targetId, row!.publicId)));
    expect(audit!.before).toEqual({ domain: 'contested.example', status: 'verified' });
  });
});
