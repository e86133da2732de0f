import { redisKey } from '@/lib/redis/client';

/** Where a service's live status is cached: read by liveServiceStatus, dropped by powerService. */
export function serviceStatusKey(publicId: string): string {
  return redisKey('svc-status', publicId);
}

export const STATUS_CACHE_SECONDS = 20;
