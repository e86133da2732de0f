import { RATE_LIMITS, type RateLimitKey } from '@/lib/security/rate-limit';

// Second-factor guesses are counted per session (keyed by the session's token hash) within its storefront:
// a six-digit code must not be guessable by retrying in one session. Consume-first, failures only: see
// lib/security/rate-limit.ts.

export function mfaSessionLimit(storefrontId: number, sessionKey: string): RateLimitKey {
  return { rule: RATE_LIMITS.mfaPerSession, storefrontId, subject: `session:${sessionKey}` };
}
