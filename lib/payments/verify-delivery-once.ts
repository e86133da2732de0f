import { createHash } from 'node:crypto';
import { getRedis, redisKey } from '@/lib/redis/client';
import { GatewayUnavailableError } from './gateway';

// Some gateways (PayPal) verify a webhook only by asking them over the network. Anyone can POST to our webhook
// endpoint, so a captured delivery replayed at will would make us call the gateway each time (and spend our rate
// limit there). The answer for one delivery is kept instead. The key is the event id plus a digest of everything
// that was checked, never the id alone: a changed body under a known id is checked on its own, and a forgery sent
// first cannot spoil the genuine delivery of that id. Without Redis the check simply runs every time.

/** Long enough to outlast a gateway's own redeliveries (PayPal retries for 3 days). */
const KEEP_SECONDS = 7 * 86_400;
/** How long one check may hold the claim before another may try. */
const CLAIM_SECONDS = 60;

export interface Delivery {
  gateway: string;
  eventId: string;
  /** Everything the verification depends on: signature headers, our webhook id, the raw body. */
  parts: string[];
}

/** Runs `verify` at most once per delivery and returns its answer (e.g. PayPal's "SUCCESS" or "FAILURE"). */
export async function verifyDeliveryOnce(delivery: Delivery, verify: () => Promise<string>): Promise<string> {
  const digest = createHash('sha256').update([delivery.eventId, ...delivery.parts].join('\u0000')).digest('hex');
  const key = redisKey('webhook-verify', delivery.gateway, digest);
  const redis = getRedis();
  let claimed: boolean;
  try {
    const known = await redis.get(key);
    if (known?.startsWith('done:')) return known.slice('done:'.length);
    claimed = (await redis.set(key, 'pending', 'EX', CLAIM_SECONDS, 'NX')) === 'OK';
    if (!claimed) {
      const now = await redis.get(key);
      if (now?.startsWith('done:')) return now.slice('done:'.length);
    }
  } catch {
    return verify();
  }
  // The same delivery is being checked right now: the gateway redelivers later, by which time the answer is kept.
  if (!claimed) throw new GatewayUnavailableError(`${delivery.gateway} webhook ${delivery.eventId} is being verified already; retry later`);
  let answer: string;
  try {
    answer = await verify();
  } catch (err) {
    await redis.del(key).catch(() => undefined);
    throw err;
  }
  await redis.set(key, `done:${answer}`, 'EX', KEEP_SECONDS).catch(() => undefined);
  return answer;
}
