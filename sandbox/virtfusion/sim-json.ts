import { buildPhase, HYPERVISOR_GROUPS, PACKAGES, type Panel, type SimServer, type SimUser, TEMPLATES } from './sim-state';

// The JSON VirtFusion answers with, trimmed to the fields its Global API documents that a billing system reads
// (the real objects carry many more: CPU topology, custom XML, storage, …).

export function userJson(user: SimUser) {
  return {
    id: user.id,
    admin: false,
    extRelationId: user.extRelationId,
    relStr: user.relStr,
    selfService: 0,
    name: user.name,
    email: user.email,
    timezone: 'UTC',
    suspended: false,
    twoFactorAuth: false,
    created: user.created,
    updated: user.created,
  };
}

function ipv4Json(server: SimServer) {
  return server.ips.map((address, i) => ({
    id: server.id * 100 + i,
    order: i + 1,
    enabled: true,
    blockId: 1,
    address,
    gateway: '203.0.113.1',
    netmask: '255.255.255.0',
    resolver1: '192.0.2.53',
    resolver2: '198.51.100.53',
    rdns: null,
    mac: null,
  }));
}

export function serverJson(panel: Panel, server: SimServer, opts: { remoteState?: boolean } = {}) {
  const phase = buildPhase(server);
  const pkg = PACKAGES.find((p) => p.id === server.packageId);
  const owner = panel.users.find((u) => u.id === server.ownerId);
  return {
    id: server.id,
    ownerId: server.ownerId,
    hypervisorId: server.hypervisorGroupId * 10 + 1,
    name: server.name,
    hostname: server.hostname,
    // The simulator's reading of commissionStatus: 0 never built, 1 building, 3 built.
    commissionStatus: phase === 'created' ? 0 : phase === 'building' ? 1 : 3,
    uuid: server.uuid,
    state: phase === 'complete' ? 'complete' : phase === 'building' ? 'building' : 'queued',
    rebuild: false,
    suspended: server.suspended,
    protected: false,
    buildFailed: false,
    built: phase === 'complete' && server.buildStartedAt !== null ? new Date(server.buildStartedAt + server.buildMs).toISOString() : null,
    created: server.created,
    updated: server.updated,
    settings: {
      osTemplateInstall: server.osTemplateId !== null,
      osTemplateInstallId: server.osTemplateId,
      resources: { memory: pkg?.memory ?? 0, storage: pkg?.primaryStorage ?? 0, traffic: pkg?.traffic ?? 0, cpuCores: pkg?.cpuCores ?? 0 },
    },
    network: {
      interfaces: [{ id: server.id, order: 1, enabled: true, tag: 0, name: 'eth0', type: 'bridge', mac: server.mac, isNat: false, ipv4: ipv4Json(server), ipv6: [] }],
      secondaryInterfaces: [],
    },
    hypervisor: { id: server.hypervisorGroupId * 10 + 1, groupId: server.hypervisorGroupId, group: { name: HYPERVISOR_GROUPS.find((g) => g.id === server.hypervisorGroupId)?.name ?? '' } },
    owner: owner ? userJson(owner) : null,
    tasks: { active: phase === 'building', lastOn: server.updated, actions: { pending: [] } },
    ...(opts.remoteState ? { remoteState: { state: phase !== 'complete' ? 'shutoff' : server.power === 'running' ? 'running' : 'shutoff', running: phase === 'complete' && server.power === 'running' } } : {}),
  };
}

export function packageJson(pkg: (typeof PACKAGES)[number]) {
  return {
    id: pkg.id,
    name: pkg.name,
    description: null,
    enabled: pkg.enabled,
    memory: pkg.memory,
    primaryStorage: pkg.primaryStorage,
    traffic: pkg.traffic,
    cpuCores: pkg.cpuCores,
    primaryNetworkSpeedIn: 0,
    primaryNetworkSpeedOut: 0,
    primaryDiskType: 'inherit',
    backupPlanId: 0,
    created: '2026-01-01T00:00:00+00:00',
  };
}

/** OS templates grouped the way GET /media/templates/fromServerPackageSpec/{id} answers. */
export function templateGroupsJson() {
  const groups = [...new Set(TEMPLATES.map((t) => t.group))];
  return groups.map((name, i) => ({
    id: i + 1,
    name,
    description: '',
    icon: `${name.toLowerCase().replace(/\s+/g, '_')}.png`,
    templates: TEMPLATES.filter((t) => t.group === name).map((t) => ({
      id: t.id,
      name: t.name,
      version: t.version,
      variant: t.variant,
      arch: 1,
      description: '',
      icon: '',
      eol: false,
      eol_date: null,
      eol_warning: false,
      deploy_type: 1,
      vnc: false,
      type: 'linux',
    })),
  }));
}
