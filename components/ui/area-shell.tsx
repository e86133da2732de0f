import Link from 'next/link';
import { SignOutButton } from '@/components/auth/sign-out-button';
import type { StorefrontBrand } from '@/lib/branding/storefront-brand';
import { BrandFooter } from './brand-footer';
import { BrandMark } from './brand-mark';

export interface NavItem {
  href: string;
  label: string;
}

/** Header (the storefront's logo or name), navigation, sign-out and the storefront's footer, for the account and admin areas. */
export function AreaShell(props: {
  brand: StorefrontBrand;
  areaLabel: string;
  nav: NavItem[];
  userLabel: string;
  signOut: () => Promise<void>;
  children: React.ReactNode;
}) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center justify-between px-6 py-3">
          <div className="flex items-center gap-6">
            <span className="flex items-center gap-2">
              <BrandMark brand={props.brand} /> <span className="text-slate-500">· {props.areaLabel}</span>
            </span>
            <nav aria-label="Main" className="flex gap-4 text-sm">
              {props.nav.map((n) => (
                <Link key={n.href} href={n.href} className="text-slate-700 hover:text-[var(--brand)]">
                  {n.label}
                </Link>
              ))}
            </nav>
          </div>
          <div className="flex items-center gap-3 text-sm">
            <span className="text-slate-600">{props.userLabel}</span>
            <SignOutButton action={props.signOut} />
          </div>
        </div>
      </header>
      <main className="mx-auto w-full max-w-6xl flex-1 px-6 py-8">{props.children}</main>
      <BrandFooter brand={props.brand} />
    </div>
  );
}

export function Card({ title, children, id }: { title: string; children: React.ReactNode; id?: string }) {
  return (
    <section id={id} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 className="mb-3 text-sm font-semibold uppercase tracking-wide text-slate-500">{title}</h2>
      {children}
    </section>
  );
}

export function Stat({ label, value }: { label: string; value: string | number }) {
  return (
    <div>
      <div className="text-2xl font-semibold">{value}</div>
      <div className="text-sm text-slate-500">{label}</div>
    </div>
  );
}
