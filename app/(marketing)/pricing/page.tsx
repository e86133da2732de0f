import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CatalogControls } from '@/components/marketing/catalog-controls';
import { MarketingShell } from '@/components/marketing/marketing-shell';
import { PlanComparisonTable } from '@/components/marketing/plan-comparison-table';
import { requireArea } from '@/lib/auth/request-session';
import { offeredCycles } from '@/lib/catalog/public/display';
import { getGroupCatalog, type GroupCatalog } from '@/lib/catalog/public/get-group-catalog';
import { listVisibleGroups } from '@/lib/catalog/public/list-visible-groups';
import { getRequestBrand } from '@/lib/branding/request-brand';
import { loadCatalogView } from '../_lib/catalog-view';

export async function generateMetadata(): Promise<Metadata> {
  await requireArea('marketing');
  return { title: `Pricing — ${(await getRequestBrand()).name}` };
}

export default async function PricingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireArea('marketing');
  const loaded = await loadCatalogView(ctx, await searchParams);
  if (!loaded) notFound();
  const { currencies, view } = loaded;
  const groups = await listVisibleGroups(ctx.db);
  const catalogs = (await Promise.all(groups.map((g) => getGroupCatalog(ctx.db, { groupSlug: g.slug, currency: view.currency.code })))).filter(
    (c): c is GroupCatalog => c !== null && c.plans.length > 0,
  );

  return (
    <MarketingShell ctx={ctx} current="/pricing">
      <main className="mx-auto max-w-6xl px-6 py-12">
        <h1 className="text-3xl font-bold tracking-tight">Pricing</h1>
        <p className="mt-3 max-w-2xl text-lg text-slate-600">Every plan we sell, side by side. Longer terms cost less per month.</p>
        <CatalogControls path="/pricing" currencies={currencies} currency={view.currency.code} cycle={view.cycle} cycles={offeredCycles(catalogs.flatMap((c) => c.plans))} />
        {catalogs.length === 0 ? <p className="mt-10 text-slate-600">No products are on sale in {view.currency.code} yet.</p> : null}
        {catalogs.map((catalog) => (
          <PlanComparisonTable key={catalog.group.id} catalog={catalog} view={view} />
        ))}
        <p className="mt-10 text-xs text-slate-500">
          Plans without the selected billing cycle show their nearest one. Prices exclude taxes, which are added at checkout where they apply.
        </p>
      </main>
    </MarketingShell>
  );
}
