import { createHash, createHmac } from 'node:crypto';

// AWS Signature Version 4 for S3 requests, by hand over node:crypto
// (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html): the canonical request, the
// string to sign and the signing key derived from the secret, date, region and service. Verified against AWS's
// published examples in sigv4.test.ts; the sandbox's S3 stand-in checks every request with it.

export interface SigV4Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** "s3" for object storage. */
  service: string;
}

export interface SignableRequest {
  method: string;
  url: URL;
  /** Headers to sign, host included; names in any case. */
  headers: Record<string, string>;
  /** Hex SHA-256 of the body (also sent as x-amz-content-sha256). */
  payloadHash: string;
}

export const EMPTY_PAYLOAD_HASH = createHash('sha256').update('').digest('hex');

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding as SigV4 wants it: everything but unreserved characters, upper-case hex. */
export function uriEncode(value: string, keepSlash: boolean): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-._~]/.test(ch) || (keepSlash && ch === '/')) out += ch;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** `20130524T000000Z` */
export function amzDate(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function canonicalQuery(url: URL): string {
  const pairs = [...url.searchParams.entries()].map(([k, v]) => [uriEncode(k, false), uriEncode(v, false)] as const);
  pairs.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

/** S3 signs the path as sent, each segment encoded once (not twice as other services do). */
function canonicalPath(url: URL): string {
  return uriEncode(decodeURIComponent(url.pathname), true) || '/';
}

export function canonicalRequest(req: SignableRequest): { text: string; signedHeaders: string } {
  const headers = Object.entries(req.headers)
    .map(([k, v]) => [k.toLowerCase(), v.trim().replace(/\s+/g, ' ')] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const signedHeaders = headers.map(([k]) => k).join(';');
  const text = [req.method.toUpperCase(), canonicalPath(req.url), canonicalQuery(req.url), headers.map(([k, v]) => `${k}:${v}\n`).join(''), signedHeaders, req.payloadHash].join('\n');
  return { text, signedHeaders };
}

/** The signature and the Authorization header value for a request made at `date` (its x-amz-date). */
export function signatureOf(req: SignableRequest, creds: SigV4Credentials, date: string): { signature: string; authorization: string } {
  const day = date.slice(0, 8);
  const scope = `${day}/${creds.region}/${creds.service}/aws4_request`;
  const { text, signedHeaders } = canonicalRequest(req);
  const stringToSign = ['AWS4-HMAC-SHA256', date, scope, sha256Hex(text)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${creds.secretAccessKey}`, day), creds.region), creds.service), 'aws4_request');
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex');
  return { signature, authorization: `AWS4-HMAC-SHA256 Credential=${creds.accessKeyId}/${scope},SignedHeaders=${signedHeaders},Signature=${signature}` };
}

/**
 * The headers to send: the given ones plus x-amz-date, x-amz-content-sha256 and Authorization. Host must be among
 * the given headers, exactly as the HTTP client will send it.
 */
export function signRequest(req: Omit<SignableRequest, 'headers'> & { headers: Record<string, string> }, creds: SigV4Credentials, now: Date): Record<string, string> {
  const date = amzDate(now);
  const headers = { ...req.headers, 'x-amz-date': date, 'x-amz-content-sha256': req.payloadHash };
  const { authorization } = signatureOf({ ...req, headers }, creds, date);
  return { ...headers, authorization };
}
