import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { panels, plans, services } from '@/db/schema/storefront';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import type { SfDb, StorefrontDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { fieldErrorsOf } from '@/lib/forms/field-errors';
import { publicId } from '@/lib/ids/public-id';
import { checkOutboundUrl, OutboundRequestError } from '@/lib/security/outbound-url';
import { decryptSecret, encryptSecret } from '@/lib/security/secret-box';
import { cleanUntrustedText } from '@/lib/security/untrusted-text';
import type { PanelConnection } from './module';
import { panelOutboundPolicy, type PanelHttpEntry } from './panel-http';
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

/**
 * In production a panel URL must be https:// and resolve to public addresses (or to PANEL_ALLOWED_NETWORKS); told
 * on the url field when saved, and checked again on every call, since what a name resolves to can change.
 */
async function assertPanelUrlAllowed(url: string): Promise<void> {
  try {
    await checkOutboundUrl(url, panelOutboundPolicy());
  } catch (err) {
    if (err instanceof OutboundRequestError) throw new AppError('bad_request', 'Check the highlighted fields.', { url: [err.message] });
    throw err;
  }
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
  await assertPanelUrlAllowed(parsed.data.url);
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

export async function getPanelOrThrow(db: SfDb, panelPublicId: string): Promise<Panel> {
  const [p] = await db.select().from(panels).where(eq(panels.publicId, panelPublicId));
  if (!p) throw new AppError('not_found', 'No such panel.');
  return p;
}

/** Absent fields keep their stored value; the module is not editable (its services and plans are bound to it). */
export const panelUpdateSchema = z.object({
  name: panelInputSchema.shape.name.optional(),
  url: panelInputSchema.shape.url.optional(),
  // Blank clears the group; absent keeps it.
  groupKey: z.string().trim().max(60).nullable().optional().transform((v) => (v === undefined ? undefined : v || null)),
  capacity: z.number().int().min(1).max(1_000_000).nullable().optional(),
  sortOrder: z.number().int().min(-1_000_000).max(1_000_000).optional(),
  /** Blank or absent keeps the stored secret; typing a value replaces it. */
  credentials: z.record(z.string(), z.string().max(2000)).optional(),
  /** Replaces the options as a whole, so a blanked optional option falls back to the module's default. */
  options: z.record(z.string(), z.unknown()).optional(),
});

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Edits a panel in one transaction. The audit names what changed but holds no credential value; when nothing
 * changed nothing is written.
 */
export async function updatePanel(db: StorefrontDb, panelPublicId: string, input: z.input<typeof panelUpdateSchema>, actor: AuditActor): Promise<{ panel: Panel; changed: string[] }> {
  const parsed = panelUpdateSchema.safeParse(input);
  if (!parsed.success) throw new AppError('bad_request', 'Check the highlighted fields.', fieldErrorsOf(parsed.error));
  const data = parsed.data;
  if (data.url !== undefined) await assertPanelUrlAllowed(data.url);
  const changed = await db.transaction(async (tx) => {
    const [p] = await tx.select().from(panels).where(eq(panels.publicId, panelPublicId)).for('update');
    if (!p) throw new AppError('not_found', 'No such panel.');
    const module = moduleFor(p.module);
    if (!module) throw new AppError('conflict', `Unknown panel type ${p.module}.`);
    const storedCreds = JSON.parse(decryptSecret(p.credentials)) as Record<string, string>;
    const typed = Object.fromEntries(Object.entries(data.credentials ?? {}).filter(([, v]) => v.trim() !== ''));
    const creds = module.credentialsSchema.safeParse({ ...storedCreds, ...typed });
    if (!creds.success) throw new AppError('bad_request', 'Check the panel credentials.', fieldErrorsOf(creds.error));
    const newCreds = creds.data as Record<string, unknown>;
    let options = p.options;
    if (data.options !== undefined) {
      const o = module.optionsSchema.safeParse(data.options);
      if (!o.success) throw new AppError('bad_request', 'Check the panel options.', fieldErrorsOf(o.error));
      options = o.data as Record<string, unknown>;
    }

    const set: Partial<typeof panels.$inferInsert> = {};
    const names: string[] = [];
    const plain = { name: data.name, url: data.url, groupKey: data.groupKey, capacity: data.capacity, sortOrder: data.sortOrder } as const;
    for (const [k, v] of Object.entries(plain) as [keyof typeof plain, unknown][]) {
      if (v !== undefined && !same(v, p[k])) {
        Object.assign(set, { [k]: v });
        names.push(k);
      }
    }
    const optionKeys = new Set([...Object.keys(p.options), ...Object.keys(options)]);
    const optionNames = [...optionKeys].filter((k) => !same(p.options[k], options[k])).map((k) => `options.${k}`);
    if (optionNames.length) {
      set.options = options;
      names.push(...optionNames);
    }
    const credKeys = new Set([...Object.keys(storedCreds), ...Object.keys(newCreds)]);
    const credNames = [...credKeys].filter((k) => !same(storedCreds[k], newCreds[k]));
    if (credNames.length) set.credentials = encryptSecret(JSON.stringify(newCreds));
    if (!names.length && !credNames.length) return [];

    await tx.update(panels).set(set).where(eq(panels.id, p.id));
    // Field names only: a credential is recorded as "changed", never with its value.
    await recordAudit(tx, {
      actor,
      action: 'panel.updated',
      target: { type: 'panel', id: panelPublicId },
      after: { changed: names, ...(credNames.length ? { credentials: Object.fromEntries(credNames.map((k) => [k, 'changed'])) } : {}) },
    });
    return [...names, ...credNames.map((k) => `credentials.${k}`)];
  });
  return { panel: await getPanelOrThrow(db, panelPublicId), changed };
}

const LIVE_STATUSES = ['pending', 'active', 'suspended'] as const;

/**
 * Removes a panel no live service runs on and no plan places new services on; ended services keep their (now
 * dangling) panel id for history.
 */
export async function deletePanel(db: StorefrontDb, panelPublicId: string, actor: AuditActor): Promise<void> {
  await db.transaction(async (tx) => {
    const [p] = await tx.select().from(panels).where(eq(panels.publicId, panelPublicId)).for('update');
    if (!p) throw new AppError('not_found', 'No such panel.');
    const [live] = await tx.select({ n: count() }).from(services).where(and(eq(services.panelId, p.id), inArray(services.status, [...LIVE_STATUSES])));
    const n = live?.n ?? 0;
    if (n > 0) {
      throw new AppError(
        'conflict',
        `${p.name} still runs ${n} pending, active or suspended service${n === 1 ? '' : 's'}. Move or end them first; to stop new services going there, disable the panel instead.`,
      );
    }
    const placed = await plansPlacedOn(tx, p);
    if (placed.length) {
      const shown = placed.slice(0, 5).map((name) => `"${name}"`).join(', ');
      const more = placed.length > 5 ? ` and ${placed.length - 5} more` : '';
      throw new AppError(
        'conflict',
        `${p.name} is still the panel of plan${placed.length === 1 ? '' : 's'} ${shown}${more}. Point ${placed.length === 1 ? 'it' : 'them'} at another panel or panel group first; to stop new services going there, disable the panel instead.`,
      );
    }
    await tx.delete(panels).where(eq(panels.id, p.id));
    await recordAudit(tx, { actor, action: 'panel.deleted', target: { type: 'panel', id: panelPublicId }, before: { module: p.module, name: p.name, url: p.url, groupKey: p.groupKey, capacity: p.capacity } });
  });
}

/** Names of the plans (any status) whose placement names this panel; a deleted panel would leave them unorderable. */
async function plansPlacedOn(db: SfDb, panel: Panel): Promise<string[]> {
  // JSON_VALUE gives the scalar unquoted on both MariaDB and MySQL 8, so a number or a numeric string both match.
  const rows = await db
    .select({ name: plans.name })
    .from(plans)
    .where(and(eq(plans.provisioningModule, panel.module), sql`JSON_VALUE(${plans.moduleSettings}, '$.panelId') = ${String(panel.id)}`))
    .orderBy(asc(plans.name));
  return rows.map((r) => r.name);
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
    .where(and(inArray(services.panelId, ids), inArray(services.status, [...LIVE_STATUSES])))
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
    // Modules quote the panel's own error details, which are the panel's to choose.
    return { ok: r.ok, message: cleanUntrustedText(r.message, 500), calls };
  } catch (err) {
    return { ok: false, message: cleanUntrustedText(err instanceof Error ? err.message : String(err), 500), calls };
  }
}
