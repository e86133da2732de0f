import { and, asc, eq } from 'drizzle-orm';
import type { AuditActor } from '@/lib/audit/record-audit';
import type { CentralDb, CentralHandle } from '@/lib/db/connection';
import { AppError, isDuplicateKeyError } from '@/lib/errors/app-error';
import { fieldErrorsOf } from '@/lib/forms/field-errors';
import { publicId } from '@/lib/ids/public-id';
import { storefrontDatabaseName } from '@/lib/tenancy/storefront-location';
import {
  RESELLER_PIPELINE_STEPS,
  resellerApplications,
  resellerPipelineSteps,
  resellerPrograms,
  resellers,
  storefronts,
  type Reseller,
  type ResellerProgram,
  type Storefront,
} from '@/db/schema/central';
import { getPlatformStorefrontOrThrow } from './platform-storefront';
import { recordPlatformAudit } from './record-platform-audit';
import { createResellerSchema, type CreateResellerInput } from './schemas';

/** The program a new reseller joins: the named one (active), or the first active program. */
export async function findProgramForNewReseller(central: CentralHandle, slug: string | undefined): Promise<ResellerProgram> {
  const [program] = slug
    ? await central.select().from(resellerPrograms).where(eq(resellerPrograms.slug, slug)).limit(1)
    : await central.select().from(resellerPrograms).where(eq(resellerPrograms.active, true)).orderBy(asc(resellerPrograms.id)).limit(1);
  if (!program) {
    throw slug
      ? new AppError('bad_request', `There is no reseller program "${slug}".`, { program: ['is not a program'] })
      : new AppError('bad_request', 'There is no active reseller program yet: create one under Resellers → Programs first.', { program: ['create a program first'] });
  }
  if (!program.active) throw new AppError('bad_request', `The program "${program.name}" takes no new resellers.`, { program: ['is not active'] });
  return program;
}

export interface CreatedReseller {
  reseller: Reseller;
  storefront: Storefront;
  program: ResellerProgram;
}

/**
 * Registers a reseller with its storefront row (kind 'reseller', status 'provisioning': it resolves to no host) and
 * one pending row per pipeline step, in one transaction; the slug's uniqueness is decided here, before any work
 * starts. Nothing is built yet: the caller runs the pipeline (runResellerPipeline) or queues it.
 * `applicationId` approves that application in the same transaction (only if it is still pending).
 */
export async function createReseller(
  central: CentralDb,
  opts: { input: CreateResellerInput | Record<string, unknown>; actor: AuditActor; applicationId?: number },
): Promise<CreatedReseller> {
  const parsed = createResellerSchema.safeParse(opts.input);
  if (!parsed.success) throw new AppError('bad_request', 'Check the highlighted fields.', fieldErrorsOf(parsed.error));
  const input = parsed.data;
  await getPlatformStorefrontOrThrow(central);
  const program = await findProgramForNewReseller(central, input.program);
  const createdBy = (opts.actor.label ?? opts.actor.type).slice(0, 254);
  try {
    const { resellerId, storefrontId } = await central.transaction(async (tx) => {
      // First, so a second approval of the same application waits on this row and then finds it reviewed.
      if (opts.applicationId !== undefined) {
        const [app] = await tx
          .update(resellerApplications)
          .set({ status: 'approved', reviewedBy: createdBy, reviewedAt: new Date() })
          .where(and(eq(resellerApplications.id, opts.applicationId), eq(resellerApplications.status, 'pending')));
        if (app.affectedRows !== 1) throw new AppError('conflict', 'That application was already reviewed.');
      }
      const [sfRes] = await tx.insert(storefronts).values({
        slug: input.slug,
        name: input.name,
        kind: 'reseller',
        status: 'provisioning',
        dbName: storefrontDatabaseName(input.slug),
      });
      const [rRes] = await tx.insert(resellers).values({
        publicId: publicId('rsl'),
        storefrontId: sfRes.insertId,
        programId: program.id,
        ownerEmail: input.ownerEmail,
        ownerName: input.ownerName ?? null,
        status: 'provisioning',
        applicationId: opts.applicationId ?? null,
        createdBy,
      });
      await tx.insert(resellerPipelineSteps).values(RESELLER_PIPELINE_STEPS.map((step, i) => ({ resellerId: rRes.insertId, step, position: i + 1 })));
      await recordPlatformAudit(tx, {
        actor: opts.actor,
        action: 'reseller.created',
        target: { type: 'reseller', id: rRes.insertId },
        after: { slug: input.slug, name: input.name, ownerEmail: input.ownerEmail, program: program.slug, applicationId: opts.applicationId ?? null },
      });
      return { resellerId: rRes.insertId, storefrontId: sfRes.insertId };
    });
    const [reseller] = await central.select().from(resellers).where(eq(resellers.id, resellerId));
    const [storefront] = await central.select().from(storefronts).where(eq(storefronts.id, storefrontId));
    return { reseller: reseller!, storefront: storefront!, program };
  } catch (err) {
    if (isDuplicateKeyError(err)) throw new AppError('conflict', `The slug "${input.slug}" is taken by another storefront.`, { slug: ['is taken'] });
    throw err;
  }
}
