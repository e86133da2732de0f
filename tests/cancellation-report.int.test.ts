import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { passkeys, services } from '@/db/schema/storefront';
import { createSession } from '@/lib/auth/sessions';
import { requestServiceCancellation, withdrawServiceCancellation } from '@/lib/billing/cancel-service';
import { cancellationPeriod, getCancellationReport } from '@/lib/billing/cancellation-report';
import { createCustomer } from '@/lib/customers/create-customer';
import type { StorefrontDb } from '@/lib/db/connection';
import { createPaidService } from '@/lib/orders/create-paid-service';
import { saveCommerceSettings } from '@/lib/settings/commerce-settings';
import { createStaffUser } from '@/lib/staff/create-staff-user';
import type { StaffRole } from '@/lib/staff/permissions';
import { updateRolePermissions } from '@/lib/staff/update-role-permissions';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { seedTestCatalog } from './factories/catalog';
import { setupShop, SHOP_COMMERCE } from './factories/shop';
import type { TestEnv } from './helpers/test-env';

// The exit survey's report: counts by reason for a period, the latest answers in the customers' words, only for
// staff who may view services, and only ever the storefront the request's host names.

const request = vi.hoisted(() => ({ host: '', token: '' }));
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ host: request.host, 'user-agent': 'vitest' }),
  cookies: async () => ({
    get: (name: string) => (name === 'ezs_admin_session' && request.token ? { name, value: request.token } : undefined),
    set: () => undefined,
    delete: () => undefined,
  }),
}));

const { default: ReportPage } = await import('@/app/admin/(shell)/services/cancellations/page');
const { GET: exportCsv } = await import('@/app/admin/(shell)/services/cancellations/export/route');
const { PermissionDenied } = await import('@/app/admin/(shell)/permission-denied');

let t: TestEnv;
let db: StorefrontDb;
let other: StorefrontDb;
let storefrontId: number;
let otherId: number;
const system = { type: 'system' as const, label: 'test' };
let n = 0;

/** An active monthly service of a new customer, paid on 1 March 2026. */
async function serviceIn(sfDb: StorefrontDb, sfId: number): Promise<{ serviceId: number; customerId: number; publicId: string }> {
  n += 1;
  const c = await createCustomer(sfDb, { input: { email: `leaver${n}@example.com`, name: `Leaver ${n}`, password: 'Correct-Horse-42', country: 'DE', currency: 'EUR' }, actor: system });
  const created = await createPaidService(sfDb, { storefrontId: sfId, customerEmail: `leaver${n}@example.com`, planSlug: 'vps-starter', cycle: 'monthly', start: new Date('2026-03-01T09:00:00Z'), actor: system });
  const [svc] = await sfDb.select({ id: services.id }).from(services).where(eq(services.publicId, created.servicePublicId));
  return { serviceId: svc!.id, customerId: c.id, publicId: created.servicePublicId };
}

async function cancel(sfDb: StorefrontDb, sfId: number, reasonCode: Parameters<typeof requestServiceCancellation>[1]['reasonCode'], reason: string, at: string, type: 'end_of_period' | 'immediate' = 'end_of_period') {
  const s = await serviceIn(sfDb, sfId);
  await requestServiceCancellation(sfDb, { serviceId: s.serviceId, customerId: s.customerId, type, reasonCode, reason, actor: system, now: new Date(at) });
  return s;
}

/** Signs in (in the stand-in request) as a new staff member of this role on the shop's admin host. */
async function signInAs(role: StaffRole): Promise<void> {
  const s = await createStaffUser(db, { storefrontId, input: { email: `${role}-${Date.now()}-${n++}@shop.test`, name: role, password: 'Correct-Horse-Battery-9', role }, actor: system });
  await db.insert(passkeys).values({ principalType: 'staff', principalId: s.id, credentialId: `key-${s.id}`, publicKey: 'pk', signCount: 0, name: 'Key' });
  request.token = (await createSession(db, { principalType: 'staff', principalId: s.id })).token;
}

const period = { from: '2026-03-01', to: '2026-03-31' };

/** The text a rendered page tree carries in its elements' children (components are not rendered further). */
function textOf(node: unknown): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join(' ');
  if (node && typeof node === 'object' && 'props' in node) return textOf((node as { props: { children?: unknown } }).props.children);
  return '';
}

beforeAll(async () => {
  ({ t, db, storefrontId } = await setupShop());
  const sf = await createStorefront({ slug: 'other', name: 'Other', domain: 'other.test' });
  otherId = sf.id;
  other = openStorefrontDb(sf);
  await seedTestCatalog(other);
  await saveCommerceSettings(other, SHOP_COMMERCE);
  request.host = 'admin.shop.test';

  await cancel(db, storefrontId, 'too_expensive', 'The price went up twice this year', '2026-03-05T10:00:00Z');
  await cancel(db, storefrontId, 'too_expensive', 'Cheaper elsewhere', '2026-03-10T10:00:00Z', 'immediate');
  await cancel(db, storefrontId, 'switching_provider', 'Moving everything to one host', '2026-03-20T10:00:00Z');
  // Before the period, and one taken back: neither counts.
  await cancel(db, storefrontId, 'support', 'Slow tickets in February', '2026-02-27T10:00:00Z');
  const withdrawn = await cancel(db, storefrontId, 'performance', 'Changed my mind later', '2026-03-12T10:00:00Z');
  await withdrawServiceCancellation(db, { serviceId: withdrawn.serviceId, customerId: withdrawn.customerId, actor: system });
  // Another storefront's customer, in the same period.
  await cancel(other, otherId, 'support', 'OTHER-STOREFRONT secret reason', '2026-03-15T10:00:00Z');
});
afterAll(async () => {
  await t?.cleanup();
});

describe('cancellation report', () => {
  it('counts the period’s cancellations by reason and lists the latest with the customers’ words', async () => {
    const report = await getCancellationReport(db, { period });
    expect(report.total).toBe(3);
    expect(report.byReason.map((r) => [r.code, r.count])).toEqual([
      ['too_expensive', 2],
      ['not_needed', 0],
      ['switching_provider', 1],
      ['missing_features', 0],
      ['performance', 0],
      ['support', 0],
      ['other', 0],
    ]);
    expect(report.recent.map((r) => [r.requestedAt.toISOString().slice(0, 10), r.code, r.label, r.reason, r.status])).toEqual([
      ['2026-03-20', 'switching_provider', 'Moving to another provider', 'Moving everything to one host', 'active'],
      ['2026-03-10', 'too_expensive', 'Too expensive', 'Cheaper elsewhere', 'cancelled'],
      ['2026-03-05', 'too_expensive', 'Too expensive', 'The price went up twice this year', 'active'],
    ]);
    const paged = await getCancellationReport(db, { period, page: 2, pageSize: 2 });
    expect(paged).toMatchObject({ page: 2, hasNext: false, total: 3 });
    expect(paged.recent.map((r) => r.reason)).toEqual(['The price went up twice this year']);
  });

  it('defaults to the last 30 days and refuses a backwards or over-long period', () => {
    expect(cancellationPeriod({}, '2026-03-31')).toEqual({ from: '2026-03-02', to: '2026-03-31' });
    expect(cancellationPeriod({ to: '2026-02-28' }, '2026-03-31')).toEqual({ from: '2026-01-30', to: '2026-02-28' });
    expect(() => cancellationPeriod({ from: '2026-04-01', to: '2026-03-01' }, '2026-03-31')).toThrow(/starts after it ends/);
    expect(() => cancellationPeriod({ from: '2024-01-01', to: '2026-03-01' }, '2026-03-31')).toThrow(/at most 366 days/);
  });

  it('shows staff with services.view the page and the CSV of their own storefront only', async () => {
    await signInAs('read_only');
    const page = textOf(await ReportPage({ searchParams: Promise.resolve({ from: period.from, to: period.to }) }));
    expect(page).toContain('Cheaper elsewhere');
    expect(page).toContain('Moving everything to one host');
    expect(page).not.toContain('OTHER-STOREFRONT');
    expect(page).not.toContain('Slow tickets in February');

    const res = await exportCsv(new Request(`http://admin.shop.test/services/cancellations/export?from=${period.from}&to=${period.to}`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="cancellations-shop-2026-03-01-2026-03-31.csv"');
    const csv = await res.text();
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('requested_at,service,label,status,customer,reason_code,reason,text');
    expect(lines.slice(1).map((l) => l.split(',').slice(5).join(','))).toEqual([
      'switching_provider,Moving to another provider,Moving everything to one host',
      'too_expensive,Too expensive,Cheaper elsewhere',
      'too_expensive,Too expensive,The price went up twice this year',
    ]);
    expect(csv).not.toContain('OTHER-STOREFRONT');

    // The other storefront's own report has its own answer and none of this one's.
    const theirs = await getCancellationReport(other, { period });
    expect(theirs.recent.map((r) => r.reason)).toEqual(['OTHER-STOREFRONT secret reason']);
  });

  it('answers 403 on the export, and the permission-denied page, without services.view', async () => {
    await updateRolePermissions(db, { role: 'support', permissions: ['customers.view', 'billing.view'], actor: system });
    await signInAs('support');
    const res = await exportCsv(new Request(`http://admin.shop.test/services/cancellations/export`));
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: expect.stringMatching(/permission/) });
    const page = await ReportPage({ searchParams: Promise.resolve({}) });
    expect(page.type).toBe(PermissionDenied);
    expect((page.props as { permission: string }).permission).toBe('services.view');
  });

  it('answers a bad period on the export with a 400', async () => {
    await signInAs('owner');
    expect((await exportCsv(new Request('http://admin.shop.test/services/cancellations/export?from=yesterday'))).status).toBe(400);
    expect((await exportCsv(new Request('http://admin.shop.test/services/cancellations/export?from=2026-04-01&to=2026-03-01'))).status).toBe(400);
  });
});

describe('backfill of reasons stored before the survey had a column (migration 0018)', () => {
  it('turns "[Label] text" into the label’s code and the text, and anything else into other with its text kept', async () => {
    const legacy = [
      '[Too expensive] Price doubled',
      '[Moving to another provider] Found a cheaper host',
      '[No longer needed] Project ended',
      '[Other] Personal reasons',
      '[Technical problems] Disk kept filling up',
      'Just free text from before the survey',
    ];
    const ids: number[] = [];
    for (const reason of legacy) {
      const s = await serviceIn(db, storefrontId);
      await db.update(services).set({ cancellationRequestedAt: new Date('2025-06-01T00:00:00Z'), cancellationReason: reason, cancellationReasonCode: null }).where(eq(services.id, s.serviceId));
      ids.push(s.serviceId);
    }
    const file = readFileSync(new URL('../db/migrations/storefront/0022_cancellation_reason_backfill.sql', import.meta.url), 'utf8');
    for (const statement of file.split('--> statement-breakpoint')) {
      const body = statement.replace(/^--.*$/gm, '').trim();
      if (body) await db.execute(sql.raw(body));
    }
    const rows = await Promise.all(ids.map(async (id) => (await db.select({ code: services.cancellationReasonCode, reason: services.cancellationReason }).from(services).where(eq(services.id, id)))[0]));
    expect(rows).toEqual([
      { code: 'too_expensive', reason: 'Price doubled' },
      { code: 'switching_provider', reason: 'Found a cheaper host' },
      { code: 'not_needed', reason: 'Project ended' },
      { code: 'other', reason: 'Personal reasons' },
      { code: 'other', reason: '[Technical problems] Disk kept filling up' },
      { code: 'other', reason: 'Just free text from before the survey' },
    ]);
    // Rows answered through the survey keep what they have.
    const report = await getCancellationReport(db, { period });
    expect(report.total).toBe(3);
  });
});

