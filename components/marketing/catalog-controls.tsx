import Link from 'next/link';
import type { BillingCycle } from '@/db/schema/storefront';
import { CYCLE_LABELS } from '@/lib/catalog/public/display';
import type { PublicCurrency } from '@/lib/catalog/public/list-enabled-currencies';

/**
 * Currency picker (a GET form) and billing-cycle toggle (links): both only change the query string, so they work
 * without JavaScript and every view has its own URL.
 */
export function CatalogControls(props: { path: string; currencies: PublicCurrency[]; currency: string; cycle: BillingCycle; cycles: BillingCycle[] }) {
  const href = (cycle: BillingCycle) => `${props.path}?${new URLSearchParams({ currency: props.currency, cycle }).toString()}`;
  return (
    <div className="mt-8 flex flex-wrap items-end justify-between gap-6">
      {props.cycles.length > 1 ? (
        <nav aria-label="Billing cycle">
          <ul className="flex flex-wrap rounded-lg border border-slate-200 bg-white p-1 text-sm shadow-sm">
            {props.cycles.map((c) => (
              <li key={c}>
                <Link
                  href={href(c)}
                  aria-current={c === props.cycle ? 'true' : undefined}
                  className={
                    c === props.cycle ? 'block rounded-md bg-[var(--brand)] px-3 py-1.5 font-medium text-white' : 'block rounded-md px-3 py-1.5 text-slate-700 hover:bg-slate-100'
                  }
                >
                  {CYCLE_LABELS[c]}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : (
        <span />
      )}
      {props.currencies.length > 1 ? (
        <form method="get" action={props.path} className="flex items-end gap-2 text-sm">
          <input type="hidden" name="cycle" value={props.cycle} />
          <label className="flex flex-col gap-1">
            <span className="font-medium text-slate-700">Currency</span>
            <select name="currency" defaultValue={props.currency} className="rounded border border-slate-300 bg-white px-3 py-1.5">
              {props.currencies.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.code} — {c.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-100">
            Show prices
          </button>
        </form>
      ) : null}
    </div>
  );
}
