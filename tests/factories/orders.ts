import { desc, eq } from 'drizzle-orm';
import { customers, invoices, provisioningRequests, services } from '@/db/schema/storefront';
import type { CartItem } from '@/lib/cart/schemas';
import { createCustomer } from '@/lib/customers/create-customer';
import type { StorefrontDb } from '@/lib/db/connection';
import { recordInvoicePayment } from '@/lib/invoices/record-invoice-payment';
import { placeOrder } from '@/lib/orders/place-order';

const system = { type: 'system' as const, label: 'test' };

/**
 * A new customer orders one item and pays its invoice by bank transfer: the service goes active and, for a plan with
 * a module, a provision request is queued.
 */
export async function orderAndPayByBank(db: StorefrontDb, storefrontId: number, opts: { email: string; name: string; password: string; item: CartItem }) {
  const c = await createCustomer(db, { input: { email: opts.email, name: opts.name, password: opts.password, country: 'DE', currency: 'EUR' }, actor: system });
  const placed = await placeOrder(db, { storefrontId, customerId: c.id, cart: { currency: 'EUR', country: null, items: [{ id: 'a', item: opts.item }], couponCodes: [] }, ip: null, actor: system, now: new Date() });
  await db.transaction(async (tx) => {
    const [inv] = await tx.select().from(invoices).where(eq(invoices.publicId, placed.invoicePublicId));
    await recordInvoicePayment(tx, { invoiceId: inv!.id, method: 'bank_transfer', currency: 'EUR', amountMinor: inv!.totalMinor, reference: 'test', actor: system, now: new Date() });
  });
  const [svc] = await db.select().from(services).where(eq(services.customerId, c.id));
  const [request] = await db.select().from(provisioningRequests).where(eq(provisioningRequests.serviceId, svc!.id)).orderBy(desc(provisioningRequests.id));
  const [customer] = await db.select({ publicId: customers.publicId }).from(customers).where(eq(customers.id, c.id));
  return { customerId: c.id, customerPublicId: customer!.publicId, service: svc!, requestId: request?.id ?? null };
}
