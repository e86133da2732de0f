import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, services } from '@/db/schema/storefront';
import { staffServiceAction } from '@/lib/billing/staff-service-action';
import { createCustomer } from '@/lib/customers/create-customer';
import { createPaidService } from '@/lib/orders/create-paid-service';
import { setupShop, type Shop } from './factories/shop';
import { expectAppError } from './helpers/expect-app-error';

let shop: Shop;
const system = { type: 'system' as const, label: 'test' };
const staff = { type: 'staff' as const, id: 1, label: 'boss@example.com' };

beforeAll(async () => {
  shop = await setupShop();
  await createCustomer(shop.db, { input: { email: 'svc@example.com', name: 'Svc', password: 'Correct-Horse-42', country: 'DE', currency: 'EUR' }, actor: system });
});
afterAll(async () => {
  await shop.t.cleanup();
});

describe('staff actions on a service', () => {
  it('suspends with a reason, unsuspends, cancels; refuses what the state machine forbids and bad input', async () => {
    const created = await createPaidService(shop.db, { storefrontId: shop.storefrontId, customerEmail: 'svc@example.com', planSlug: 'vps-starter', cycle: 'monthly', start: new Date('2026-03-01T00:00:00Z'), actor: system });
    const [svc] = await shop.db.select().from(services).where(eq(services.publicId, created.servicePublicId));
    const act = (input: Parameters<typeof staffServiceAction>[1]['input']) => staffServiceAction(shop.db, { input, actor: staff });

    await expectAppError(act({ serviceId: svc!.id, action: 'suspend', note: 'spam reports' }), 'bad_request');
    await expectAppError(act({ serviceId: svc!.id, action: 'suspend', reason: 'abuse', note: 'x' }), 'bad_request');
    await expect(act({ serviceId: svc!.id, action: 'suspend', reason: 'abuse', note: 'spam reports' })).resolves.toEqual({ status: 'suspended' });
    const [suspended] = await shop.db.select().from(services).where(eq(services.id, svc!.id));
    expect([suspended!.status, suspended!.suspensionReason]).toEqual(['suspended', 'abuse']);
    const [audit] = await shop.db.select().from(auditLog).where(and(eq(auditLog.action, 'service.suspended'), eq(auditLog.targetId, svc!.publicId)));
    expect(audit).toMatchObject({ actorType: 'staff', after: { status: 'suspended', suspensionReason: 'abuse', note: 'spam reports' } });

    await expect(act({ serviceId: svc!.id, action: 'unsuspend', note: 'cleaned up' })).resolves.toEqual({ status: 'active' });
    await expect(act({ serviceId: svc!.id, action: 'cancel', note: 'customer asked by phone' })).resolves.toEqual({ status: 'cancelled' });
    await expectAppError(act({ serviceId: svc!.id, action: 'unsuspend', note: 'too late' }), 'conflict');
    await expectAppError(act({ serviceId: 999999, action: 'cancel', note: 'nothing' }), 'not_found');
  });
});
