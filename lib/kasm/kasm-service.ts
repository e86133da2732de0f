import { and, eq } from 'drizzle-orm';
import { plans, services } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { createKasmClient, type KasmClient } from '@/lib/integrations/kasm/client';
import type { PanelHttpEntry } from '@/lib/provisioning/panel-http';
import { serviceModuleContext } from '@/lib/provisioning/service-module-context';

export interface KasmServiceRef {
  id: number;
  publicId: string;
  customerId: number;
  status: string;
  panelId: number | null;
  panelRef: string | null;
  planId: number;
  provisioningModule: string | null;
}

/**
 * A cloud desktop service of this storefront by public id; with `customerId`, only that customer's (any other answers
 * the same 404, so a guessed id tells nothing).
 */
export async function getKasmServiceOrThrow(db: SfDb, opts: { servicePublicId: string; customerId?: number }): Promise<KasmServiceRef> {
  const where = opts.customerId === undefined ? eq(services.publicId, opts.servicePublicId) : and(eq(services.publicId, opts.servicePublicId), eq(services.customerId, opts.customerId));
  const [row] = await db
    .select({ id: services.id, publicId: services.publicId, customerId: services.customerId, status: services.status, panelId: services.panelId, panelRef: services.panelRef, planId: services.planId, provisioningModule: plans.provisioningModule })
    .from(services)
    .innerJoin(plans, eq(plans.id, services.planId))
    .where(where);
  if (!row || row.provisioningModule !== 'kasm') throw new AppError('not_found', `No cloud desktop ${opts.servicePublicId}.`);
  return row;
}

/** The Kasm client for a provisioned desktop, with the calls it makes collected for the provisioning log. */
export async function kasmClientFor(db: SfDb, serviceId: number, calls: PanelHttpEntry[]): Promise<{ client: KasmClient; userId: string; planSettings: Record<string, unknown> }> {
  const found = await serviceModuleContext(db, serviceId, calls);
  if (!found || found.module.key !== 'kasm' || !found.ctx.service.panelRef) throw new AppError('conflict', 'This desktop is not set up yet; try again once it is active.');
  return { client: createKasmClient(found.ctx.panel, found.ctx.log), userId: found.ctx.service.panelRef, planSettings: found.ctx.service.planSettings };
}
