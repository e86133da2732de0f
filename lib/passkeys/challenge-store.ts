import { z } from 'zod';
import { getRedis, redisKey } from '@/lib/redis/client';

export type ChallengePurpose = 'register' | 'sign-in';

// Long enough for a person to find their authenticator; the options ask the browser for less.
const CHALLENGE_TTL_SECONDS = 5 * 60;
const CHALLENGE = z.string().regex(/^[A-Za-z0-9_-]{16,128}$/);

const clientDataSchema = z.object({ challenge: CHALLENGE });

function keyFor(purpose: ChallengePurpose, storefrontId: number, challenge: string): string {
  return redisKey('passkey-challenge', purpose, String(storefrontId), challenge);
}

/**
 * Remembers a challenge the server issued, bound to its purpose, storefront and to whom it was issued
 * (a principal for registration, the area's principal type for sign-in).
 */
export async function storeChallenge(opts: { purpose: ChallengePurpose; storefrontId: number; challenge: string; binding: string }): Promise<void> {
  await getRedis().set(keyFor(opts.purpose, opts.storefrontId, CHALLENGE.parse(opts.challenge)), opts.binding, 'EX', CHALLENGE_TTL_SECONDS);
}

/**
 * Takes the challenge back, once: GETDEL removes it whether or not the response then verifies, so a response
 * can never be replayed. True only if it was issued for this purpose, storefront and binding.
 */
export async function consumeChallenge(opts: { purpose: ChallengePurpose; storefrontId: number; challenge: string; binding: string }): Promise<boolean> {
  if (!CHALLENGE.safeParse(opts.challenge).success) return false;
  const stored = await getRedis().getdel(keyFor(opts.purpose, opts.storefrontId, opts.challenge));
  return stored !== null && stored === opts.binding;
}

/** The challenge a WebAuthn response answers, read from its clientDataJSON (verification checks it again). */
export function challengeOfResponse(clientDataJSON: string): string | null {
  try {
    const parsed = clientDataSchema.safeParse(JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data.challenge : null;
  } catch {
    return null;
  }
}
