import { and, eq, sql } from 'drizzle-orm';
import { plans, services, type ProvisioningStatus, type Service, type ServiceType } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import type { PowerAction, ServiceDetails } from './module';
import { moduleFor } from './registry';

export interface CustomerServicePage {
  id: number;
  publicId: string;
  label: string;
  status: Service['status'];
  suspensionReason: Service['suspensionReason'];
  nextDueOn: string | null;
  cancellationRequestedAt: Date | null;
  provisioningStatus: ProvisioningStatus;
  details: ServiceDetails;
  /** Whether a login is stored; the sealed value itself is never read here. */
  hasCredentials: boolean;
  planName: string;
  serviceType: ServiceType;
  powerActions: PowerAction[];
  /** How the panel button signs in: 'sso' without a password, 'link' to the panel's own sign-in, null no button. */
  panelAccess: PanelAccess;
}

export type PanelAccess = 'sso' | 'link' | null;

/** One service of one customer account for its page; null when it does not exist or belongs to someone else. */
export async function getCustomerServicePage(db: SfDb, opts: { publicId: string; customerId: number }): Promise<CustomerServicePage | null> {
  const [row] = await db
    .select({
      id: services.id,
      publicId: services.publicId,
      label: services.label,
      status: services.status,
      suspensionReason: services.suspensionReason,
      nextDueOn: services.nextDueOn,
      cancellationRequestedAt: services.cancellationRequestedAt,
      provisioningStatus: services.provisioningStatus,
      details: services.details,
      hasCredentials: sql<number>`${services.credentials} IS NOT NULL`,
      planName: plans.name,
      serviceType: plans.serviceType,
      provisioningModule: plans.provisioningModule,
    })
    .from(services)
    .innerJoin(plans, eq(plans.id, services.planId))
    .where(and(eq(services.publicId, opts.publicId), eq(services.customerId, opts.customerId)))
    .limit(1);
  if (!row) return null;
  const { provisioningModule, hasCredentials, details, ...rest } = row;
  const module = moduleFor(provisioningModule);
  return {
    ...rest,
    details: (details ?? {}) as ServiceDetails,
    // MariaDB hands the boolean back as 0/1 (or "0"/"1" through some drivers).
    hasCredentials: Number(hasCredentials) === 1,
    powerActions: module?.powerActions ?? [],
    panelAccess: module?.ssoLink ? 'sso' : module?.panelLink ? 'link' : null,
  };
}
