import type { IncomingMessage, ServerResponse } from 'node:http';

// Small helpers shared by the sandbox's vendor simulators. Every simulator page is built from strings,
// so everything that came from outside goes through escapeHtml.

export type SandboxHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void;

export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const CSS = `body{font-family:system-ui,sans-serif;margin:0;color:#111827;background:#f9fafb}
header{background:#111827;color:#fff;padding:12px 24px}header a{color:#fff;margin-right:16px;text-decoration:none}
main{padding:24px;max-width:1100px}table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;padding:8px;border-bottom:1px solid #e5e7eb;vertical-align:top}
pre{white-space:pre-wrap;background:#fff;border:1px solid #e5e7eb;padding:12px}
iframe{width:100%;height:600px;border:1px solid #e5e7eb;background:#fff}.muted{color:#6b7280;font-size:13px}
.card{background:#fff;border:1px solid #e5e7eb;padding:12px;margin-bottom:12px}button{cursor:pointer}`;

/** A whole page: the nav, the title and a body that the caller has already escaped. */
export function page(title: string, bodyHtml: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · EZSCALE sandbox</title>
<style>${CSS}</style></head><body><header><a href="/"><strong>EZSCALE sandbox</strong></a><a href="/mail">Mail</a><a href="/discord">Discord</a></header>
<main><h1>${escapeHtml(title)}</h1>${bodyHtml}</main></body></html>`;
}

// Email bodies are shown in a sandboxed iframe; images may load, scripts never run, forms go nowhere.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src * data:; frame-src 'self'; form-action 'self'; base-uri 'none'";

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP, 'x-content-type-options': 'nosniff' });
  res.end(html);
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, headers);
  res.end();
}

export function notFound(res: ServerResponse): void {
  sendJson(res, 404, { error: 'not_found' });
}

/** Reads a request body up to `limit` bytes; larger bodies reject so a runaway client cannot fill memory. */
export async function readBody(req: IncomingMessage, limit = 1_000_000): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) throw new Error(`request body over ${limit} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A store that keeps the newest `cap` items, newest first. */
export class RecentList<T> {
  private items: T[] = [];
  constructor(private readonly cap: number) {}
  add(item: T): void {
    this.items.unshift(item);
    if (this.items.length > this.cap) this.items.length = this.cap;
  }
  list(): readonly T[] {
    return this.items;
  }
  clear(): void {
    this.items = [];
  }
}
