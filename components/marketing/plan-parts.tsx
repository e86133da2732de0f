import type { BillingCycle } from '@/db/schema/storefront';
import { CYCLE_SUFFIXES, choosePrice, formatPrice, orderPath } from '@/lib/catalog/public/display';
import type { CatalogPlan } from '@/lib/catalog/public/get-group-catalog';
import type { PublicCurrency } from '@/lib/catalog/public/list-enabled-currencies';

/** What a plan card or table row needs besides the plan. `accountUrl` is null when the storefront has no account host. */
export interface PlanView {
  currency: PublicCurrency;
  cycle: BillingCycle;
  accountUrl: string | null;
}

/** The plan's price in the requested cycle (or its fallback), its per-cycle suffix and any setup fee. */
export function PlanPrice({ plan, view, compact = false }: { plan: CatalogPlan; view: PlanView; compact?: boolean }) {
  const price = choosePrice(plan.prices, view.cycle);
  if (!price) return null;
  return (
    <div>
      <p>
        <span className={compact ? 'font-semibold' : 'text-3xl font-bold tracking-tight'}>{formatPrice(price, view.currency)}</span>{' '}
        <span className="text-sm text-slate-500">{CYCLE_SUFFIXES[price.cycle]}</span>
      </p>
      {price.setupFeeMinor > 0 ? (
        <p className="text-sm text-slate-500">+ {formatPrice({ amountMinor: price.setupFeeMinor }, view.currency)} setup fee</p>
      ) : null}
    </div>
  );
}

export function StockNote({ stock }: { stock: number | null }) {
  if (stock === null || stock > 3) return null;
  if (stock === 0) return <span className="inline-block rounded-full bg-red-50 px-2.5 py-0.5 text-xs font-medium text-red-700 ring-1 ring-red-200">Out of stock</span>;
  return <span className="inline-block rounded-full bg-amber-50 px-2.5 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-amber-200">Only {stock} left</span>;
}

/** Links to the customer area's order page; nothing when the plan is out of stock. */
export function OrderLink({ plan, view }: { plan: CatalogPlan; view: PlanView }) {
  const price = choosePrice(plan.prices, view.cycle);
  if (plan.stock === 0 || !price || !view.accountUrl) return null;
  return (
    <a
      href={`${view.accountUrl}${orderPath(plan.slug, price.cycle, view.currency.code)}`}
      className="inline-block rounded bg-[var(--brand)] px-4 py-2 text-center text-sm font-medium text-white hover:opacity-90"
    >
      Order<span className="sr-only"> {plan.name}</span>
    </a>
  );
}
