import { z } from 'zod';

/** A date search parameter (YYYY-MM-DD). */
export const filterDay = z.iso.date('must be a date (YYYY-MM-DD)');

/** A 1-based page number search parameter. */
export const filterPage = z
  .string()
  .regex(/^\d{1,6}$/, 'must be a page number')
  .transform(Number)
  .pipe(z.number().int().min(1, 'must be a page number'));

/** A free-text search parameter. */
export const filterText = z.string().trim().min(1).max(100, 'must be at most 100 characters');

type Fields = Record<string, z.ZodType> & { page: typeof filterPage };
export type FilterOf<F extends Fields> = { [K in keyof F]?: z.output<F[K]> } & { page: number };

/**
 * The filters of an admin list page read from its GET search params, one schema per parameter: a blank value means
 * "no filter", and a value that does not parse (or a from–to range the wrong way round) is left out and described
 * in `problems` rather than failing the page.
 */
export function searchFilter<F extends Fields>(fields: F, labels: Record<keyof F & string, string>, ranges: [keyof F & string, keyof F & string][] = []) {
  const keys = Object.keys(fields) as (keyof F & string)[];
  return {
    parse(params: Record<string, string | string[] | undefined>): { filter: FilterOf<F>; problems: string[] } {
      const problems: string[] = [];
      const out: Record<string, unknown> = { page: 1 };
      for (const key of keys) {
        const raw = params[key];
        const text = Array.isArray(raw) ? raw[0] : raw;
        if (text === undefined || text.trim() === '') continue;
        const parsed = fields[key]!.safeParse(text);
        if (parsed.success) out[key] = parsed.data;
        else problems.push(`${labels[key]} "${text.slice(0, 40)}" ignored: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
      }
      for (const [from, to] of ranges) {
        if (typeof out[from] === 'string' && typeof out[to] === 'string' && out[from] > out[to]) {
          problems.push(`${labels[from]} is after ${labels[to].toLowerCase()}: that range is ignored.`);
          delete out[from];
          delete out[to];
        }
      }
      return { filter: out as FilterOf<F>, problems };
    },
    /** The search string for this filter with a changed value; blank filters and page 1 are left out. */
    query(filter: FilterOf<F>, change: Partial<FilterOf<F>> = {}): string {
      const next = { ...filter, ...change } as Record<string, unknown>;
      const q = new URLSearchParams();
      for (const key of keys) {
        const v = next[key];
        if (v === undefined || (key === 'page' && v === 1)) continue;
        q.set(key, String(v));
      }
      const s = q.toString();
      return s ? `?${s}` : '';
    },
    /** Whether any filter other than the page is set. */
    isFiltered(filter: FilterOf<F>): boolean {
      return keys.some((k) => k !== 'page' && (filter as Record<string, unknown>)[k] !== undefined);
    },
  };
}
