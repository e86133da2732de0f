import { z } from 'zod';
import { PANEL_FILL_STRATEGIES } from '@/db/schema/storefront';
import type { ModuleKey, ProvisioningModule } from './module';
import { enhanceModule } from './modules/enhance';
import { kasmModule } from './modules/kasm';
import { pterodactylModule } from './modules/pterodactyl';
import { synergycpModule } from './modules/synergycp';
import { virtfusionModule } from './modules/virtfusion';

export const PROVISIONING_MODULES: Record<ModuleKey, ProvisioningModule> = {
  virtfusion: virtfusionModule,
  pterodactyl: pterodactylModule,
  synergycp: synergycpModule,
  enhance: enhanceModule,
  kasm: kasmModule,
};

export const MODULE_KEYS = Object.keys(PROVISIONING_MODULES) as ModuleKey[];

export function moduleFor(key: string | null | undefined): ProvisioningModule | null {
  return key && key in PROVISIONING_MODULES ? PROVISIONING_MODULES[key as ModuleKey] : null;
}

/**
 * Where a plan's services go, kept in the plan's module settings next to the module's own: one panel, or a group
 * of panels filled least-used first or in order.
 */
export const placementSchema = z.object({
  panelId: z.number().int().positive().optional(),
  panelGroup: z.string().trim().min(1).max(60).optional(),
  fill: z.enum(PANEL_FILL_STRATEGIES).default('least_used'),
});
export type Placement = z.infer<typeof placementSchema>;

/** Splits a plan's stored settings into placement and the module's settings (validated by the module). */
export function planModuleSettings(module: ProvisioningModule, stored: Record<string, unknown>): { placement: Placement; settings: Record<string, unknown> } {
  const { panelId, panelGroup, fill, ...rest } = stored;
  return { placement: placementSchema.parse({ panelId, panelGroup, fill }), settings: module.planSettingsSchema.parse(rest) };
}
