import { desc, eq, inArray } from 'drizzle-orm';
import type { CentralHandle } from '@/lib/db/connection';
import { resellerApplications, resellers, type ApplicationStatus, type ResellerApplication } from '@/db/schema/central';

export interface ApplicationView {
  application: ResellerApplication;
  /** The reseller an approval created. */
  resellerPublicId: string | null;
}

/** Applications newest first, optionally of one status, at most `limit`. */
export async function listResellerApplications(central: CentralHandle, opts: { status?: ApplicationStatus; limit?: number } = {}): Promise<ApplicationView[]> {
  const apps = await central
    .select()
    .from(resellerApplications)
    .where(opts.status ? eq(resellerApplications.status, opts.status) : undefined)
    .orderBy(desc(resellerApplications.id))
    .limit(opts.limit ?? 200);
  const approved = apps.filter((a) => a.status === 'approved').map((a) => a.id);
  const links = approved.length
    ? await central.select({ applicationId: resellers.applicationId, publicId: resellers.publicId }).from(resellers).where(inArray(resellers.applicationId, approved))
    : [];
  return apps.map((application) => ({ application, resellerPublicId: links.find((l) => l.applicationId === application.id)?.publicId ?? null }));
}
