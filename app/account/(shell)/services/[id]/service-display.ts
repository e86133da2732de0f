import type { ProvisioningStatus, ServiceType } from '@/db/schema/storefront';
import type { PowerAction } from '@/lib/provisioning/module';
import { POWER_LABELS } from '@/lib/provisioning/power-labels';

/** What the customer sees while the pipeline works: a failure is staff's problem, so it reads as "being set up". */
export type SetupPhase = 'setting_up' | 'awaiting_hardware' | 'ready';

export function setupPhase(status: ProvisioningStatus): SetupPhase {
  if (status === 'awaiting_hardware') return 'awaiting_hardware';
  if (status === 'queued' || status === 'provisioning' || status === 'building' || status === 'failed') return 'setting_up';
  return 'ready';
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** 1536 → "1.5 KB" (binary multiples, as panels report them). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${BYTE_UNITS[unit]}`;
}

/** "3.2 GB of 8 GB", "3.2 GB", or null when the panel reported nothing. */
export function formatUsage(used: number | undefined, limit: number | undefined): string | null {
  if (used === undefined) return null;
  return limit ? `${formatBytes(used)} of ${formatBytes(limit)}` : formatBytes(used);
}

/** Game servers are started and stopped rather than booted and shut down; Pterodactyl's "kill" stays out of reach. */
const GAME_LABELS: Partial<Record<PowerAction, string>> = { boot: 'Start', shutdown: 'Stop', restart: 'Restart' };

/** The button's name, or null when this kind of service does not offer the action. */
export function powerLabel(serviceType: ServiceType, action: PowerAction): string | null {
  if (serviceType === 'game_server') return GAME_LABELS[action] ?? null;
  return POWER_LABELS[action];
}

/** The controls that make sense in the reported state; all of them when the state is not known. */
export function applicablePowerActions(actions: PowerAction[], state: string | undefined): PowerAction[] {
  if (state === 'running') return actions.filter((a) => a !== 'boot');
  if (state === 'stopped') return actions.filter((a) => a === 'boot');
  return actions;
}
