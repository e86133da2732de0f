import Link from 'next/link';
import { BrandStyle } from '@/components/ui/brand-style';
import { listVisibleGroups } from '@/lib/catalog/public/list-visible-groups';
import type { RequestContext } from '@/lib/tenancy/request-context';

/** Header with the product navigation, and the footer, of every page on the storefront's apex host. */
export async function MarketingShell({ ctx, current, children }: { ctx: RequestContext; current?: string; children: React.ReactNode }) {
  const groups = await listVisibleGroups(ctx.db);
  const nav = [...groups.map((g) => ({ href: `/products/${g.slug}`, label: g.name })), { href: '/pricing', label: 'Pricing' }];
  return (
    <div>
      <BrandStyle color={ctx.storefront.brandColor} />
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-6 py-4">
          <Link href="/" className="text-lg font-semibold text-[var(--brand)]">
            {ctx.storefront.name}
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
      {children}
      <footer className="border-t border-slate-200 py-8 text-center text-sm text-slate-500">
        © {ctx.storefront.name}
        {/* The reseller program is the platform's: its link is on the platform's own site only. */}
        {ctx.storefront.kind === 'retail' ? (
          <>
            {' · '}
            <Link href="/become-a-reseller" aria-current={current === '/become-a-reseller' ? 'page' : undefined} className="text-slate-700 underline hover:text-[var(--brand)]">
              Become a reseller
            </Link>
          </>
        ) : null}
      </footer>
    </div>
  );
}
