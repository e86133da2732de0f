import type { CatalogPlan } from '@/lib/catalog/public/get-group-catalog';
import { OrderLink, PlanPrice, StockNote, type PlanView } from './plan-parts';

export function PlanCard({ plan, view }: { plan: CatalogPlan; view: PlanView }) {
  const headingId = `plan-${plan.slug}`;
  return (
    <article aria-labelledby={headingId} className="flex flex-col rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <div className="flex items-start justify-between gap-3">
        <h2 id={headingId} className="text-lg font-semibold">
          {plan.name}
        </h2>
        <StockNote stock={plan.stock} />
      </div>
      {plan.description ? <p className="mt-2 text-sm text-slate-600">{plan.description}</p> : null}
      <div className="mt-4">
        <PlanPrice plan={plan} view={view} />
      </div>
      <ul className="mt-4 flex-1 space-y-1.5 text-sm text-slate-700">
        {plan.features.map((f) => (
          <li key={f} className="flex gap-2">
            <span aria-hidden="true" className="text-[var(--brand)]">
              ✓
            </span>
            {f}
          </li>
        ))}
      </ul>
      {plan.locations.length ? <p className="mt-4 text-xs text-slate-500">Available in {plan.locations.map((l) => l.name).join(', ')}</p> : null}
      {plan.trialDays > 0 ? <p className="mt-1 text-xs text-slate-500">{plan.trialDays}-day free trial</p> : null}
      <div className="mt-5">
        {plan.stock === 0 ? <p className="text-sm text-slate-500">Currently unavailable — check back soon.</p> : <OrderLink plan={plan} view={view} />}
      </div>
    </article>
  );
}
