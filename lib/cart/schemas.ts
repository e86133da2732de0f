import { z } from 'zod';
import { BILLING_CYCLES } from '@/db/schema/storefront/catalog';
import { countrySchema, currencySchema } from '@/lib/customers/schemas';

const idSchema = z.coerce.number().int().positive().max(2 ** 48);

/**
 * One configured plan as the browser sends it: only references into the catalog and typed-in fields. Prices,
 * discounts and totals are never accepted from the browser; the server recomputes them from the catalog.
 */
export const cartItemSchema = z.object({
  planSlug: z.string().trim().min(1).max(80).regex(/^[a-z0-9-]+$/, 'is not a plan'),
  cycle: z.enum(BILLING_CYCLES, { message: 'is not a billing cycle' }),
  locationId: idSchema.nullable(),
  options: z
    .array(z.object({ optionId: idSchema, valueId: idSchema.nullable(), quantity: z.coerce.number().int().min(0).max(10_000) }))
    .max(30),
  fields: z.record(z.string().max(40), z.string().max(255)).refine((r) => Object.keys(r).length <= 10, 'has too many fields'),
});

export type CartItem = z.infer<typeof cartItemSchema>;

export const couponCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .min(3, 'must be at least 3 characters')
  .max(40, 'must be at most 40 characters')
  .regex(/^[A-Z0-9_-]+$/, 'may only contain letters, digits, - and _');

export const cartSchema = z.object({
  currency: currencySchema,
  /** Where an anonymous visitor says they are, for the tax preview; a signed-in customer's profile wins. */
  country: countrySchema.nullable(),
  items: z.array(z.object({ id: z.string().max(40), item: cartItemSchema })).max(10),
  couponCodes: z.array(couponCodeSchema).max(3),
});

export type Cart = z.infer<typeof cartSchema>;

export const EMPTY_CART = (currency: string): Cart => ({ currency, country: null, items: [], couponCodes: [] });
