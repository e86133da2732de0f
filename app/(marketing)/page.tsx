import Link from 'next/link';
import { MarketingShell } from '@/components/marketing/marketing-shell';
import { requireArea } from '@/lib/auth/request-session';
import { listVisibleGroups } from '@/lib/catalog/public/list-visible-groups';
import { getRequestBrand } from '@/lib/branding/request-brand';

export default async function MarketingHome() {
  const ctx = await requireArea('marketing');
  const groups = await listVisibleGroups(ctx.db);
  const brand = await getRequestBrand();
  return (
    <MarketingShell ctx={ctx} current="/">
      <main className="mx-auto max-w-6xl px-6 py-16">
        <h1 className="text-4xl font-bold tracking-tight">{brand.name}</h1>
        {ctx.storefront.tagline ? <p className="mt-4 max-w-2xl text-lg text-slate-600">{ctx.storefront.tagline}</p> : null}
        <p className="mt-6">
          <Link href="/pricing" className="rounded bg-[var(--accent)] px-4 py-2 text-sm font-medium text-white">
            See all prices
          </Link>
        </p>
        <h2 className="mt-14 text-xl font-semibold">What we sell</h2>
        {groups.length === 0 ? (
          <p className="mt-4 text-slate-600">No products are on sale yet.</p>
        ) : (
          <ul className="mt-6 grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
            {groups.map((g) => (
              <li key={g.id} className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
                <h3 className="text-lg font-semibold">
                  <Link href={`/products/${g.slug}`} className="hover:text-[var(--brand)]">
                    {g.name}
                  </Link>
                </h3>
                {g.description ? <p className="mt-2 text-sm text-slate-600">{g.description}</p> : null}
                {g.activePlanCount > 0 ? (
                  <p className="mt-3 text-sm text-slate-500">
                    {g.activePlanCount} {g.activePlanCount === 1 ? 'plan' : 'plans'}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </main>
    </MarketingShell>
  );
}
