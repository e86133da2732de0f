import { and, asc, eq } from 'drizzle-orm';
import { panels } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { cleanUntrustedText } from '@/lib/security/untrusted-text';
import type { ModuleKey, PlanSettingChoice } from '../module';
import { panelConnection } from '../panels';
import { moduleFor, placementSchema } from '../registry';

/** The plan settings of a plan's module that staff pick from the panel's own lists, as the plan form shows them. */
export interface PlanSettingPicker {
  module: ModuleKey;
  moduleLabel: string;
  /** The panel the lists were read from. */
  panelName: string | null;
  fields: (PlanSettingChoice & { current: string })[];
  /** Why the lists could not be read; the settings can still be typed in as JSON. */
  error: string | null;
}

/**
 * Reads the choices from the plan's panel (or the first enabled panel of its group, or of its module). Null when
 * the plan's module has no such settings. A panel that is down is reported, never thrown: the form still works.
 */
export async function loadPlanSettingChoices(db: SfDb, plan: { provisioningModule: string | null; moduleSettings: Record<string, unknown> }): Promise<PlanSettingPicker | null> {
  const module = moduleFor(plan.provisioningModule);
  if (!module?.planSettingChoices) return null;
  const stored = plan.moduleSettings ?? {};
  const placement = placementSchema.safeParse({ panelId: stored.panelId, panelGroup: stored.panelGroup, fill: stored.fill });
  const where = placement.success && placement.data.panelId ? eq(panels.id, placement.data.panelId) : placement.success && placement.data.panelGroup ? eq(panels.groupKey, placement.data.panelGroup) : undefined;
  const [panel] = await db
    .select()
    .from(panels)
    .where(and(eq(panels.module, module.key), eq(panels.enabled, true), where))
    .orderBy(asc(panels.sortOrder), asc(panels.id))
    .limit(1);
  const base = { module: module.key, moduleLabel: module.label, panelName: panel?.name ?? null, fields: [] };
  if (!panel) return { ...base, error: `No enabled ${module.label} panel to read the choices from: register one under Settings → Panels.` };
  try {
    const choices = await module.planSettingChoices(panelConnection(panel), () => undefined);
    const current = (key: string) => (typeof stored[key] === 'string' || typeof stored[key] === 'number' ? String(stored[key]) : '');
    return { ...base, fields: choices.map((c) => ({ ...c, current: current(c.key) })), error: null };
  } catch (err) {
    return { ...base, error: `${panel.name} did not give its list: ${cleanUntrustedText(err instanceof Error ? err.message : String(err), 300)}` };
  }
}
