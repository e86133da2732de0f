import { escapeHtml, page } from '@/sandbox/shared/http';
import type { Faults } from '@/sandbox/shared/faults';
import { buildPhase, PACKAGES, type Panel, type SimServer, templateLabel } from './sim-state';

// What a person (or a browser test) sees of the VirtFusion stand-in: every panel's users and servers with their
// state, and the page a single sign-on link lands on. The JSON twin is GET /virtfusion/_control/state.

export function serverStatus(server: SimServer): string {
  const phase = buildPhase(server);
  if (server.deleteAt !== null) return 'deleting';
  if (server.suspended) return 'suspended';
  if (phase === 'created') return 'awaiting build';
  if (phase === 'building') return 'building';
  return server.power === 'running' ? 'active' : 'stopped';
}

export function stateJson(panels: Iterable<Panel>, faults: Faults, buildMs: number) {
  return {
    buildMs,
    faults: faults.state(),
    panels: [...panels].map((panel) => ({
      panel: panel.label,
      users: panel.users.map((u) => ({ id: u.id, name: u.name, email: u.email, extRelationId: u.extRelationId, relStr: u.relStr })),
      servers: panel.servers.map((s) => {
        const owner = panel.users.find((u) => u.id === s.ownerId);
        return {
          id: s.id,
          name: s.name,
          hostname: s.hostname,
          ownerId: s.ownerId,
          owner: owner ? (owner.relStr ?? owner.email) : null,
          packageId: s.packageId,
          package: PACKAGES.find((p) => p.id === s.packageId)?.name ?? null,
          hypervisorGroupId: s.hypervisorGroupId,
          os: templateLabel(s.osTemplateId),
          ips: s.ips,
          status: serverStatus(s),
          phase: buildPhase(s),
          suspended: s.suspended,
          power: s.power,
          powerActions: s.powerActions,
        };
      }),
    })),
  };
}

export function indexHtml(panels: Iterable<Panel>, faults: Faults, buildMs: number): string {
  const state = stateJson(panels, faults, buildMs);
  const sections = state.panels
    .map((p) => {
      const rows = p.servers
        .map(
          (s) => `<tr data-server-name="${escapeHtml(s.name)}" data-status="${escapeHtml(s.status)}"><td>${escapeHtml(s.id)}</td><td>${escapeHtml(s.name)}</td>
<td>${escapeHtml(s.hostname ?? '—')}</td><td>${escapeHtml(s.owner ?? '—')}</td><td>${escapeHtml(s.package ?? s.packageId)}</td><td>${escapeHtml(s.os ?? '—')}</td>
<td>${escapeHtml(s.ips.join(', ') || '—')}</td><td><strong>${escapeHtml(s.status)}</strong></td></tr>`,
        )
        .join('');
      const users = p.users.map((u) => `<li>#${escapeHtml(u.id)} ${escapeHtml(u.name)} &lt;${escapeHtml(u.email)}&gt; relStr ${escapeHtml(u.relStr ?? '—')}</li>`).join('');
      return `<div class="card"><h2>${escapeHtml(p.panel)}</h2><h3>Servers</h3>
<table><thead><tr><th>ID</th><th>Name</th><th>Hostname</th><th>Owner</th><th>Package</th><th>OS</th><th>IPv4</th><th>Status</th></tr></thead>
<tbody>${rows || '<tr><td colspan="8" class="muted">No servers.</td></tr>'}</tbody></table><h3>Users</h3><ul>${users || '<li class="muted">No users.</li>'}</ul></div>`;
    })
    .join('');
  const f = state.faults;
  return page(
    'VirtFusion',
    `<p>A VirtFusion panel stand-in. Point a panel at <code>&lt;sandbox&gt;/virtfusion</code>; the module calls
<code>/virtfusion/api/v1/…</code> with <code>Authorization: Bearer &lt;token&gt;</code>. Only tokens of the form
<code>sandbox-vf-&lt;name&gt;</code> are accepted, each its own panel; any other token is refused with 401. Builds take ${escapeHtml(buildMs)} ms (<code>POST /virtfusion/_control/config {"buildMs":200}</code>).</p>
<p class="muted">Faults: failNext ${escapeHtml(f.failNext)} (status ${escapeHtml(f.failStatus)}), hangNext ${escapeHtml(f.hangNext)}, delay ${escapeHtml(f.delayMs)} ms.</p>
${sections || '<p class="muted">No panel has been used yet.</p>'}`,
  );
}

export function loginHtml(panel: Panel, userId: number, server: SimServer): string {
  const user = panel.users.find((u) => u.id === userId);
  return page(
    'VirtFusion — signed in',
    `<p>Signed in as <strong>${escapeHtml(user?.name ?? '?')}</strong> (${escapeHtml(user?.email ?? '')}).</p>
<div class="card"><p>Server <strong>${escapeHtml(server.hostname ?? server.name)}</strong> · ${escapeHtml(serverStatus(server))}</p>
<p class="muted">IPv4 ${escapeHtml(server.ips.join(', ') || '—')} · ${escapeHtml(templateLabel(server.osTemplateId) ?? 'no OS')}</p></div>`,
  );
}
