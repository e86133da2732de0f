import { sha256Hex, signRequest, type SigV4Credentials } from './sigv4';

// A minimal S3 object client (PUT, GET, DELETE of one object) signed with SigV4, for AWS S3 and the S3-compatible
// stores (MinIO, Ceph, R2, Wasabi…). Every call is idempotent, so failures that may be passing (5xx, 429, a
// timeout, a dropped connection) are retried with back-off; 4xx answers are final and carry S3's error code.

export interface S3Config {
  /** e.g. https://s3.eu-central-1.amazonaws.com or http://127.0.0.1:9000; a path prefix is kept. */
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** endpoint/bucket/key (MinIO and most self-hosted stores) instead of bucket.endpoint/key. */
  pathStyle: boolean;
  timeoutMs?: number;
  /** Attempts per call, the first included. */
  attempts?: number;
}

export class S3Error extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    /** S3's error code (NoSuchBucket, SignatureDoesNotMatch, AccessDenied…) when it sent one. */
    readonly code: string | null,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'S3Error';
  }
}

export function awsEndpoint(region: string): string {
  return `https://s3.${region}.amazonaws.com`;
}

export interface S3Client {
  putObject(key: string, body: Uint8Array, contentType: string): Promise<void>;
  /** null when there is no such object. */
  getObject(key: string): Promise<Buffer | null>;
  deleteObject(key: string): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function objectUrl(cfg: S3Config, key: string): URL {
  const base = new URL(cfg.endpoint);
  const prefix = base.pathname.replace(/\/+$/, '');
  const encodedKey = key.split('/').map(encodeURIComponent).join('/');
  if (cfg.pathStyle) return new URL(`${base.origin}${prefix}/${encodeURIComponent(cfg.bucket)}/${encodedKey}`);
  return new URL(`${base.protocol}//${cfg.bucket}.${base.host}${prefix}/${encodedKey}`);
}

function errorCode(body: string): string | null {
  return /<Code>([^<]{1,100})<\/Code>/.exec(body)?.[1] ?? null;
}

export function createS3Client(cfg: S3Config): S3Client {
  const creds: SigV4Credentials = { accessKeyId: cfg.accessKeyId, secretAccessKey: cfg.secretAccessKey, region: cfg.region, service: 's3' };
  const attempts = Math.max(1, cfg.attempts ?? 3);

  async function once(method: 'PUT' | 'GET' | 'DELETE', key: string, body?: Uint8Array, contentType?: string): Promise<Response> {
    const url = objectUrl(cfg, key);
    const headers: Record<string, string> = { host: url.host };
    if (body) {
      headers['content-type'] = contentType ?? 'application/octet-stream';
      headers['content-length'] = String(body.length);
    }
    const signed = signRequest({ method, url, headers, payloadHash: sha256Hex(body ?? '') }, creds, new Date());
    // fetch sets Host and Content-Length itself, from the same values that were signed.
    const { host: _host, 'content-length': _len, ...send } = signed;
    return fetch(url, { method, headers: send, body: body ? Buffer.from(body) : undefined, signal: AbortSignal.timeout(cfg.timeoutMs ?? 10_000), redirect: 'error' });
  }

  async function call(method: 'PUT' | 'GET' | 'DELETE', key: string, body?: Uint8Array, contentType?: string): Promise<Response | null> {
    let last: S3Error | null = null;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) await sleep(200 * 2 ** (attempt - 2));
      let res: Response;
      try {
        res = await once(method, key, body, contentType);
      } catch (err) {
        last = new S3Error(`S3 ${method} ${key} failed: ${err instanceof Error ? err.message : String(err)}`, null, null, true);
        continue;
      }
      if (res.ok) return res;
      if (method === 'GET' && res.status === 404) {
        const text = await res.text();
        if (errorCode(text) !== 'NoSuchBucket') return null;
        throw new S3Error(`S3 bucket ${cfg.bucket} does not exist.`, 404, 'NoSuchBucket', false);
      }
      if (method === 'DELETE' && res.status === 404) return null;
      const text = await res.text().catch(() => '');
      const code = errorCode(text);
      const retryable = res.status >= 500 || res.status === 429;
      last = new S3Error(`S3 ${method} ${key} answered ${res.status}${code ? ` ${code}` : ''}.`, res.status, code, retryable);
      if (!retryable) throw last;
    }
    throw last!;
  }

  return {
    async putObject(key, body, contentType) {
      await call('PUT', key, body, contentType);
    },
    async getObject(key) {
      const res = await call('GET', key);
      return res ? Buffer.from(await res.arrayBuffer()) : null;
    },
    async deleteObject(key) {
      await call('DELETE', key);
    },
  };
}
