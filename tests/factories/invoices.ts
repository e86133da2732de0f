import { eq } from 'drizzle-orm';
import { customers, invoices, type FrozenTax, type Invoice } from '@/db/schema/storefront';
import type { StorefrontDb } from '@/lib/db/connection';
import { issueInvoice, type NewInvoiceLine } from '@/lib/invoices/issue-invoice';
import { getCommerceSettings } from '@/lib/settings/commerce-settings';

export const VAT_19: FrozenTax = { ruleId: null, name: 'VAT', country: 'DE', region: '', rateMilliPercent: 19_000, basis: 'standard' };
export const UNTAXED: FrozenTax = { ruleId: null, name: 'Not taxable', country: 'DE', region: '', rateMilliPercent: 0, basis: 'none' };
export const REVERSE_CHARGE: FrozenTax = { ruleId: null, name: 'VAT reverse charge', country: 'FR', region: '', rateMilliPercent: 0, basis: 'reverse_charge' };

/**
 * An issued (unpaid) invoice with exactly these lines, numbered from the shop's series the way the billing engine
 * issues one: for tests that need hand-picked amounts and tax rather than what the catalogue prices.
 */
export async function issueTestInvoice(db: StorefrontDb, opts: { customerId: number; lines: NewInvoiceLine[]; reverseCharge?: boolean; currency?: string }): Promise<Invoice> {
  const [customer] = await db.select().from(customers).where(eq(customers.id, opts.customerId));
  if (!customer) throw new Error(`no customer ${opts.customerId}`);
  const settings = await getCommerceSettings(db);
  const issued = await db.transaction((tx) => issueInvoice(tx, { customer, currency: opts.currency ?? 'EUR', lines: opts.lines, reverseCharge: opts.reverseCharge ?? false, settings, now: new Date(), dueInDays: 14 }));
  const [row] = await db.select().from(invoices).where(eq(invoices.id, issued.id));
  return row!;
}
