import { eq } from 'drizzle-orm';
import { customers, orderItems, panels, plans, services } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import type { ModuleContext, ProvisioningModule, ServiceDetails } from './module';
import type { PanelHttpEntry } from './panel-http';
import { orderFieldsOf } from './provisioning-log';
import { panelConnection } from './panels';
import { moduleFor, planModuleSettings } from './registry';

/** A service with everything a module call needs, or null when its plan has no module or it was never placed. */
export async function serviceModuleContext(db: SfDb, serviceId: number, calls: PanelHttpEntry[]): Promise<{ module: ProvisioningModule; ctx: ModuleContext } | null> {
  const [row] = await db
    .select({ service: services, plan: plans, customer: customers, panel: panels, selection: orderItems.selection })
    .from(services)
    .innerJoin(plans, eq(plans.id, services.planId))
    .innerJoin(customers, eq(customers.id, services.customerId))
    .leftJoin(panels, eq(panels.id, services.panelId))
    .leftJoin(orderItems, eq(orderItems.id, services.orderItemId))
    .where(eq(services.id, serviceId));
  const module = moduleFor(row?.plan.provisioningModule);
  if (!row || !module || !row.panel || !row.service.panelRef) return null;
  const ctx: ModuleContext = {
    panel: panelConnection(row.panel),
    service: {
      externalId: row.service.publicId,
      label: row.service.label,
      customer: { externalId: row.customer.publicId, email: row.customer.email, name: row.customer.name },
      planSettings: planModuleSettings(module, row.plan.moduleSettings).settings,
      orderFields: orderFieldsOf(row.selection, row.service.details),
      panelRef: row.service.panelRef,
      details: (row.service.details ?? {}) as ServiceDetails,
    },
    log: (e) => calls.push(e),
    // Power, status and sign-in links never create anything, so there is nothing to remember.
    rememberPanelRef: async () => undefined,
    rememberCredentials: async () => undefined,
  };
  return { module, ctx };
}
