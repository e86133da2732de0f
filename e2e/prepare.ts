// Runs before the browser journeys: a clean e2e database with the demo storefront and a reseller storefront.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { Redis } from 'ioredis';
import mysql from 'mysql2/promise';
import { E2E_ENV } from './e2e-env';

const central = new URL(E2E_ENV.DATABASE_URL!);
if (!['127.0.0.1', 'localhost'].includes(central.hostname)) throw new Error('e2e refuses a non-local database');
const name = central.pathname.slice(1);
central.pathname = '/';

const conn = await mysql.createConnection({ uri: central.toString() });
const [rows] = await conn.query<mysql.RowDataPacket[]>('SELECT SCHEMA_NAME AS n FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ? OR SCHEMA_NAME LIKE ?', [
  name,
  `${name}\\_sf\\_%`,
]);
for (const r of rows) await conn.query(`DROP DATABASE \`${String(r.n)}\``);
await conn.end();

// Job ids derive from row ids, which restart with the fresh database: forget the previous run's jobs too.
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
let cursor = '0';
do {
  const [next, keys] = await redis.scan(cursor, 'MATCH', `${E2E_ENV.REDIS_PREFIX}:*`, 'COUNT', 1000);
  cursor = next;
  if (keys.length) await redis.del(...keys);
} while (cursor !== '0');
await redis.quit();

const env = { ...process.env, ...E2E_ENV };
const cli = (...args: string[]) => execFileSync('bin/ezscale', args, { env, stdio: 'inherit' });
cli('seed', '--demo');
cli('storefront:create', '--slug', 'acme', '--name', 'Acme Hosting', '--domain', 'acme.localhost', '--tagline', 'Game servers for your guild.', '--brand-color', '#16a34a');
cli('customer:create', '--email', 'forgetful@example.com', '--name', 'Fran Forgetful', '--country', 'GB', '--currency', 'GBP', '--password', 'FranOld!Password1');
cli('customer:create', '--email', 'two-browsers@example.com', '--name', 'Tess Two', '--country', 'US', '--password', 'TessTwo!Password1');
cli('user:create-admin', '--storefront', 'acme', '--email', 'owner@acme.example', '--password', 'AcmeOwner!2026');
// The two-factor journey's own logins: a customer who enrols TOTP and a staff user who has not enrolled yet.
cli('customer:create', '--email', 'totp@example.com', '--name', 'Tina Totp', '--country', 'DE', '--currency', 'EUR', '--password', 'TinaTotp!Password1');
cli('user:create-admin', '--email', 'new-staff@ezscale.example', '--password', 'NewStaff!Password1');
// The passkey journey's own logins: a customer who adds a passkey and a staff user who enrols with one.
cli('customer:create', '--email', 'passkey@example.com', '--name', 'Pat Passkey', '--country', 'US', '--password', 'PatPasskey!Password1');
cli('user:create-admin', '--email', 'passkey-staff@ezscale.example', '--password', 'PasskeyStaff!Password1');
// The team journey: an account owner and the colleague they invite.
cli('customer:create', '--email', 'team-owner@example.com', '--name', 'Olga Owner', '--country', 'NL', '--currency', 'EUR', '--password', 'OlgaOwner!Password1');
cli('customer:create', '--email', 'team-member@example.com', '--name', 'Max Member', '--country', 'NL', '--currency', 'EUR', '--password', 'MaxMember!Password1');
// The billing journey: a customer whose monthly VPS and web hosting fall due in three days, so the first billing
// pass renews both and the journey pays the two invoices in one go from credit.
cli('customer:create', '--email', 'billing@example.com', '--name', 'Bill Ing', '--country', 'DE', '--currency', 'EUR', '--password', 'BillIng!Password1');
const start = new Date();
start.setUTCMonth(start.getUTCMonth() - 1);
start.setUTCDate(start.getUTCDate() + 3);
// A day apart: renewals are grouped per customer and due date, so each service gets its own invoice.
const startNextDay = new Date(start.getTime() + 86_400_000);
cli('service:create', '--customer', 'billing@example.com', '--plan', 'vps-starter', '--cycle', 'monthly', '--start', start.toISOString().slice(0, 10));
cli('service:create', '--customer', 'billing@example.com', '--plan', 'web-starter', '--cycle', 'monthly', '--start', startNextDay.toISOString().slice(0, 10));
// The plan-change journey: a VPS ten days into its month, well before its next renewal is invoiced.
cli('customer:create', '--email', 'upgrade@example.com', '--name', 'Una Upgrade', '--country', 'DE', '--currency', 'EUR', '--password', 'UnaUpgrade!Password1');
const upgradeStart = new Date(Date.now() - 10 * 86_400_000);
cli('service:create', '--customer', 'upgrade@example.com', '--plan', 'vps-starter', '--cycle', 'monthly', '--start', upgradeStart.toISOString().slice(0, 10));
// Staff move a customer's VPS to a bigger plan free of charge.
cli('customer:create', '--email', 'plan-move@example.com', '--name', 'Paul Move', '--country', 'DE', '--currency', 'EUR', '--password', 'PaulMove!Password1');
cli('service:create', '--customer', 'plan-move@example.com', '--plan', 'vps-starter', '--cycle', 'monthly', '--start', upgradeStart.toISOString().slice(0, 10));
// The payment journeys: a customer who orders and pays by card, one who pays by PayPal, and two whose monthly
// VPS falls due today, so a billing pass charges the card they save (one of them a 3-D Secure card).
cli('customer:create', '--email', 'card-payer@example.com', '--name', 'Carla Card', '--country', 'DE', '--currency', 'EUR', '--password', 'CarlaCard!Password1');
cli('customer:create', '--email', 'paypal-payer@example.com', '--name', 'Pia Paypal', '--country', 'DE', '--currency', 'EUR', '--password', 'PiaPaypal!Password1');
const dueToday = new Date();
dueToday.setUTCMonth(dueToday.getUTCMonth() - 1);
for (const [email, name, password] of [
  ['renewer@example.com', 'Rene Renewer', 'ReneRenewer!Password1'],
  ['threeds@example.com', 'Tara Threeds', 'TaraThreeds!Password1'],
]) {
  cli('customer:create', '--email', email!, '--name', name!, '--country', 'DE', '--currency', 'EUR', '--password', password!);
  cli('service:create', '--customer', email!, '--plan', 'vps-starter', '--cycle', 'monthly', '--start', dueToday.toISOString().slice(0, 10));
}
// The mass payment journey: two services falling due today and tomorrow and no card on file, so a pass leaves two unpaid renewals
// that the customer pays together in one card payment.
cli('customer:create', '--email', 'mass-payer@example.com', '--name', 'Max Mass', '--country', 'DE', '--currency', 'EUR', '--password', 'MaxMass!Password1');
// The second falls due tomorrow (still inside the invoicing window): a different due date, so its own invoice.
cli('service:create', '--customer', 'mass-payer@example.com', '--plan', 'vps-starter', '--cycle', 'monthly', '--start', dueToday.toISOString().slice(0, 10));
cli('service:create', '--customer', 'mass-payer@example.com', '--plan', 'web-starter', '--cycle', 'monthly', '--start', new Date(dueToday.getTime() + 86_400_000).toISOString().slice(0, 10));
// The provisioning journeys: customers who order a VPS, a game server and web hosting, and a dedicated server.
cli('customer:create', '--email', 'vps-buyer@example.com', '--name', 'Vera Vps', '--country', 'DE', '--currency', 'EUR', '--password', 'VeraVps!Password1');
cli('customer:create', '--email', 'gamer@example.com', '--name', 'Gary Gamer', '--country', 'DE', '--currency', 'EUR', '--password', 'GaryGamer!Password1');
cli('customer:create', '--email', 'metal@example.com', '--name', 'Mel Metal', '--country', 'DE', '--currency', 'EUR', '--password', 'MelMetal!Password1');
// TOTP secrets the previous run enrolled (TOTP_STATE_FILE in e2e/helpers.ts) belong to the database just dropped.
rmSync('test-results/e2e-totp-secrets.json', { force: true });
