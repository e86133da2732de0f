import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { auditLog, panels, plans, services } from '@/db/schema/storefront';
import { createCustomer } from '@/lib/customers/create-customer';
import { AppError } from '@/lib/errors/app-error';
import { createPaidService } from '@/lib/orders/create-paid-service';
import { createPanel, deletePanel, getPanelOrThrow, panelConnection, updatePanel } from '@/lib/provisioning/panels';
import { setupShop, type Shop } from './factories/shop';
import { appErrorFields, expectAppError } from './helpers/expect-app-error';

let shop: Shop;
const system = { type: 'system' as const, label: 'test' };
const staff = { type: 'staff' as const, id: 1, label: 'boss@example.com' };
const APP_KEY = 'ptla_original-app-key';
const CLIENT_KEY = 'ptlc_original-client-key';
const NEW_CLIENT_KEY = 'ptlc_rotated-client-key';

const auditRows = (action: string, targetId: string) => shop.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.targetId, targetId)));
/** The message deletePanel refuses with (a conflict). */
async function refusal(panelPublicId: string): Promise<string> {
  const err = await deletePanel(shop.db, panelPublicId, staff).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('conflict');
  return (err as AppError).message;
}
const newPtero = (name: string) =>
  createPanel(shop.db, { module: 'pterodactyl', name, url: 'https://ptero.example.com', credentials: { applicationKey: APP_KEY, clientKey: CLIENT_KEY } }, staff);

beforeAll(async () => {
  shop = await setupShop();
  await createCustomer(shop.db, { input: { email: 'ada@example.com', name: 'Ada Admin', password: 'Correct-Horse-42', country: 'DE', currency: 'EUR' }, actor: system });
});
afterAll(async () => {
  await shop?.t.cleanup();
});

describe('updatePanel', () => {
  it('keeps a blank credential, replaces a typed one, and audits names without secret values', async () => {
    const panel = await newPtero('Ptero One');
    const res = await updatePanel(
      shop.db,
      panel.publicId,
      { name: 'Ptero Uno', url: 'https://ptero2.example.com/', groupKey: 'eu', capacity: 50, sortOrder: 3, credentials: { applicationKey: '', clientKey: NEW_CLIENT_KEY }, options: { startOnCompletion: false } },
      staff,
    );
    expect(res.changed).toEqual(['name', 'url', 'groupKey', 'capacity', 'sortOrder', 'options.startOnCompletion', 'credentials.clientKey']);
    const row = await getPanelOrThrow(shop.db, panel.publicId);
    expect(row).toMatchObject({ module: 'pterodactyl', name: 'Ptero Uno', groupKey: 'eu', capacity: 50, sortOrder: 3, options: { startOnCompletion: false, forceDelete: false } });
    expect(panelConnection(row).credentials).toEqual({ applicationKey: APP_KEY, clientKey: NEW_CLIENT_KEY });

    const [audit, ...more] = await auditRows('panel.updated', panel.publicId);
    expect(more).toHaveLength(0);
    expect(audit!.after).toEqual({ changed: ['name', 'url', 'groupKey', 'capacity', 'sortOrder', 'options.startOnCompletion'], credentials: { clientKey: 'changed' } });
    const logged = JSON.stringify([audit!.before, audit!.after]);
    for (const secret of [APP_KEY, CLIENT_KEY, NEW_CLIENT_KEY]) expect(logged).not.toContain(secret);
  });

  it('validates options, credentials and plain fields with field errors, changing nothing', async () => {
    const panel = await newPtero('Ptero Two');
    expect(await appErrorFields(updatePanel(shop.db, panel.publicId, { options: { forceDelete: 'yes' } }, staff))).toHaveProperty('forceDelete');
    expect(await appErrorFields(updatePanel(shop.db, panel.publicId, { credentials: { applicationKey: 'nope' } }, staff))).toHaveProperty('applicationKey');
    expect(await appErrorFields(updatePanel(shop.db, panel.publicId, { name: ' ', url: 'ftp://x.example.com' }, staff))).toEqual({ name: expect.any(Array), url: expect.any(Array) });
    const row = await getPanelOrThrow(shop.db, panel.publicId);
    expect(row.name).toBe('Ptero Two');
    expect(panelConnection(row).credentials).toEqual({ applicationKey: APP_KEY, clientKey: CLIENT_KEY });
    expect(await auditRows('panel.updated', panel.publicId)).toHaveLength(0);
    await expectAppError(updatePanel(shop.db, 'pnl_missing', { name: 'x' }, staff), 'not_found');
  });

  it('writes nothing when nothing changed, even when a secret is retyped as it was', async () => {
    const panel = await newPtero('Ptero Three');
    const res = await updatePanel(
      shop.db,
      panel.publicId,
      { name: 'Ptero Three', url: panel.url, groupKey: '', capacity: null, sortOrder: 0, credentials: { applicationKey: '', clientKey: CLIENT_KEY }, options: { startOnCompletion: true, forceDelete: false } },
      staff,
    );
    expect(res.changed).toEqual([]);
    const row = await getPanelOrThrow(shop.db, panel.publicId);
    expect(row.credentials).toBe(panel.credentials);
    expect(row.updatedAt).toEqual(panel.updatedAt);
    expect(await auditRows('panel.updated', panel.publicId)).toHaveLength(0);
  });
});

describe('deletePanel', () => {
  it('refuses while a live service runs on the panel, and deletes it once none does', async () => {
    const panel = await newPtero('Ptero Busy');
    const created = await createPaidService(shop.db, { storefrontId: shop.storefrontId, customerEmail: 'ada@example.com', planSlug: 'vps-starter', cycle: 'monthly', start: new Date('2026-03-01T00:00:00Z'), actor: system });
    await shop.db.update(services).set({ panelId: panel.id, status: 'suspended' }).where(eq(services.publicId, created.servicePublicId));

    await expectAppError(deletePanel(shop.db, panel.publicId, staff), 'conflict', /still runs 1 pending, active or suspended service/);
    expect(await shop.db.select().from(panels).where(eq(panels.id, panel.id))).toHaveLength(1);
    expect(await auditRows('panel.deleted', panel.publicId)).toHaveLength(0);

    await shop.db.update(services).set({ status: 'terminated' }).where(eq(services.publicId, created.servicePublicId));
    await deletePanel(shop.db, panel.publicId, staff);
    expect(await shop.db.select().from(panels).where(eq(panels.id, panel.id))).toHaveLength(0);
    const [audit] = await auditRows('panel.deleted', panel.publicId);
    expect(audit!.before).toMatchObject({ module: 'pterodactyl', name: 'Ptero Busy' });
    expect(JSON.stringify(audit!.before)).not.toContain(APP_KEY);
    await expectAppError(deletePanel(shop.db, panel.publicId, staff), 'not_found');
  });

  it('refuses while plans place new services on the panel, naming up to five, and deletes it once none does', async () => {
    const panel = await newPtero('Ptero Placed');
    const other = await newPtero('Ptero Other');
    const all = await shop.db.select().from(plans).orderBy(asc(plans.name));
    const original = new Map(all.map((p) => [p.id, { provisioningModule: p.provisioningModule, moduleSettings: p.moduleSettings }]));
    const place = (ids: number[], module: string, panelId: number) =>
      Promise.all(ids.map((id) => shop.db.update(plans).set({ provisioningModule: module, moduleSettings: { ...original.get(id)!.moduleSettings, panelId } }).where(eq(plans.id, id))));
    const [six, [otherModule, otherPanel, grouped]] = [all.slice(0, 6), all.slice(6, 9)];
    try {
      await place(six.map((p) => p.id), 'pterodactyl', panel.id);
      // Neither a plan of another module with the same id, another panel, nor a panel group blocks it.
      await place([otherModule!.id], 'virtfusion', panel.id);
      await place([otherPanel!.id], 'pterodactyl', other.id);
      await shop.db.update(plans).set({ provisioningModule: 'pterodactyl', moduleSettings: { panelGroup: 'eu' } }).where(eq(plans.id, grouped!.id));

      const names = six.slice(0, 5).map((p) => `"${p.name}"`).join(', ');
      expect(await refusal(panel.publicId)).toBe(`Ptero Placed is still the panel of plans ${names} and 1 more. Point them at another panel or panel group first; to stop new services going there, disable the panel instead.`);
      expect(await shop.db.select().from(panels).where(eq(panels.id, panel.id))).toHaveLength(1);

      await shop.db.update(plans).set({ moduleSettings: {} }).where(inArray(plans.id, six.slice(1).map((p) => p.id)));
      expect(await refusal(panel.publicId)).toContain(`is still the panel of plan "${six[0]!.name}". Point it at another panel`);
      expect(await auditRows('panel.deleted', panel.publicId)).toHaveLength(0);

      await shop.db.update(plans).set({ moduleSettings: { panelGroup: 'eu' } }).where(eq(plans.id, six[0]!.id));
      await deletePanel(shop.db, panel.publicId, staff);
      expect(await shop.db.select().from(panels).where(eq(panels.id, panel.id))).toHaveLength(0);
      expect(await refusal(other.publicId)).toContain(`"${otherPanel!.name}"`);
    } finally {
      for (const [id, was] of original) await shop.db.update(plans).set(was).where(eq(plans.id, id));
    }
  });
});
