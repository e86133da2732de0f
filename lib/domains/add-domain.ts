import { randomBytes } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { customDomains, storefrontHostnames, storefronts } from '@/db/schema/central';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import type { CentralDb } from '@/lib/db/connection';
import { AppError, isDuplicateKeyError } from '@/lib/errors/app-error';
import { publicId } from '@/lib/ids/public-id';
import { isPlatformName } from '@/lib/tenancy/area-hostnames';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { CHECK_WINDOW_MS, FIRST_CHECK_DELAY_MS } from './check-schedule';
import { scheduleDomainCheck } from './dispatch-domain-check';
import { domainHostnames } from './dns-records';
import { domainView, type DomainView } from './domain-view';
import { addDomainSchema } from './schemas';

export interface AddDomainOptions {
  storefrontId: number;
  domain: string;
  actor: AuditActor;
  now?: Date;
}

const fieldError = (message: string) => new AppError('bad_request', `The domain ${message}.`, { domain: [message] });

/**
 * Adds a domain to a storefront as pending, with a fresh TXT token, and queues its first check a minute later.
 * Nothing resolves to the storefront until a check finds the records (lib/domains/check-domain.ts).
 */
export async function addDomain(central: CentralDb, opts: AddDomainOptions): Promise<DomainView> {
  const parsed = addDomainSchema.safeParse({ storefrontId: opts.storefrontId, domain: opts.domain });
  if (!parsed.success) throw fieldError(parsed.error.issues[0]!.message);
  const { storefrontId, domain } = parsed.data;
  if (isPlatformName(domain)) throw fieldError('belongs to the platform: every storefront already has its own name under it');

  const [sf] = await central.select().from(storefronts).where(eq(storefronts.id, storefrontId)).limit(1);
  if (!sf) throw new AppError('not_found', 'No such storefront.');
  const taken = await central
    .select({ hostname: storefrontHostnames.hostname, storefrontId: storefrontHostnames.storefrontId })
    .from(storefrontHostnames)
    .where(inArray(storefrontHostnames.hostname, domainHostnames(domain).map((h) => h.hostname)));
  if (taken.some((t) => t.storefrontId === storefrontId)) throw new AppError('conflict', `${domain} already serves this storefront.`);
  if (taken.length) throw new AppError('conflict', `${domain} is already in use on this platform.`);

  const now = opts.now ?? new Date();
  const row = {
    publicId: publicId('dom'),
    storefrontId,
    domain,
    verifyToken: randomBytes(16).toString('hex'),
    status: 'pending' as const,
    nextCheckAt: new Date(now.getTime() + FIRST_CHECK_DELAY_MS),
    checkUntil: new Date(now.getTime() + CHECK_WINDOW_MS),
    createdAt: now,
  };
  try {
    await central.insert(customDomains).values(row);
  } catch (err) {
    if (isDuplicateKeyError(err)) throw new AppError('conflict', `${domain} is already added to this storefront.`);
    throw err;
  }
  const [saved] = await central.select().from(customDomains).where(eq(customDomains.publicId, row.publicId));
  if (!saved) throw new Error('custom domain vanished after insert');
  // The audit log lives in the storefront's own database, so it is written just after the central row commits.
  await recordAudit(openStorefrontDb(sf), { actor: opts.actor, action: 'domain.added', target: { type: 'custom_domain', id: saved.publicId }, after: { domain } });
  // Queued after the commit; if Redis is down now, the domains sweep queues the overdue check.
  await scheduleDomainCheck(saved, now).catch(() => undefined);
  return domainView(saved);
}
