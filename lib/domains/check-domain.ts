import { and, eq } from 'drizzle-orm';
import { customDomains, storefrontHostnames, type CustomDomain } from '@/db/schema/central';
import type { CentralDb } from '@/lib/db/connection';
import { isDuplicateKeyError } from '@/lib/errors/app-error';
import { announceHostnameChange } from '@/lib/tenancy/host-resolver';
import { checkDomainDns } from './check-domain-dns';
import { nextCheckAfterMiss } from './check-schedule';
import { scheduleDomainCheck } from './dispatch-domain-check';
import { domainHostnames } from './dns-records';
import { createDomainResolver, type DomainResolver } from './dns-resolver';
import { notifyDomainResult } from './notify-domain-result';

export type DomainCheckOutcome =
  /** The records were found: the domain's hosts now resolve to its storefront. */
  | 'verified'
  /** Not found, and the 72 hours are over (or a failed domain was checked again in vain). */
  | 'failed'
  /** Not found yet; the next check is queued. */
  | 'pending'
  /** Nothing to do: the next automatic check is not due, or the domain is already verified or failed. */
  | 'skipped'
  /** Another check of the same domain finished first; this one wrote nothing. */
  | 'raced'
  | 'missing';

export interface CheckDomainOptions {
  domainId: number;
  /** Check now, whatever the schedule says, and look at a failed domain again (Check now, domain:verify). */
  force?: boolean;
  now?: Date;
  resolver?: DomainResolver;
}

export interface DomainCheckResult {
  outcome: DomainCheckOutcome;
  domain: CustomDomain | null;
  problems: string[];
}

// A job delayed until nextCheckAt may start a moment early by the database's clock.
const DUE_SLACK_MS = 5_000;
const MAX_ERROR_LENGTH = 1000;

async function reread(central: CentralDb, id: number): Promise<CustomDomain | null> {
  const [row] = await central.select().from(customDomains).where(eq(customDomains.id, id)).limit(1);
  return row ?? null;
}

/** Moves a verified domain's row and writes its hostnames in one transaction; false when another check won. */
async function markVerified(central: CentralDb, row: CustomDomain, now: Date): Promise<boolean> {
  return central.transaction(async (tx) => {
    const [res] = await tx
      .update(customDomains)
      .set({ status: 'verified', checks: row.checks + 1, lastCheckedAt: now, lastError: null, nextCheckAt: null, verifiedAt: now, failedAt: null, updatedAt: now })
      .where(and(eq(customDomains.id, row.id), eq(customDomains.checks, row.checks), eq(customDomains.status, row.status)));
    if (res.affectedRows !== 1) return false;
    await tx.insert(storefrontHostnames).values(domainHostnames(row.domain).map((h) => ({ ...h, storefrontId: row.storefrontId })));
    return true;
  });
}

/**
 * One check of a domain's DNS records, safe to run twice or to kill halfway: everything it knows is in the row,
 * and it writes with a guarded UPDATE on the check number it read, so of two checks at once only one counts.
 * Found: verified, with its hostnames, in one transaction, and every process reloads its hostname cache. Not found:
 * the next check is queued, or after the 72 hours the domain fails. Staff are emailed at either end.
 */
export async function checkDomain(central: CentralDb, opts: CheckDomainOptions): Promise<DomainCheckResult> {
  const now = opts.now ?? new Date();
  const row = await reread(central, opts.domainId);
  if (!row) return { outcome: 'missing', domain: null, problems: [] };
  const notDue = !opts.force && (row.status !== 'pending' || (row.nextCheckAt !== null && row.nextCheckAt.getTime() > now.getTime() + DUE_SLACK_MS));
  if (row.status === 'verified' || notDue) {
    // A crash between the final status and its email leaves the email owed; this hands it over.
    if (row.status !== 'pending') await notifyDomainResult(central, row.id);
    return { outcome: 'skipped', domain: row, problems: row.lastError?.split('\n') ?? [] };
  }

  const dns = await checkDomainDns(opts.resolver ?? createDomainResolver(), row.domain, row.verifyToken);
  let problems = dns.problems;
  if (dns.ok) {
    try {
      if (!(await markVerified(central, row, now))) return { outcome: 'raced', domain: await reread(central, row.id), problems: [] };
      await announceHostnameChange();
      await notifyDomainResult(central, row.id);
      return { outcome: 'verified', domain: await reread(central, row.id), problems: [] };
    } catch (err) {
      // Another storefront verified the same name first: its records can point here too, but it is theirs.
      if (!isDuplicateKeyError(err)) throw err;
      problems = [`${row.domain} is already in use on this platform.`];
    }
  }

  const checks = row.checks + 1;
  const next = row.status === 'pending' ? nextCheckAfterMiss(checks, now, row.checkUntil) : null;
  const status = next ? 'pending' : 'failed';
  const [res] = await central
    .update(customDomains)
    .set({
      status,
      checks,
      lastCheckedAt: now,
      lastError: problems.join('\n').slice(0, MAX_ERROR_LENGTH),
      nextCheckAt: next,
      failedAt: status === 'failed' ? (row.failedAt ?? now) : null,
      updatedAt: now,
    })
    .where(and(eq(customDomains.id, row.id), eq(customDomains.checks, row.checks), eq(customDomains.status, row.status)));
  if (res.affectedRows !== 1) return { outcome: 'raced', domain: await reread(central, row.id), problems };
  if (status === 'failed') await notifyDomainResult(central, row.id);
  const saved = await reread(central, row.id);
  // A check that cannot be queued now (Redis down) is overdue soon, and the domains sweep queues it.
  if (status === 'pending' && saved) await scheduleDomainCheck(saved, now).catch(() => undefined);
  return { outcome: status, domain: saved, problems };
}
