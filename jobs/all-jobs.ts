import { billingRunAllJob, billingRunJob } from './billing-run';
import { closeDueAccountsJob } from './close-due-accounts';
import type { JobDefinition } from './define-job';
import { deliverAlertJob } from './deliver-alert';
import { flushOutboxJob } from './flush-outbox';
import { provisioningRunJob, provisioningSweepJob } from './provisioning';
import { pruneAuditLogJob } from './prune-audit-log';
import { pruneHistoryJob } from './prune-history';
import { kasmTrackJob } from './kasm-track';
import { resellerPipelineJob } from './reseller-pipeline';
import { revalidateVatNumbersJob } from './revalidate-vat-numbers';
import { sendEmailJob } from './send-email';
import { sweepDomainsJob, verifyDomainJob } from './verify-domain';

// Every job the worker can run; jobs/worker.ts dispatches by name.
export const allJobs: JobDefinition[] = [
  pruneHistoryJob,
  sendEmailJob,
  flushOutboxJob,
  deliverAlertJob,
  closeDueAccountsJob,
  billingRunJob,
  billingRunAllJob,
  provisioningRunJob,
  provisioningSweepJob,
  pruneAuditLogJob,
  revalidateVatNumbersJob,
  resellerPipelineJob,
  verifyDomainJob,
  sweepDomainsJob,
  kasmTrackJob,
] as JobDefinition[];
