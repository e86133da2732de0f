import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { SANDBOX_KASM_IMAGE_IDS as IDS } from '@/lib/setup/sandbox-kasm-images';

// In-memory state of the Kasm Workspaces stand-in: one server per API key, so two storefronts pointed at the same
// sandbox never see each other's users or sessions. The image list is fixed and the same on every server.
// Time is read, never timed: a session is "starting" until its start time has passed and is reaped once its
// keepalive has lapsed, both worked out whenever the session is looked at, so no timer outlives a test.

export interface SimImage {
  image_id: string;
  friendly_name: string;
  name: string;
  description: string;
  cores: number;
  /** Bytes, as Kasm counts it. */
  memory: number;
  enabled: boolean;
  categories: string[];
}

const GB = 1_000_000_000;
const img = (image_id: string, friendly_name: string, name: string, description: string, cores: number, memoryGb: number, categories: string[], enabled = true): SimImage => ({
  image_id,
  friendly_name,
  name,
  description,
  cores,
  memory: Math.round(memoryGb * GB),
  enabled,
  categories,
});

export const IMAGES: readonly SimImage[] = [
  img(IDS.ubuntuJammyDesktop, 'Ubuntu Jammy Desktop', 'kasmweb/ubuntu-jammy-desktop:1.16.0', 'Ubuntu 22.04 desktop with common productivity and development tools.', 2, 2.768, ['Desktop']),
  img(IDS.ubuntuJammyDind, 'Ubuntu Jammy DinD', 'kasmweb/ubuntu-jammy-dind:1.16.0', 'Ubuntu 22.04 desktop with Docker in Docker.', 4, 4, ['Desktop', 'Development']),
  img(IDS.chrome, 'Chrome', 'kasmweb/chrome:1.16.0', 'Google Chrome, isolated in a container.', 2, 2.768, ['Browser']),
  img(IDS.firefox, 'Firefox', 'kasmweb/firefox:1.16.0', 'Mozilla Firefox, isolated in a container.', 2, 2.768, ['Browser']),
  img(IDS.vsCode, 'Visual Studio Code', 'kasmweb/vs-code:1.16.0', 'The VS Code editor in a Linux container.', 2, 2.768, ['Development']),
  img(IDS.onlyOffice, 'OnlyOffice', 'kasmweb/only-office:1.16.0', 'Documents, spreadsheets and presentations.', 2, 2.768, ['Office']),
  img(IDS.terminal, 'Terminal', 'kasmweb/terminal:1.16.0', 'A Linux shell.', 1, 1, ['Development']),
  img(IDS.ubuntuFocalDesktop, 'Ubuntu Focal Desktop', 'kasmweb/ubuntu-focal-desktop:1.14.0', 'Ubuntu 20.04 desktop (retired).', 2, 2.768, ['Desktop'], false),
];

/** Every user is in Kasm's default group. */
export const ALL_USERS_GROUP = { group_id: '68d557ac4cac42cca9f31c7c853de0f3', name: 'All Users' };

export interface SimUser {
  user_id: string;
  username: string;
  first_name: string;
  last_name: string;
  organization: string;
  disabled: boolean;
  locked: boolean;
  created: number;
  /** Bumped by logout_user: session links handed out before it no longer sign a browser in. */
  signOuts: number;
}

export interface SimKasm {
  kasm_id: string;
  user_id: string;
  image_id: string;
  token: string;
  share_id: string | null;
  createdAt: number;
  startMs: number;
  keepaliveAt: number;
  /** Through the API (our app) or "outside", as if started from Kasm's own dashboard. */
  origin: 'api' | 'outside';
}

export interface Panel {
  label: string;
  users: Map<string, SimUser>;
  kasms: Map<string, SimKasm>;
}

export interface SimConfig {
  /** How long a new session stays "starting" (default 3 s). */
  startMs: number;
  /** A session not kept alive for this long is reaped, as Kasm's keepalive expiry does; 0 never (default 1 hour). */
  sessionLifetimeMs: number;
  /** Sessions a server runs at most; past it request_kasm answers "No resources are available" (default 20). */
  maxSessions: number;
}

/** A short, stable name for a server that doesn't reveal its key. */
export function panelLabel(apiKey: string): string {
  return `kasm-${createHash('sha256').update(apiKey).digest('hex').slice(0, 8)}`;
}

export function newPanel(apiKey: string): Panel {
  return { label: panelLabel(apiKey), users: new Map(), kasms: new Map() };
}

/** Kasm's ids: UUIDs without dashes. */
export const kasmId = () => randomUUID().replace(/-/g, '');

/** Kasm's timestamps: UTC without a zone, microseconds. */
export function kasmTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '000');
}

export function phase(k: SimKasm, now = Date.now()): 'starting' | 'running' {
  return now - k.createdAt < k.startMs ? 'starting' : 'running';
}

export function expiresAt(k: SimKasm, config: SimConfig): number | null {
  return config.sessionLifetimeMs > 0 ? k.keepaliveAt + config.sessionLifetimeMs : null;
}

/** Drops sessions whose keepalive lapsed. */
export function reap(panel: Panel, config: SimConfig, now = Date.now()): void {
  for (const [id, k] of panel.kasms) {
    const end = expiresAt(k, config);
    if (end !== null && end <= now) panel.kasms.delete(id);
  }
}

export function findUser(panel: Panel, ref: { user_id?: unknown; username?: unknown }): SimUser | undefined {
  const norm = (v: string) => v.replace(/-/g, '').toLowerCase();
  if (typeof ref.user_id === 'string' && ref.user_id) return panel.users.get(norm(ref.user_id));
  const name = typeof ref.username === 'string' ? ref.username.toLowerCase() : '';
  return name ? [...panel.users.values()].find((u) => u.username.toLowerCase() === name) : undefined;
}

export function findKasm(panel: Panel, id: unknown): SimKasm | undefined {
  return typeof id === 'string' ? panel.kasms.get(id.replace(/-/g, '').toLowerCase()) : undefined;
}

export type StartRefusal = 'user_disabled' | 'no_image' | 'image_disabled' | 'no_resources';

/** Starts a session for a user, as request_kasm (or a person on Kasm's dashboard) does. */
export function startKasm(panel: Panel, config: SimConfig, user: SimUser, imageId: unknown, origin: SimKasm['origin'], sharing = false): SimKasm | StartRefusal {
  if (user.disabled) return 'user_disabled';
  const image = IMAGES.find((i) => typeof imageId === 'string' && i.image_id === imageId.replace(/-/g, '').toLowerCase());
  if (!image) return 'no_image';
  if (!image.enabled) return 'image_disabled';
  if (panel.kasms.size >= config.maxSessions) return 'no_resources';
  const now = Date.now();
  const k: SimKasm = {
    kasm_id: kasmId(),
    user_id: user.user_id,
    image_id: image.image_id,
    token: randomBytes(24).toString('base64url'),
    share_id: sharing ? randomBytes(6).toString('hex') : null,
    createdAt: now,
    startMs: config.startMs,
    keepaliveAt: now,
    origin,
  };
  panel.kasms.set(k.kasm_id, k);
  return k;
}

export function kasmUrl(k: SimKasm): string {
  return `/#/connect/kasm/${k.kasm_id}/${k.user_id}/${k.token}`;
}

export function imageOf(k: SimKasm): SimImage | undefined {
  return IMAGES.find((i) => i.image_id === k.image_id);
}
