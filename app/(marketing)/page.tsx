import { asc, eq } from 'drizzle-orm';
import { BrandStyle } from '@/components/ui/brand-style';
import { requireArea } from '@/lib/auth/request-session';
import { productGroups } from '@/db/schema/storefront';

export default async function MarketingHome() {
  const ctx = await requireArea('marketing');
  const groups = await ctx.db.select().from(productGroups).where(eq(productGroups.hidden, false)).orderBy(asc(productGroups.sortOrder), asc(productGroups.id));
  return (
    <div>
      <BrandStyle color={ctx.storefront.brandColor} />
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center justify-between px-6 py-4">
          <span className="text-lg font-semibold text-[var(--brand)]">{ctx.storefront.name}</span>
          <a href={`//account.${ctx.host}/sign-in`} className="rounded bg-[var(--brand)] px-4 py-2 text-sm font-medium text-white">
            Customer sign in
          </a>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-6 py-16">
        <h1 className="text-4xl font-bold tracking-tight">{ctx.storefront.name}</h1>
        {ctx.storefront.tagline ? <p className="mt-4 max-w-2xl text-lg text-slate-600">{ctx.storefront.tagline}</p> : null}
        <h2 className="mt-14 text-xl font-semibold">What we sell</h2>
        {groups.length === 0 ? (
          <p className="mt-4 text-slate-600">No products are on sale yet.</p>
        ) : (
          <ul className="mt-6 grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
            {groups.map((g) => (
              <li key={g.id} className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
                <h3 className="text-lg font-semibold">{g.name}</h3>
                {g.description ? <p className="mt-2 text-sm text-slate-600">{g.description}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </main>
      <footer className="border-t border-slate-200 py-8 text-center text-sm text-slate-500">© {ctx.storefront.name}</footer>
    </div>
  );
}
