import type { StorefrontBrand } from '@/lib/branding/storefront-brand';

/** The storefront's logo (its name as the alt text) or, without one, its name in the brand colour. */
export function BrandMark({ brand, className }: { brand: Pick<StorefrontBrand, 'name' | 'logo'>; className?: string }) {
  if (brand.logo) return <img src={brand.logo.path} alt={brand.name} className={className ?? 'h-8 w-auto max-w-48 object-contain'} />;
  return <span className="font-semibold text-[var(--brand)]">{brand.name}</span>;
}

/** The line above a standalone page's form (sign-in, register, checkout): the storefront and where in it you are. */
export function BrandLine({ brand, area, className }: { brand: Pick<StorefrontBrand, 'name' | 'logo'>; area: string; className?: string }) {
  return (
    <div className={className ?? 'mb-6'}>
      {brand.logo ? <img src={brand.logo.path} alt="" className="mb-3 h-10 w-auto max-w-56 object-contain" /> : null}
      <p className="text-sm font-semibold uppercase tracking-wide text-[var(--brand)]">
        {brand.name} · {area}
      </p>
    </div>
  );
}
