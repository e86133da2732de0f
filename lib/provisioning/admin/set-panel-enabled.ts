import { and, eq } from 'drizzle-orm';
import { panels } from '@/db/schema/storefront';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import type { StorefrontDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';

/**
 * Staff take a panel out of placement (or put it back). Services already on it keep working: only new services
 * stop being placed there (choosePanel skips disabled panels).
 */
export async function setPanelEnabled(db: StorefrontDb, opts: { panelPublicId: string; enabled: boolean; actor: AuditActor }): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    const [p] = await tx.select({ id: panels.id, name: panels.name }).from(panels).where(eq(panels.publicId, opts.panelPublicId));
    if (!p) throw new AppError('not_found', 'No such panel.');
    // Guarded, so two staff toggling at once record one change, not two.
    const [res] = await tx.update(panels).set({ enabled: opts.enabled }).where(and(eq(panels.id, p.id), eq(panels.enabled, !opts.enabled)));
    if (res.affectedRows === 0) return { changed: false };
    await recordAudit(tx, { actor: opts.actor, action: opts.enabled ? 'panel.enabled' : 'panel.disabled', target: { type: 'panel', id: opts.panelPublicId }, before: { enabled: !opts.enabled }, after: { enabled: opts.enabled, name: p.name } });
    return { changed: true };
  });
}
