import type { PowerAction } from './module';

/** Kept apart from powerService so pages and client components can name the buttons without loading it. */
export const POWER_LABELS: Record<PowerAction, string> = { boot: 'Boot', shutdown: 'Shut down', restart: 'Restart', poweroff: 'Power off' };
