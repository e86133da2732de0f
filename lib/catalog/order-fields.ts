import type { ServiceType } from '@/db/schema/storefront/catalog';
import { domainSchema, hostnameSchema, serverNameSchema, type OrderFieldSpec } from '@/lib/provisioning/order-fields';
import { moduleFor } from '@/lib/provisioning/registry';

export type { OrderFieldSpec } from '@/lib/provisioning/order-fields';

/**
 * What a plan without a provisioning module asks for at order time, by kind of service: staff still set such
 * services up by hand and need the same facts a module would.
 */
export const SERVICE_TYPE_ORDER_FIELDS: Record<ServiceType, OrderFieldSpec[]> = {
  vps: [{ name: 'hostname', label: 'Hostname', help: 'e.g. web1.example.com', schema: hostnameSchema }],
  dedicated: [{ name: 'hostname', label: 'Hostname', help: 'e.g. db1.example.com', schema: hostnameSchema }],
  web_hosting: [{ name: 'domain', label: 'Domain', help: 'The main domain of the hosting account', schema: domainSchema }],
  game_server: [{ name: 'serverName', label: 'Server name', help: 'Shown in the game browser', schema: serverNameSchema }],
  cloud_desktop: [],
  software_license: [],
  api_product: [],
};

/** The two plan columns that decide what its order form asks for. */
export interface PlanOrderFieldsSource {
  provisioningModule: string | null;
  serviceType: ServiceType;
}

/** The plan's module's order fields; a plan without a (known) module falls back to its service type's. */
export function orderFieldsForPlan(plan: PlanOrderFieldsSource): OrderFieldSpec[] {
  return moduleFor(plan.provisioningModule)?.orderFields ?? SERVICE_TYPE_ORDER_FIELDS[plan.serviceType];
}

/** Validates the typed-in fields of one item: unknown fields are dropped, missing or malformed ones reported. */
export function parseOrderFields(
  plan: PlanOrderFieldsSource,
  raw: Record<string, string>,
): { ok: true; fields: Record<string, string> } | { ok: false; errors: Record<string, string> } {
  const fields: Record<string, string> = {};
  const errors: Record<string, string> = {};
  for (const spec of orderFieldsForPlan(plan)) {
    const parsed = spec.schema.safeParse(raw[spec.name] ?? '');
    if (parsed.success) fields[spec.name] = parsed.data;
    else errors[spec.name] = `${spec.label} ${parsed.error.issues[0]?.message ?? 'is invalid'}`;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, fields };
}
