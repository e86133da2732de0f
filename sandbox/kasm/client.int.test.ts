import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createKasmClient, isKasmNotFound, KasmApiError, KasmUnavailableError } from '@/lib/integrations/kasm/client';
import type { PanelConnection } from '@/lib/provisioning/module';
import type { PanelHttpEntry } from '@/lib/provisioning/panel-http';
import { SANDBOX_KASM_IMAGE_IDS as IMAGES } from '@/lib/setup/sandbox-kasm-images';
import { createKasmSimulator } from './simulator';

// The Kasm adapter against the stand-in over real HTTP: every call, its error shapes, and faults.

const KEY = 'sandbox-kasm-one';
const SECRET = 'sandbox-secret-one';
// Long enough that the first status check sees 'starting' even on a loaded machine; the test then polls, never sleeps.
const START_MS = 1_500;
const sim = createKasmSimulator({ startMs: START_MS });
let server: Server;
let panel: PanelConnection;
let logs: PanelHttpEntry[] = [];
const log = (e: PanelHttpEntry) => void logs.push(e);
const client = (over: Partial<PanelConnection> = {}, timeoutMs?: number) => createKasmClient({ ...panel, ...over }, log, timeoutMs ? { timeoutMs } : {});

async function failure<T extends Error>(p: Promise<unknown>, type: new (...args: never[]) => T): Promise<T> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(type);
  return err as T;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    if (url.pathname === '/kasm' || url.pathname.startsWith('/kasm/')) {
      void Promise.resolve(sim.handle(req, res, url)).catch((err: unknown) => res.writeHead(500).end(String(err)));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  panel = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/kasm/`, credentials: { apiKey: KEY, apiKeySecret: SECRET }, options: {} };
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  sim.reset();
  sim.configure({ startMs: START_MS, sessionLifetimeMs: 3_600_000, maxSessions: 20 });
  logs = [];
});

describe('Kasm adapter against the stand-in', { timeout: 20_000 }, () => {
  it('lists images, and sends the key and secret in the body of a POST to /api/public/<call>', async () => {
    const images = await client().getImages();
    expect(images.map((i) => i.friendly_name)).toEqual(expect.arrayContaining(['Ubuntu Jammy Desktop', 'Chrome', 'Visual Studio Code']));
    expect(images.find((i) => i.image_id === IMAGES.ubuntuFocalDesktop)?.enabled).toBe(false);
    expect(images.find((i) => i.image_id === IMAGES.chrome)).toMatchObject({ name: 'kasmweb/chrome:1.16.0', cores: 2 });
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ method: 'POST', path: '/kasm/api/public/get_images', status: 200 });
    // The log sees that a key was sent, never the key.
    expect(logs[0]?.requestSummary).toContain('"api_key":"[redacted]"');
    expect(JSON.stringify(logs)).not.toContain(SECRET);
  });

  it('creates, finds, updates, signs out and deletes a user', async () => {
    const c = client();
    const user = await c.createUser({ username: 'svc_one', firstName: 'Ada', lastName: 'Lovelace', organization: 'cus_ada' });
    expect(user).toMatchObject({ username: 'svc_one', first_name: 'Ada', last_name: 'Lovelace', disabled: false });
    expect(user.user_id).toMatch(/^[0-9a-f]{32}$/);
    // The generated password goes to Kasm and nowhere else.
    expect(logs.at(-1)?.requestSummary).toContain('"password":"[redacted]"');

    expect((await c.getUser({ userId: user.user_id }))?.username).toBe('svc_one');
    expect((await c.getUser({ username: 'SVC_ONE' }))?.user_id).toBe(user.user_id);
    expect(await c.getUser({ username: 'svc_nobody' })).toBeNull();
    expect(await c.getUser({ userId: '00000000000000000000000000000000' })).toBeNull();

    const taken = await failure(c.createUser({ username: 'svc_one', firstName: 'A', lastName: 'B' }), KasmApiError);
    expect(taken).toMatchObject({ retryable: false, status: 200, kasmMessage: 'Username already exists' });

    const disabled = await c.updateUser(user, { disabled: true });
    expect(disabled).toMatchObject({ disabled: true, first_name: 'Ada', last_name: 'Lovelace', username: 'svc_one' });
    await c.logoutUser(user.user_id);
    expect(sim.users(KEY)[0]?.signOuts).toBe(1);
    await c.updateUser(disabled, { disabled: false });

    expect(await c.deleteUser(user.user_id)).toBe(true);
    expect(await c.deleteUser(user.user_id)).toBe(false);
    expect(await c.getUser({ userId: user.user_id })).toBeNull();
  });

  it('starts a session that goes from starting to running, keeps it alive, lists and destroys it', async () => {
    const c = client();
    const user = await c.createUser({ username: 'svc_desk', firstName: 'Bo', lastName: 'Desk' });
    const started = await c.requestKasm({ userId: user.user_id, imageId: IMAGES.ubuntuJammyDesktop });
    expect(started).toMatchObject({ status: 'starting', userId: user.user_id, username: 'svc_desk', shareId: null });
    // kasm_url is a path: the adapter puts the server's address in front of it.
    expect(started.url).toBe(`${panel.url.replace(/\/$/, '')}/#/connect/kasm/${started.kasmId}/${user.user_id}/${sim.sessions(KEY)[0]?.token}`);
    // The session token is in the answer, and masked in the log.
    expect(JSON.stringify(logs)).not.toContain(sim.sessions(KEY)[0]?.token);

    const early = await c.getKasmStatus(started.kasmId, user.user_id);
    expect(early).toMatchObject({ status: 'starting', url: null });
    expect(early?.progress).toBeGreaterThanOrEqual(0);
    await expect.poll(async () => (await c.getKasmStatus(started.kasmId, user.user_id))?.status, { timeout: START_MS + 5_000 }).toBe('running');
    const running = await c.getKasmStatus(started.kasmId, user.user_id);
    expect(running).toMatchObject({ status: 'running', url: started.url });
    expect(running?.kasm).toMatchObject({ kasm_id: started.kasmId, image_id: IMAGES.ubuntuJammyDesktop, operational_status: 'running' });

    const before = sim.sessions(KEY)[0]!.keepaliveAt;
    await new Promise((r) => setTimeout(r, 5));
    expect(await c.keepalive(started.kasmId)).toEqual({ usageReached: false });
    expect(sim.sessions(KEY)[0]!.keepaliveAt).toBeGreaterThan(before);

    const other = await c.createUser({ username: 'svc_other', firstName: 'Cy', lastName: 'Other' });
    await c.requestKasm({ userId: other.user_id, imageId: IMAGES.chrome, enableSharing: true });
    expect((await c.getKasms()).map((k) => k.user_id).sort()).toEqual([user.user_id, other.user_id].sort());
    const mine = await c.getUserKasms(user.user_id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kasm_id: started.kasmId, username: 'svc_desk', image: { friendly_name: 'Ubuntu Jammy Desktop' } });

    // Another user's session is not found under this user.
    expect(await c.getKasmStatus(started.kasmId, other.user_id)).toBeNull();
    expect(await c.destroyKasm(started.kasmId, other.user_id)).toBe(false);
    expect(await c.destroyKasm(started.kasmId, user.user_id)).toBe(true);
    expect(await c.destroyKasm(started.kasmId, user.user_id)).toBe(false);
    expect(await c.getKasmStatus(started.kasmId, user.user_id)).toBeNull();
    expect(await c.getUserKasms(user.user_id)).toEqual([]);
    await expect(c.keepalive(started.kasmId)).rejects.toSatisfy(isKasmNotFound);
  });

  it('reports what Kasm refuses in its error_message, capacity as retryable', async () => {
    const c = client();
    const user = await c.createUser({ username: 'svc_refused', firstName: 'Di', lastName: 'No' });
    const noImage = await failure(c.requestKasm({ userId: user.user_id, imageId: 'ffffffffffffffffffffffffffffffff' }), KasmApiError);
    expect(noImage).toMatchObject({ retryable: false, kasmMessage: 'Requested image does not exist' });
    expect(noImage.message).toMatch(/^Kasm session start: Requested image/);
    const disabledImage = await failure(c.requestKasm({ userId: user.user_id, imageId: IMAGES.ubuntuFocalDesktop }), KasmApiError);
    expect(disabledImage.retryable).toBe(false);

    sim.configure({ maxSessions: 0 });
    const full = await failure(c.requestKasm({ userId: user.user_id, imageId: IMAGES.chrome }), KasmApiError);
    // Kasm answers a full server with HTTP 200 and an error_message: the body decides.
    expect(full).toMatchObject({ status: 200, retryable: true });
    expect(full.kasmMessage).toMatch(/No resources are available/);
  });

  it('refuses a wrong key or secret with 403 Unauthorized, not retryable', async () => {
    const raw = await fetch(`${panel.url}api/public/get_images`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ api_key: 'live-key', api_key_secret: SECRET }) });
    expect(raw.status).toBe(403);
    expect(await raw.json()).toEqual({ error_message: 'Unauthorized' });

    for (const credentials of [
      { apiKey: 'kasm-real-key', apiKeySecret: SECRET },
      { apiKey: KEY, apiKeySecret: 'sandbox-secret-two' },
    ]) {
      const err = await failure(client({ credentials }).getImages(), KasmApiError);
      expect(err).toMatchObject({ status: 403, retryable: false, kasmMessage: 'Unauthorized' });
      expect(err.message).toMatch(/refused the API key \(403: Unauthorized\)/);
    }
    expect(() => createKasmClient({ ...panel, credentials: {} }, log)).toThrow(/no API key/);
    // Basic auth (newer Kasm versions) opens the same server.
    const basic = await fetch(`${panel.url}api/public/get_images`, { method: 'POST', headers: { authorization: `Basic ${Buffer.from(`${KEY}:${SECRET}`).toString('base64')}` }, body: '{}' });
    expect(basic.status).toBe(200);
  });

  it('raises its unavailable error on injected failures and on a timeout, then recovers', async () => {
    sim.faults.set({ failNext: 1, failStatus: 503 });
    const failed = await failure(client().getImages(), KasmUnavailableError);
    expect(failed).toMatchObject({ retryable: true, status: 503 });

    sim.faults.set({ hangNext: 1 });
    const started = Date.now();
    const hung = await failure(client({}, 300).getImages(), KasmUnavailableError);
    expect(hung.retryable).toBe(true);
    expect(hung.message).toMatch(/timed out after 300 ms/);
    expect(Date.now() - started).toBeLessThan(3000);

    expect(await client().getImages()).not.toHaveLength(0);
  });

  it('treats an answer that is not Kasm JSON as an error, and keeps servers apart per key', async () => {
    const elsewhere = client({ url: `${panel.url}nowhere` });
    const notKasm = await failure(elsewhere.getImages(), KasmApiError);
    expect(notKasm.status).toBe(404);
    // A 404 that is not Kasm's own answer never passes for "no such user" or "already gone".
    await failure(elsewhere.getUser({ username: 'svc_apart' }), KasmApiError);
    await failure(elsewhere.destroyKasm('k', 'u'), KasmApiError);

    await client().createUser({ username: 'svc_apart', firstName: 'E', lastName: 'F' });
    const two = client({ credentials: { apiKey: 'sandbox-kasm-two', apiKeySecret: 'sandbox-secret-two' } });
    expect(await two.getUser({ username: 'svc_apart' })).toBeNull();
    expect(sim.users('sandbox-kasm-two')).toHaveLength(0);
  });

  it('lets sessions start and end outside the app, and reaps one whose keepalive lapsed', async () => {
    const c = client();
    const user = await c.createUser({ username: 'svc_outside', firstName: 'G', lastName: 'H' });
    const res = await fetch(`${panel.url}_control/sessions`, { method: 'POST', body: JSON.stringify({ apiKey: KEY, username: 'svc_outside', imageId: IMAGES.terminal }) });
    expect(res.status).toBe(201);
    const { kasm } = (await res.json()) as { kasm: { kasm_id: string } };
    expect((await c.getUserKasms(user.user_id)).map((k) => k.kasm_id)).toEqual([kasm.kasm_id]);
    expect(sim.state().panels[0]?.sessions[0]).toMatchObject({ origin: 'outside', username: 'svc_outside' });

    const gone = await fetch(`${panel.url}_control/sessions/destroy`, { method: 'POST', body: JSON.stringify({ apiKey: KEY, kasmId: kasm.kasm_id }) });
    expect(gone.status).toBe(200);
    expect(await c.getUserKasms(user.user_id)).toEqual([]);

    sim.configure({ sessionLifetimeMs: 1_000 });
    sim.startOutside(KEY, { userId: user.user_id }, IMAGES.chrome);
    expect(await c.getUserKasms(user.user_id)).toHaveLength(1);
    // Reaped once its keepalive lapses: polled, so a slow machine waits longer instead of failing.
    await expect.poll(async () => c.getUserKasms(user.user_id), { timeout: 6_000, interval: 100 }).toEqual([]);

    const html = await (await fetch(panel.url)).text();
    expect(html).toContain('svc_outside');
  });
});
