import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { panels, services } from '@/db/schema/storefront';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import type { SfDb, StorefrontDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { fieldErrorsOf } from '@/lib/customers/schemas';
import { publicId } from '@/lib/ids/public-id';
import { decryptSecret, encryptSecret } from '@/lib/security/secret-box';
import type { PanelConnection } from './module';
import type { PanelHttpEntry } from './panel-http';
import { MODULE_KEYS, moduleFor, type Placement } from './registry';

export type Panel = typeof panels.$inferSelect;

export const panelInputSchema = z.object({
  module: z.enum(MODULE_KEYS as [string, ...string[]], 'pick a panel type'),
  name: z.string().trim().min(1, 'is required').max(120),
  url: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(500),
  groupKey: z.string().trim().max(60).optional().transform((v) => v || null),
  capacity: z.number().int().min(1).max(1_000_000).nullable().optional(),
  enabled: z.boolean().default(true),
  credentials: z.record(z.string(), z.string().max(2000)),
  options: z.record(z.string(), z.unknown()).default({}),
});

/** Opens a panel's sealed credentials for a module call. */
export function panelConnection(p: Panel): PanelConnection {
  return { url: p.url.replace(/\/+$/, ''), credentials: JSON.parse(decryptSecret(p.credentials)) as Record<string, string>, options: p.options };
}

/** Registers a panel; the module's own schemas check its credentials and options. Audited without secrets. */
export async function createPanel(db: StorefrontDb, input: z.input<typeof panelInputSchema>, actor: AuditActor): Promise<Panel> {
  const parsed = panelInputSchema.safeParse(input);
  if (!parsed.success) throw new AppError('bad_request', 'Check the highlighted fields.', fieldErrorsOf(parsed.error));
  const module = moduleFor(parsed.data.module)!;
  const creds = module.credentialsSchema.safeParse(parsed.data.credentials);
  if (!creds.success) throw new AppError('bad_request', 'Check the panel credentials.', fieldErrorsOf(creds.error));
  const options = module.optionsSchema.safeParse(parsed.data.options);
  if (!options.success) throw new AppError('bad_request', 'Check the panel options.', fieldErrorsOf(options.error));
  const pid = publicId('pnl');
  await db.transaction(async (tx) => {
    await tx.insert(panels).values({
      publicId: pid,
      module: parsed.data.module,
      name: parsed.data.name,
      url: parsed.data.url,
      credentials: encryptSecret(JSON.stringify(creds.data)),
      options: options.data,
      groupKey: parsed.data.groupKey,
      capacity: parsed.data.capacity ?? null,
      enabled: parsed.data.enabled,
    });
    await recordAudit(tx, { actor, action: 'panel.created', target: { type: 'panel', id: pid }, after: { module: parsed.data.module, name: parsed.data.name, url: parsed.data.url, groupKey: parsed.data.groupKey, capacity: parsed.data.capacity ?? null } });
  });
  const [row] = await db.select().from(panels).where(eq(panels.publicId, pid));
  return row!;
}

export async function listPanels(db: SfDb): Promise<(Panel & { liveServices: number })[]> {
  const rows = await db.select().from(panels).orderBy(asc(panels.module), asc(panels.sortOrder), asc(panels.id));
  const used = await liveServicesPerPanel(db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, liveServices: used.get(r.id) ?? 0 }));
}

async function liveServicesPerPanel(db: SfDb, ids: number[]): Promise<Map<number, number>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ panelId: services.panelId, n: count() })
    .from(services)
    .where(and(inArray(services.panelId, ids), inArray(services.status, ['pending', 'active', 'suspended'])))
    .groupBy(services.panelId);
  return new Map(rows.map((r) => [r.panelId!, r.n]));
}

/**
 * The panel a new service of a plan goes to: the plan's panel, or one of its group — the least used, or the first
 * in order — skipping disabled panels and full ones. Null when none has room.
 */
export async function choosePanel(db: SfDb, moduleKey: string, placement: Placement): Promise<Panel | null> {
  const candidates = await db
    .select()
    .from(panels)
    .where(
      and(
        eq(panels.module, moduleKey),
        eq(panels.enabled, true),
        // Neither set: any panel of the module.
        placement.panelId ? eq(panels.id, placement.panelId) : placement.panelGroup ? eq(panels.groupKey, placement.panelGroup) : undefined,
      ),
    )
    .orderBy(asc(panels.sortOrder), asc(panels.id));
  const used = await liveServicesPerPanel(db, candidates.map((c) => c.id));
  const open = candidates.filter((c) => c.capacity === null || (used.get(c.id) ?? 0) < c.capacity);
  if (!open.length) return null;
  if (placement.fill === 'in_order') return open[0]!;
  return open.reduce((best, c) => ((used.get(c.id) ?? 0) < (used.get(best.id) ?? 0) ? c : best));
}

/** Staff's "test connection": one cheap authenticated call, its outcome in words. */
export async function testPanel(db: SfDb, panelPublicId: string): Promise<{ ok: boolean; message: string; calls: PanelHttpEntry[] }> {
  const [p] = await db.select().from(panels).where(eq(panels.publicId, panelPublicId));
  if (!p) throw new AppError('not_found', 'No such panel.');
  const module = moduleFor(p.module);
  if (!module) return { ok: false, message: `Unknown panel type ${p.module}.`, calls: [] };
  const calls: PanelHttpEntry[] = [];
  try {
    const r = await module.testConnection(panelConnection(p), (e) => calls.push(e));
    return { ...r, calls };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err), calls };
  }
}
