import { closeCentralDb } from '@/lib/db/central';
import { closeRedis } from '@/lib/redis/client';
import { closeStorefrontPools } from '@/lib/tenancy/storefront-pools';

export async function shutdownConnections(): Promise<void> {
  await Promise.all([closeCentralDb(), closeStorefrontPools(), closeRedis()]);
}
