import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { getRedis, redisKey } from '@/lib/redis/client';
import { AppError } from '@/lib/errors/app-error';

// Every limit is consume-first: an attempt takes a point atomically (one Lua call in Redis) before anything is
// evaluated, and one that finds the counter over the limit is refused without reaching the evaluation. A check
// that reads the counter and counts later lets a burst of parallel requests all read the same low number.
//
// Limits that count failures only (sign-in, second-factor codes) follow one rule: reserve a point before the
// evaluation, keep it when the attempt fails, hand it back (refundAttempt) or clear the counter when it succeeds.
// Requests in flight hold their points, so at most `limit` failures are ever evaluated per window.

export interface RateLimitRule {
  /** e.g. "sign-in-fail:ip" — part of the Redis key. */
  name: string;
  limit: number;
  windowSeconds: number;
}

export interface RateLimitResult {
  allowed: boolean;
  remaining: number;
  retryAfterSeconds: number;
}

/** One counter: a rule, the storefront it belongs to and what it counts (an IP, an email, a session). */
export interface RateLimitKey {
  rule: RateLimitRule;
  storefrontId: number;
  subject: string;
}

export type Reservation = { allowed: true; results: RateLimitResult[] } | { allowed: false; refused: RateLimitResult };

// Limiters hold their client and key prefix, so one set per Redis client; a test's new REDIS_PREFIX is a new key.
const limiters = new WeakMap<Redis, Map<string, RateLimiterRedis>>();

function limiterFor(rule: RateLimitRule): RateLimiterRedis {
  const client = getRedis();
  let byRule = limiters.get(client);
  if (!byRule) limiters.set(client, (byRule = new Map()));
  const keyPrefix = redisKey('rl', rule.name);
  const id = `${keyPrefix}|${rule.limit}|${rule.windowSeconds}`;
  let limiter = byRule.get(id);
  if (!limiter) {
    limiter = new RateLimiterRedis({ storeClient: client, useRedisPackage: false, keyPrefix, points: rule.limit, duration: rule.windowSeconds });
    byRule.set(id, limiter);
  }
  return limiter;
}

/** The key inside the rule's prefix: the storefront first, since emails and ids repeat across storefronts. */
function subjectKey(key: RateLimitKey): string {
  return `sf${key.storefrontId}:${key.subject.toLowerCase().slice(0, 200)}`;
}

function resultOf(res: RateLimiterRes, rule: RateLimitRule): RateLimitResult {
  return {
    allowed: res.consumedPoints <= rule.limit,
    remaining: Math.max(0, rule.limit - res.consumedPoints),
    retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
  };
}

/** Counts one attempt and says whether it may go ahead. Redis errors propagate: an attempt is never let through unseen. */
export async function consumeRateLimit(key: RateLimitKey): Promise<RateLimitResult> {
  try {
    return resultOf(await limiterFor(key.rule).consume(subjectKey(key)), key.rule);
  } catch (err) {
    // The library rejects with the counter's state when the point is over the limit.
    if (err instanceof RateLimiterRes) return resultOf(err, key.rule);
    throw err;
  }
}

/**
 * Takes a point from every key at once (absent keys are skipped). When any refuses, the points the others gave
 * are handed back, since the attempt is not evaluated; the refusing counter keeps its point.
 */
export async function reserveAttempt(keys: (RateLimitKey | null | undefined)[]): Promise<Reservation> {
  const present = keys.filter((k): k is RateLimitKey => Boolean(k));
  const results = await Promise.all(present.map(consumeRateLimit));
  const refused = results.find((r) => !r.allowed);
  if (!refused) return { allowed: true, results };
  await refundAttempt(present.filter((_, i) => results[i]!.allowed));
  return { allowed: false, refused };
}

/**
 * Hands back a point an attempt reserved (a success, where only failures count). A refund that lands after the
 * window rolled over gives the new window one point: at most one extra attempt, never more.
 */
export async function refundAttempt(keys: (RateLimitKey | null | undefined)[]): Promise<void> {
  await Promise.all(keys.filter((k): k is RateLimitKey => Boolean(k)).map((k) => limiterFor(k.rule).reward(subjectKey(k), 1)));
}

export async function clearRateLimit(key: RateLimitKey): Promise<void> {
  await limiterFor(key.rule).delete(subjectKey(key));
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
  revealCredentialsPerPerson: { name: 'reveal-credentials', limit: 5, windowSeconds: 15 * 60 },
  resellerApplicationPerIp: { name: 'reseller-apply:ip', limit: 5, windowSeconds: 60 * 60 },
  resellerApplicationPerEmail: { name: 'reseller-apply:email', limit: 3, windowSeconds: 24 * 60 * 60 },
} satisfies Record<string, RateLimitRule>;
