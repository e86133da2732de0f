import Link from 'next/link';
import type { GroupCatalog } from '@/lib/catalog/public/get-group-catalog';
import { OrderLink, PlanPrice, StockNote, type PlanView } from './plan-parts';

/** One group's plans side by side: a real table with column and row headers. */
export function PlanComparisonTable({ catalog, view }: { catalog: GroupCatalog; view: PlanView }) {
  const headingId = `group-${catalog.group.slug}`;
  const query = new URLSearchParams({ currency: view.currency.code, cycle: view.cycle }).toString();
  return (
    <section aria-labelledby={headingId} className="mt-12">
      <div className="flex items-baseline justify-between gap-4">
        <h2 id={headingId} className="text-2xl font-semibold">
          {catalog.group.name}
        </h2>
        <Link href={`/products/${catalog.group.slug}?${query}`} className="text-sm text-[var(--brand)] hover:underline">
          More about {catalog.group.name}
        </Link>
      </div>
      {catalog.group.description ? <p className="mt-1 text-sm text-slate-600">{catalog.group.description}</p> : null}
      {catalog.plans.length === 0 ? (
        <p className="mt-4 text-sm text-slate-600">No plans are on sale in {view.currency.code} right now.</p>
      ) : (
        <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{catalog.group.name} plans compared</caption>
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">
                  Plan
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Includes
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Locations
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Price
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  <span className="sr-only">Order</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {catalog.plans.map((plan) => (
                <tr key={plan.id} className="align-top">
                  <th scope="row" className="px-4 py-3 font-semibold">
                    {plan.name}
                    <div className="mt-1 font-normal">
                      <StockNote stock={plan.stock} />
                    </div>
                  </th>
                  <td className="px-4 py-3 text-slate-700">{plan.features.join(' · ')}</td>
                  <td className="px-4 py-3 text-slate-700">{plan.locations.map((l) => l.name).join(', ') || '—'}</td>
                  <td className="px-4 py-3 whitespace-nowrap">
                    <PlanPrice plan={plan} view={view} compact />
                  </td>
                  <td className="px-4 py-3 text-right">{plan.stock === 0 ? <span className="text-slate-500">Unavailable</span> : <OrderLink plan={plan} view={view} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
