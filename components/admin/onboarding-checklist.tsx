import Link from 'next/link';
import type { ChecklistItem } from '@/lib/resellers/onboarding-checklist';

/** The reseller owner's first steps on their dashboard, each ticked from the storefront's real state. */
export function OnboardingChecklist({ items }: { items: ChecklistItem[] }) {
  const done = items.filter((i) => i.done).length;
  return (
    <section aria-labelledby="onboarding-title" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="onboarding-title" className="text-lg font-semibold">
        Get your storefront selling
      </h2>
      <p className="mb-3 text-sm text-slate-600">
        {done} of {items.length} done.
      </p>
      <ul className="space-y-2">
        {items.map((i) => (
          <li key={i.key} className="flex items-start gap-3 text-sm">
            <span aria-hidden="true" className={`mt-0.5 inline-flex h-5 w-5 flex-none items-center justify-center rounded-full border ${i.done ? 'border-green-600 bg-green-600 text-white' : 'border-slate-300'}`}>
              {i.done ? '✓' : ''}
            </span>
            <div>
              <Link href={i.href} className={i.done ? 'text-slate-500 line-through' : 'font-medium text-[var(--brand)] underline'}>
                {i.label}
              </Link>
              <span className="sr-only">{i.done ? ' (done)' : ' (to do)'}</span>
              {i.done ? null : <p className="text-slate-600">{i.hint}</p>}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
