/** Sets the storefront's brand colour for everything below it (buttons, links, headers use var(--brand)). */
export function BrandStyle({ color }: { color: string }) {
  const safe = /^#[0-9a-fA-F]{6}$/.test(color) ? color : '#2563eb';
  return <style>{`:root{--brand:${safe}}`}</style>;
}
