import type { Faults } from '@/sandbox/shared/faults';
import { escapeHtml, page } from '@/sandbox/shared/http';
import { imageOf, IMAGES, kasmTime, type Panel, phase, type SimConfig } from './sim-state';

// What a person (or a test) sees of the Kasm stand-in: every server's users and sessions. The JSON twin is
// GET /kasm/_control/state.

export function stateJson(panels: Iterable<Panel>, faults: Faults, config: SimConfig) {
  const now = Date.now();
  return {
    config,
    faults: faults.state(),
    images: IMAGES.map((i) => ({ imageId: i.image_id, name: i.friendly_name, dockerImage: i.name, enabled: i.enabled })),
    panels: [...panels].map((p) => ({
      panel: p.label,
      users: [...p.users.values()].map((u) => ({ userId: u.user_id, username: u.username, name: `${u.first_name} ${u.last_name}`.trim(), organization: u.organization, disabled: u.disabled })),
      sessions: [...p.kasms.values()].map((k) => ({
        kasmId: k.kasm_id,
        userId: k.user_id,
        username: p.users.get(k.user_id)?.username ?? null,
        imageId: k.image_id,
        image: imageOf(k)?.friendly_name ?? null,
        status: phase(k, now),
        origin: k.origin,
        started: kasmTime(k.createdAt),
        keepalive: kasmTime(k.keepaliveAt),
      })),
    })),
  };
}

export function indexHtml(panels: Iterable<Panel>, faults: Faults, config: SimConfig): string {
  const state = stateJson(panels, faults, config);
  const sections = state.panels
    .map((p) => {
      const sessions = p.sessions
        .map(
          (s) => `<tr data-kasm-id="${escapeHtml(s.kasmId)}" data-status="${escapeHtml(s.status)}"><td><code>${escapeHtml(s.kasmId)}</code></td><td>${escapeHtml(s.username ?? s.userId)}</td>
<td>${escapeHtml(s.image ?? s.imageId)}</td><td><strong>${escapeHtml(s.status)}</strong></td><td>${escapeHtml(s.origin === 'api' ? 'API' : 'outside the app')}</td><td>${escapeHtml(s.started)}</td><td>${escapeHtml(s.keepalive)}</td></tr>`,
        )
        .join('');
      const users = p.users.map((u) => `<li><code>${escapeHtml(u.userId)}</code> ${escapeHtml(u.username)} (${escapeHtml(u.name || '—')})${u.disabled ? ' <strong>disabled</strong>' : ''}</li>`).join('');
      return `<div class="card"><h2>${escapeHtml(p.panel)}</h2><h3>Sessions</h3>
<table><thead><tr><th>Kasm id</th><th>User</th><th>Image</th><th>Status</th><th>Started by</th><th>Started at</th><th>Keepalive</th></tr></thead>
<tbody>${sessions || '<tr><td colspan="7" class="muted">No sessions.</td></tr>'}</tbody></table><h3>Users</h3><ul>${users || '<li class="muted">No users.</li>'}</ul></div>`;
    })
    .join('');
  const images = IMAGES.map((i) => `<li><code>${escapeHtml(i.image_id)}</code> ${escapeHtml(i.friendly_name)} <span class="muted">${escapeHtml(i.name)}${i.enabled ? '' : ' · disabled'}</span></li>`).join('');
  const f = state.faults;
  return page(
    'Kasm Workspaces',
    `<p>A Kasm Workspaces stand-in. Point a panel at <code>&lt;sandbox&gt;/kasm</code>; the module calls <code>POST /kasm/api/public/&lt;call&gt;</code>
with <code>api_key</code> and <code>api_key_secret</code> in the JSON body. Only the pair <code>sandbox-kasm-&lt;name&gt;</code> /
<code>sandbox-secret-&lt;name&gt;</code> is accepted, each its own server; anything else is refused with 403 <code>{"error_message":"Unauthorized"}</code>.
Sessions start in ${escapeHtml(config.startMs)} ms and lapse ${config.sessionLifetimeMs ? `${escapeHtml(Math.round(config.sessionLifetimeMs / 1000))} s after their last keepalive` : 'never'}; at most ${escapeHtml(config.maxSessions)} run at once
(<code>POST /kasm/_control/config {"startMs":500}</code>).</p>
<p class="muted">Start or end a session outside the app, as a person on Kasm's own dashboard would:
<code>POST /kasm/_control/sessions {"apiKey":"sandbox-kasm-…","username":"svc_…","imageId":"…"}</code>,
<code>POST /kasm/_control/sessions/destroy {"apiKey":"sandbox-kasm-…","kasmId":"…"}</code>.</p>
<p class="muted">Faults: failNext ${escapeHtml(f.failNext)} (status ${escapeHtml(f.failStatus)}), hangNext ${escapeHtml(f.hangNext)}, delay ${escapeHtml(f.delayMs)} ms.</p>
<h2>Images</h2><ul>${images}</ul>
${sections || '<p class="muted">No server has been used yet.</p>'}`,
  );
}
