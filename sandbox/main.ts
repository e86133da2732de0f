import { env } from '@/lib/config/env';
import { loadDotEnv } from '@/lib/config/load-dot-env';
import { startSandbox } from './server';

// `npm run sandbox`: the vendor simulators for local development and demos. Never in production, where it
// would swallow real customers' email.
async function main(): Promise<void> {
  loadDotEnv();
  const e = env();
  if (e.APP_MODE === 'production') {
    console.error('sandbox: refusing to start in production mode, the default (the sandbox fakes outside services; set APP_MODE=sandbox).');
    process.exit(1);
  }
  const sandbox = await startSandbox({ host: e.SANDBOX_HOST, httpPort: e.SANDBOX_HTTP_PORT, smtpPort: e.SANDBOX_SMTP_PORT, dnsPort: e.SANDBOX_DNS_PORT });
  console.log(`Sandbox running at ${sandbox.url}`);
  console.log(`  mail inbox:  ${sandbox.url}/mail   (SMTP on ${sandbox.host}:${sandbox.smtpPort})`);
  console.log(`  discord:     ${sandbox.url}/discord   (webhook URL ${sandbox.url}/discord/api/webhooks/sandbox/alerts)`);
  console.log(`  dns:         ${sandbox.url}/dns   (UDP ${sandbox.host}:${sandbox.dnsPort}; domain checks ask it in sandbox mode)`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`sandbox: ${signal} received, closing`);
    sandbox.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(`sandbox: error while closing: ${err instanceof Error ? err.message : String(err)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(`sandbox: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
