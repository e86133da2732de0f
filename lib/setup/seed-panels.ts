import { eq } from 'drizzle-orm';
import { panels } from '@/db/schema/storefront';
import { env, sandboxBaseUrl } from '@/lib/config/env';
import type { StorefrontDb } from '@/lib/db/connection';
import type { ModuleKey } from '@/lib/provisioning/module';
import { createPanel } from '@/lib/provisioning/panels';

/** The sandbox's panel stand-ins, one per module, as a storefront registers them (credentials per storefront). */
export function sandboxPanels(slug: string): { module: ModuleKey; name: string; path: string; credentials: Record<string, string>; options: Record<string, unknown> }[] {
  return [
    { module: 'virtfusion', name: 'Sandbox VirtFusion', path: '/virtfusion', credentials: { apiToken: `sandbox-vf-${slug}` }, options: {} },
    { module: 'pterodactyl', name: 'Sandbox Pterodactyl', path: '/pterodactyl', credentials: { applicationKey: `ptla_sandbox_${slug}`, clientKey: `ptlc_sandbox_${slug}` }, options: {} },
    { module: 'synergycp', name: 'Sandbox SynergyCP', path: '/synergycp', credentials: { apiKey: `sandbox-scp-${slug}` }, options: {} },
    { module: 'enhance', name: 'Sandbox Enhance', path: '/enhance', credentials: { apiToken: `sandbox-enhance-${slug}` }, options: { organizationId: '0e5a0c0e-0000-4000-8000-000000000001' } },
    { module: 'kasm', name: 'Sandbox Kasm Workspaces', path: '/kasm', credentials: { apiKey: `sandbox-kasm-${slug}`, apiKeySecret: `sandbox-secret-${slug}` }, options: {} },
  ];
}

/** In sandbox mode, registers the stand-in panels the demo plans provision on; a module already having a panel is left alone. */
export async function seedSandboxPanels(db: StorefrontDb, slug: string): Promise<number> {
  if (env().APP_MODE !== 'sandbox') return 0;
  let added = 0;
  for (const p of sandboxPanels(slug)) {
    const [existing] = await db.select({ id: panels.id }).from(panels).where(eq(panels.module, p.module)).limit(1);
    if (existing) continue;
    await createPanel(db, { module: p.module, name: p.name, url: `${sandboxBaseUrl()}${p.path}`, credentials: p.credentials, options: p.options }, { type: 'system', label: 'seed:demo' });
    added += 1;
  }
  return added;
}
