import Link from 'next/link';

const LINKS = [
  { href: '/resellers', label: 'Resellers' },
  { href: '/resellers/applications', label: 'Applications' },
  { href: '/resellers/programs', label: 'Programs' },
];

/** The platform's reseller pages, side by side. */
export function ResellerNav({ current }: { current: string }) {
  return (
    <nav aria-label="Reseller pages" className="flex gap-4 text-sm">
      {LINKS.map((l) => (
        <Link key={l.href} href={l.href} aria-current={l.href === current ? 'page' : undefined} className={l.href === current ? 'font-semibold text-[var(--brand)]' : 'text-[var(--brand)] underline'}>
          {l.label}
        </Link>
      ))}
    </nav>
  );
}
