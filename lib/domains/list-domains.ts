import { and, asc, eq } from 'drizzle-orm';
import { customDomains, storefrontHostnames, type CustomDomain } from '@/db/schema/central';
import type { CentralDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { domainView, type DomainView } from './domain-view';
import { customDomainNameSchema, domainPublicIdSchema } from './schemas';

/** A storefront's custom domains, oldest first. */
export async function listDomains(central: CentralDb, storefrontId: number): Promise<DomainView[]> {
  const rows = await central.select().from(customDomains).where(eq(customDomains.storefrontId, storefrontId)).orderBy(asc(customDomains.id));
  return rows.map(domainView);
}

/** The hostnames a storefront answers on now (platform, explicit and verified custom ones). */
export async function listStorefrontHostnames(central: CentralDb, storefrontId: number): Promise<{ hostname: string; area: string }[]> {
  return central
    .select({ hostname: storefrontHostnames.hostname, area: storefrontHostnames.area })
    .from(storefrontHostnames)
    .where(eq(storefrontHostnames.storefrontId, storefrontId))
    .orderBy(asc(storefrontHostnames.id));
}

/** One of this storefront's domains by public id; another storefront's id, or a malformed one, is not found. */
export async function getDomainOrThrow(central: CentralDb, storefrontId: number, domainPublicId: string): Promise<CustomDomain> {
  const id = domainPublicIdSchema.safeParse(domainPublicId);
  const [row] = id.success
    ? await central
        .select()
        .from(customDomains)
        .where(and(eq(customDomains.publicId, id.data), eq(customDomains.storefrontId, storefrontId)))
        .limit(1)
    : [];
  if (!row) throw new AppError('not_found', 'No such domain.');
  return row;
}

/** One of this storefront's domains by name, for the CLI. */
export async function getDomainByNameOrThrow(central: CentralDb, storefrontId: number, domain: string): Promise<CustomDomain> {
  const name = customDomainNameSchema.safeParse(domain);
  const [row] = name.success
    ? await central
        .select()
        .from(customDomains)
        .where(and(eq(customDomains.domain, name.data), eq(customDomains.storefrontId, storefrontId)))
        .limit(1)
    : [];
  if (!row) throw new AppError('not_found', `No domain ${domain} on this storefront.`);
  return row;
}
