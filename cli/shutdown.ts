import { closeCentralDb } from '@/lib/db/central';
import { closeMailTransport } from '@/lib/email/transport';
import { closeRedis } from '@/lib/redis/client';
import { closeStorefrontPools } from '@/lib/tenancy/storefront-pools';
import { closeQueues } from '@/jobs/enqueue';

/** Closes every connection a command may have opened, so the process can exit. */
export async function shutdownConnections(): Promise<void> {
  closeMailTransport();
  await Promise.all([closeCentralDb(), closeStorefrontPools(), closeRedis(), closeQueues()]);
}
