import { z } from 'zod';
import { SLUG_PATTERN } from './storefront-location';

const hostname = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(200)
  .regex(/^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)*$/, 'must be a hostname such as example.com');

// <slug>.<APP_DOMAIN> must never be one of the retail storefront's own hosts (account.<APP_DOMAIN>, admin.<APP_DOMAIN>).
const RESERVED_SLUGS = ['account', 'admin', 'www', 'api', 'mail'];

export const createStorefrontSchema = z.object({
  slug: z
    .string()
    .regex(SLUG_PATTERN, 'must be 3-40 lowercase letters, digits or dashes, starting with a letter')
    .refine((s) => !RESERVED_SLUGS.includes(s), 'is reserved for the platform\'s own hosts'),
  name: z.string().trim().min(2).max(120),
  kind: z.enum(['retail', 'reseller']).default('reseller'),
  tagline: z.string().trim().max(255).optional(),
  brandColor: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #2563eb')
    .default('#2563eb'),
  /**
   * An apex domain besides the platform's <slug>.<APP_DOMAIN> (which every storefront gets); the account and admin
   * areas live at account.<domain> and admin.<domain>.
   */
  domain: hostname.optional(),
  dbServerUrl: z
    .string()
    .url()
    .refine((v) => v.startsWith('mysql://'), 'must be a mysql:// URL')
    .optional(),
});

export type CreateStorefrontInput = z.input<typeof createStorefrontSchema>;
