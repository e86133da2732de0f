import { z } from 'zod';
import type { ServiceType } from '@/db/schema/storefront/catalog';

export interface OrderFieldSpec {
  name: string;
  label: string;
  help: string;
  schema: z.ZodType<string>;
}

const hostname = z
  .string()
  .trim()
  .toLowerCase()
  .max(253, 'must be at most 253 characters')
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/, 'must be a hostname such as server1.example.com');

const domain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253, 'must be at most 253 characters')
  .regex(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a domain name such as example.com');

const serverName = z.string().trim().min(3, 'must be at least 3 characters').max(40, 'must be at most 40 characters').regex(/^[\w .'-]+$/u, 'may only contain letters, digits, spaces and . \' -');

/**
 * What each kind of service asks for at order time. The provisioning issue moves these next to each module's
 * settings schema; the cart and checkout only read this list.
 */
export const ORDER_FIELDS: Record<ServiceType, OrderFieldSpec[]> = {
  vps: [{ name: 'hostname', label: 'Hostname', help: 'e.g. web1.example.com', schema: hostname }],
  dedicated: [{ name: 'hostname', label: 'Hostname', help: 'e.g. db1.example.com', schema: hostname }],
  web_hosting: [{ name: 'domain', label: 'Domain', help: 'The main domain of the hosting account', schema: domain }],
  game_server: [{ name: 'serverName', label: 'Server name', help: 'Shown in the game browser', schema: serverName }],
  cloud_desktop: [],
  software_license: [],
  api_product: [],
};

/** Validates the typed-in fields of one item: unknown fields are dropped, missing or malformed ones reported. */
export function parseOrderFields(type: ServiceType, raw: Record<string, string>): { ok: true; fields: Record<string, string> } | { ok: false; errors: Record<string, string> } {
  const fields: Record<string, string> = {};
  const errors: Record<string, string> = {};
  for (const spec of ORDER_FIELDS[type]) {
    const parsed = spec.schema.safeParse(raw[spec.name] ?? '');
    if (parsed.success) fields[spec.name] = parsed.data;
    else errors[spec.name] = `${spec.label} ${parsed.error.issues[0]?.message ?? 'is invalid'}`;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, fields };
}
