import { z } from 'zod';
import { BILLING_CYCLES, type BillingCycle } from '@/db/schema/storefront';
import type { PublicCurrency } from './list-enabled-currencies';

/** ?currency=EUR&cycle=annual on the public catalog pages; anything malformed is dropped, never an error. */
export const catalogQuerySchema = z.object({
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/)
    .transform((c) => c.toUpperCase())
    .optional()
    .catch(undefined),
  cycle: z.enum(BILLING_CYCLES).optional().catch(undefined),
});

export interface CatalogSelection {
  currency: PublicCurrency;
  /** The cycle the visitor asked for; each plan falls back from it on its own (see choosePrice). */
  cycle: BillingCycle;
}

/** Resolves the query against the enabled currencies: an unknown or disabled currency becomes the default one. */
export function resolveCatalogSelection(raw: Record<string, string | string[] | undefined>, enabled: PublicCurrency[]): CatalogSelection | null {
  const query = catalogQuerySchema.parse({ currency: single(raw.currency), cycle: single(raw.cycle) });
  const fallback = enabled.find((c) => c.isDefault) ?? enabled[0];
  if (!fallback) return null;
  const currency = enabled.find((c) => c.code === query.currency) ?? fallback;
  return { currency, cycle: query.cycle ?? 'monthly' };
}

function single(v: string | string[] | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
