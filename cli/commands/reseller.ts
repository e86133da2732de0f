import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { getCentralDb } from '@/lib/db/central';
import { AppError } from '@/lib/errors/app-error';
import { createReseller } from '@/lib/resellers/create-reseller';
import { listResellers } from '@/lib/resellers/list-resellers';
import { PIPELINE_STEP_LABELS } from '@/lib/resellers/pipeline-summary';
import { runResellerPipeline, type PipelineProgress } from '@/lib/resellers/pipeline/run-reseller-pipeline';
import { resumeResellerPipeline } from '@/lib/resellers/resume-reseller-pipeline';
import { resellers, storefronts } from '@/db/schema/central';
import { defineCommand, type CliIo } from '../command';

const CLI_ACTOR = { type: 'system' as const, label: 'cli:reseller:create' };

/** The reseller already on this slug, if it is the same one (same owner): running the command again resumes it. */
async function existingReseller(slug: string, ownerEmail: string) {
  const [row] = await getCentralDb()
    .select({ reseller: resellers, storefront: storefronts })
    .from(storefronts)
    .leftJoin(resellers, eq(resellers.storefrontId, storefronts.id))
    .where(eq(storefronts.slug, slug.trim().toLowerCase()))
    .limit(1);
  if (!row) return null;
  if (!row.reseller || row.reseller.ownerEmail !== ownerEmail.trim().toLowerCase()) {
    throw new AppError('conflict', `The slug "${slug}" is taken by another storefront.`);
  }
  return { reseller: row.reseller, storefront: row.storefront };
}

function progressPrinter(io: CliIo & { json: boolean }): (p: PipelineProgress) => void {
  // With --json, progress goes to stderr so stdout stays one JSON document.
  const print = io.json ? io.err : io.out;
  return (p) => {
    if (p.status === 'running') return;
    print(`[${String(p.percent).padStart(3)} %] ${PIPELINE_STEP_LABELS[p.step]}: ${p.status}${p.error ? ` — ${p.error}` : ''}`);
  };
}

export const resellerCreateCommand = defineCommand({
  name: 'reseller:create',
  summary: 'Create a reseller and build its storefront through the creation pipeline, printing each step (run again to resume)',
  usage: '--name N --email E --slug S [--program P] [--owner-name O]',
  json: true,
  schema: z.object({
    _: z.array(z.string()).max(0, 'takes no positional arguments'),
    name: z.string({ error: 'is required' }),
    email: z.string({ error: 'is required' }),
    slug: z.string({ error: 'is required' }),
    program: z.string().optional(),
    ownerName: z.string().optional(),
  }),
  run: async (args, io) => {
    const central = getCentralDb();
    let found = await existingReseller(args.slug, args.email);
    if (found && (found.reseller.status === 'failed' || found.reseller.status === 'provisioning')) {
      if (!io.json) io.out(`Resuming reseller ${found.reseller.publicId} (${found.reseller.status}).`);
      found = { ...found, reseller: await resumeResellerPipeline(central, { publicId: found.reseller.publicId, actor: CLI_ACTOR }) };
    }
    const target =
      found ??
      (await createReseller(central, {
        input: { name: args.name, ownerEmail: args.email, slug: args.slug, program: args.program, ownerName: args.ownerName },
        actor: CLI_ACTOR,
      }));
    if (!found && !io.json) io.out(`Created reseller ${target.reseller.publicId} on storefront ${target.storefront.slug}.`);
    // Waits for a run already in progress (the worker's) rather than giving up.
    const outcome = await runResellerPipeline(target.reseller.id, { onProgress: progressPrinter(io), lockWaitSeconds: 300 });
    if (outcome.status === 'busy') throw new AppError('conflict', 'Another process has been running this reseller’s pipeline for 5 minutes; try again later.');
    const result = { reseller: target.reseller.publicId, storefront: target.storefront.slug, status: outcome.status, steps: outcome.steps };
    if (io.json) io.out(JSON.stringify(result, null, 2));
    if (outcome.status === 'failed') {
      throw new AppError('unavailable', `Step "${outcome.failed?.step}" failed: ${outcome.failed?.error}. Run the same command again to retry from there.`);
    }
    if (!io.json) io.out(`Reseller ${result.reseller} is ${outcome.status}.`);
    return undefined;
  },
});

export const resellerListCommand = defineCommand({
  name: 'reseller:list',
  summary: 'List resellers with their storefront, program, status and pipeline progress',
  json: true,
  schema: z.object({ _: z.array(z.string()).max(0, 'takes no arguments') }),
  run: async (_args, io) => {
    const rows = await listResellers(getCentralDb());
    const list = rows.map((r) => ({
      reseller: r.reseller.publicId,
      storefront: r.storefront.slug,
      name: r.storefront.name,
      ownerEmail: r.reseller.ownerEmail,
      program: r.program.slug,
      status: r.reseller.status,
      suspensionReason: r.reseller.suspensionReason,
      progress: r.pipeline.percent,
      step: r.pipeline.current,
      failed: r.pipeline.failed,
      hostnames: r.hostnames.map((h) => h.hostname),
    }));
    if (io.json) return list;
    if (list.length === 0) io.out('No resellers yet: bin/ezscale reseller:create --name N --email E --slug S.');
    for (const r of list) {
      const state = r.status === 'provisioning' ? `provisioning ${r.progress} % (${r.step})` : r.status === 'failed' ? `failed at ${r.failed?.step}: ${r.failed?.error}` : r.status;
      io.out(`${r.reseller}  ${r.storefront}  ${r.name}  <${r.ownerEmail}>  program=${r.program}  ${state}`);
    }
    return undefined;
  },
});
