import type { Metadata } from 'next';
import { BrandStyle } from '@/components/ui/brand-style';
import { getHostBrand } from '@/lib/branding/request-brand';
import './globals.css';

// Every page of every host is its storefront's: the title, favicon and colours come from its branding, so no
// platform name shows on a reseller's hosts. A host no storefront owns never gets here (proxy.ts answers it).
export async function generateMetadata(): Promise<Metadata> {
  const brand = await getHostBrand();
  if (!brand) return { title: 'Not found' };
  return {
    title: brand.name,
    ...(brand.favicon ? { icons: { icon: [{ url: brand.favicon.path, type: brand.favicon.mime }] } } : {}),
  };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const brand = await getHostBrand();
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        {brand ? <BrandStyle brand={brand} /> : null}
        {children}
      </body>
    </html>
  );
}
