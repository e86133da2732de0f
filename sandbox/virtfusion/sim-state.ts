import { createHash, randomBytes, randomUUID } from 'node:crypto';

// In-memory state of the VirtFusion stand-in: one panel per API token, so two storefronts pointed at the same
// sandbox never see each other's users or servers. The catalogue (packages, hypervisor groups, OS templates) is
// fixed and the same on every panel. Builds finish lazily: a server is "building" until its build time has passed,
// read whenever the server is looked at, so no timers outlive a test.

export interface SimPackage {
  id: number;
  name: string;
  memory: number;
  primaryStorage: number;
  traffic: number;
  cpuCores: number;
  enabled: boolean;
}

export interface SimTemplate {
  id: number;
  name: string;
  version: string;
  variant: string;
  group: string;
}

export const PACKAGES: readonly SimPackage[] = [
  { id: 1, name: 'VPS Small', memory: 1024, primaryStorage: 25, traffic: 1000, cpuCores: 1, enabled: true },
  { id: 2, name: 'VPS Medium', memory: 2048, primaryStorage: 50, traffic: 2000, cpuCores: 2, enabled: true },
  { id: 3, name: 'VPS Large', memory: 4096, primaryStorage: 100, traffic: 4000, cpuCores: 4, enabled: true },
  { id: 4, name: 'VPS Retired', memory: 512, primaryStorage: 10, traffic: 500, cpuCores: 1, enabled: false },
  { id: 5, name: 'VPS XL', memory: 32768, primaryStorage: 320, traffic: 10000, cpuCores: 8, enabled: true },
];

export const HYPERVISOR_GROUPS: readonly { id: number; name: string }[] = [
  { id: 1, name: 'Sandbox (default)' },
  { id: 2, name: 'Sandbox EU' },
];

export const TEMPLATES: readonly SimTemplate[] = [
  { id: 1, name: 'Ubuntu', version: '24.04', variant: 'LTS', group: 'Ubuntu' },
  { id: 2, name: 'Ubuntu', version: '22.04', variant: 'LTS', group: 'Ubuntu' },
  { id: 3, name: 'Debian', version: '12', variant: 'Bookworm', group: 'Debian' },
  { id: 4, name: 'AlmaLinux', version: '9', variant: 'Minimal', group: 'AlmaLinux' },
  { id: 5, name: 'Rocky Linux', version: '9', variant: 'Minimal', group: 'Rocky Linux' },
  { id: 6, name: 'Windows Server', version: '2022', variant: 'Datacenter', group: 'Windows' },
];

export interface SimUser {
  id: number;
  name: string;
  email: string;
  extRelationId: number | null;
  relStr: string | null;
  created: string;
}

export interface SimServer {
  id: number;
  uuid: string;
  ownerId: number;
  packageId: number;
  hypervisorGroupId: number;
  /** VirtFusion's display name; the billing side stores its service id here when it builds. */
  name: string;
  hostname: string | null;
  osTemplateId: number | null;
  ips: string[];
  mac: string;
  suspended: boolean;
  power: 'running' | 'stopped';
  /** Power actions the panel accepted, oldest first: what a test reads to see a restart really arrived. */
  powerActions: string[];
  /** Epoch ms the build was queued; null = never built. */
  buildStartedAt: number | null;
  buildMs: number;
  rootPassword: string | null;
  created: string;
  updated: string;
  deleteAt: number | null;
}

export interface LoginToken {
  userId: number;
  serverId: number;
  expires: number;
}

export interface Panel {
  label: string;
  users: SimUser[];
  servers: SimServer[];
  nextUserId: number;
  nextServerId: number;
  loginTokens: Map<string, LoginToken>;
}

/** A short, stable name for a panel that doesn't reveal its token. */
export function panelLabel(token: string): string {
  return `panel-${createHash('sha256').update(token).digest('hex').slice(0, 8)}`;
}

export function newPanel(token: string): Panel {
  return { label: panelLabel(token), users: [], servers: [], nextUserId: 1, nextServerId: 101, loginTokens: new Map() };
}

export type BuildPhase = 'created' | 'building' | 'complete';

export function buildPhase(server: SimServer, now = Date.now()): BuildPhase {
  if (server.buildStartedAt === null) return 'created';
  return now - server.buildStartedAt < server.buildMs ? 'building' : 'complete';
}

/** A server with a task in progress refuses other actions with 423, as VirtFusion does while it is locked. */
export function isLocked(server: SimServer): boolean {
  return buildPhase(server) === 'building';
}

/** Addresses come from 203.0.113.0/24 (TEST-NET-3), .10 to .250, never two alike on one panel. */
export function allocateIps(panel: Panel, count: number): string[] | null {
  const used = new Set(panel.servers.flatMap((s) => s.ips));
  const out: string[] = [];
  for (let host = 10; host <= 250 && out.length < count; host += 1) {
    const ip = `203.0.113.${host}`;
    if (!used.has(ip)) out.push(ip);
  }
  return out.length === count ? out : null;
}

export function newServer(panel: Panel, input: { ownerId: number; packageId: number; hypervisorGroupId: number; ips: string[] }): SimServer {
  const now = new Date().toISOString();
  const id = panel.nextServerId;
  panel.nextServerId += 1;
  const mac = `52:54:00:${randomBytes(3).toString('hex').match(/../g)?.join(':') ?? '00:00:00'}`;
  const server: SimServer = {
    id,
    uuid: randomUUID(),
    ownerId: input.ownerId,
    packageId: input.packageId,
    hypervisorGroupId: input.hypervisorGroupId,
    // VirtFusion names a new server itself; the build call may rename it.
    name: `server-${id}`,
    hostname: null,
    osTemplateId: null,
    ips: input.ips,
    mac,
    suspended: false,
    power: 'stopped',
    powerActions: [],
    buildStartedAt: null,
    buildMs: 0,
    rootPassword: null,
    created: now,
    updated: now,
    deleteAt: null,
  };
  panel.servers.push(server);
  return server;
}

/** Drops servers whose delayed deletion has come due. */
export function purgeDeleted(panel: Panel, now = Date.now()): void {
  panel.servers = panel.servers.filter((s) => s.deleteAt === null || s.deleteAt > now);
}

export function templateLabel(id: number | null): string | null {
  const t = TEMPLATES.find((x) => x.id === id);
  return t ? `${t.name} ${t.version}` : null;
}
