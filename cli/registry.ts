import type { CliCommand } from './command';
import { mailTestCommand } from './commands/mail-test';
import { customerCreateCommand } from './commands/customer-create';
import { migrateCommand } from './commands/migrate';
import { queuesCommand } from './commands/queues';
import { seedCommand } from './commands/seed';
import { staffReset2faCommand } from './commands/staff-reset-2fa';
import { storefrontCreateCommand, storefrontListCommand } from './commands/storefront';
import { userCreateAdminCommand } from './commands/user-create-admin';

// Each command lives in cli/commands/<name>.ts; add it here to make it reachable.
export const commands: CliCommand[] = [
  mailTestCommand,
  migrateCommand,
  queuesCommand,
  seedCommand,
  storefrontListCommand,
  storefrontCreateCommand,
  userCreateAdminCommand,
  customerCreateCommand,
  staffReset2faCommand,
] as CliCommand[];
