// The panel stand-ins check credentials the way the real panels do: only their documented sandbox credential is
// accepted, `<prefix><name>` (the demo seed registers one per storefront, e.g. sandbox-vf-<slug>: see
// lib/setup/seed-panels.ts). The name keeps storefronts on separate panels; anything else (a key copied from a
// real panel, a typo, no key) is a wrong key, refused with the vendor's own 401.

export const SANDBOX_CREDENTIAL_PREFIX = {
  virtfusion: 'sandbox-vf-',
  /** After the vendor's own ptla_ / ptlc_ key prefix: ptla_sandbox_<name>. */
  pterodactyl: 'sandbox_',
  synergycp: 'sandbox-scp-',
  enhance: 'sandbox-enhance-',
  /** Kasm's API key; its secret is sandbox-secret-<the same name> (see isSandboxKasmPair). */
  kasm: 'sandbox-kasm-',
  /** The S3 stand-in's access key id; its secret is sandbox-s3-secret-<the same name>. */
  s3: 'sandbox-s3-',
} as const;

/** The prefix of the S3 stand-in's secret access key. */
export const SANDBOX_S3_SECRET_PREFIX = 'sandbox-s3-secret-';

/** The prefix of the Kasm stand-in's API key secret. */
export const SANDBOX_KASM_SECRET_PREFIX = 'sandbox-secret-';

const NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** Whether a credential is the stand-in's documented sandbox credential for that prefix. */
export function isSandboxCredential(prefix: string, credential: string | null | undefined): credential is string {
  return !!credential && credential.startsWith(prefix) && NAME.test(credential.slice(prefix.length));
}

/** Kasm sends a key and a secret: both must be sandbox credentials of the same name, so a right key with a wrong secret is refused. */
export function isSandboxKasmPair(key: string | null | undefined, secret: string | null | undefined): key is string {
  if (!isSandboxCredential(SANDBOX_CREDENTIAL_PREFIX.kasm, key) || !isSandboxCredential(SANDBOX_KASM_SECRET_PREFIX, secret)) return false;
  return key.slice(SANDBOX_CREDENTIAL_PREFIX.kasm.length) === secret.slice(SANDBOX_KASM_SECRET_PREFIX.length);
}
