import type { IncomingMessage, ServerResponse } from 'node:http';
import { signatureOf, sha256Hex } from '@/lib/integrations/s3/sigv4';
import { isSandboxCredential, SANDBOX_CREDENTIAL_PREFIX, SANDBOX_S3_SECRET_PREFIX } from '@/sandbox/shared/credentials';
import { createFaults, faultsSchema } from '@/sandbox/shared/faults';
import { escapeHtml, page, sendHtml, sendJson } from '@/sandbox/shared/http';

// An S3-compatible object store, path-style at /s3/<bucket>/<key>: PUT/GET/DELETE Object and PUT Bucket, each
// checked the way S3 checks it: a SigV4 Authorization header for a sandbox key (sandbox-s3-<name>, secret
// sandbox-s3-secret-<name>), a request time within 15 minutes, a body matching x-amz-content-sha256, then the
// signature recomputed from the headers it names. Errors are S3's XML with its codes. The bucket
// "ezscale-sandbox" exists from the start; /s3 lists what is stored; POST /s3/_control/faults injects failures.

export const SANDBOX_S3_BUCKET = 'ezscale-sandbox';
const MAX_SKEW_MS = 15 * 60_000;
const MAX_OBJECT_BYTES = 16 * 1024 * 1024;

interface StoredObject {
  body: Buffer;
  contentType: string;
  etag: string;
}

function sendS3Error(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/xml' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escapeHtml(message)}</Message></Error>`);
}

async function readRaw(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_OBJECT_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function parseAmzDate(v: string | undefined): number | null {
  const m = v ? /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(v) : null;
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : null;
}

/** null when the request is properly signed; otherwise the S3 error to answer with. */
function authError(req: IncomingMessage, url: URL, body: Buffer): { status: number; code: string; message: string } | null {
  const auth = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/.exec(String(req.headers.authorization ?? ''));
  if (!auth) return { status: 403, code: 'AccessDenied', message: 'Missing or malformed SigV4 Authorization header.' };
  const [, accessKeyId, day, region, signedHeaders, signature] = auth as unknown as [string, string, string, string, string, string];
  if (!isSandboxCredential(SANDBOX_CREDENTIAL_PREFIX.s3, accessKeyId)) return { status: 403, code: 'InvalidAccessKeyId', message: 'The AWS Access Key Id you provided does not exist in our records.' };
  const date = String(req.headers['x-amz-date'] ?? '');
  const at = parseAmzDate(date);
  if (at === null || !date.startsWith(day)) return { status: 403, code: 'AccessDenied', message: 'x-amz-date is missing or does not match the credential scope.' };
  if (Math.abs(Date.now() - at) > MAX_SKEW_MS) return { status: 403, code: 'RequestTimeTooSkewed', message: 'The difference between the request time and the current time is too large.' };
  const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
  if (payloadHash !== sha256Hex(body)) return { status: 400, code: 'XAmzContentSHA256Mismatch', message: 'The provided x-amz-content-sha256 header does not match what was computed.' };
  const names = signedHeaders.split(';');
  if (!names.includes('host') || !names.includes('x-amz-date')) return { status: 403, code: 'AccessDenied', message: 'host and x-amz-date must be signed.' };
  const headers: Record<string, string> = {};
  for (const n of names) headers[n] = String(req.headers[n] ?? '');
  const secretAccessKey = SANDBOX_S3_SECRET_PREFIX + accessKeyId.slice(SANDBOX_CREDENTIAL_PREFIX.s3.length);
  const expected = signatureOf({ method: req.method ?? 'GET', url, headers, payloadHash }, { accessKeyId, secretAccessKey, region, service: 's3' }, date).signature;
  return expected === signature ? null : { status: 403, code: 'SignatureDoesNotMatch', message: 'The request signature we calculated does not match the signature you provided.' };
}

export interface S3Simulator {
  handle: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;
  object: (bucket: string, key: string) => StoredObject | undefined;
  /** Counts of object calls by method, for tests that check retries. */
  calls: () => Record<string, number>;
}

export function createS3Simulator(): S3Simulator {
  const buckets = new Map<string, Map<string, StoredObject>>([[SANDBOX_S3_BUCKET, new Map()]]);
  const faults = createFaults();
  const counts: Record<string, number> = {};

  function listPage(): string {
    const rows = [...buckets].flatMap(([b, objects]) =>
      [...objects].map(([k, o]) => `<tr><td>${escapeHtml(b)}</td><td>${escapeHtml(k)}</td><td>${escapeHtml(o.contentType)}</td><td>${o.body.length}</td></tr>`),
    );
    return page('S3', `<p>Path-style S3 at /s3/&lt;bucket&gt;/&lt;key&gt;, access key sandbox-s3-&lt;name&gt; with secret sandbox-s3-secret-&lt;name&gt;.</p>
<table><tr><th>Bucket</th><th>Key</th><th>Type</th><th>Bytes</th></tr>${rows.join('') || '<tr><td colspan="4" class="muted">Nothing stored yet.</td></tr>'}</table>`);
  }

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const rest = url.pathname.slice('/s3'.length).replace(/^\//, '');
    if (!rest && req.method === 'GET' && !req.headers.authorization) return sendHtml(res, 200, listPage());
    if (rest === '_control/faults' && req.method === 'POST') {
      const parsed = faultsSchema.safeParse(JSON.parse((await readRaw(req))?.toString('utf8') || '{}'));
      if (!parsed.success) return sendJson(res, 400, { error: parsed.error.message });
      faults.set(parsed.data);
      return sendJson(res, 200, faults.state());
    }
    const slash = rest.indexOf('/');
    const bucket = decodeURIComponent(slash < 0 ? rest : rest.slice(0, slash));
    const key = slash < 0 ? '' : decodeURIComponent(rest.slice(slash + 1));
    const method = req.method ?? 'GET';
    counts[method] = (counts[method] ?? 0) + 1;
    if (await faults.apply(res)) return;
    const body = await readRaw(req);
    if (!body) return sendS3Error(res, 400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size.');
    const denied = authError(req, url, body);
    if (denied) return sendS3Error(res, denied.status, denied.code, denied.message);

    if (!key) {
      if (method !== 'PUT') return sendS3Error(res, 405, 'MethodNotAllowed', 'Only PUT Bucket is simulated on a bucket.');
      if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) return sendS3Error(res, 400, 'InvalidBucketName', 'The specified bucket is not valid.');
      if (!buckets.has(bucket)) buckets.set(bucket, new Map());
      res.writeHead(200).end();
      return;
    }
    const objects = buckets.get(bucket);
    if (!objects) return sendS3Error(res, 404, 'NoSuchBucket', 'The specified bucket does not exist.');
    if (method === 'PUT') {
      const etag = `"${sha256Hex(body).slice(0, 32)}"`;
      objects.set(key, { body, contentType: String(req.headers['content-type'] ?? 'binary/octet-stream'), etag });
      res.writeHead(200, { etag }).end();
    } else if (method === 'GET') {
      const o = objects.get(key);
      if (!o) return sendS3Error(res, 404, 'NoSuchKey', 'The specified key does not exist.');
      res.writeHead(200, { 'content-type': o.contentType, 'content-length': String(o.body.length), etag: o.etag }).end(o.body);
    } else if (method === 'DELETE') {
      objects.delete(key);
      res.writeHead(204).end();
    } else sendS3Error(res, 405, 'MethodNotAllowed', `${method} is not simulated.`);
  }

  return { handle, object: (b, k) => buckets.get(b)?.get(k), calls: () => ({ ...counts }) };
}
