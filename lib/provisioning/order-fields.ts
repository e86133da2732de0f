import { z } from 'zod';

// The validators for what a customer types in at order time. They live here, beside the module contract, because
// modules declare their order fields with them and the catalog reuses them for plans without a module; nothing
// here imports the registry, so modules can import this file without a cycle.

/** One field the order form asks for; `schema` validates and normalises the typed-in text. */
export interface OrderFieldSpec {
  /** The key in the order item's `fields` and in a module's `ctx.service.orderFields`. */
  name: string;
  label: string;
  help: string;
  schema: z.ZodType<string>;
}

export const hostnameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253, 'must be at most 253 characters')
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/, 'must be a hostname such as server1.example.com');

export const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253, 'must be at most 253 characters')
  .regex(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a domain name such as example.com');

export const serverNameSchema = z
  .string()
  .trim()
  .min(3, 'must be at least 3 characters')
  .max(40, 'must be at most 40 characters')
  .regex(/^[\w .'-]+$/u, "may only contain letters, digits, spaces and . ' -");
