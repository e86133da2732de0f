import { eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { storefrontSettings } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';

/**
 * A named group of storefront settings stored one JSON row per key (`<prefix>.<key>`), read over defaults: a
 * stored value that no longer validates falls back to its default, so a release that tightens a rule never
 * breaks a storefront.
 */
export function settingsGroup<S extends z.ZodObject>(prefix: string, schema: S, defaults: z.infer<S>) {
  type Settings = z.infer<S>;
  const keys = Object.keys(defaults) as (keyof Settings & string)[];
  const rowKey = (k: string) => `${prefix}.${k}`;
  return {
    schema,
    defaults,
    async get(db: SfDb): Promise<Settings> {
      const rows = await db.select().from(storefrontSettings).where(inArray(storefrontSettings.key, keys.map(rowKey)));
      const merged: Record<string, unknown> = { ...defaults };
      for (const row of rows) {
        const k = row.key.slice(prefix.length + 1);
        const field = schema.shape[k] as z.ZodType | undefined;
        const one = field?.safeParse(row.value);
        if (one?.success) merged[k] = one.data;
      }
      return schema.parse(merged) as Settings;
    },
    /** The keys with a stored, valid value: what staff have set, as opposed to what reads as its default. */
    async storedKeys(db: SfDb): Promise<Set<keyof Settings & string>> {
      const rows = await db.select().from(storefrontSettings).where(inArray(storefrontSettings.key, keys.map(rowKey)));
      const stored = new Set<keyof Settings & string>();
      for (const row of rows) {
        const k = row.key.slice(prefix.length + 1) as keyof Settings & string;
        if ((schema.shape[k] as z.ZodType | undefined)?.safeParse(row.value).success) stored.add(k);
      }
      return stored;
    },
    /** Writes only the keys given; the caller audits the change in the same transaction. */
    async save(db: SfDb, patch: Partial<Settings>): Promise<void> {
      const valid = schema.partial().parse(patch) as Record<string, unknown>;
      for (const [k, value] of Object.entries(valid)) {
        if (value === undefined) continue;
        const key = rowKey(k);
        const [existing] = await db.select({ key: storefrontSettings.key }).from(storefrontSettings).where(eq(storefrontSettings.key, key));
        if (existing) await db.update(storefrontSettings).set({ value }).where(eq(storefrontSettings.key, key));
        else await db.insert(storefrontSettings).values({ key, value });
      }
    },
    /** Deletes the stored rows of these keys, so they read as their defaults again; the caller audits it. */
    async reset(db: SfDb, resetKeys: (keyof Settings & string)[]): Promise<void> {
      if (resetKeys.length) await db.delete(storefrontSettings).where(inArray(storefrontSettings.key, resetKeys.map(rowKey)));
    },
  };
}
