import Link from 'next/link';

/** Shared pieces of the admin list pages: filter form buttons, ignored-filter notice and pagination. */

/** The GET filter form's submit button, plus a link back to the unfiltered list while filtered. */
export function FilterButtons({ filtered, clearHref }: { filtered: boolean; clearHref: string }) {
  return (
    <>
      <button type="submit" className="rounded bg-[var(--brand)] px-3 py-1.5 text-sm text-white">
        Filter
      </button>
      {filtered ? (
        <Link href={clearHref} className="text-sm text-slate-600 underline">
          Clear filters
        </Link>
      ) : null}
    </>
  );
}

/** Lists the filter values that were ignored; renders nothing when there are none. */
export function FilterProblems({ problems }: { problems: readonly string[] }) {
  if (!problems.length) return null;
  return (
    <div role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
      <ul className="list-disc pl-5">
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </div>
  );
}

/** Previous/Next links around the current page number; `href` builds the link for a page. */
export function Pager({ page, hasNext, href }: { page: number; hasNext: boolean; href: (page: number) => string }) {
  if (page <= 1 && !hasNext) return null;
  return (
    <nav aria-label="Pages" className="flex gap-4 text-sm">
      {page > 1 ? (
        <Link href={href(page - 1)} rel="prev" className="text-[var(--brand)] underline">
          Previous
        </Link>
      ) : null}
      <span className="text-slate-600">Page {page}</span>
      {hasNext ? (
        <Link href={href(page + 1)} rel="next" className="text-[var(--brand)] underline">
          Next
        </Link>
      ) : null}
    </nav>
  );
}
