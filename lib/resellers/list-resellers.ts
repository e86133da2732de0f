import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { CentralHandle } from '@/lib/db/connection';
import {
  resellerPipelineSteps,
  resellerPrograms,
  resellers,
  storefrontHostnames,
  storefronts,
  type PipelineStepStatus,
  type Reseller,
  type ResellerPipelineStep,
  type Storefront,
} from '@/db/schema/central';
import { isPipelineStalled, summarizePipeline, type PipelineSummary } from './pipeline-summary';

export interface ResellerStepView {
  step: ResellerPipelineStep;
  status: PipelineStepStatus;
  attempts: number;
  error: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface ResellerView {
  reseller: Reseller;
  storefront: Pick<Storefront, 'id' | 'slug' | 'name' | 'status' | 'dbName'>;
  program: { slug: string; name: string };
  steps: ResellerStepView[];
  pipeline: PipelineSummary;
  /** Provisioning with no step activity for a while: its run died, and staff may resume it. */
  stalled: boolean;
  hostnames: { hostname: string; area: string }[];
}

/** Resellers newest first with their storefront, program, pipeline steps and hostnames (or just the one asked for). */
export async function listResellers(central: CentralHandle, opts: { publicId?: string; now?: Date } = {}): Promise<ResellerView[]> {
  const rows = await central
    .select({
      reseller: resellers,
      storefront: { id: storefronts.id, slug: storefronts.slug, name: storefronts.name, status: storefronts.status, dbName: storefronts.dbName },
      program: { slug: resellerPrograms.slug, name: resellerPrograms.name },
    })
    .from(resellers)
    .innerJoin(storefronts, eq(storefronts.id, resellers.storefrontId))
    .innerJoin(resellerPrograms, eq(resellerPrograms.id, resellers.programId))
    .where(opts.publicId ? eq(resellers.publicId, opts.publicId) : undefined)
    .orderBy(desc(resellers.id));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.reseller.id);
  const [stepRows, hostRows] = await Promise.all([
    central.select().from(resellerPipelineSteps).where(inArray(resellerPipelineSteps.resellerId, ids)).orderBy(asc(resellerPipelineSteps.position)),
    central
      .select({ storefrontId: storefrontHostnames.storefrontId, hostname: storefrontHostnames.hostname, area: storefrontHostnames.area })
      .from(storefrontHostnames)
      .where(inArray(storefrontHostnames.storefrontId, rows.map((r) => r.storefront.id)))
      .orderBy(asc(storefrontHostnames.id)),
  ]);
  const now = opts.now ?? new Date();
  return rows.map((r) => {
    const mine = stepRows.filter((s) => s.resellerId === r.reseller.id);
    const lastActivity = mine.reduce((latest, s) => (s.updatedAt > latest ? s.updatedAt : latest), r.reseller.updatedAt);
    return {
      ...r,
      steps: mine.map((s) => ({ step: s.step, status: s.status, attempts: s.attempts, error: s.error, startedAt: s.startedAt, finishedAt: s.finishedAt })),
      pipeline: summarizePipeline(mine),
      stalled: r.reseller.status === 'provisioning' && isPipelineStalled(lastActivity, now),
      hostnames: hostRows.filter((h) => h.storefrontId === r.storefront.id).map(({ hostname, area }) => ({ hostname, area })),
    };
  });
}

/** One reseller's view by public id, or null. */
export async function findResellerView(central: CentralHandle, publicId: string): Promise<ResellerView | null> {
  if (!/^rsl_[0-9a-z]{10,30}$/.test(publicId)) return null;
  return (await listResellers(central, { publicId }))[0] ?? null;
}
