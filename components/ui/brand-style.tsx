import { headers } from 'next/headers';

/** Sets the storefront's brand colour for everything below it (buttons, links, headers use var(--brand)). */
export async function BrandStyle({ color }: { color: string }) {
  const safe = /^#[0-9a-fA-F]{6}$/.test(color) ? color : '#2563eb';
  // Inline styles must carry the request's CSP nonce.
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return <style nonce={nonce}>{`:root{--brand:${safe}}`}</style>;
}
