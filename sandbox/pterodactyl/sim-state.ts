import { randomUUID } from 'node:crypto';

// In-memory panels for the Pterodactyl stand-in. One panel per API key "namespace": the part after `ptla_` /
// `ptlc_`, so a storefront's application key ptla_X and client key ptlc_X see the same panel and two storefronts
// never see each other's users or servers. Nests, eggs, locations and nodes are the same fixed catalogue on every
// panel; allocations (IP:port pairs on 203.0.113.0/24) are per panel.

export interface SimUser {
  id: number;
  uuid: string;
  externalId: string | null;
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  createdAt: string;
  updatedAt: string;
}

export interface SimAllocation {
  id: number;
  nodeId: number;
  ip: string;
  port: number;
  serverId: number | null;
}

export interface SimVariable {
  name: string;
  env: string;
  defaultValue: string;
  rules: string;
}

export interface SimEgg {
  id: number;
  nestId: number;
  name: string;
  dockerImage: string;
  startup: string;
  variables: SimVariable[];
}

export interface SimLimits {
  memory: number;
  swap: number;
  disk: number;
  io: number;
  cpu: number;
}

export interface SimFeatureLimits {
  databases: number;
  allocations: number;
  backups: number;
}

export interface SimServer {
  id: number;
  uuid: string;
  identifier: string;
  externalId: string | null;
  name: string;
  userId: number;
  nodeId: number;
  allocationId: number;
  nestId: number;
  eggId: number;
  image: string;
  startup: string;
  environment: Record<string, string>;
  limits: SimLimits;
  featureLimits: SimFeatureLimits;
  suspended: boolean;
  /** Epoch ms when installation finishes; 0 once installed. */
  installUntil: number;
  startOnCompletion: boolean;
  power: 'running' | 'offline';
  /** When the container last started (for uptime and network counters). */
  bootedAt: number;
  createdAt: string;
  updatedAt: string;
}

export interface PanelState {
  namespace: string;
  users: Map<number, SimUser>;
  servers: Map<number, SimServer>;
  allocations: SimAllocation[];
  nextUserId: number;
  nextServerId: number;
}

export const NESTS = [
  { id: 1, name: 'Minecraft' },
  { id: 2, name: 'Source Engine' },
] as const;

export const EGGS: readonly SimEgg[] = [
  {
    id: 1,
    nestId: 1,
    name: 'Paper',
    dockerImage: 'ghcr.io/pterodactyl/yolks:java_17',
    startup: 'java -Xms128M -Xmx{{SERVER_MEMORY}}M -Dterminal.jline=false -jar {{SERVER_JARFILE}}',
    variables: [
      { name: 'Server Jar File', env: 'SERVER_JARFILE', defaultValue: 'server.jar', rules: 'required|regex:/^([\\w\\d._-]+)(\\.jar)$/' },
      { name: 'Build Number', env: 'BUILD_NUMBER', defaultValue: 'latest', rules: 'required|string|max:20' },
    ],
  },
  {
    id: 2,
    nestId: 1,
    name: 'Vanilla Minecraft',
    dockerImage: 'ghcr.io/pterodactyl/yolks:java_17',
    startup: 'java -Xms128M -Xmx{{SERVER_MEMORY}}M -jar {{SERVER_JARFILE}}',
    variables: [
      { name: 'Server Jar File', env: 'SERVER_JARFILE', defaultValue: 'server.jar', rules: 'required|string|max:20' },
      { name: 'Server Version', env: 'VANILLA_VERSION', defaultValue: 'latest', rules: 'required|string|max:20' },
    ],
  },
  {
    id: 3,
    nestId: 2,
    name: "Garry's Mod",
    dockerImage: 'ghcr.io/pterodactyl/games:source',
    startup: './srcds_run -game garrysmod -console -port {{SERVER_PORT}} +map {{SRCDS_MAP}} +maxplayers {{MAX_PLAYERS}}',
    variables: [
      { name: 'Default Map', env: 'SRCDS_MAP', defaultValue: 'gm_flatgrass', rules: 'required|string|alpha_dash' },
      { name: 'Max Players', env: 'MAX_PLAYERS', defaultValue: '32', rules: 'required|integer|max:128' },
      { name: 'Steam Account Token', env: 'STEAM_ACC', defaultValue: '', rules: 'nullable|string|alpha_num|size:32' },
    ],
  },
];

/** Location → node. Node 1 answers on 203.0.113.10, node 2 on 203.0.113.20. */
export const LOCATIONS = [
  { id: 1, short: 'eu.sandbox', nodeId: 1, ip: '203.0.113.10', firstPort: 25565 },
  { id: 2, short: 'us.sandbox', nodeId: 2, ip: '203.0.113.20', firstPort: 27015 },
] as const;

const PORTS_PER_NODE = 10;

export function newPanel(namespace: string): PanelState {
  const allocations: SimAllocation[] = [];
  let id = 1;
  for (const loc of LOCATIONS) {
    for (let i = 0; i < PORTS_PER_NODE; i += 1) allocations.push({ id: id++, nodeId: loc.nodeId, ip: loc.ip, port: loc.firstPort + i, serverId: null });
  }
  return { namespace, users: new Map(), servers: new Map(), allocations, nextUserId: 1, nextServerId: 1 };
}

export function newUuid(): string {
  return randomUUID();
}

/** Installation finishes lazily on read, so no timers outlive the simulator. */
export function settle(server: SimServer, now = Date.now()): SimServer {
  if (server.installUntil && now >= server.installUntil) {
    const finishedAt = server.installUntil;
    server.installUntil = 0;
    if (server.startOnCompletion && !server.suspended) {
      server.power = 'running';
      server.bootedAt = finishedAt;
    }
  }
  return server;
}

export function serverStatus(server: SimServer): 'installing' | 'suspended' | null {
  if (server.suspended) return 'suspended';
  return server.installUntil ? 'installing' : null;
}

export function nowIso(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

export function userAttributes(u: SimUser) {
  return {
    id: u.id,
    external_id: u.externalId,
    uuid: u.uuid,
    username: u.username,
    email: u.email,
    first_name: u.firstName,
    last_name: u.lastName,
    language: 'en',
    root_admin: false,
    '2fa': false,
    created_at: u.createdAt,
    updated_at: u.updatedAt,
  };
}

export function allocationObject(a: SimAllocation) {
  return { object: 'allocation', attributes: { id: a.id, ip: a.ip, alias: null, port: a.port, notes: null, assigned: a.serverId !== null } };
}

export function serverObject(panel: PanelState, s: SimServer, include: readonly string[] = []) {
  settle(s);
  const relationships: Record<string, unknown> = {};
  if (include.includes('allocations')) {
    relationships.allocations = { object: 'list', data: panel.allocations.filter((a) => a.serverId === s.id).map(allocationObject) };
  }
  if (include.includes('user')) {
    const u = panel.users.get(s.userId);
    if (u) relationships.user = { object: 'user', attributes: userAttributes(u) };
  }
  return {
    object: 'server',
    attributes: {
      id: s.id,
      external_id: s.externalId,
      uuid: s.uuid,
      identifier: s.identifier,
      name: s.name,
      description: '',
      status: serverStatus(s),
      suspended: s.suspended,
      limits: { ...s.limits, threads: null, oom_disabled: true },
      feature_limits: { ...s.featureLimits },
      user: s.userId,
      node: s.nodeId,
      allocation: s.allocationId,
      nest: s.nestId,
      egg: s.eggId,
      container: { startup_command: s.startup, image: s.image, installed: s.installUntil ? 0 : 1, environment: { ...s.environment } },
      updated_at: s.updatedAt,
      created_at: s.createdAt,
      ...(Object.keys(relationships).length ? { relationships } : {}),
    },
  };
}

export function eggObject(egg: SimEgg, withVariables: boolean) {
  return {
    object: 'egg',
    attributes: {
      id: egg.id,
      uuid: `00000000-0000-4000-8000-00000000000${egg.id}`,
      name: egg.name,
      nest: egg.nestId,
      author: 'support@pterodactyl.io',
      description: `${egg.name} (sandbox egg)`,
      docker_image: egg.dockerImage,
      docker_images: { [egg.dockerImage]: egg.dockerImage },
      startup: egg.startup,
      created_at: '2024-01-01T00:00:00+00:00',
      updated_at: '2024-01-01T00:00:00+00:00',
      ...(withVariables
        ? {
            relationships: {
              variables: {
                object: 'list',
                data: egg.variables.map((v, i) => ({
                  object: 'egg_variable',
                  attributes: {
                    id: egg.id * 10 + i,
                    egg_id: egg.id,
                    name: v.name,
                    description: v.name,
                    env_variable: v.env,
                    default_value: v.defaultValue,
                    user_viewable: true,
                    user_editable: true,
                    rules: v.rules,
                  },
                })),
              },
            },
          }
        : {}),
    },
  };
}
