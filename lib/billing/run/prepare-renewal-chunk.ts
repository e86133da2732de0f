import { and, eq } from 'drizzle-orm';
import { customers } from '@/db/schema/storefront';
import { idIn } from '@/lib/db/id-in';
import type { SfDb } from '@/lib/db/connection';
import { pricingCustomersOf } from '@/lib/pricing/pricing-context';
import { refreshVatStandings } from '@/lib/tax/refresh-vat-standings';
import type { PassContext } from './context';
import { lockDueServices } from './renewal-lock';
import { renewalOptionsOf } from './renewal-options';
import { invoicedPeriods, periodEnds } from './renewal-periods';
import { carriedCoupons, planGroupsOf, priceGroups } from './renewal-prices';
import type { DueService, PreparedChunk } from './renewal-rows';
import { taxByCustomer } from './renewal-tax';

/**
 * Reads and prices a chunk of groups (one customer's services due on one date each). With `lock` it runs in the
 * writing transaction and locks the service rows; without, it runs ahead of it on the pool, and the transaction
 * later checks under lock that every row is still exactly as priced (see unchangedUnderLock).
 */
export async function prepareGroups(ctx: PassContext, db: SfDb, groups: DueService[][], lock: boolean): Promise<PreparedChunk> {
  const all = groups.flat();
  const read = await db.select().from(customers).where(and(idIn(customers.id, [...new Set(all.map((s) => s.customerId))]), eq(customers.status, 'active')));
  // VIES is asked only ahead of the transaction, and only about stale numbers that could be reverse charged; under
  // lock the rows read again carry what that check stored.
  const people = lock ? read : (await refreshVatStandings(db, read, { commerce: ctx.commerce, actor: ctx.actor, now: ctx.at, storefrontId: ctx.storefrontId, breaker: ctx.vies })).people;
  const personById = new Map(people.map((c) => [c.id, c]));
  // Ahead of the transaction the batch's own rows are priced (the transaction compares them under lock); under
  // lock they are read again, as a payment or another pass may have moved them since the batch was read.
  const current = lock ? await lockDueServices(db, all.map((s) => s.id)) : all;
  const fresh = new Map(current.map((s) => [s.id, s]));
  const done = await invoicedPeriods(db, current);
  const groupOf = await planGroupsOf(db, current);
  const couponOf = await carriedCoupons(db, [...new Set(current.flatMap((s) => s.coupons.map((c) => c.couponId)))]);
  const optionsOf = await renewalOptionsOf(db, current);
  const pricingOf = await pricingCustomersOf(db, people, ctx.at);
  const taxOf = taxByCustomer(ctx, people, pricingOf);
  const invoices = priceGroups(ctx, groups, { personById, fresh, done, groupOf, couponOf, optionsOf, pricingOf, taxOf, periodOf: periodEnds() });
  return { groups, seen: new Map(current.map((svc) => [svc.id, { service: svc, invoiced: done.has(`${svc.id}|${svc.nextDueOn}`) }])), invoices };
}
