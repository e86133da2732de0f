import type { ReactNode } from 'react';
import type { StorefrontBrand } from '@/lib/branding/storefront-brand';

/** The storefront's footer on every host: its own text, support address, legal links and name. */
export function BrandFooter({ brand, children }: { brand: Pick<StorefrontBrand, 'name' | 'footerText' | 'supportEmail' | 'legalLinks'>; children?: ReactNode }) {
  return (
    <footer className="border-t border-slate-200 py-8 text-center text-sm text-slate-500">
      <div className="mx-auto max-w-6xl space-y-2 px-6">
        {brand.footerText ? <p className="whitespace-pre-line">{brand.footerText}</p> : null}
        {brand.legalLinks.length || brand.supportEmail ? (
          <nav aria-label="Legal" className="flex flex-wrap justify-center gap-x-4 gap-y-1">
            {brand.legalLinks.map((l) => (
              <a key={l.label} href={l.url} className="hover:text-[var(--accent)] hover:underline" rel="noopener">
                {l.label}
              </a>
            ))}
            {brand.supportEmail ? (
              <a href={`mailto:${brand.supportEmail}`} className="hover:text-[var(--accent)] hover:underline">
                {brand.supportEmail}
              </a>
            ) : null}
          </nav>
        ) : null}
        <p>
          © {brand.name}
          {children}
        </p>
      </div>
    </footer>
  );
}
