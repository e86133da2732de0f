import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CatalogControls } from '@/components/marketing/catalog-controls';
import { MarketingShell } from '@/components/marketing/marketing-shell';
import { PlanCard } from '@/components/marketing/plan-card';
import { requireArea } from '@/lib/auth/request-session';
import { offeredCycles } from '@/lib/catalog/public/display';
import { getGroupCatalog } from '@/lib/catalog/public/get-group-catalog';
import { listVisibleGroups } from '@/lib/catalog/public/list-visible-groups';
import { getRequestBrand } from '@/lib/branding/request-brand';
import { loadCatalogView } from '../../_lib/catalog-view';

interface Props {
  params: Promise<{ group: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const ctx = await requireArea('marketing');
  const slug = (await params).group;
  const group = (await listVisibleGroups(ctx.db)).find((g) => g.slug === slug);
  const { name } = await getRequestBrand();
  return { title: group ? `${group.name} — ${name}` : name };
}

export default async function ProductGroupPage({ params, searchParams }: Props) {
  const ctx = await requireArea('marketing');
  const [{ group: groupSlug }, query] = await Promise.all([params, searchParams]);
  const loaded = await loadCatalogView(ctx, query);
  if (!loaded) notFound();
  const { currencies, view } = loaded;
  const catalog = await getGroupCatalog(ctx.db, { groupSlug, currency: view.currency.code });
  if (!catalog) notFound();
  const path = `/products/${catalog.group.slug}`;

  return (
    <MarketingShell ctx={ctx} current={path}>
      <main className="mx-auto max-w-6xl px-6 py-12">
        <h1 className="text-3xl font-bold tracking-tight">{catalog.group.name}</h1>
        {catalog.group.description ? <p className="mt-3 max-w-2xl text-lg text-slate-600">{catalog.group.description}</p> : null}
        <CatalogControls path={path} currencies={currencies} currency={view.currency.code} cycle={view.cycle} cycles={offeredCycles(catalog.plans)} />
        {catalog.plans.length === 0 ? (
          <p className="mt-10 text-slate-600">No {catalog.group.name.toLowerCase()} plans are on sale in {view.currency.code} right now.</p>
        ) : (
          <div className="mt-8 grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
            {catalog.plans.map((plan) => (
              <PlanCard key={plan.id} plan={plan} view={view} />
            ))}
          </div>
        )}
        <p className="mt-10 text-xs text-slate-500">Prices exclude taxes, which are added at checkout where they apply.</p>
      </main>
    </MarketingShell>
  );
}
