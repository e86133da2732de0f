import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createS3Client, type S3Error, type S3Config } from '@/lib/integrations/s3/client';
import { createS3Store } from '@/lib/storage/drivers/s3';
import { StorageError } from '@/lib/storage/file-store';
import { createS3Simulator, SANDBOX_S3_BUCKET } from './simulator';

// The S3 storage driver against the stand-in over real HTTP: every request SigV4-checked by the simulator.

const sim = createS3Simulator();
let server: Server;
let cfg: S3Config;

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => null,
    (e: unknown) => e,
  );
}

async function faults(body: Record<string, unknown>): Promise<void> {
  await fetch(`${cfg.endpoint}/_control/faults`, { method: 'POST', body: JSON.stringify(body) });
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    void Promise.resolve(sim.handle(req, res, url)).catch((err: unknown) => res.writeHead(500).end(String(err)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  cfg = { endpoint: `http://127.0.0.1:${port}/s3`, region: 'us-east-1', bucket: SANDBOX_S3_BUCKET, accessKeyId: 'sandbox-s3-test', secretAccessKey: 'sandbox-s3-secret-test', pathStyle: true, attempts: 3 };
});
beforeEach(async () => {
  await faults({ clear: true });
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('S3 file store against the sandbox', () => {
  it('puts, gets and deletes an object with its content type, signed requests only', async () => {
    const store = createS3Store(cfg);
    const bytes = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>');
    await store.put('shop/branding/logo-abc.svg', bytes, { contentType: 'image/svg+xml' });
    expect(sim.object(SANDBOX_S3_BUCKET, 'shop/branding/logo-abc.svg')).toMatchObject({ contentType: 'image/svg+xml', body: bytes });
    expect(await store.get('shop/branding/logo-abc.svg')).toEqual(bytes);
    await store.delete('shop/branding/logo-abc.svg');
    expect(await store.get('shop/branding/logo-abc.svg')).toBeNull();
    // Deleting what is not there is fine, as the contract says.
    await store.delete('shop/branding/logo-abc.svg');
  });

  it('answers null for a missing key and refuses bad keys before any request', async () => {
    const store = createS3Store(cfg);
    expect(await store.get('shop/branding/none.png')).toBeNull();
    const before = sim.calls().GET ?? 0;
    expect(await rejection(store.get('../etc/passwd'))).toBeInstanceOf(StorageError);
    expect(sim.calls().GET ?? 0).toBe(before);
  });

  it('a wrong secret or an unknown key is refused with S3’s code and not retried', async () => {
    const before = sim.calls().PUT ?? 0;
    const wrongSecret = (await rejection(createS3Client({ ...cfg, secretAccessKey: 'sandbox-s3-secret-other' }).putObject('a/b', Buffer.from('x'), 'text/plain'))) as S3Error;
    expect(wrongSecret).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch', retryable: false });
    expect(sim.calls().PUT).toBe(before + 1);
    const unknown = (await rejection(createS3Client({ ...cfg, accessKeyId: 'AKIAREALKEY' }).getObject('a/b'))) as S3Error;
    expect(unknown).toMatchObject({ status: 403, code: 'InvalidAccessKeyId' });
    const err = await rejection(createS3Store({ ...cfg, secretAccessKey: 'nope' }).put('a/b', Buffer.from('x'), { contentType: 'text/plain' }));
    expect(err).toBeInstanceOf(StorageError);
    expect(err).toMatchObject({ retryable: false });
  });

  it('a missing bucket is an error, not an empty answer', async () => {
    expect(await rejection(createS3Client({ ...cfg, bucket: 'no-such-bucket' }).getObject('a/b'))).toMatchObject({ code: 'NoSuchBucket' });
  });

  it('retries 5xx answers and succeeds; gives up retryable after its attempts', async () => {
    const client = createS3Client(cfg);
    await faults({ failNext: 2, failStatus: 503 });
    const before = sim.calls().PUT ?? 0;
    await client.putObject('shop/x', Buffer.from('1'), 'text/plain');
    expect(sim.calls().PUT).toBe(before + 3);
    await faults({ failNext: 5, failStatus: 500 });
    expect(await rejection(client.getObject('shop/x'))).toMatchObject({ status: 500, retryable: true });
  });

  it('a key with dots, dashes and underscores round-trips (the signature covers the path as sent)', async () => {
    const store = createS3Store(cfg);
    await store.put('shop-1/branding/favicon-0.x_y.png', Buffer.from('p'), { contentType: 'image/png' });
    expect(await store.get('shop-1/branding/favicon-0.x_y.png')).toEqual(Buffer.from('p'));
  });
});
