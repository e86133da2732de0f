// Measures the checkout path and prints figures (timings are printed, never asserted):
//  1. the pricing engine alone: priceOrder calls/s for a VPS with options, two stacked coupons and EU VAT;
//  2. placing orders end to end (catalog lookup, the same two coupons, stock, order, services, numbered invoice,
//     audit, outbox) with BENCH_CONCURRENCY checkouts at once: orders/s and the p50/p95 latency of one checkout.
// The demo catalog's SAVE5 (fixed, stackable) is joined by BENCH10 (10 %, stackable), created here: the catalog's
// other coupon, WELCOME10, does not stack. Before timing, both parts check that the two coupons really apply.
// Usage: npx tsx bench/checkout.ts (BENCH_ORDERS=500, BENCH_CONCURRENCY=20). Own databases and Redis prefix, dropped afterwards.
import { benchEnv } from './bench-env';

const bench = benchEnv();
const ORDERS = Number(process.env.BENCH_ORDERS ?? 500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);

const { migrateAll } = await import('@/lib/tenancy/migrate-all');
const { createStorefront } = await import('@/lib/tenancy/create-storefront');
const { openStorefrontDb } = await import('@/lib/tenancy/storefront-pools');
const { seedTestCatalog, planOrThrow, vpsOptions } = await import('@/tests/factories/catalog');
const { createCustomer } = await import('@/lib/customers/create-customer');
const { placeOrder } = await import('@/lib/orders/place-order');
const { priceCart } = await import('@/lib/orders/price-cart');
const { priceOrder } = await import('@/lib/pricing/price-order');
const { createCoupon } = await import('@/lib/coupons/admin/save-coupon');
const { loadCheckoutCoupons } = await import('@/lib/coupons/load-checkout-coupons');
const { invoiceLines, invoices } = await import('@/db/schema/storefront');


await migrateAll();
const sf = await createStorefront({ slug: 'bench', name: 'Bench Hosting', domain: 'bench.test' });
const db = openStorefrontDb(sf);
await seedTestCatalog(db);
const system = { type: 'system' as const, label: 'bench' };
await createCoupon(db, { input: { code: 'BENCH10', description: '10 % off, stacks with others', type: 'percent', percent: '10', stackable: true }, actor: system });
const COUPONS = ['SAVE5', 'BENCH10'];
const plan = await planOrThrow(db, 'vps-standard');
const o = vpsOptions(plan);
const item = {
  planSlug: plan.slug,
  cycle: 'annual' as const,
  locationId: plan.locations[0]!.id,
  options: [
    { optionId: o.os.id, valueId: o.os.values.at(-1)!.id, quantity: 1 },
    { optionId: o.ipv4.id, valueId: null, quantity: 2 },
  ],
  fields: { hostname: 'bench.example.com' },
};
const cart = { currency: 'EUR', country: null, items: [{ id: 'a', item }], couponCodes: COUPONS };

// 1. The engine alone, on inputs resolved once.
const buyer = await createCustomer(db, { input: { email: 'engine@example.com', name: 'Engine', password: 'Correct-Horse-42', country: 'FR', currency: 'EUR' }, actor: system });
const { customers } = await import('@/db/schema/storefront');
const { and, eq } = await import('drizzle-orm');
const [buyerRow] = await db.select().from(customers).where(eq(customers.id, buyer.id));
const priced = await priceCart(db, { cart, customer: buyerRow!, now: new Date() });
const engineInput = {
  kind: 'new_order' as const,
  currency: 'EUR',
  minorDigits: 2,
  date: new Date(),
  items: priced.items.map((i) => i.resolved.priced),
  coupons: (await loadCheckoutCoupons(db, { codes: COUPONS, currency: 'EUR', customerId: buyer.id })).coupons,
  customer: { country: 'FR', region: null, taxId: null, company: null, taxExempt: false, isNew: true, tenureMonths: 0 },
  settings: { taxInclusive: false, sellerCountry: 'DE', sellerRegion: null, taxRules: [{ id: 1, country: 'FR', region: '', name: 'VAT', rateMilliPercent: 20000 }], loyaltyTiers: [] },
};
assertTwoDiscounts('priceOrder', priceOrder(engineInput).lines.filter((l) => l.kind === 'discount').length);
const N = 100_000;
let t0 = performance.now();
for (let i = 0; i < N; i++) priceOrder(engineInput);
const enginePerSec = N / ((performance.now() - t0) / 1000);

// 2. Whole checkouts, CONCURRENCY at a time, each by its own customer; one untimed first, to check its invoice.
const probe = await createCustomer(db, { input: { email: 'probe@example.com', name: 'Probe', password: 'Correct-Horse-42', country: 'DE', currency: 'EUR' }, actor: system });
const placed = await placeOrder(db, { storefrontId: sf.id, customerId: probe.id, cart, ip: null, actor: system });
const probeLines = await db
  .select({ kind: invoiceLines.kind })
  .from(invoiceLines)
  .innerJoin(invoices, eq(invoices.id, invoiceLines.invoiceId))
  .where(and(eq(invoices.publicId, placed.invoicePublicId), eq(invoiceLines.kind, 'discount')));
assertTwoDiscounts('placeOrder', probeLines.length);
const ids: number[] = [];
for (let i = 0; i < ORDERS; i++) {
  ids.push((await createCustomer(db, { input: { email: `b${i}@example.com`, name: `Buyer ${i}`, password: 'Correct-Horse-42', country: 'DE', currency: 'EUR' }, actor: system })).id);
}
const latencies: number[] = [];
let next = 0;
t0 = performance.now();
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < ids.length) {
      const customerId = ids[next++]!;
      const s = performance.now();
      await placeOrder(db, { storefrontId: sf.id, customerId, cart, ip: null, actor: system });
      latencies.push(performance.now() - s);
    }
  }),
);
const totalMs = performance.now() - t0;
bench.stopSampling();
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))]!.toFixed(1);

console.log(`priceOrder calls/s (1 item, 2 options, 2 coupons, VAT): ${Math.round(enginePerSec).toLocaleString('en-US')}`);
console.log(`orders placed/s:                                        ${(ORDERS / (totalMs / 1000)).toFixed(1)} (${ORDERS} orders with ${COUPONS.join(' + ')}, ${CONCURRENCY} at once)`);
console.log(`one checkout p50 / p95:                                 ${pct(50)} ms / ${pct(95)} ms`);
console.log(`peak RSS:                                               ${bench.peakRssMb()} MB`);

await bench.finish();

/** A sanity check of the inputs, not of the timings: both coupons must show as discount lines. */
function assertTwoDiscounts(where: string, discountLines: number): void {
  if (discountLines !== 2) throw new Error(`${where}: expected the two coupons ${COUPONS.join(' and ')} as two discount lines, got ${discountLines}`);
}
