// The SynergyCP stand-in's in-memory world. Every API key is its own SynergyCP install (own clients, own
// hardware), so two storefronts' panels never see each other; each install starts with the same small inventory.

import { isSandboxCredential, SANDBOX_CREDENTIAL_PREFIX } from '@/sandbox/shared/credentials';

export const PREFIX = '/synergycp';

export interface SimClient {
  id: number;
  first: string;
  last: string;
  email: string;
  /** The billing system's id for the client (ours: the customer's public id). */
  billingId: string | null;
  /** VIP clients' automatic suspensions and wipes are ignored by SynergyCP. */
  vip: boolean;
}

export interface SimServer {
  id: number;
  srvId: string;
  groupId: number;
  cpu: string;
  cores: number;
  ramGb: number;
  disks: string[];
  ips: string[];
  /** inventory: free; in_use: provisioned to a client; wiping: released, being wiped before it is free again. */
  status: 'inventory' | 'in_use' | 'wiping';
  wipeDoneAt: number | null;
  clientId: number | null;
  /** The billing system's id for the service on this server (ours: the service's public id). */
  billingId: string | null;
  isActive: boolean;
  power: 'on' | 'off';
  hostname: string | null;
}

export interface SimAccount {
  key: string;
  clients: SimClient[];
  servers: SimServer[];
  nextClientId: number;
  nextServerId: number;
  nextIp: number;
}

export interface ServerSpec {
  groupId: number;
  cpu: string;
  cores: number;
  ramGb: number;
  disks: string[];
  /** Defaults to the next free 198.51.100.x address. */
  ips?: string[];
}

export const GROUPS: Record<number, string> = { 1: 'Amsterdam E-2288G', 2: 'Amsterdam EPYC' };

const SEED: ServerSpec[] = [
  { groupId: 1, cpu: 'Xeon E-2288G', cores: 8, ramGb: 64, disks: ['960 GB NVMe', '960 GB NVMe'] },
  { groupId: 1, cpu: 'Xeon E-2288G', cores: 8, ramGb: 64, disks: ['960 GB NVMe', '960 GB NVMe'] },
  { groupId: 1, cpu: 'Xeon E-2288G', cores: 8, ramGb: 128, disks: ['1.92 TB NVMe', '1.92 TB NVMe'] },
];

/** Only sandbox keys (sandbox-scp-<name>) are accepted, each its own install; any other key is a wrong one. */
export function isAcceptedKey(key: string | null): key is string {
  return isSandboxCredential(SANDBOX_CREDENTIAL_PREFIX.synergycp, key);
}

export function specsOf(s: Pick<SimServer, 'cpu' | 'ramGb' | 'disks'>): string {
  const counts = new Map<string, number>();
  for (const d of s.disks) counts.set(d, (counts.get(d) ?? 0) + 1);
  const disks = [...counts].map(([d, n]) => (n > 1 ? `${n}× ${d}` : d)).join(' + ');
  return `${s.cpu}, ${s.ramGb} GB${disks ? `, ${disks}` : ''}`;
}

export function createWorld(opts: { wipeMs: number }) {
  const accounts = new Map<string, SimAccount>();

  function addServer(acc: SimAccount, spec: ServerSpec): SimServer {
    const id = acc.nextServerId++;
    const ips = spec.ips?.length ? spec.ips : [`198.51.100.${acc.nextIp++}`];
    const server: SimServer = {
      id,
      srvId: `S${1000 + id}`,
      groupId: spec.groupId,
      cpu: spec.cpu,
      cores: spec.cores,
      ramGb: spec.ramGb,
      disks: [...spec.disks],
      ips,
      status: 'inventory',
      wipeDoneAt: null,
      clientId: null,
      billingId: null,
      isActive: true,
      power: 'off',
      hostname: null,
    };
    acc.servers.push(server);
    return server;
  }

  function account(key: string): SimAccount {
    let acc = accounts.get(key);
    if (!acc) {
      acc = { key, clients: [], servers: [], nextClientId: 1, nextServerId: 1, nextIp: 10 };
      for (const spec of SEED) addServer(acc, spec);
      accounts.set(key, acc);
    }
    settle(acc);
    return acc;
  }

  /** Wipes finish on their own after `wipeMs`; the server goes back to inventory, powered off. */
  function settle(acc: SimAccount): void {
    const now = Date.now();
    for (const s of acc.servers) {
      if (s.status === 'wiping' && s.wipeDoneAt !== null && s.wipeDoneAt <= now) {
        Object.assign(s, { status: 'inventory', wipeDoneAt: null, isActive: true, power: 'off', hostname: null });
      }
    }
  }

  function startWipe(s: SimServer): void {
    Object.assign(s, { status: 'wiping', wipeDoneAt: Date.now() + opts.wipeMs, clientId: null, billingId: null, power: 'on' });
  }

  return {
    accounts,
    account,
    addServer,
    startWipe,
    settleAll: () => accounts.forEach(settle),
    reset: () => accounts.clear(),
  };
}

export type SimWorld = ReturnType<typeof createWorld>;
