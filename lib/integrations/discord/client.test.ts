import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DiscordWebhookError, postDiscordWebhook, redactWebhookUrl } from './client';
import { createDiscordSimulator } from '@/sandbox/discord/simulator';

type Reply = (req: IncomingMessage, res: ServerResponse, body: string) => void;

let server: Server;
let base: string;
let replies: Reply[] = [];
const received: { url: string; body: unknown; contentType: string | undefined }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ url: req.url ?? '', body: JSON.parse(body) as unknown, contentType: req.headers['content-type'] });
      const reply = replies.shift() ?? ((_q, r) => r.writeHead(204).end());
      reply(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  replies = [];
  received.length = 0;
});

const json = (status: number, body: unknown): Reply => (_q, res) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
const hook = () => `${base}/api/webhooks/123/secret-token`;

describe('postDiscordWebhook', () => {
  it('POSTs JSON and accepts 204', async () => {
    await postDiscordWebhook(hook(), { content: 'hello', embeds: [{ title: 't' }] });
    expect(received).toEqual([{ url: '/api/webhooks/123/secret-token', body: { content: 'hello', embeds: [{ title: 't' }] }, contentType: 'application/json' }]);
  });

  it('honours one 429 retry_after (seconds), then succeeds', async () => {
    replies = [json(429, { message: 'You are being rate limited.', retry_after: 0.05, global: false })];
    const started = Date.now();
    await postDiscordWebhook(hook(), { content: 'x' });
    expect(received).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('throws on a second 429', async () => {
    replies = [json(429, { retry_after: 0.01, global: true }), json(429, { retry_after: 0.01, global: true })];
    await expect(postDiscordWebhook(hook(), { content: 'x' })).rejects.toThrow(/global rate limit/);
    expect(received).toHaveLength(2);
  });

  it('does not wait when retry_after is longer than allowed', async () => {
    replies = [json(429, { retry_after: 60, global: false })];
    await expect(postDiscordWebhook(hook(), { content: 'x' }, { maxRetryAfterMs: 1000 })).rejects.toThrow(/rate limit/);
    expect(received).toHaveLength(1);
  });

  it("throws Discord's message and code on a 4xx", async () => {
    replies = [json(404, { message: 'Unknown Webhook', code: 10015 })];
    const err = (await postDiscordWebhook(hook(), { content: 'x' }).catch((e: unknown) => e)) as DiscordWebhookError;
    expect(err).toBeInstanceOf(DiscordWebhookError);
    expect(err.status).toBe(404);
    expect(err.code).toBe(10015);
    expect(err.message).toContain('Unknown Webhook (code 10015)');
  });

  it('throws on a 5xx without a JSON body', async () => {
    replies = [(_q, res) => res.writeHead(502).end('bad gateway')];
    await expect(postDiscordWebhook(hook(), { content: 'x' })).rejects.toThrow('Discord webhook failed with HTTP 502');
  });

  it('throws when unreachable, without leaking the token', async () => {
    const err = (await postDiscordWebhook('http://127.0.0.1:1/api/webhooks/1/secret-token', { content: 'x' }).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/unreachable/);
    expect(err.message).not.toContain('secret-token');
    expect(redactWebhookUrl('https://discord.com/api/webhooks/1/abc?wait=true')).toBe('https://discord.com/api/webhooks/1/***?wait=true');
  });
});

// Contract: the sandbox simulator answers our client the way Discord does.
describe('client against the Discord simulator', () => {
  const sim = createDiscordSimulator();
  let simServer: Server;
  let simBase: string;
  beforeAll(async () => {
    simServer = createServer((req, res) => void sim.handle(req, res, new URL(req.url ?? '/', 'http://x')));
    await new Promise<void>((resolve) => simServer.listen(0, '127.0.0.1', resolve));
    simBase = `http://127.0.0.1:${(simServer.address() as AddressInfo).port}/discord/api/webhooks`;
  });
  afterAll(() => new Promise<void>((resolve) => simServer.close(() => resolve())));

  it('delivers, rejects what Discord rejects, and simulates failures', async () => {
    await postDiscordWebhook(`${simBase}/1/tok`, { embeds: [{ title: 'Alert', color: 0xdc2626 }] });
    expect(sim.messages()[0]?.embeds[0]?.title).toBe('Alert');
    await expect(postDiscordWebhook(`${simBase}/1/tok`, { content: '' })).rejects.toThrow(/Cannot send an empty message \(code 50006\)/);
    await expect(postDiscordWebhook(`${simBase}/1/tok`, { content: 'x'.repeat(2001) })).rejects.toThrow(/Invalid Form Body \(code 50035\)/);
    await expect(postDiscordWebhook(`${simBase}/1/fail-500`, { content: 'x' })).rejects.toThrow(/\(500\)/);
    await expect(postDiscordWebhook(`${simBase}/1/fail-429`, { content: 'x' })).rejects.toThrow(/rate limit/);
    expect(sim.messages()).toHaveLength(1);
  });
});
