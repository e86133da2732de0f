import { resetEnvCache } from '@/lib/config/env';
import { startSandbox, type SandboxHandle } from '@/sandbox/server';

/**
 * Starts the sandbox on free ports and points this process's env at it (sandbox mode, no SMTP_URL,
 * DISCORD_WEBHOOK_URL or DNS_RESOLVERS), so email, alerts and domain checks go to its simulators.
 */
export async function startTestSandbox(): Promise<SandboxHandle> {
  const sandbox = await startSandbox({ host: '127.0.0.1', httpPort: 0, smtpPort: 0 });
  process.env.APP_MODE = 'sandbox';
  process.env.SANDBOX_HOST = sandbox.host;
  process.env.SANDBOX_HTTP_PORT = String(sandbox.httpPort);
  process.env.SANDBOX_SMTP_PORT = String(sandbox.smtpPort);
  process.env.SANDBOX_DNS_PORT = String(sandbox.dnsPort);
  // Domain checks then ask the sandbox's DNS server.
  delete process.env.DNS_RESOLVERS;
  delete process.env.SMTP_URL;
  delete process.env.DISCORD_WEBHOOK_URL;
  resetEnvCache();
  return sandbox;
}

/** Sets or clears env variables for one test and re-reads the env. */
export function setEnv(vars: Record<string, string | undefined>): void {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
}
