import type { CustomDomain } from '@/db/schema/central';
import { domainHostnames, recordsToCreate, type DnsRecordToCreate } from './dns-records';

/** A domain as the admin page, the CLI and the API show it. */
export interface DomainView {
  publicId: string;
  domain: string;
  status: CustomDomain['status'];
  records: DnsRecordToCreate[];
  hostnames: string[];
  checks: number;
  /** What the last check found wrong, one sentence each; empty once verified. */
  problems: string[];
  lastCheckedAt: Date | null;
  nextCheckAt: Date | null;
  checkUntil: Date;
  verifiedAt: Date | null;
  failedAt: Date | null;
  createdAt: Date;
}

export function domainView(row: CustomDomain): DomainView {
  return {
    publicId: row.publicId,
    domain: row.domain,
    status: row.status,
    records: recordsToCreate(row.domain, row.verifyToken),
    hostnames: domainHostnames(row.domain).map((h) => h.hostname),
    checks: row.checks,
    problems: row.lastError ? row.lastError.split('\n').filter(Boolean) : [],
    lastCheckedAt: row.lastCheckedAt,
    nextCheckAt: row.nextCheckAt,
    checkUntil: row.checkUntil,
    verifiedAt: row.verifiedAt,
    failedAt: row.failedAt,
    createdAt: row.createdAt,
  };
}
