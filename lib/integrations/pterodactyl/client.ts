import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ProvisioningError, type ModuleContext, type PanelConnection, type ServiceDetails } from '@/lib/provisioning/module';
import { panelHttp, type PanelHttpLog } from '@/lib/provisioning/panel-http';

// Talking to a Pterodactyl panel: the application API (ptla_ key) for users and servers, the client API (ptlc_ key,
// optional) for live usage and power. Pterodactyl answers errors as {errors:[{code,status,detail,source?}]}.

export const credentialsSchema = z.object({
  applicationKey: z.string().trim().regex(/^ptla_[A-Za-z0-9_-]{8,}$/, 'An application API key starts with ptla_'),
  clientKey: z.union([z.string().trim().regex(/^ptlc_[A-Za-z0-9_-]{8,}$/, 'A client API key starts with ptlc_'), z.literal('')]).optional(),
});

export const optionsSchema = z.object({
  /** Start the server as soon as installation finishes. */
  startOnCompletion: z.boolean().default(true),
  /** Delete with /force, which removes the panel record even when the node (Wings) cannot be reached. */
  forceDelete: z.boolean().default(false),
});

const id = z.coerce.number().int().positive();
const count = z.coerce.number().int().min(0);

export const planSettingsSchema = z.object({
  nestId: id,
  eggId: id,
  locationId: id,
  /** 0 = unlimited, as in the panel. */
  memoryMb: count,
  diskMb: count,
  /** 100 = one core; 0 = unlimited. */
  cpuPercent: count,
  swapMb: z.coerce.number().int().min(-1).default(0),
  io: z.coerce.number().int().min(10).max(1000).default(500),
  databases: count.default(0),
  backups: count.default(0),
  allocations: z.coerce.number().int().min(1).default(1),
  dockerImage: z.string().trim().min(1).max(191).optional(),
  startup: z.string().trim().min(1).optional(),
  environment: z.record(z.string(), z.string()).optional(),
});

export type PlanSettings = z.infer<typeof planSettingsSchema>;

export interface PteroUser {
  id: number;
  external_id: string | null;
  username: string;
  email: string;
}

export interface PteroAllocation {
  id: number;
  ip: string;
  alias: string | null;
  port: number;
}

export interface PteroServer {
  id: number;
  external_id: string | null;
  uuid: string;
  identifier: string;
  name: string;
  status: string | null;
  suspended: boolean;
  limits: { memory: number; swap: number; disk: number; io: number; cpu: number };
  feature_limits: { databases: number; allocations: number; backups: number };
  user: number;
  allocation: number;
  nest: number;
  egg: number;
  relationships?: { allocations?: { data: { attributes: PteroAllocation }[] } };
}

export interface PteroEgg {
  docker_image: string;
  startup: string;
  relationships?: { variables?: { data: { attributes: { env_variable: string; default_value: string | null } }[] } };
}

interface Envelope<T> {
  attributes: T;
}

interface Conn {
  panel: PanelConnection;
  log: PanelHttpLog;
}

export function panelBase(panel: PanelConnection): string {
  return panel.url.replace(/\/+$/, '');
}

export function clientKey(panel: PanelConnection): string | null {
  const key = panel.credentials.clientKey?.trim();
  return key ? key : null;
}

function describe(body: unknown): string {
  const errors = (body as { errors?: { detail?: string; source?: { field?: string } }[] } | null)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return typeof body === 'string' ? body.slice(0, 200) : 'no detail';
  return errors.map((e) => (e.source?.field ? `${e.source.field}: ${e.detail ?? 'invalid'}` : (e.detail ?? 'error'))).join('; ');
}

const HANDLED = [200, 201, 204, 400, 401, 403, 404, 409, 422];

/**
 * One call to the panel. Returns null on 404 when `allow404`; 5xx/423/429 and network failures come out of
 * panelHttp as retryable errors; other 4xx become non-retryable errors that say what the panel objected to.
 */
export async function ptero<T>(
  conn: Conn,
  api: 'application' | 'client',
  req: { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; path: string; json?: unknown },
  what: string,
  allow404 = false,
): Promise<{ status: number; data: T | null } | null> {
  const key = api === 'application' ? conn.panel.credentials.applicationKey : clientKey(conn.panel);
  if (!key) throw new ProvisioningError(`Pterodactyl: ${what} needs a ${api} API key, and none is configured for this panel.`, false);
  const res = await panelHttp<Envelope<T> | null>(
    conn.log,
    {
      method: req.method,
      url: `${panelBase(conn.panel)}/api/${api}${req.path}`,
      headers: { authorization: `Bearer ${key}`, accept: 'Application/vnd.pterodactyl.v1+json' },
      json: req.json,
    },
    HANDLED,
  );
  if (res.status < 300) return { status: res.status, data: res.body && typeof res.body === 'object' ? (res.body.attributes ?? null) : null };
  if (res.status === 404 && allow404) return null;
  if (res.status === 401 || res.status === 403) {
    throw new ProvisioningError(`Pterodactyl refused the ${api} API key while trying to ${what} (${res.status}); check the key and its permissions.`, false, res.status);
  }
  throw new ProvisioningError(`Pterodactyl could not ${what} (${res.status}): ${describe(res.body)}`, false, res.status);
}

export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

export function usernameFor(email: string): string {
  const local = (email.split('@')[0] ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]/g, '')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '')
    .slice(0, 20);
  return `${local || 'user'}${randomBytes(2).toString('hex')}`;
}

export function splitName(name: string): { first: string; last: string } {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = (words[0] ?? 'Customer').slice(0, 191);
  const last = (words.slice(1).join(' ') || 'Customer').slice(0, 191);
  return { first, last };
}

export function primaryAllocation(server: PteroServer): PteroAllocation | undefined {
  const list = server.relationships?.allocations?.data.map((d) => d.attributes) ?? [];
  return list.find((a) => a.id === server.allocation) ?? list[0];
}

export function serverDetails(ctx: Pick<ModuleContext, 'panel'>, server: PteroServer, extra: ServiceDetails = {}): ServiceDetails {
  const alloc = primaryAllocation(server);
  const host = alloc ? alloc.alias || alloc.ip : null;
  return {
    ...extra,
    ...(alloc && host ? { ips: [alloc.ip], connectAddress: `${host}:${alloc.port}` } : {}),
    panelUrl: `${panelBase(ctx.panel)}/server/${server.identifier}`,
    identifier: server.identifier,
  };
}

/** The server by the panel id we remembered, else by our external id; null when it doesn't exist. */
export async function findServer(ctx: ModuleContext): Promise<PteroServer | null> {
  if (ctx.service.panelRef) {
    const byRef = await ptero<PteroServer>(ctx, 'application', { method: 'GET', path: `/servers/${encodeURIComponent(ctx.service.panelRef)}?include=allocations` }, 'look up the server', true);
    if (byRef?.data) return byRef.data;
  }
  const byExt = await ptero<PteroServer>(ctx, 'application', { method: 'GET', path: `/servers/external/${encodeURIComponent(ctx.service.externalId)}?include=allocations` }, 'look up the server by external id', true);
  return byExt?.data ?? null;
}

export async function findServerOrThrow(ctx: ModuleContext, action: string): Promise<PteroServer> {
  const server = await findServer(ctx);
  if (!server) throw new ProvisioningError(`Pterodactyl: cannot ${action}, the server for ${ctx.service.externalId} does not exist on the panel.`, false, 404);
  return server;
}
