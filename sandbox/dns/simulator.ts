import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { escapeHtml, notFound, page, readBody, sendEmpty, sendHtml, sendJson } from '@/sandbox/shared/http';
import { RECORD_TYPES } from './dns-message';
import { createDnsServer, type DnsServer } from './dns-server';

// The sandbox's DNS zone under /dns: a page listing the records with a form to add one, and the control endpoint
// tests and scripts use. POST /dns/_control/records takes {records:[{type,name,value}]} (the shape
// `bin/ezscale domain:add --json` prints, so its output can be posted as it is) and replaces, per name and type,
// what was there; DELETE /dns/_control/records?name=N[&type=T] removes records (everything without a name).

const PREFIX = '/dns';

const hostname = z
  .string()
  .trim()
  .toLowerCase()
  .transform((v) => v.replace(/\.$/, ''))
  .pipe(z.string().min(1).max(253).regex(/^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/, 'must be a DNS name'));

const recordSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('A'), name: hostname, value: z.ipv4(), ttl: z.number().int().min(0).max(86_400).optional() }),
  z.object({ type: z.literal('CNAME'), name: hostname, value: hostname, ttl: z.number().int().min(0).max(86_400).optional() }),
  z.object({ type: z.literal('TXT'), name: hostname, value: z.string().max(1000), ttl: z.number().int().min(0).max(86_400).optional() }),
]);

const setSchema = z
  .object({ records: z.array(recordSchema).min(1).max(500) })
  .superRefine((body, ctx) => {
    for (const r of body.records) {
      if (r.type === 'CNAME' && body.records.some((o) => o.name === r.name && o.type !== 'CNAME')) {
        ctx.addIssue({ code: 'custom', message: `${r.name} cannot have a CNAME and other records` });
        return;
      }
    }
  });

export interface DnsSimulator {
  server: DnsServer;
  handle: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;
  /** Binds the UDP server (0: a free port) and resolves to its port. */
  listen: (port: number, host: string) => Promise<number>;
  close: () => Promise<void>;
}

function recordsPage(sim: DnsServer, where: string): string {
  const rows = sim.store
    .list()
    .map(
      (r) => `<tr><td>${escapeHtml(r.type)}</td><td><code>${escapeHtml(r.name)}</code></td><td><code>${escapeHtml(r.value)}</code></td><td>${r.ttl}</td>
<td><form method="post" action="${PREFIX}/_control/remove"><input type="hidden" name="name" value="${escapeHtml(r.name)}"><input type="hidden" name="type" value="${escapeHtml(r.type)}"><button>Remove</button></form></td></tr>`,
    )
    .join('');
  const options = RECORD_TYPES.map((t) => `<option>${t}</option>`).join('');
  return page(
    'DNS',
    `<p>An authoritative DNS server for every name, on UDP <code>${escapeHtml(where)}</code>. In sandbox mode domain checks ask it (DNS_RESOLVERS);
create here the records a storefront's Settings → Domains page (or <code>bin/ezscale domain:add</code>) lists.</p>
<div class="card"><form method="post" action="${PREFIX}/_control/records">
<select name="type">${options}</select> <input name="name" placeholder="shop.example.com" size="40"> <input name="value" placeholder="value" size="50"> <button>Set record</button>
</form><p class="muted">Setting a record replaces the records of the same name and type. POST /dns/_control/records with {"records":[{"type","name","value"}]} sets many.</p></div>
<table><thead><tr><th>Type</th><th>Name</th><th>Value</th><th>TTL</th><th></th></tr></thead><tbody>${rows || '<tr><td colspan="5" class="muted">No records yet.</td></tr>'}</tbody></table>`,
  );
}

async function readInput(req: IncomingMessage): Promise<{ form: boolean; body: unknown }> {
  const raw = await readBody(req, 200_000);
  const form = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
  if (form) return { form, body: Object.fromEntries(new URLSearchParams(raw)) };
  try {
    return { form, body: JSON.parse(raw || '{}') as unknown };
  } catch {
    return { form, body: undefined };
  }
}

export function createDnsSimulator(): DnsSimulator {
  const server = createDnsServer();
  const where = { host: '127.0.0.1', port: 0 };

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname.slice(PREFIX.length) || '/';
    if (path === '/' && req.method === 'GET') return sendHtml(res, 200, recordsPage(server, `${where.host}:${where.port}`));
    if (path === '/_control/records' && req.method === 'GET') return sendJson(res, 200, { records: server.store.list() });
    if (path === '/_control/records' && req.method === 'POST') {
      const { form, body } = await readInput(req);
      const parsed = setSchema.safeParse(form ? { records: [{ ...(body as Record<string, string>) }] } : body);
      if (!parsed.success) return sendJson(res, 400, { error: 'invalid_records', issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
      server.store.set(parsed.data.records);
      if (form) return sendEmpty(res, 303, { location: PREFIX });
      return sendJson(res, 200, { records: server.store.list() });
    }
    if ((path === '/_control/records' && req.method === 'DELETE') || (path === '/_control/remove' && req.method === 'POST')) {
      const input = req.method === 'DELETE' ? Object.fromEntries(url.searchParams) : ((await readInput(req)).body as Record<string, string> | undefined);
      const type = z.enum(RECORD_TYPES as [string, ...string[]]).optional().safeParse(input?.type || undefined);
      if (!type.success) return sendJson(res, 400, { error: 'invalid_type' });
      const removed = server.store.remove(input?.name || undefined, type.data as (typeof RECORD_TYPES)[number] | undefined);
      if (req.method === 'POST') return sendEmpty(res, 303, { location: PREFIX });
      return sendJson(res, 200, { removed });
    }
    return notFound(res);
  }

  return {
    server,
    handle,
    listen: async (port, host) => {
      where.port = await server.listen(port, host);
      where.host = host;
      return where.port;
    },
    close: () => server.close(),
  };
}
