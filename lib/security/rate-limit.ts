import { getRedis, redisKey } from '@/lib/redis/client';
import { AppError } from '@/lib/errors/app-error';

export interface RateLimitRule {
  /** e.g. "sign-in:ip" — part of the Redis key. */
  name: string;
  limit: number;
  windowSeconds: number;
}

export interface RateLimitResult {
  allowed: boolean;
  remaining: number;
  retryAfterSeconds: number;
}

// Fixed window in one round trip: INCR, and set the expiry only when the key is new.
const SCRIPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('TTL', KEYS[1])}
`;

function keyFor(rule: RateLimitRule, subject: string): string {
  return redisKey('rl', rule.name, subject.toLowerCase().slice(0, 200));
}

/** Counts one attempt against the rule for this subject (an IP, an email) and says whether it may proceed. */
export async function hitRateLimit(rule: RateLimitRule, subject: string): Promise<RateLimitResult> {
  const [count, ttl] = (await getRedis().eval(SCRIPT, 1, keyFor(rule, subject), rule.windowSeconds)) as [number, number];
  return { allowed: count <= rule.limit, remaining: Math.max(0, rule.limit - count), retryAfterSeconds: Math.max(ttl, 1) };
}

/** Whether the subject is already over the limit, without counting an attempt. */
export async function isRateLimited(rule: RateLimitRule, subject: string): Promise<RateLimitResult> {
  const redis = getRedis();
  const key = keyFor(rule, subject);
  const [count, ttl] = await Promise.all([redis.get(key), redis.ttl(key)]);
  const n = Number(count ?? 0);
  return { allowed: n < rule.limit, remaining: Math.max(0, rule.limit - n), retryAfterSeconds: Math.max(ttl, 1) };
}

export async function clearRateLimit(rule: RateLimitRule, subject: string): Promise<void> {
  await getRedis().del(keyFor(rule, subject));
}

export function rateLimitedError(result: RateLimitResult): AppError {
  const minutes = Math.ceil(result.retryAfterSeconds / 60);
  return new AppError('rate_limited', `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`);
}

export const RATE_LIMITS = {
  signInFailuresPerAccount: { name: 'sign-in-fail:account', limit: 5, windowSeconds: 15 * 60 },
  signInFailuresPerIp: { name: 'sign-in-fail:ip', limit: 20, windowSeconds: 15 * 60 },
  registrationPerIp: { name: 'register:ip', limit: 5, windowSeconds: 60 * 60 },
  passwordResetPerEmail: { name: 'reset:email', limit: 3, windowSeconds: 60 * 60 },
  passwordResetPerIp: { name: 'reset:ip', limit: 10, windowSeconds: 60 * 60 },
  mfaPerSession: { name: 'mfa:session', limit: 5, windowSeconds: 15 * 60 },
  emailChangePerAccount: { name: 'email-change:account', limit: 3, windowSeconds: 60 * 60 },
} satisfies Record<string, RateLimitRule>;
