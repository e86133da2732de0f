import type { AuditActor } from '@/lib/audit/record-audit';
import type { CentralDb } from '@/lib/db/connection';
import type { Reseller, ResellerProgram, Storefront } from '@/db/schema/central';

/** What every pipeline step gets: the reseller, its storefront as it is now, its program and who acts. */
export interface StepContext {
  central: CentralDb;
  reseller: Reseller;
  storefront: Storefront;
  program: ResellerProgram;
  /** The actor of the new storefront's own audit rows: the platform, on behalf of whoever created the reseller. */
  actor: AuditActor;
  /** 1 on the step's first run; more means an earlier run of this step failed or was cut off. */
  attempt: number;
}

/**
 * One step of the creation pipeline. Every step is safe to run again after it ran wholly or partly (a crash may
 * land anywhere): it checks what exists and makes only what is missing.
 */
export type PipelineStepRunner = (ctx: StepContext) => Promise<void>;

/** The dedupe key of the owner's invitation in the new storefront, so a retried step makes one. */
export const OWNER_INVITE_KEY = 'storefront-owner';

/** The hosts of a reseller's storefront until a custom domain is verified: <slug>.<APP_DOMAIN> and its areas. */
export function resellerBaseDomain(slug: string, appDomain: string): string {
  return `${slug}.${appDomain.toLowerCase().replace(/\.$/, '')}`;
}
