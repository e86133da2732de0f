import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { escapeHtml, notFound, page, readBody, RecentList, sendEmpty, sendHtml, sendJson } from '@/sandbox/shared/http';

// Behaves like Discord's "execute webhook" endpoint closely enough for our client's contract: same
// validation codes, 204 without ?wait, 200 with the message object with ?wait=true. A token of the form
// "fail-<status>" answers with that status, so failures can be tried by pointing DISCORD_WEBHOOK_URL at it.

const embedSchema = z.object({
  title: z.string().max(256).optional(),
  description: z.string().max(4096).optional(),
  url: z.string().optional(),
  color: z.number().int().min(0).max(0xffffff).optional(),
  timestamp: z.string().optional(),
  fields: z.array(z.object({ name: z.string().max(256), value: z.string().max(1024), inline: z.boolean().optional() })).max(25).optional(),
  footer: z.object({ text: z.string().max(2048) }).optional(),
});

const bodySchema = z.object({
  content: z.string().max(2000, 'Must be 2000 or fewer in length.').optional(),
  username: z.string().min(1).max(80).optional(),
  embeds: z.array(embedSchema).max(10, 'Must be 10 or fewer in length.').optional(),
});

export type SimulatedEmbed = z.infer<typeof embedSchema>;

export interface SimulatedDiscordMessage {
  id: string;
  type: 0;
  channel_id: string;
  webhook_id: string;
  content: string;
  embeds: SimulatedEmbed[];
  author: { id: string; username: string; bot: true };
  timestamp: string;
}

const DISCORD_EPOCH = 1_420_070_400_000n;
let sequence = 0n;
function snowflake(): string {
  sequence = (sequence + 1n) & 0xfffn;
  return String(((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | sequence);
}

const WEBHOOK_PATH = /^\/discord\/api\/webhooks\/([^/]+)\/([^/]+)\/?$/;

function invalidFormBody(error: z.ZodError): Record<string, unknown> {
  const errors: Record<string, unknown> = {};
  for (const issue of error.issues) {
    errors[issue.path.map(String).join('.') || '_'] = { _errors: [{ code: 'BASE_TYPE_INVALID', message: issue.message }] };
  }
  return { message: 'Invalid Form Body', code: 50035, errors };
}

function renderEmbed(e: SimulatedEmbed): string {
  const color = e.color === undefined ? '#9ca3af' : `#${e.color.toString(16).padStart(6, '0')}`;
  const fields = (e.fields ?? []).map((f) => `<div><strong>${escapeHtml(f.name)}</strong>: ${escapeHtml(f.value)}</div>`).join('');
  return `<div class="card" style="border-left:4px solid ${color}">
${e.title ? `<strong>${escapeHtml(e.title)}</strong>` : ''}
${e.description ? `<pre>${escapeHtml(e.description)}</pre>` : ''}${fields}
${e.footer ? `<div class="muted">${escapeHtml(e.footer.text)}</div>` : ''}</div>`;
}

export interface DiscordSimulator {
  handle: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;
  messages: () => readonly SimulatedDiscordMessage[];
  clear: () => void;
}

export function createDiscordSimulator(opts: { cap?: number } = {}): DiscordSimulator {
  const store = new RecentList<SimulatedDiscordMessage>(opts.cap ?? 500);

  async function execute(req: IncomingMessage, res: ServerResponse, url: URL, webhookId: string, token: string): Promise<void> {
    const forced = /^fail-([45]\d\d)$/.exec(token);
    if (forced) {
      const status = Number(forced[1]);
      if (status === 429) return sendJson(res, 429, { message: 'You are being rate limited.', retry_after: 0.05, global: false });
      return sendJson(res, status, { message: `Simulated failure ${status}`, code: 0 });
    }
    let json: unknown;
    try {
      json = JSON.parse(await readBody(req));
    } catch {
      return sendJson(res, 400, { message: 'The request body contains invalid JSON.', code: 50109 });
    }
    const parsed = bodySchema.safeParse(json);
    if (!parsed.success) return sendJson(res, 400, invalidFormBody(parsed.error));
    const { content, embeds, username } = parsed.data;
    if (!content?.trim() && !embeds?.length) return sendJson(res, 400, { message: 'Cannot send an empty message', code: 50006 });
    const message: SimulatedDiscordMessage = {
      id: snowflake(),
      type: 0,
      channel_id: 'sandbox',
      webhook_id: webhookId,
      content: content ?? '',
      embeds: embeds ?? [],
      author: { id: webhookId, username: username ?? 'Sandbox webhook', bot: true },
      timestamp: new Date().toISOString(),
    };
    store.add(message);
    if (url.searchParams.get('wait') === 'true') return sendJson(res, 200, message);
    return sendEmpty(res, 204);
  }

  function inboxPage(): string {
    const items = store.list();
    const list = items.length
      ? items
          .map(
            (m) => `<div class="card"><div class="muted">${escapeHtml(m.timestamp)} · webhook ${escapeHtml(m.webhook_id)} · ${escapeHtml(m.author.username)}</div>
${m.content ? `<pre>${escapeHtml(m.content)}</pre>` : ''}${m.embeds.map(renderEmbed).join('')}</div>`,
          )
          .join('')
      : '<p class="muted">No messages yet.</p>';
    return page(
      'Discord webhooks',
      `<p class="muted">Point a webhook URL at <code>/discord/api/webhooks/&lt;id&gt;/&lt;token&gt;</code>; a token like <code>fail-500</code> simulates a failure.</p>
<form method="post" action="/discord/clear"><button>Clear all</button></form>${list}`,
    );
  }

  return {
    messages: () => store.list(),
    clear: () => store.clear(),
    handle: async (req, res, url) => {
      const path = url.pathname.replace(/\/+$/, '') || '/';
      const hook = WEBHOOK_PATH.exec(url.pathname);
      if (hook) {
        if (req.method !== 'POST') return sendJson(res, 405, { message: '405: Method Not Allowed', code: 0 });
        return execute(req, res, url, decodeURIComponent(hook[1]!), decodeURIComponent(hook[2]!));
      }
      if (path === '/discord' && req.method === 'GET') return sendHtml(res, 200, inboxPage());
      if (path === '/discord/api/messages' && req.method === 'GET') return sendJson(res, 200, store.list());
      if (path === '/discord/api/messages' && req.method === 'DELETE') {
        store.clear();
        return sendEmpty(res, 204);
      }
      if (path === '/discord/clear' && req.method === 'POST') {
        store.clear();
        return sendEmpty(res, 303, { location: '/discord' });
      }
      return notFound(res);
    },
  };
}
