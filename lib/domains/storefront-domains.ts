import type { AuditActor } from '@/lib/audit/record-audit';
import { getCentralDb } from '@/lib/db/central';
import { addDomain } from './add-domain';
import { checkDomainNow } from './check-domain-now';
import { domainView } from './domain-view';
import { getDomainOrThrow, listDomains, listStorefrontHostnames } from './list-domains';
import { removeDomain } from './remove-domain';

// The domain operations for request code (admin pages and actions), which may not open a database handle itself:
// always the platform's central database, always scoped to the storefront the request resolved to.

export const listStorefrontDomains = (storefrontId: number) => listDomains(getCentralDb(), storefrontId);
export const storefrontHostnamesOf = (storefrontId: number) => listStorefrontHostnames(getCentralDb(), storefrontId);
export const getStorefrontDomainOrThrow = async (storefrontId: number, domainPublicId: string) => domainView(await getDomainOrThrow(getCentralDb(), storefrontId, domainPublicId));
export const addStorefrontDomain = (storefrontId: number, domain: string, actor: AuditActor) => addDomain(getCentralDb(), { storefrontId, domain, actor });
export const checkStorefrontDomainNow = (storefrontId: number, domainPublicId: string) => checkDomainNow(getCentralDb(), { storefrontId, domainPublicId });
export const removeStorefrontDomain = (storefrontId: number, domainPublicId: string, actor: AuditActor) => removeDomain(getCentralDb(), { storefrontId, domainPublicId, actor });
