import { and, count, eq } from 'drizzle-orm';
import type { SfDb } from '@/lib/db/connection';
import { GATEWAY_IDS, GATEWAY_STAFF_NAMES, gatewayDefinition } from '@/lib/payments/registry';
import { getBrandingSettings } from '@/lib/settings/branding-settings';
import { getPaymentSettings } from '@/lib/settings/payment-settings';
import { planPrices, plans, productGroups } from '@/db/schema/storefront';

export interface ChecklistItem {
  key: 'branding' | 'prices' | 'payment_gateway' | 'first_product';
  label: string;
  hint: string;
  done: boolean;
  /** The admin page that does it. */
  href: string;
}

/**
 * A reseller owner's first steps, each checked from the storefront's real state rather than ticked by hand:
 * a logo uploaded, a plan with a price, a payment gateway with the reseller's own keys (the sandbox stand-in does
 * not count), and an active plan with a price in a visible group. Only items whose page exists are listed.
 */
export async function getOnboardingChecklist(db: SfDb): Promise<ChecklistItem[]> {
  const one = async (q: Promise<{ n: number }[]>) => Number((await q)[0]?.n ?? 0) > 0;
  const [branding, payments, priced, live] = await Promise.all([
    getBrandingSettings(db),
    getPaymentSettings(db),
    one(db.select({ n: count() }).from(planPrices)),
    one(
      db
        .select({ n: count() })
        .from(plans)
        .innerJoin(productGroups, and(eq(productGroups.id, plans.groupId), eq(productGroups.hidden, false)))
        .innerJoin(planPrices, eq(planPrices.planId, plans.id))
        .where(eq(plans.status, 'active')),
    ),
  ]);
  const gateway = GATEWAY_IDS.some((id) => gatewayDefinition(id).hasKeys(payments[id]));
  return [
    { key: 'branding', label: 'Brand your storefront', hint: 'Upload your logo for invoices and emails.', done: branding.logo !== null, href: '/settings/branding' },
    { key: 'prices', label: 'Set your prices', hint: 'Give a plan its price in the currencies you sell in.', done: priced, href: '/catalog' },
    { key: 'payment_gateway', label: 'Connect a payment gateway', hint: `Enter your own ${GATEWAY_STAFF_NAMES} keys, so customers pay you.`, done: gateway, href: '/settings/payments' },
    { key: 'first_product', label: 'Put your first product live', hint: 'An active plan with a price, in a visible product group.', done: live, href: '/catalog' },
  ];
}
