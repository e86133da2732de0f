import { AppError } from '@/lib/errors/app-error';
import { normalizeHost, resolveHost } from '@/lib/tenancy/host-resolver';

export interface RelyingParty {
  /** The hostname without port: a credential is bound to it, so each area host has its own passkeys. */
  id: string;
  /** Scheme, host and port exactly as the browser put them in clientDataJSON. */
  origin: string;
  name: string;
}

const HOST_WITH_PORT = /^([a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?)(?::(\d{1,5}))?$/;

/**
 * The relying party of a request, from its own Host header. The host must still resolve to the storefront the
 * request was served for, so a forged Host cannot name another storefront's RP ID.
 */
export async function relyingPartyFor(opts: { host: string; storefrontId: number; storefrontName: string; protocol: 'http' | 'https' }): Promise<RelyingParty> {
  const raw = opts.host.trim().toLowerCase();
  const m = HOST_WITH_PORT.exec(raw);
  const hostname = normalizeHost(raw);
  if (!m || !hostname || hostname !== m[1]) throw new AppError('bad_request', 'Passkeys are not available on this address.');
  const resolved = await resolveHost(raw);
  if (!resolved || resolved.storefront.id !== opts.storefrontId) throw new AppError('bad_request', 'Passkeys are not available on this address.');
  return { id: hostname, origin: `${opts.protocol}://${raw}`, name: opts.storefrontName.slice(0, 64) };
}
