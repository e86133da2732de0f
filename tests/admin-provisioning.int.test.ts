import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq, gt, max } from 'drizzle-orm';
import { auditLog, panels, services } from '@/db/schema/storefront';
import { staffServiceAction } from '@/lib/billing/staff-service-action';
import { createCustomer } from '@/lib/customers/create-customer';
import { createPaidService } from '@/lib/orders/create-paid-service';
import { changeDueDate } from '@/lib/provisioning/admin/change-due-date';
import { editPanelRef } from '@/lib/provisioning/admin/edit-panel-ref';
import { listAdminServicePage, parseAdminServiceFilter } from '@/lib/provisioning/admin/list-services';
import { panelFormFields, panelFormValues } from '@/lib/provisioning/admin/panel-form-fields';
import { setPanelEnabled } from '@/lib/provisioning/admin/set-panel-enabled';
import { createPanel } from '@/lib/provisioning/panels';
import { PROVISIONING_MODULES } from '@/lib/provisioning/registry';
import { setupShop, type Shop } from './factories/shop';
import { appErrorFields, expectAppError } from './helpers/expect-app-error';

let shop: Shop;
const system = { type: 'system' as const, label: 'test' };
const staff = { type: 'staff' as const, id: 1, label: 'boss@example.com' };
const svc: Record<'vps' | 'web' | 'vps2', { id: number; publicId: string }> = {} as never;
let panelPublicId: string;

async function serviceFor(email: string, planSlug: string) {
  const created = await createPaidService(shop.db, { storefrontId: shop.storefrontId, customerEmail: email, planSlug, cycle: 'monthly', start: new Date('2026-03-01T00:00:00Z'), actor: system });
  const [row] = await shop.db.select({ id: services.id, publicId: services.publicId }).from(services).where(eq(services.publicId, created.servicePublicId));
  return row!;
}

/** Audit rows of this test only. */
let auditedBefore = 0;
const auditRows = (action: string, targetId: string) =>
  shop.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.targetId, targetId), gt(auditLog.id, auditedBefore)));

/** The three services and the panel as beforeAll left them, put back before each test. */
let firstServices: (typeof services.$inferSelect)[] = [];
let firstPanels: (typeof panels.$inferSelect)[] = [];

beforeAll(async () => {
  shop = await setupShop();
  for (const [email, name] of [
    ['ada@example.com', 'Ada Admin'],
    ['bob@example.com', 'Bob Builder'],
  ]) {
    await createCustomer(shop.db, { input: { email: email!, name: name!, password: 'Correct-Horse-42', country: 'DE', currency: 'EUR' }, actor: system });
  }
  svc.vps = await serviceFor('ada@example.com', 'vps-starter');
  svc.web = await serviceFor('bob@example.com', 'web-starter');
  svc.vps2 = await serviceFor('bob@example.com', 'vps-standard');
  const panel = await createPanel(shop.db, { module: 'virtfusion', name: 'VF One', url: 'https://vf.example.com', credentials: { apiToken: 'secret-token-123' } }, staff);
  panelPublicId = panel.publicId;
  await shop.db.update(services).set({ panelId: panel.id, panelRef: '41', provisioningStatus: 'failed', provisioningError: 'boom' }).where(eq(services.id, svc.vps.id));
  firstServices = await shop.db.select().from(services);
  firstPanels = await shop.db.select().from(panels);
});
// Each test starts from the same services (Ada's failed VPS on the panel as 41, Bob's web and VPS both active) and an
// enabled panel, whatever another test edited, terminated or switched off.
beforeEach(async () => {
  await shop.db.delete(services);
  await shop.db.insert(services).values(firstServices);
  await shop.db.delete(panels);
  await shop.db.insert(panels).values(firstPanels);
  auditedBefore = Number((await shop.db.select({ id: max(auditLog.id) }).from(auditLog))[0]?.id ?? 0);
});
afterAll(async () => {
  await shop?.t.cleanup();
});

describe('admin services list', () => {
  const ids = async (params: Record<string, string>, pageSize?: number) => {
    const { filter, problems } = parseAdminServiceFilter(params);
    expect(problems).toEqual([]);
    const page = await listAdminServicePage(shop.db, filter, pageSize);
    return page.rows.map((r) => r.publicId);
  };

  it('filters by type, status, provisioning status, module, panel and customer', async () => {
    expect(await ids({ type: 'vps' })).toEqual([svc.vps2.publicId, svc.vps.publicId]);
    expect(await ids({ type: 'web_hosting' })).toEqual([svc.web.publicId]);
    expect(await ids({ module: 'enhance' })).toEqual([svc.web.publicId]);
    expect(await ids({ provisioning: 'failed' })).toEqual([svc.vps.publicId]);
    expect(await ids({ panel: panelPublicId.toUpperCase() })).toEqual([svc.vps.publicId]);
    expect(await ids({ customer: 'bob@' })).toEqual([svc.vps2.publicId, svc.web.publicId]);
    expect(await ids({ customer: 'Ada', type: 'web_hosting' })).toEqual([]);
    expect(await ids({ status: 'active', customer: '100%_' })).toEqual([]);
    const [row] = (await listAdminServicePage(shop.db, { page: 1, panel: panelPublicId })).rows;
    expect(row).toMatchObject({ panelName: 'VF One', panelRef: '41', module: 'virtfusion', serviceType: 'vps', customerEmail: 'ada@example.com', provisioningError: 'boom' });
  });

  it('pages, and reports a bad filter instead of failing', async () => {
    const first = await listAdminServicePage(shop.db, { page: 1 }, 2);
    const second = await listAdminServicePage(shop.db, { page: 2 }, 2);
    expect([first.rows.length, first.hasNext, second.rows.length, second.hasNext]).toEqual([2, true, 1, false]);
    const { filter, problems } = parseAdminServiceFilter({ type: 'toaster', module: 'solusvm', panel: 'x', status: 'active', page: '0' });
    expect(filter).toEqual({ page: 1, status: 'active' });
    expect(problems).toHaveLength(4);
  });
});

describe('edit panel id', () => {
  it('validates, records the change with before and after, and clears on blank', async () => {
    expect(await appErrorFields(editPanelRef(shop.db, { input: { serviceId: svc.vps.id, panelRef: 'has space' }, actor: staff }))).toHaveProperty('panelRef');
    expect(await appErrorFields(editPanelRef(shop.db, { input: { serviceId: svc.vps.id, panelRef: 'x'.repeat(256) }, actor: staff }))).toHaveProperty('panelRef');
    await expectAppError(editPanelRef(shop.db, { input: { serviceId: 999999, panelRef: '1' }, actor: staff }), 'not_found');

    await expect(editPanelRef(shop.db, { input: { serviceId: svc.vps.id, panelRef: ' 42 ' }, actor: staff })).resolves.toEqual({ changed: true, panelRef: '42' });
    await expect(editPanelRef(shop.db, { input: { serviceId: svc.vps.id, panelRef: '42' }, actor: staff })).resolves.toEqual({ changed: false, panelRef: '42' });
    const audits = await auditRows('service.panel_ref_changed', svc.vps.publicId);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorType: 'staff', actorLabel: 'boss@example.com', before: { panelRef: '41' }, after: { panelRef: '42' } });

    await expect(editPanelRef(shop.db, { input: { serviceId: svc.vps.id, panelRef: '' }, actor: staff })).resolves.toEqual({ changed: true, panelRef: null });
    const [row] = await shop.db.select({ panelRef: services.panelRef }).from(services).where(eq(services.id, svc.vps.id));
    expect(row!.panelRef).toBeNull();
  });
});

describe('change next due date', () => {
  it('validates the date, moves the anchor day with it, audits, and refuses a service that is over', async () => {
    expect(await appErrorFields(changeDueDate(shop.db, { input: { serviceId: svc.web.id, nextDueOn: '2026-02-30' }, actor: staff }))).toHaveProperty('nextDueOn');
    expect(await appErrorFields(changeDueDate(shop.db, { input: { serviceId: svc.web.id, nextDueOn: 'next week' }, actor: staff }))).toHaveProperty('nextDueOn');
    const [before] = await shop.db.select({ nextDueOn: services.nextDueOn }).from(services).where(eq(services.id, svc.web.id));

    await expect(changeDueDate(shop.db, { input: { serviceId: svc.web.id, nextDueOn: '2026-05-15' }, actor: staff })).resolves.toEqual({ changed: true, nextDueOn: '2026-05-15' });
    const [after] = await shop.db.select({ nextDueOn: services.nextDueOn, anchorDay: services.anchorDay }).from(services).where(eq(services.id, svc.web.id));
    expect(after).toEqual({ nextDueOn: '2026-05-15', anchorDay: 15 });
    const audits = await auditRows('service.due_date_changed', svc.web.publicId);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorType: 'staff', before: { nextDueOn: before!.nextDueOn }, after: { nextDueOn: '2026-05-15', anchorDay: 15 } });
    await expect(changeDueDate(shop.db, { input: { serviceId: svc.web.id, nextDueOn: '2026-05-15' }, actor: staff })).resolves.toMatchObject({ changed: false });

    await staffServiceAction(shop.db, { input: { serviceId: svc.vps2.id, action: 'terminate', note: 'test terminate' }, actor: staff });
    await expectAppError(changeDueDate(shop.db, { input: { serviceId: svc.vps2.id, nextDueOn: '2026-06-01' }, actor: staff }), 'conflict', /terminated/);
    await expectAppError(changeDueDate(shop.db, { input: { serviceId: 999999, nextDueOn: '2026-06-01' }, actor: staff }), 'not_found');
    expect(await auditRows('service.due_date_changed', svc.vps2.publicId)).toHaveLength(0);
  });
});

describe('panel enable/disable', () => {
  it('toggles once per change and audits each change', async () => {
    await expect(setPanelEnabled(shop.db, { panelPublicId, enabled: false, actor: staff })).resolves.toEqual({ changed: true });
    await expect(setPanelEnabled(shop.db, { panelPublicId, enabled: false, actor: staff })).resolves.toEqual({ changed: false });
    const [row] = await shop.db.select({ enabled: panels.enabled }).from(panels).where(eq(panels.publicId, panelPublicId));
    expect(row!.enabled).toBe(false);
    await expect(setPanelEnabled(shop.db, { panelPublicId, enabled: true, actor: staff })).resolves.toEqual({ changed: true });
    expect(await auditRows('panel.disabled', panelPublicId)).toHaveLength(1);
    const enabled = await auditRows('panel.enabled', panelPublicId);
    expect(enabled).toHaveLength(1);
    expect(enabled[0]).toMatchObject({ actorLabel: 'boss@example.com', before: { enabled: false }, after: { enabled: true } });
    await expectAppError(setPanelEnabled(shop.db, { panelPublicId: 'pnl_nope', enabled: true, actor: staff }), 'not_found');
  });
});

describe('panel form fields', () => {
  it('reads the module schemas: credentials as secrets, boolean options with their defaults', () => {
    const ptero = panelFormFields(PROVISIONING_MODULES.pterodactyl);
    expect(ptero.credentials).toEqual([
      { key: 'applicationKey', kind: 'secret', optional: false, defaultOn: false },
      { key: 'clientKey', kind: 'secret', optional: true, defaultOn: false },
    ]);
    expect(ptero.options).toContainEqual({ key: 'startOnCompletion', kind: 'boolean', optional: true, defaultOn: true });
    const form: Record<string, string> = { cred_applicationKey: 'ptla_abcdefgh', cred_clientKey: '', opt_startOnCompletion: 'on' };
    expect(panelFormValues(PROVISIONING_MODULES.pterodactyl, (n) => form[n])).toEqual({ credentials: { applicationKey: 'ptla_abcdefgh' }, options: { startOnCompletion: true, forceDelete: false } });
    expect(panelFormFields(PROVISIONING_MODULES.enhance).options).toEqual([{ key: 'organizationId', kind: 'text', optional: false, defaultOn: false }]);
  });
});
