import type { CliCommand } from './command';
import { billingRunCommand } from './commands/billing-run';
import { mailTestCommand } from './commands/mail-test';
import { customerCreateCommand } from './commands/customer-create';
import { domainAddCommand, domainVerifyCommand } from './commands/domain';
import { creditAddCommand } from './commands/credit-add';
import { invoiceListCommand } from './commands/invoice-list';
import { invoicePayCommand } from './commands/invoice-pay';
import { migrateCommand } from './commands/migrate';
import { planListCommand } from './commands/plan-list';
import { planMeterCommand } from './commands/plan-meter';
import { provisioningRunCommand } from './commands/provisioning-run';
import { queuesCommand } from './commands/queues';
import { resellerCreateCommand, resellerListCommand } from './commands/reseller';
import { seedCommand } from './commands/seed';
import { serviceCreateCommand } from './commands/service-create';
import { serviceListCommand } from './commands/service-list';
import { staffReset2faCommand } from './commands/staff-reset-2fa';
import { staffSetPasswordCommand } from './commands/staff-set-password';
import { storefrontCreateCommand, storefrontListCommand } from './commands/storefront';
import { kasmRecordSessionCommand } from './commands/kasm-record-session';
import { kasmSessionsCommand } from './commands/kasm-sessions';
import { usageRecordCommand } from './commands/usage-record';
import { usageShowCommand } from './commands/usage-show';
import { userCreateAdminCommand } from './commands/user-create-admin';

// Each command lives in cli/commands/<name>.ts; add it here to make it reachable.
export const commands: CliCommand[] = [
  mailTestCommand,
  migrateCommand,
  queuesCommand,
  seedCommand,
  storefrontListCommand,
  storefrontCreateCommand,
  resellerCreateCommand,
  resellerListCommand,
  domainAddCommand,
  domainVerifyCommand,
  userCreateAdminCommand,
  customerCreateCommand,
  staffReset2faCommand,
  staffSetPasswordCommand,
  planListCommand,
  planMeterCommand,
  serviceCreateCommand,
  serviceListCommand,
  creditAddCommand,
  invoiceListCommand,
  invoicePayCommand,
  usageRecordCommand,
  usageShowCommand,
  kasmRecordSessionCommand,
  kasmSessionsCommand,
  billingRunCommand,
  provisioningRunCommand,
] as CliCommand[];
