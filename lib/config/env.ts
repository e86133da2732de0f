import { z } from 'zod';
import { trustedProxiesSchema } from '@/lib/security/client-ip';
import { networkListSchema } from '@/lib/security/network-list';
import { dnsServerListSchema } from './dns-server-list';

// Every variable the product reads, with its default. .env.example documents the same list.
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  APP_MODE: z.enum(['sandbox', 'production']).optional(),
  APP_DOMAIN: z.string().min(1).default('localhost'),
  APP_PORT: z.coerce.number().int().positive().default(3000),
  // Unset: https in production mode, http in sandbox mode. Production refuses http unless ALLOW_INSECURE_HTTP=1.
  APP_PROTOCOL: z.enum(['http', 'https']).optional(),
  ALLOW_INSECURE_HTTP: z.enum(['0', '1']).default('0'),
  // The port in links we send (emails, redirects across hosts); unset: APP_PORT in sandbox mode, none in production.
  PUBLIC_PORT: z.coerce.number().int().positive().optional(),
  // 32 random bytes, base64 (openssl rand -base64 32): encrypts secrets at rest. There is no built-in key: production
  // refuses to start without one, `npm run dev` writes one to .env, tests set their own.
  APP_KEY: z.string().min(40).optional(),
  // Earlier APP_KEYs, comma-separated, still accepted for decryption after a rotation.
  APP_KEYS_PREVIOUS: z.string().optional(),
  // Reverse proxies whose X-Forwarded-For entries are believed: IPs and CIDR ranges, comma-separated; none by default.
  TRUSTED_PROXIES: trustedProxiesSchema,
  // Audit rows older than this many days are removed by a nightly job; unset keeps them forever. The database's
  // trigger refuses to delete anything younger than 365 days, so that is the floor.
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(365).max(36_500).optional(),
  DATABASE_URL: z.string().url().default('mysql://root@127.0.0.1:3306/ezscale'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  DB_MAX_STOREFRONT_POOLS: z.coerce.number().int().min(1).max(1000).default(50),
  // Storefront databases `migrate` works on at once, each under its own lock.
  MIGRATE_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z.string().min(1).default('ezs'),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default('EZSCALE Billing <billing@localhost>'),
  DISCORD_WEBHOOK_URL: z.string().url().optional(),
  // Uploaded files (logos, favicons): a directory on this machine, or an S3-compatible bucket (AWS, MinIO, R2…).
  STORAGE_DRIVER: z.enum(['disk', 's3']).default('disk'),
  STORAGE_DIR: z.string().min(1).default('./storage'),
  // With STORAGE_DRIVER=s3: the endpoint (unset: AWS's own for S3_REGION), bucket and keys; path-style URLs
  // (endpoint/bucket/key) unless S3_FORCE_PATH_STYLE=0, which puts the bucket in the hostname.
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: z.enum(['0', '1']).default('1'),
  SANDBOX_HOST: z.string().default('127.0.0.1'),
  SANDBOX_HTTP_PORT: z.coerce.number().int().positive().default(4010),
  SANDBOX_SMTP_PORT: z.coerce.number().int().positive().default(2525),
  // UDP port of the sandbox's DNS server (not 5353, which mDNS often holds).
  SANDBOX_DNS_PORT: z.coerce.number().int().positive().max(65_535).default(4053),
  // The DNS servers custom-domain checks ask, comma-separated IP[:port] (e.g. 1.1.1.1,8.8.8.8 or 127.0.0.1:5353).
  // Unset: the system's resolvers, or in sandbox mode the sandbox's DNS server (SANDBOX_HOST:SANDBOX_DNS_PORT).
  DNS_RESOLVERS: dnsServerListSchema.optional(),
  // Where storefronts point their custom domains (CNAME target); unset: APP_DOMAIN.
  PLATFORM_CNAME_TARGET: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+\.?$/, 'must be a hostname such as edge.example.com')
    .optional(),
  // Production mode refuses panel URLs on loopback, link-local, private and unique-local addresses; networks listed
  // here (CIDRs, comma-separated, e.g. 10.20.0.0/16,fd12:3456::/48) are allowed, for panels on your own network.
  PANEL_ALLOWED_NETWORKS: networkListSchema.default([]),
  PROVISIONING_RETRY_BASE_MS: z.coerce.number().int().min(100).max(3_600_000).default(240_000),
  WORKER_CONCURRENCY_CRITICAL: z.coerce.number().int().min(1).default(10),
  WORKER_CONCURRENCY_DEFAULT: z.coerce.number().int().min(1).default(5),
  WORKER_CONCURRENCY_LOW: z.coerce.number().int().min(1).default(2),
  WORKER_QUEUES: z.string().min(1).default('critical,default,low'),
  WORKER_LOCK_DURATION_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  WORKER_STALLED_INTERVAL_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
  // Test-only: a module exporting extra job definitions; jobs/main.ts refuses it outside NODE_ENV=test.
  WORKER_EXTRA_JOBS_MODULE: z.string().min(1).optional(),
});

export type AppMode = 'sandbox' | 'production';
export type Env = z.infer<typeof envSchema> & { APP_MODE: AppMode; APP_PROTOCOL: 'http' | 'https' };

function emptyToUndefined(source: Record<string, string | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(source)) out[k] = v === '' ? undefined : v;
  return out;
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(emptyToUndefined(source));
  if (!result.success) {
    const first = result.error.issues[0];
    throw new Error(`Invalid environment: ${first?.path.join('.')}: ${first?.message}`);
  }
  const parsed = result.data;
  // One rule for the web app, the worker, the CLI and the sandbox: production unless APP_MODE=sandbox. NODE_ENV
  // plays no part, since Next sets it for the web process alone (`next start` production, `next dev` development).
  const mode = parsed.APP_MODE ?? 'production';
  return { ...parsed, APP_MODE: mode, APP_PROTOCOL: parsed.APP_PROTOCOL ?? (mode === 'production' ? 'https' : 'http') };
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests that change process.env between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}

/** The public URL of a hostname, e.g. for links in emails. */
export function publicUrl(hostname: string, path = '/', e: Env = env()): string {
  const port = e.PUBLIC_PORT ?? (e.APP_MODE === 'sandbox' ? e.APP_PORT : undefined);
  const defaultPort = e.APP_PROTOCOL === 'https' ? 443 : 80;
  return `${e.APP_PROTOCOL}://${hostname}${port && port !== defaultPort ? `:${port}` : ''}${path}`;
}

export function sandboxBaseUrl(e: Env = env()): string {
  return `http://${e.SANDBOX_HOST}:${e.SANDBOX_HTTP_PORT}`;
}
