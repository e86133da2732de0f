import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDiscordSimulator } from '@/sandbox/discord/simulator';
import { createDnsSimulator } from '@/sandbox/dns/simulator';
import { createEnhanceSimulator } from '@/sandbox/enhance/simulator';
import { createKasmSimulator } from '@/sandbox/kasm/simulator';
import { createSmtpSimulator } from '@/sandbox/smtp/simulator';
import { createPaypalSimulator } from '@/sandbox/paypal/simulator';
import { createPterodactylSimulator } from '@/sandbox/pterodactyl/simulator';
import { createS3Simulator } from '@/sandbox/s3/simulator';
import { createStripeSimulator } from '@/sandbox/stripe/simulator';
import { createSynergycpSimulator } from '@/sandbox/synergycp/simulator';
import { createViesSimulator } from '@/sandbox/vies/simulator';
import { createVirtfusionSimulator } from '@/sandbox/virtfusion/simulator';
import { escapeHtml, notFound, page, sendHtml, sendJson, type SandboxHandler } from './shared/http';

export interface SandboxOptions {
  /** 0 picks a free port (tests). */
  httpPort: number;
  smtpPort: number;
  /** The DNS server's UDP port; 0 or left out picks a free one. */
  dnsPort?: number;
  host: string;
}

export interface SandboxHandle {
  host: string;
  httpPort: number;
  smtpPort: number;
  dnsPort: number;
  /** http://host:httpPort */
  url: string;
  close: () => Promise<void>;
}

interface Vendor {
  prefix: string;
  title: string;
  description: string;
  handle: SandboxHandler;
}

function indexPage(vendors: readonly Vendor[], smtpPort: number, dnsPort: number, host: string): string {
  const items = vendors
    .map((v) => `<li><a href="${escapeHtml(v.prefix)}">${escapeHtml(v.title)}</a> — ${escapeHtml(v.description)}</li>`)
    .join('');
  return page(
    'Vendor simulators',
    `<p>Stand-ins for outside services, so the whole product runs on this machine without accounts or keys.</p>
<ul>${items}</ul><p class="muted">SMTP listens on ${escapeHtml(`${host}:${smtpPort}`)}, DNS on UDP ${escapeHtml(`${host}:${dnsPort}`)}.</p>`,
  );
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Starts the sandbox: one HTTP server routing by path prefix to each vendor simulator, plus the SMTP listener. */
export async function startSandbox(opts: SandboxOptions): Promise<SandboxHandle> {
  const smtp = createSmtpSimulator();
  const discord = createDiscordSimulator();
  const stripe = createStripeSimulator();
  const paypal = createPaypalSimulator();
  const dns = createDnsSimulator();
  // A new vendor adds one entry here; its handler owns everything under its prefix.
  const vendors: Vendor[] = [
    { prefix: '/mail', title: 'Mail', description: 'every email the product sends, readable with working links', handle: smtp.handle },
    { prefix: '/discord', title: 'Discord', description: 'webhook messages (admin alerts)', handle: discord.handle },
    { prefix: '/dns', title: 'DNS', description: 'an authoritative DNS server (UDP) for domain checks: its records, and POST /dns/_control/records to set them', handle: dns.handle },
    { prefix: '/vies', title: 'VIES', description: 'EU VAT number checks (POST /vies/check-vat-number)', handle: createViesSimulator().handle },
    // The SDK can only be pointed at a host, not a path, so Stripe's API owns the root /v1 (PayPal lives under /paypal).
    { prefix: '/v1', title: 'Stripe API', description: "Stripe's /v1 API for the official SDK (host/port/protocol options)", handle: stripe.api },
    { prefix: '/stripe', title: 'Stripe', description: 'hosted Checkout, test cards, webhook event log and controls', handle: stripe.pages },
    { prefix: '/paypal', title: 'PayPal', description: 'PayPal REST stand-in (orders, captures, refunds, vault, webhooks) and buyer approval pages', handle: paypal.handle },
    { prefix: '/virtfusion', title: 'VirtFusion', description: 'VPS panel: users, servers with timed builds, suspend, power, package change, SSO (API at /virtfusion/api/v1)', handle: createVirtfusionSimulator().handle },
    { prefix: '/pterodactyl', title: 'Pterodactyl', description: 'game panel: users, servers by external id, install, suspend, build limits, client power and resources', handle: createPterodactylSimulator().handle },
    { prefix: '/synergycp', title: 'SynergyCP', description: 'dedicated servers: limited inventory, provision, suspend, wipe, VIP "ignored" answers', handle: createSynergycpSimulator().handle },
    { prefix: '/kasm', title: 'Kasm Workspaces', description: 'cloud desktops: users, images, sessions that take a few seconds to start, sessions started or ended outside the app', handle: createKasmSimulator().handle },
    { prefix: '/s3', title: 'S3', description: 'S3-compatible object storage (path-style, SigV4-checked) for STORAGE_DRIVER=s3', handle: createS3Simulator().handle },
    { prefix: '/enhance', title: 'Enhance', description: 'web hosting panel: customers, subscriptions, websites (org 0e5a0c0e-0000-4000-8000-000000000001)', handle: createEnhanceSimulator().handle },
  ];
  let smtpPort = opts.smtpPort;
  let dnsPort = opts.dnsPort ?? 0;

  const http = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    const vendor = vendors.find((v) => url.pathname === v.prefix || url.pathname.startsWith(`${v.prefix}/`));
    const run = async () => {
      if (vendor) return vendor.handle(req, res, url);
      if (url.pathname === '/' && req.method === 'GET') return sendHtml(res, 200, indexPage(vendors, smtpPort, dnsPort, opts.host));
      return notFound(res);
    };
    run().catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: err instanceof Error ? err.message : String(err) });
      else res.destroy();
    });
  });

  smtpPort = await smtp.listen(opts.smtpPort, opts.host);
  let httpPort: number;
  try {
    dnsPort = await dns.listen(opts.dnsPort ?? 0, opts.host);
    httpPort = await listen(http, opts.httpPort, opts.host);
  } catch (err) {
    await Promise.all([smtp.close(), dns.close()]);
    throw err;
  }

  return {
    host: opts.host,
    httpPort,
    smtpPort,
    dnsPort,
    url: `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${httpPort}`,
    close: async () => {
      http.closeAllConnections();
      paypal.close();
      await Promise.all([new Promise<void>((resolve) => http.close(() => resolve())), smtp.close(), dns.close()]);
    },
  };
}
