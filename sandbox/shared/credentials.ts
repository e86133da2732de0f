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
} as const;

const NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** Whether a credential is the stand-in's documented sandbox credential for that prefix. */
export function isSandboxCredential(prefix: string, credential: string | null | undefined): credential is string {
  return !!credential && credential.startsWith(prefix) && NAME.test(credential.slice(prefix.length));
}
