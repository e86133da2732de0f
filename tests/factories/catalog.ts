import { eq } from 'drizzle-orm';
import { productGroups } from '@/db/schema/storefront';
import type { StorefrontDb } from '@/lib/db/connection';
import { getPlanForOrder, type OrderPlan } from '@/lib/catalog/public/get-plan-for-order';
import type { CartItem } from '@/lib/cart/schemas';
import { seedCatalog } from '@/lib/setup/seed-catalog';

const GROUPS = ['vps', 'dedicated', 'web-hosting', 'game-servers', 'cloud-desktops', 'software-licenses', 'api-products'];

/** The demo catalog (groups, plans, options, EU VAT rules, coupons) in a test storefront. */
export async function seedTestCatalog(db: StorefrontDb): Promise<void> {
  const [any] = await db.select({ id: productGroups.id }).from(productGroups).where(eq(productGroups.slug, 'vps'));
  if (!any) await db.insert(productGroups).values(GROUPS.map((slug, i) => ({ slug, name: slug, sortOrder: (i + 1) * 10 })));
  await seedCatalog(db);
}

export async function planOrThrow(db: StorefrontDb, slug: string): Promise<OrderPlan> {
  const plan = await getPlanForOrder(db, { slug });
  if (!plan) throw new Error(`no plan ${slug}`);
  return plan;
}

/** The VPS extras by code: OS template, extra IPv4 and backups, with their value ids. */
export function vpsOptions(plan: OrderPlan) {
  const all = plan.optionGroups.flatMap((g) => g.options);
  const byCode = (code: string) => {
    const o = all.find((x) => x.code === code);
    if (!o) throw new Error(`no option ${code}`);
    return o;
  };
  return { os: byCode('os'), ipv4: byCode('extra-ipv4'), backups: byCode('backups') };
}

/** A cart item for one plan: its first location and the first value of every required option, plus typed fields. */
export async function cartItemFor(db: StorefrontDb, slug: string, fields: Record<string, string>, cycle: CartItem['cycle'] = 'monthly'): Promise<CartItem> {
  const plan = await planOrThrow(db, slug);
  const options = plan.optionGroups
    .flatMap((g) => g.options)
    .filter((o) => o.required)
    .map((o) => ({ optionId: o.id, valueId: o.values[0]!.id, quantity: 1 }));
  return { planSlug: slug, cycle, locationId: plan.locations[0]?.id ?? null, options, fields };
}
