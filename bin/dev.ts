// `npm run dev`: migrate, seed the demo storefront, then run the web app, the worker and the sandbox together.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { env, sandboxBaseUrl } from '@/lib/config/env';
import { ensureDevEnvFile } from '@/lib/config/ensure-dev-env-file';
import { loadDotEnv } from '@/lib/config/load-dot-env';
import { seedDemo } from '@/lib/setup/seed-demo';
import { shutdownConnections } from '@/cli/shutdown';

loadDotEnv();
if (process.env.APP_MODE !== 'production') {
  // Written to .env, so the CLI and anything started later share this sandbox's mode and key.
  const written = ensureDevEnvFile(fileURLToPath(new URL('../.env', import.meta.url)));
  if (written.length) console.log(`npm run dev: wrote ${written.join(' and ')} to .env`);
}
const e = env();
if (e.APP_MODE === 'production') {
  console.error('npm run dev starts the sandbox and demo data; unset APP_MODE=production (use npm run build && npm start for production).');
  process.exit(1);
}

const seeded = await seedDemo();
await shutdownConnections();

const bin = (name: string) => `./node_modules/.bin/${name}`;
const children: ChildProcess[] = [];
function run(label: string, cmd: string, args: string[]) {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter(Boolean)
      .map((l) => `[${label}] ${l}`)
      .join('\n');
  child.stdout?.on('data', (c: Buffer) => console.log(prefix(c)));
  child.stderr?.on('data', (c: Buffer) => console.error(prefix(c)));
  child.on('exit', (code, signal) => {
    console.log(`[${label}] exited (${signal ?? code})`);
    if (!stopping) stop(code ?? 1);
  });
  children.push(child);
}

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3000).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

run('sandbox', bin('tsx'), ['sandbox/main.ts']);
run('worker', bin('tsx'), ['jobs/main.ts']);
run('web', bin('next'), ['dev', '-p', String(e.APP_PORT)]);

const port = e.APP_PORT === 80 ? '' : `:${e.APP_PORT}`;
const url = (sub: string) => `${e.APP_PROTOCOL}://${sub}${e.APP_DOMAIN}${port}`;
console.log(`
EZSCALE Billing is starting (sandbox mode: no external accounts needed).
  Marketing site   ${url('')}
  Customer area    ${url('account.')}   ${seeded.logins.find((l) => l.area === 'account')?.email} / ${seeded.logins[0]?.password}
  Admin panel      ${url('admin.')}     ${seeded.logins.find((l) => l.area === 'admin')?.email} / ${seeded.logins[0]?.password}
  Sandbox          ${sandboxBaseUrl(e)}   (mailbox at /mail, Discord alerts at /discord)
  Health           ${url('')}/api/health
Press Ctrl+C to stop.
`);
