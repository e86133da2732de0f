import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors/app-error';
import { panelHttp, type PanelHttpEntry } from '@/lib/provisioning/panel-http';
import { ProvisioningError } from '@/lib/provisioning/provisioning-error';
import { createPanel, testPanel, updatePanel } from '@/lib/provisioning/panels';
import { setupShop, type Shop } from './factories/shop';
import { setEnv } from './helpers/sandbox';

// #15 item 1: staff-entered panel URLs must not become a way to reach the billing host's own network. Every target
// here is on this machine: loopback servers we start, or literal addresses the guard refuses before connecting.

type Reply = (req: IncomingMessage, res: ServerResponse) => void;

let shop: Shop;
let server: Server;
let port: number;
let replies: Reply[] = [];
const requests: string[] = [];
let connections = 0;
const staff = { type: 'staff' as const, id: 1, label: 'boss@example.com' };
const ok: Reply = (_q, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[]}');

beforeAll(async () => {
  // Production mode needs a real key to open panel credentials; the same key serves the sandbox-mode cases.
  setEnv({ APP_KEY: randomBytes(32).toString('base64') });
  shop = await setupShop();
  server = createHttpServer((req, res) => {
    requests.push(req.url ?? '');
    (replies.shift() ?? ok)(req, res);
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  setEnv({ APP_MODE: 'sandbox', PANEL_ALLOWED_NETWORKS: undefined, APP_KEY: undefined });
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await shop?.t.cleanup();
});
afterEach(() => {
  setEnv({ APP_MODE: 'sandbox', PANEL_ALLOWED_NETWORKS: undefined });
  replies = [];
  requests.length = 0;
  connections = 0;
});

const get = (url: string, timeoutMs?: number) => panelHttp(() => undefined, { method: 'GET', url, timeoutMs });
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => {
      expect(e).toBeInstanceOf(ProvisioningError);
      return e as ProvisioningError;
    },
  );

describe('production mode refuses panel URLs that point inside', () => {
  it('refuses plain http:// without connecting', async () => {
    setEnv({ APP_MODE: 'production' });
    const err = await failure(get(`http://127.0.0.1:${port}/api/application/nests`));
    expect(err.message).toMatch(/https/);
    expect(err.retryable).toBe(false);
    expect(connections).toBe(0);
  });

  it('refuses loopback by literal address and by name, without connecting', async () => {
    setEnv({ APP_MODE: 'production' });
    for (const host of ['127.0.0.1', 'localhost', '[::1]']) {
      const err = await failure(get(`https://${host}:${port}/api`));
      expect(err.message).toMatch(/loopback/);
      expect(err.message).toContain('PANEL_ALLOWED_NETWORKS');
      expect(err.retryable).toBe(false);
    }
    expect(connections).toBe(0);
  });

  it('connects when the network is listed in PANEL_ALLOWED_NETWORKS', async () => {
    // A bare TCP listener: the TLS handshake fails, but the connection proves the guard let it through.
    let tcpConnections = 0;
    const tcp: TcpServer = createTcpServer((s) => {
      tcpConnections += 1;
      s.destroy();
    });
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    try {
      setEnv({ APP_MODE: 'production', PANEL_ALLOWED_NETWORKS: '10.20.0.0/16, 127.0.0.0/8' });
      const err = await failure(get(`https://127.0.0.1:${(tcp.address() as AddressInfo).port}/api`));
      expect(err.message).not.toMatch(/refused to connect|loopback/);
      expect(err.retryable).toBe(true);
      expect(tcpConnections).toBe(1);
    } finally {
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
    }
  });

  it('checks the URL when staff save it, with the reason on the url field', async () => {
    setEnv({ APP_MODE: 'production' });
    const input = (url: string) => ({ module: 'pterodactyl', name: 'Ptero', url, credentials: { applicationKey: 'ptla_testkey123' } });
    for (const [url, reason] of [
      ['http://ptero.example.com', /https/],
      ['https://10.1.2.3', /private/],
      ['https://169.254.169.254/latest/meta-data', /link-local/],
      ['https://[fd00::5]', /unique-local/],
    ] as const) {
      const err = await createPanel(shop.db, input(url), staff).then(() => null, (e: unknown) => e);
      expect(err, url).toBeInstanceOf(AppError);
      expect((err as AppError).fieldErrors?.url?.join(' '), url).toMatch(reason);
    }
    setEnv({ APP_MODE: 'sandbox' });
    const panel = await createPanel(shop.db, input(`http://127.0.0.1:${port}`), staff);
    setEnv({ APP_MODE: 'production' });
    const err = await updatePanel(shop.db, panel.publicId, { url: 'https://192.168.1.10' }, staff).then(() => null, (e: unknown) => e);
    expect((err as AppError).fieldErrors?.url?.join(' ')).toMatch(/private/);
  });

  it('re-checks at request time: a panel saved before the switch to production is refused when tested', async () => {
    const panel = await createPanel(shop.db, { module: 'pterodactyl', name: 'Old', url: `http://localhost:${port}`, credentials: { applicationKey: 'ptla_testkey123' } }, staff);
    setEnv({ APP_MODE: 'production' });
    const res = await testPanel(shop.db, panel.publicId);
    expect(res.ok).toBe(false);
    expect(res.message).toMatch(/https/);
    expect(connections).toBe(0);
  });
});

describe('in every mode', () => {
  it('treats a redirect as an error naming its status, and does not follow it', async () => {
    replies = [(_q, res) => res.writeHead(302, { location: `http://127.0.0.1:${port}/internal-admin` }).end()];
    const err = await failure(get(`http://127.0.0.1:${port}/api`));
    expect(err.message).toContain('302');
    expect(err.message).toMatch(/redirect/);
    expect(err.retryable).toBe(false);
    expect(requests).toEqual(['/api']);
  });

  it('times out a panel that never answers', async () => {
    replies = [() => undefined];
    const started = Date.now();
    const err = await failure(get(`http://127.0.0.1:${port}/api`, 300));
    expect(err.message).toMatch(/timed out/i);
    expect(err.retryable).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('shows staff at most 200 sanitised characters of a response body', async () => {
    const body = `<html>\u001b[31mpassword=hunter2\u0000\u0007 token: abc123secret\r\n${'x'.repeat(2000)}</html>`;
    replies = [(_q, res) => res.writeHead(400, { 'content-type': 'text/html' }).end(body)];
    const panel = await createPanel(shop.db, { module: 'pterodactyl', name: 'Chatty', url: `http://127.0.0.1:${port}`, credentials: { applicationKey: 'ptla_testkey123' } }, staff);
    const res = await testPanel(shop.db, panel.publicId);
    expect(res.ok).toBe(false);
    expect(res.message).toContain('400');
    const shown = [res.message, ...res.calls.map((c: PanelHttpEntry) => c.responseExcerpt ?? '')];
    for (const text of shown) {
      expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
      expect(text).not.toContain('hunter2');
      expect(text).not.toContain('abc123secret');
    }
    expect(res.calls[0]!.responseExcerpt!.length).toBeLessThanOrEqual(200);
    expect(res.message.length).toBeLessThanOrEqual(400);
  });
});
