import type { PanelConnection } from '@/lib/provisioning/module';
import { ProvisioningError } from '@/lib/provisioning/module';
import { panelHttp, type PanelHttpLog, type PanelRequest } from '@/lib/provisioning/panel-http';

// The calls the provisioning module makes to VirtFusion's Global API (<panel>/api/v1, Bearer token). Our ids are
// strings ("cus_…"), and VirtFusion's extRelationId is an integer, so users are tied to customers by the
// documented relational string instead: POST /users {relStr} and ?relStr=true on the /users/{ext}/… lookups.

export interface VfUser {
  id: number;
  name: string;
  email: string;
  extRelationId?: number | null;
}

export interface VfServer {
  id: number;
  ownerId: number;
  name: string;
  hostname: string | null;
  commissionStatus: number;
  state: string;
  suspended: boolean;
  buildFailed?: boolean;
  built?: string | null;
  settings?: {
    osTemplateInstallId?: number | null;
    decryptedPassword?: string;
    resources?: { memory?: number; storage?: number; traffic?: number; cpuCores?: number };
  };
  network?: { interfaces?: { ipv4?: { address: string; enabled?: boolean }[] }[] };
  tasks?: { active?: boolean };
  remoteState?: { state?: string; running?: boolean };
}

export interface VfTemplateGroup {
  name: string;
  templates: { id: number; name: string; version: string; variant?: string }[];
}

export interface VfLoginTokens {
  authentication: { endpoint: string; endpoint_complete: string };
}

export type VfPowerAction = 'boot' | 'shutdown' | 'restart' | 'poweroff';

function explain(what: string, err: unknown): unknown {
  if (!(err instanceof ProvisioningError)) return err;
  if (err.status === 401 || err.status === 403) {
    return new ProvisioningError(`VirtFusion ${what}: the panel refused the API token (${err.status}); check the panel's credentials`, false, err.status);
  }
  if (err.status === 423) return new ProvisioningError(`VirtFusion ${what}: the server is locked by a running task (423)`, true, 423);
  return new ProvisioningError(`VirtFusion ${what}: ${err.message}`, err.retryable, err.status);
}

const enc = encodeURIComponent;

export function createVirtfusionClient(panel: PanelConnection, log: PanelHttpLog) {
  const base = `${panel.url.replace(/\/+$/, '')}/api/v1`;
  const headers = { authorization: `Bearer ${panel.credentials.apiToken ?? ''}` };

  async function call<T>(what: string, method: PanelRequest['method'], path: string, json?: unknown, expect?: number[]) {
    try {
      return await panelHttp<T>(log, { method, url: `${base}${path}`, headers, json, timeoutMs: 20_000 }, expect);
    } catch (err) {
      throw explain(what, err);
    }
  }

  return {
    connect: () => call('connection test', 'GET', '/connect'),

    async userByRelStr(ext: string): Promise<VfUser | null> {
      const res = await call<{ data: VfUser }>('user lookup', 'GET', `/users/${enc(ext)}/byExtRelation?relStr=true`, undefined, [200, 404]);
      return res.status === 404 ? null : res.body.data;
    },

    async createUser(input: { name: string; email: string; relStr: string }): Promise<VfUser> {
      const res = await call<{ data: VfUser }>('user create', 'POST', '/users', { ...input, sendMail: false }, [200, 201]);
      return res.body.data;
    },

    async server(id: string): Promise<VfServer | null> {
      const res = await call<{ data: VfServer }>('server lookup', 'GET', `/servers/${enc(id)}?remoteState=true`, undefined, [200, 404]);
      return res.status === 404 ? null : res.body.data;
    },

    async userServers(userId: number): Promise<VfServer[]> {
      const res = await call<{ data: VfServer[] }>('server list', 'GET', `/servers/user/${userId}`, undefined, [200, 404]);
      return res.status === 404 ? [] : res.body.data;
    },

    async createServer(input: { packageId: number; userId: number; hypervisorId: number; ipv4: number }): Promise<VfServer> {
      const res = await call<{ data: VfServer }>('server create', 'POST', '/servers', input, [200, 201]);
      return res.body.data;
    },

    async buildServer(id: number, input: { operatingSystemId: number; name: string; hostname?: string }): Promise<VfServer> {
      const res = await call<{ data: VfServer }>('server build', 'POST', `/servers/${id}/build`, { ...input, email: false }, [200, 201]);
      return res.body.data;
    },

    async templates(packageId: number): Promise<VfTemplateGroup[]> {
      const res = await call<{ data: VfTemplateGroup[] }>('OS template list', 'GET', `/media/templates/fromServerPackageSpec/${packageId}`);
      return res.body.data;
    },

    setSuspended: (id: number, suspended: boolean) => call(suspended ? 'suspend' : 'unsuspend', 'POST', `/servers/${id}/${suspended ? 'suspend' : 'unsuspend'}`, undefined, [200, 204]),

    /** True when the server was deleted, false when it was already gone. */
    async deleteServer(id: number): Promise<boolean> {
      const res = await call('server delete', 'DELETE', `/servers/${id}?delay=0`, undefined, [200, 204, 404]);
      return res.status !== 404;
    },

    changePackage: (id: number, packageId: number) =>
      call('package change', 'PUT', `/servers/${id}/package/${packageId}`, {
        cpu: true,
        memory: true,
        primaryDiskSize: true,
        primaryNetworkTraffic: true,
        primaryNetworkInboundSpeed: true,
        primaryNetworkOutboundSpeed: true,
      }),

    power: (id: number, action: VfPowerAction) => call(`power ${action}`, 'POST', `/servers/${id}/power/${action}`),

    async serverLoginTokens(ext: string, serverId: number): Promise<VfLoginTokens> {
      const res = await call<{ data: VfLoginTokens }>('login tokens', 'POST', `/users/${enc(ext)}/serverAuthenticationTokens/${serverId}?relStr=true`);
      return res.body.data;
    },
  };
}

export type VirtfusionClient = ReturnType<typeof createVirtfusionClient>;
