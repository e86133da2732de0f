import Link from 'next/link';
import { BrandFooter } from '@/components/ui/brand-footer';
import { BrandMark } from '@/components/ui/brand-mark';
import { listVisibleGroups } from '@/lib/catalog/public/list-visible-groups';
import type { RequestContext } from '@/lib/tenancy/request-context';
import { getRequestBrand } from '@/lib/branding/request-brand';

/** Header with the storefront's logo and product navigation, and its footer, on every page of the apex host. */
export async function MarketingShell({ ctx, current, children }: { ctx: RequestContext; current?: string; children: React.ReactNode }) {
  const [groups, brand] = await Promise.all([listVisibleGroups(ctx.db), getRequestBrand()]);
  const nav = [...groups.map((g) => ({ href: `/products/${g.slug}`, label: g.name })), { href: '/pricing', label: 'Pricing' }];
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-6 py-4">
          <Link href="/" className="text-lg">
            <BrandMark brand={brand} className="h-10 w-auto max-w-56 object-contain" />
          </Link>
          <nav aria-label="Products" className="flex flex-wrap gap-x-5 gap-y-2 text-sm">
            {nav.map((n) => (
              <Link
                key={n.href}
                href={n.href}
                aria-current={n.href === current ? 'page' : undefined}
                className={n.href === current ? 'font-semibold text-[var(--brand)]' : 'text-slate-700 hover:text-[var(--brand)]'}
              >
                {n.label}
              </Link>
            ))}
          </nav>
          <a href={`//account.${ctx.host}/sign-in`} className="rounded bg-[var(--brand)] px-4 py-2 text-sm font-medium text-white">
            Customer sign in
          </a>
        </div>
      </header>
      <div className="flex-1">{children}</div>
      <BrandFooter brand={brand}>
        {/* The reseller program is the platform's: its link is on the platform's own site only. */}
        {ctx.storefront.kind === 'retail' ? (
          <>
            {' · '}
            <Link href="/become-a-reseller" aria-current={current === '/become-a-reseller' ? 'page' : undefined} className="text-slate-700 underline hover:text-[var(--brand)]">
              Become a reseller
            </Link>
          </>
        ) : null}
      </BrandFooter>
    </div>
  );
}
