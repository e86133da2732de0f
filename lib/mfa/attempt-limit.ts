import { hitRateLimit, isRateLimited, clearRateLimit, RATE_LIMITS, type RateLimitResult } from '@/lib/security/rate-limit';

// Second-factor guesses are counted per session (keyed by the session's token hash, unique across storefronts):
// a six-digit code must not be guessable by retrying in one session.

export function mfaAttemptsLeft(sessionKey: string): Promise<RateLimitResult> {
  return isRateLimited(RATE_LIMITS.mfaPerSession, `session:${sessionKey}`);
}

export function countMfaFailure(sessionKey: string): Promise<RateLimitResult> {
  return hitRateLimit(RATE_LIMITS.mfaPerSession, `session:${sessionKey}`);
}

export function clearMfaFailures(sessionKey: string): Promise<void> {
  return clearRateLimit(RATE_LIMITS.mfaPerSession, `session:${sessionKey}`);
}
