import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ReactElement, ReactNode } from 'react';
import { and, count, eq } from 'drizzle-orm';
import { resellerApplications, resellerPrograms, resellers, storefrontHostnames, storefronts, type Storefront } from '@/db/schema/central';
import { adminAlerts, auditLog, emailOutbox, passkeys, staffInvites } from '@/db/schema/storefront';
import { resellerPipelineJob } from '@/jobs/reseller-pipeline';
import { getQueue } from '@/jobs/queue-registry';
import { createWorkers } from '@/jobs/worker';
import { adminNav } from '@/lib/admin/admin-nav';
import { createSession } from '@/lib/auth/sessions';
import { getCentralDb } from '@/lib/db/central';
import type { StorefrontDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { submitResellerApplication } from '@/lib/resellers/applications/submit-reseller-application';
import { createReseller } from '@/lib/resellers/create-reseller';
import { getOnboardingChecklist } from '@/lib/resellers/onboarding-checklist';
import { getOwnerInvitation } from '@/lib/resellers/owner-invitation';
import { runResellerPipeline } from '@/lib/resellers/pipeline/run-reseller-pipeline';
import { encryptSecret } from '@/lib/security/secret-box';
import { savePaymentSettings } from '@/lib/settings/payment-settings';
import { updateBrandImage } from '@/lib/settings/admin/update-brand-image';
import { acceptStaffInvite } from '@/lib/staff/accept-staff-invite';
import { createStaffUser } from '@/lib/staff/create-staff-user';
import { DEFAULT_ROLE_PERMISSIONS, permissionCatalogue, PERMISSIONS, type StaffRole } from '@/lib/staff/permissions';
import { resolveHost, announceHostnameChange } from '@/lib/tenancy/host-resolver';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { seedTestCatalog } from './factories/catalog';
import { setupPlatform, TEST_APP_DOMAIN, type Platform } from './factories/resellers';
import { setupTestEnv, type TestEnv } from './helpers/test-env';
import { tinyPng } from './helpers/tiny-png';

// The platform's reseller pages, actions and the "Become a reseller" form, called as Next calls them: only the
// request (Host header, client address, session cookie) is stood in for; sessions and permissions are the real ones.

const request = vi.hoisted(() => ({ host: '', token: '', ip: '203.0.113.1' }));
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ host: request.host, 'user-agent': 'vitest', 'x-forwarded-for': request.ip }),
  cookies: async () => ({
    get: (name: string) => (name === 'ezs_admin_session' && request.token ? { name, value: request.token } : undefined),
    set: () => undefined,
    delete: () => undefined,
  }),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { default: ResellersPage } = await import('@/app/admin/(shell)/resellers/page');
const { default: NewResellerPage } = await import('@/app/admin/(shell)/resellers/new/page');
const { default: ResellerPage } = await import('@/app/admin/(shell)/resellers/[id]/page');
const { default: ProgramsPage } = await import('@/app/admin/(shell)/resellers/programs/page');
const { default: ProgramPage } = await import('@/app/admin/(shell)/resellers/programs/[id]/page');
const { default: ApplicationsPage } = await import('@/app/admin/(shell)/resellers/applications/page');
const { default: AdminDashboardPage } = await import('@/app/admin/(shell)/page');
const { default: BecomeAResellerPage } = await import('@/app/(marketing)/become-a-reseller/page');
const actions = await import('@/app/admin/(shell)/resellers/actions');
const { saveProgramAction } = await import('@/app/admin/(shell)/resellers/programs/actions');
const { applyAsResellerAction } = await import('@/app/(marketing)/become-a-reseller/actions');
const { PermissionDenied } = await import('@/app/admin/(shell)/permission-denied');
const { OnboardingChecklist } = await import('@/components/admin/onboarding-checklist');
const { RetryControl } = await import('@/app/admin/(shell)/resellers/retry-control');

let t: TestEnv;
let p: Platform;
let shop: Storefront;
let shopDb: StorefrontDb;
let shopResellerId: string;
const system = { type: 'system' as const, label: 'test' };
let n = 0;

/** Signs in (in the stand-in request) as a new staff member of this role on this storefront's admin host. */
async function signInAs(sf: Storefront, db: StorefrontDb, role: StaffRole): Promise<string> {
  n += 1;
  const email = `${role}-${n}@${sf.slug}.test`;
  const s = await createStaffUser(db, { storefrontId: sf.id, input: { email, name: role, password: 'Correct-Horse-Battery-9', role }, actor: system });
  await db.insert(passkeys).values({ principalType: 'staff', principalId: s.id, credentialId: `key-${sf.id}-${s.id}`, publicKey: 'pk', signCount: 0, name: 'Key' });
  request.token = (await createSession(db, { principalType: 'staff', principalId: s.id })).token;
  request.host = sf.kind === 'retail' ? 'admin.platform.test' : `admin.${sf.slug}.${TEST_APP_DOMAIN}`;
  return email;
}

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

function deniedPermission(el: ReactElement): string | null {
  return el.type === PermissionDenied ? (el.props as { permission: string }).permission : null;
}

/** The first element of this component type anywhere in a rendered tree's props.children. */
function findElement(node: ReactNode, type: unknown): ReactElement | null {
  if (!node || typeof node !== 'object') return null;
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = findElement(child as ReactNode, type);
      if (found) return found;
    }
    return null;
  }
  const el = node as ReactElement<{ children?: ReactNode }>;
  if (el.type === type) return el;
  return findElement(el.props?.children, type);
}

const PAGES: { name: string; render: () => Promise<ReactElement> }[] = [
  { name: 'Resellers', render: () => ResellersPage() },
  { name: 'New reseller', render: () => NewResellerPage() },
  { name: 'Reseller', render: () => ResellerPage({ params: Promise.resolve({ id: shopResellerId }) }) },
  { name: 'Programs', render: () => ProgramsPage() },
  { name: 'Program', render: () => ProgramPage({ params: Promise.resolve({ id: String(p.programId) }) }) },
  { name: 'Applications', render: () => ApplicationsPage() },
];

beforeAll(async () => {
  process.env.APP_DOMAIN = TEST_APP_DOMAIN;
  t = await setupTestEnv();
  p = await setupPlatform();
  const { reseller } = await createReseller(getCentralDb(), { input: { name: 'Shop One', ownerEmail: 'owner@shop-one.test', slug: 'shop-one' }, actor: system });
  expect((await runResellerPipeline(reseller.id)).status).toBe('active');
  shopResellerId = reseller.publicId;
  [shop] = (await getCentralDb().select().from(storefronts).where(eq(storefronts.id, reseller.storefrontId))) as [Storefront];
  shopDb = openStorefrontDb(shop);
});
afterAll(async () => {
  await t.cleanup();
});

describe('resellers.manage, a platform permission', () => {
  it('is granted by default to the platform’s owners and administrators only, and exists nowhere but the retail storefront', () => {
    expect(PERMISSIONS).toContain('resellers.manage');
    expect(DEFAULT_ROLE_PERMISSIONS.administrator).toContain('resellers.manage');
    for (const role of ['billing', 'support', 'read_only'] as const) expect(DEFAULT_ROLE_PERMISSIONS[role]).not.toContain('resellers.manage');
    expect(permissionCatalogue('retail')).toContain('resellers.manage');
    expect(permissionCatalogue('reseller')).not.toContain('resellers.manage');
    expect(adminNav({ kind: 'retail' }, [...PERMISSIONS]).map((i) => i.href)).toContain('/resellers');
    expect(adminNav({ kind: 'reseller' }, [...PERMISSIONS]).map((i) => i.href)).not.toContain('/resellers');
  });

  for (const page of PAGES) {
    it(`${page.name}: platform staff without it and a reseller's owner get the permission-denied page; a platform owner gets the page`, async () => {
      await signInAs(p.platform, p.platformDb, 'billing');
      expect(deniedPermission(await page.render())).toBe('resellers.manage');
      await signInAs(shop, shopDb, 'owner');
      expect(deniedPermission(await page.render())).toBe('resellers.manage');
      await signInAs(p.platform, p.platformDb, 'owner');
      expect(deniedPermission(await page.render())).toBeNull();
    });
  }

  it('refuses every action to platform staff without it and to a reseller’s owner, changing nothing', async () => {
    const [app] = await getCentralDb()
      .insert(resellerApplications)
      .values({ publicId: 'rapp_refusedaaaaaaaaaaaa', name: 'Refused', company: 'Refused Co', email: 'refused@example.com', message: 'x'.repeat(30) })
      .$returningId();
    const calls = [
      () => actions.createResellerAction(null, form({ name: 'Nope', ownerEmail: 'nope@example.com', slug: 'nope-shop', program: 'standard' })),
      () => actions.retryResellerAction(null, form({ reseller: shopResellerId })),
      () => actions.resendOwnerInviteAction(null, form({ reseller: shopResellerId })),
      () => actions.approveApplicationAction(null, form({ applicationId: 'rapp_refusedaaaaaaaaaaaa', slug: 'refused-co', program: 'standard' })),
      () => actions.rejectApplicationAction(null, form({ applicationId: 'rapp_refusedaaaaaaaaaaaa' })),
      () => saveProgramAction(null, form({ name: 'Nope', slug: 'nope', unpaidDaysBeforeSuspension: '5' })),
    ];
    for (const who of [() => signInAs(p.platform, p.platformDb, 'support'), () => signInAs(shop, shopDb, 'owner')]) {
      await who();
      for (const call of calls) {
        const res = await call();
        expect(res.ok).toBe(false);
        expect(res.message).toMatch(/permission/);
      }
    }
    const [made] = await getCentralDb().select({ n: count() }).from(storefronts).where(eq(storefronts.slug, 'nope-shop'));
    const [programs] = await getCentralDb().select({ n: count() }).from(resellerPrograms).where(eq(resellerPrograms.slug, 'nope'));
    const [stillPending] = await getCentralDb().select({ status: resellerApplications.status }).from(resellerApplications).where(eq(resellerApplications.id, app!.id));
    expect([made!.n, programs!.n, stillPending!.status]).toEqual([0, 0, 'pending']);
  });
});

describe('platform staff managing resellers', () => {
  it('create a reseller from the form; the queued job builds it with progress and the owner lands in their own admin', async () => {
    const staffEmail = await signInAs(p.platform, p.platformDb, 'administrator');
    const bad = await actions.createResellerAction(null, form({ name: 'X', ownerEmail: 'not-an-email', slug: 'Bad Slug', program: 'standard' }));
    expect(bad.ok).toBe(false);
    expect(bad.fieldErrors).toMatchObject({ name: ['must be at least 2 characters'], ownerEmail: ['must be a valid email address'] });
    const res = await actions.createResellerAction(null, form({ name: 'Blue Hosting', ownerEmail: 'ceo@blue.test', ownerName: 'Bea Blue', slug: 'blue', program: 'standard' }));
    expect(res.ok).toBe(true);
    const [reseller] = await getCentralDb().select().from(resellers).where(eq(resellers.ownerEmail, 'ceo@blue.test'));
    expect(res.redirectTo).toBe(`/resellers/${reseller!.publicId}`);
    expect(reseller!.createdBy).toBe(staffEmail);
    const [audited] = await p.platformDb.select().from(auditLog).where(and(eq(auditLog.action, 'reseller.created'), eq(auditLog.targetId, String(reseller!.id))));
    expect(audited).toMatchObject({ actorType: 'staff', actorLabel: staffEmail });

    // The worker runs the queued pipeline and reports the share of steps done as the job's progress.
    const workers = await createWorkers({ jobs: [resellerPipelineJob], queues: ['critical'] });
    try {
      const job = (await getQueue('critical').getJob(`reseller-pipeline-${reseller!.id}`))!;
      for (let i = 0; i < 600 && !['completed', 'failed'].includes(await job.getState()); i++) await sleep(50);
      expect(await job.getState()).toBe('completed');
      const done = (await getQueue('critical').getJob(job.id!))!;
      expect(done.progress).toBe(100);
    } finally {
      await workers.close();
    }
    const [live] = await getCentralDb().select().from(resellers).where(eq(resellers.id, reseller!.id));
    expect(live!.status).toBe('active');

    // The owner takes the invitation (its link is in the storefront's outbox until sent) on admin.blue.<APP_DOMAIN>.
    await announceHostnameChange();
    const resolved = await resolveHost(`admin.blue.${TEST_APP_DOMAIN}`);
    expect(resolved?.storefront.slug).toBe('blue');
    const blueDb = openStorefrontDb(resolved!.storefront);
    const [mail] = await blueDb.select().from(emailOutbox).where(eq(emailOutbox.template, 'staff-invite'));
    const acceptUrl = String(mail!.props.acceptUrl);
    expect(acceptUrl.startsWith(`http://admin.blue.${TEST_APP_DOMAIN}`)).toBe(true);
    const token = new URL(acceptUrl).searchParams.get('token')!;
    const owner = await acceptStaffInvite(blueDb, { input: { token, name: 'Bea Blue', password: 'Blue-Hosting-Owner-42' } });
    expect(owner.email).toBe('ceo@blue.test');
    await blueDb.insert(passkeys).values({ principalType: 'staff', principalId: owner.staffId, credentialId: 'key-blue-owner', publicKey: 'pk', signCount: 0, name: 'Key' });
    request.token = (await createSession(blueDb, { principalType: 'staff', principalId: owner.staffId })).token;
    request.host = `admin.blue.${TEST_APP_DOMAIN}`;
    const dashboard = await AdminDashboardPage();
    const checklist = findElement(dashboard, OnboardingChecklist);
    expect((checklist!.props as { items: { key: string; done: boolean; href: string }[] }).items.map((i) => [i.key, i.done, i.href])).toEqual([
      ['branding', false, '/settings/branding'],
      ['prices', false, '/catalog'],
      ['payment_gateway', false, '/settings/payments'],
      ['first_product', false, '/catalog'],
    ]);
  }, 120_000);

  it('ticks each checklist item from the storefront’s real state, and the dashboard drops the list once all are done', async () => {
    await signInAs(shop, shopDb, 'owner');
    const done = async () => Object.fromEntries((await getOnboardingChecklist(shopDb)).map((i) => [i.key, i.done]));
    expect(await done()).toEqual({ branding: false, prices: false, payment_gateway: false, first_product: false });
    await updateBrandImage(shopDb, { storefront: shop, kind: 'logo', bytes: tinyPng(), actor: system });
    await seedTestCatalog(shopDb);
    expect(await done()).toEqual({ branding: true, prices: true, payment_gateway: false, first_product: true });
    // Enabled without keys is the sandbox stand-in: not the reseller's own gateway yet.
    await savePaymentSettings(shopDb, { stripe: { enabled: true, publishableKey: '', secretKey: '', webhookSecret: '' } });
    expect((await done()).payment_gateway).toBe(false);
    await savePaymentSettings(shopDb, { stripe: { enabled: true, publishableKey: 'pk_test_abc', secretKey: encryptSecret('sk_test_abc'), webhookSecret: '' } });
    expect((await done()).payment_gateway).toBe(true);
    expect(findElement(await AdminDashboardPage(), OnboardingChecklist)).toBeNull();
  });

  it('send an owner who has not joined a new invitation, the old link revoked; never to one who has', async () => {
    await signInAs(p.platform, p.platformDb, 'owner');
    const [r] = await getCentralDb().select().from(resellers).where(eq(resellers.publicId, shopResellerId));
    expect((await getOwnerInvitation(getCentralDb(), r!)).state).toBe('invited');
    expect(await actions.resendOwnerInviteAction(null, form({ reseller: shopResellerId }))).toMatchObject({ ok: true });
    const invites = await shopDb.select().from(staffInvites).where(eq(staffInvites.email, 'owner@shop-one.test')).orderBy(staffInvites.id);
    expect(invites.map((i) => [i.revoked, i.dedupeKey])).toEqual([
      [true, 'storefront-owner'],
      [false, null],
    ]);
    const [mails] = await shopDb.select({ n: count() }).from(emailOutbox).where(and(eq(emailOutbox.template, 'staff-invite'), eq(emailOutbox.toAddress, 'owner@shop-one.test')));
    expect(mails!.n).toBe(2);
    const [audited] = await p.platformDb.select({ n: count() }).from(auditLog).where(and(eq(auditLog.action, 'reseller.owner_reinvited'), eq(auditLog.targetId, String(r!.id))));
    expect(audited!.n).toBe(1);

    const [blue] = await getCentralDb().select().from(resellers).where(eq(resellers.ownerEmail, 'ceo@blue.test'));
    expect((await getOwnerInvitation(getCentralDb(), blue!)).state).toBe('joined');
    expect(await actions.resendOwnerInviteAction(null, form({ reseller: blue!.publicId }))).toMatchObject({ ok: false, message: expect.stringMatching(/has already joined/) });
  });

  it('save programs with per-currency fees in minor units, refusing a bad amount by field', async () => {
    await signInAs(p.platform, p.platformDb, 'owner');
    const bad = await saveProgramAction(null, form({ name: 'Pro', slug: 'pro', active: 'on', unpaidDaysBeforeSuspension: '7', fee_USD: '12.345' }));
    expect(bad).toMatchObject({ ok: false, fieldErrors: { fee_USD: ['must have at most 2 decimals'] } });
    const ok = await saveProgramAction(null, form({ name: 'Pro', slug: 'pro', active: 'on', unpaidDaysBeforeSuspension: '7', fee_USD: '99.00', fee_EUR: '', fee_GBP: '79.50' }));
    expect(ok.ok).toBe(true);
    const [pro] = await getCentralDb().select().from(resellerPrograms).where(eq(resellerPrograms.slug, 'pro'));
    expect(ok.redirectTo).toBe(`/resellers/programs/${pro!.id}`);
    const edit = await saveProgramAction(null, form({ programId: String(pro!.id), name: 'Pro', slug: 'pro', unpaidDaysBeforeSuspension: '10', fee_USD: '109.00' }));
    expect(edit.ok).toBe(true);
    const [audit] = await p.platformDb.select().from(auditLog).where(and(eq(auditLog.action, 'reseller_program.updated'), eq(auditLog.targetId, String(pro!.id))));
    expect(audit!.before).toMatchObject({ active: true, unpaidDaysBeforeSuspension: 7, fees: { GBP: 7950, USD: 9900 } });
    expect(audit!.after).toMatchObject({ active: false, unpaidDaysBeforeSuspension: 10, fees: { USD: 10900 } });
  });

  it('retry a failed reseller: the row shows the step and error, Retry queues it again, a built one is refused', async () => {
    await signInAs(p.platform, p.platformDb, 'owner');
    const central = getCentralDb();
    await central.insert(storefrontHostnames).values({ hostname: `retry-me.${TEST_APP_DOMAIN}`, storefrontId: p.platform.id, area: 'marketing' });
    const { reseller } = await createReseller(central, { input: { name: 'Retry Me', ownerEmail: 'retry@example.com', slug: 'retry-me' }, actor: system });
    expect((await runResellerPipeline(reseller.id)).status).toBe('failed');
    const list = await ResellersPage();
    const rows = findElement(list, RetryControl);
    expect((rows!.props as { view: { reseller: { publicId: string }; pipeline: { failed: unknown } } }).view).toMatchObject({
      reseller: { publicId: reseller.publicId },
      pipeline: { failed: { step: 'hostnames', error: `The hostname retry-me.${TEST_APP_DOMAIN} already belongs to another storefront.` } },
    });

    await central.delete(storefrontHostnames).where(eq(storefrontHostnames.hostname, `retry-me.${TEST_APP_DOMAIN}`));
    expect(await actions.retryResellerAction(null, form({ reseller: reseller.publicId }))).toMatchObject({ ok: true });
    const [again] = await central.select().from(resellers).where(eq(resellers.id, reseller.id));
    expect(again!.status).toBe('provisioning');
    expect(await getQueue('critical').getJob(`reseller-pipeline-${reseller.id}`)).toBeTruthy();
    expect((await runResellerPipeline(reseller.id)).status).toBe('active');
    expect(await actions.retryResellerAction(null, form({ reseller: reseller.publicId }))).toMatchObject({ ok: false, message: 'This reseller is active: its storefront is already built.' });
  });
});

describe('the “Become a reseller” form', () => {
  const good = { name: 'Ada Lovelace', company: 'Analytical Hosting', email: 'ada@analytical.test', website: 'analytical.test', message: 'We host research labs across Europe and want to resell VPS.' };

  it('exists on the platform’s marketing site only', async () => {
    request.host = 'platform.test';
    expect(await BecomeAResellerPage()).toBeTruthy();
    request.host = `shop-one.${TEST_APP_DOMAIN}`;
    await expect(BecomeAResellerPage()).rejects.toMatchObject({ digest: expect.stringContaining('404') });
    await expect(applyAsResellerAction(null, form(good))).rejects.toMatchObject({ digest: expect.stringContaining('404') });
  });

  it('answers bad input with a 400 and field messages, stores a good one once and tells platform staff', async () => {
    request.host = 'platform.test';
    request.ip = '203.0.113.10';
    const bad = await applyAsResellerAction(null, form({ ...good, email: 'nope', message: 'short' }));
    expect(bad).toMatchObject({ ok: false, message: 'Check the highlighted fields.', fieldErrors: { email: ['must be a valid email address'], message: ['tell us a little more (at least 20 characters)'] } });
    const err = await submitResellerApplication(getCentralDb(), { input: { ...good, website: 'javascript:alert(1)' }, ip: '203.0.113.11' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(400);
    expect((err as AppError).fieldErrors).toEqual({ website: ['must be a web address like https://example.com'] });

    expect((await applyAsResellerAction(null, form(good))).ok).toBe(true);
    expect((await applyAsResellerAction(null, form(good))).ok).toBe(true);
    const rows = await getCentralDb().select().from(resellerApplications).where(eq(resellerApplications.email, 'ada@analytical.test'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'pending', company: 'Analytical Hosting', website: 'https://analytical.test', ip: '203.0.113.10' });
    const [alert] = await p.platformDb.select().from(adminAlerts).where(eq(adminAlerts.dedupeKey, `reseller-application:${rows[0]!.publicId}`));
    expect(alert).toMatchObject({ severity: 'info', title: 'Reseller application from Analytical Hosting' });
  });

  it('keeps nothing a bot sends through the hidden field, and limits one address to five tries an hour', async () => {
    request.host = 'platform.test';
    request.ip = '203.0.113.20';
    const res = await applyAsResellerAction(null, form({ ...good, email: 'bot@spam.test', fax: 'buy now' }));
    expect(res.ok).toBe(true);
    const [kept] = await getCentralDb().select({ n: count() }).from(resellerApplications).where(eq(resellerApplications.email, 'bot@spam.test'));
    expect(kept!.n).toBe(0);
    for (let i = 0; i < 4; i++) await applyAsResellerAction(null, form({ ...good, email: `flood${i}@spam.test`, message: 'short' }));
    const limited = await applyAsResellerAction(null, form({ ...good, email: 'flood9@spam.test' }));
    expect(limited).toMatchObject({ ok: false, message: expect.stringMatching(/^Too many attempts/) });
  });

  it('approved, becomes a reseller through the same pipeline; rejected, stays rejected', async () => {
    await signInAs(p.platform, p.platformDb, 'owner');
    const [app] = await getCentralDb().select().from(resellerApplications).where(eq(resellerApplications.email, 'ada@analytical.test'));
    const approved = await actions.approveApplicationAction(null, form({ applicationId: app!.publicId, slug: 'analytical', program: 'standard' }));
    expect(approved.ok).toBe(true);
    const [r] = await getCentralDb().select().from(resellers).where(eq(resellers.applicationId, app!.id));
    expect(r).toMatchObject({ ownerEmail: 'ada@analytical.test', ownerName: 'Ada Lovelace', status: 'provisioning' });
    const [sf] = await getCentralDb().select().from(storefronts).where(eq(storefronts.id, r!.storefrontId));
    expect(sf).toMatchObject({ slug: 'analytical', name: 'Analytical Hosting', kind: 'reseller', status: 'provisioning' });
    const [reviewed] = await getCentralDb().select().from(resellerApplications).where(eq(resellerApplications.id, app!.id));
    expect(reviewed!.status).toBe('approved');
    expect(reviewed!.reviewedAt).not.toBeNull();
    const twice = await actions.approveApplicationAction(null, form({ applicationId: app!.publicId, slug: 'analytical-2', program: 'standard' }));
    expect(twice).toMatchObject({ ok: false, message: 'That application was already approved.' });
    expect((await runResellerPipeline(r!.id)).status).toBe('active');

    const [other] = await getCentralDb()
      .insert(resellerApplications)
      .values({ publicId: 'rapp_rejectmeaaaaaaaaaaa', name: 'Eve', company: 'Eve Co', email: 'eve@example.com', message: 'y'.repeat(30) })
      .$returningId();
    expect((await actions.rejectApplicationAction(null, form({ applicationId: 'rapp_rejectmeaaaaaaaaaaa', note: 'Not a fit' }))).ok).toBe(true);
    const [rej] = await getCentralDb().select().from(resellerApplications).where(eq(resellerApplications.id, other!.id));
    expect(rej).toMatchObject({ status: 'rejected', reviewNote: 'Not a fit' });
  }, 60_000);
});
