import { expect, test, type Page } from '@playwright/test';
import { SANDBOX_URL, url } from './e2e-env';
import { orderPlan, payByCard, signInAsCustomer, signInAsStaff } from './helpers';

// A paid order becomes a running service on the sandbox's panel stand-ins, without anyone touching it: the
// worker picks up the provisioning request, and the service page refreshes itself while it is being set up.

async function openNewestService(page: Page, label: RegExp) {
  await page.goto(url('account.', '/services'));
  await page.getByRole('link', { name: label }).first().click();
  await expect(page).toHaveURL(/\/services\/svc_/);
}

test('a VPS is set up after payment, restarts, and a staff suspension reaches the panel', async ({ browser, page }) => {
  test.setTimeout(120_000);
  await signInAsCustomer(page, 'vps-buyer@example.com', 'VeraVps!Password1', 'Vera Vps');
  await orderPlan(page, 'vps-starter', { Hostname: 'vera.example.com' });
  await payByCard(page);
  await openNewestService(page, /vera\.example\.com/);
  // The page refreshes itself while the panel builds; the IP appears within seconds.
  await expect(page.getByText(/203\.0\.113\.\d+/).first()).toBeVisible({ timeout: 45_000 });
  await expect(page.getByText('Ubuntu 24.04')).toBeVisible();

  await page.getByLabel(/^Yes, restart/).check();
  await page.getByRole('button', { name: 'Restart', exact: true }).click();
  await expect(page.getByText(/Restart sent/)).toBeVisible();
  const servicePath = new URL(page.url()).pathname;
  const serviceId = servicePath.split('/').pop()!;
  // The restart reached the panel: its stand-in logged the power action on this server.
  const panelState = async () =>
    ((await (await page.request.get(`${SANDBOX_URL}/virtfusion/_control/state`)).json()) as { panels: { servers: { name: string; powerActions: string[] }[] }[] }).panels.flatMap((p) => p.servers).find((s) => s.name === serviceId);
  await expect.poll(async () => (await panelState())?.powerActions, { timeout: 15_000 }).toContain('restart');

  const staff = await browser.newPage();
  await signInAsStaff(staff, 'admin.localhost', 'admin@ezscale.example', 'EzscaleDemo!2026');
  await staff.goto(url('admin.', servicePath));
  await staff.locator('summary', { hasText: 'Staff actions' }).click();
  await staff.getByLabel('Action').selectOption('suspend');
  await staff.getByLabel('Note (kept in the audit log)').fill('E2E: abuse report');
  await staff.getByRole('button', { name: 'Apply' }).click();
  await expect(staff.getByText(/suspended/i).first()).toBeVisible();
  // The panel stand-in's own page shows the server suspended once the worker has told it.
  await expect
    .poll(async () => (await (await staff.request.get(`${SANDBOX_URL}/virtfusion`)).text()).match(new RegExp(`data-server-name="${serviceId}" data-status="(\\w+)"`))?.[1], { timeout: 30_000 })
    .toBe('suspended');
});

test('a game server and a web hosting account are set up the same way', async ({ page }) => {
  test.setTimeout(150_000);
  await signInAsCustomer(page, 'gamer@example.com', 'GaryGamer!Password1', 'Gary Gamer');
  await orderPlan(page, 'minecraft-4gb', { 'Server name': 'Gary Craft' });
  await payByCard(page);
  await openNewestService(page, /Gary Craft|Minecraft/);
  await expect(page.getByText(/203\.0\.113\.10:\d+/).first()).toBeVisible({ timeout: 45_000 });

  await orderPlan(page, 'web-starter', { Domain: 'gary-example.com' });
  await payByCard(page);
  await openNewestService(page, /gary-example\.com|Web Starter/);
  await expect(page.getByText('gary-example.com').first()).toBeVisible({ timeout: 45_000 });
  await expect(page.getByRole('button', { name: 'Sign in to control panel' })).toBeVisible();
});

test('a dedicated order with no matching hardware waits until staff assign a server, then completes', async ({ browser, page }) => {
  test.setTimeout(150_000);
  await signInAsCustomer(page, 'metal@example.com', 'MelMetal!Password1', 'Mel Metal');
  await orderPlan(page, 'ded-epyc-7443p', { Hostname: 'metal.example.com' });
  await payByCard(page);
  await openNewestService(page, /metal\.example\.com|EPYC/);
  await expect(page.getByText(/preparing your server hardware/i)).toBeVisible({ timeout: 45_000 });
  const serviceId = new URL(page.url()).pathname.split('/').pop()!;

  // The data centre racks a 256 GB machine: it appears in the panel's inventory…
  const added = await page.request.post(`${SANDBOX_URL}/synergycp/_control/inventory`, { data: { key: 'sandbox-scp-ezscale', add: [{ groupId: 1, cpu: 'AMD EPYC 7443P', cores: 24, ramGb: 256 }] } });
  expect(added.ok()).toBe(true);
  const state = (await (await page.request.get(`${SANDBOX_URL}/synergycp/_control/state`)).json()) as { accounts: { servers: { id: number; available: boolean; mem: { size_gb: number } }[] }[] };
  const free = state.accounts.flatMap((a) => a.servers).find((s) => s.available && s.mem.size_gb === 256);
  expect(free).toBeDefined();

  // …and staff assign it from the queue.
  const staff = await browser.newPage();
  await signInAsStaff(staff, 'admin.localhost', 'admin@ezscale.example', 'EzscaleDemo!2026');
  await staff.goto(url('admin.', '/services/awaiting-hardware'));
  await staff.getByLabel(`Server id for ${serviceId}`).fill(String(free!.id));
  await staff.getByRole('button', { name: 'Assign' }).click();
  await expect(staff.getByText(`Server ${free!.id} assigned; provisioning is queued.`)).toBeVisible();

  // From here the page refreshes itself while the server is set up.
  await page.reload();
  await expect(page.getByText(/198\.51\.100\.\d+/).first()).toBeVisible({ timeout: 45_000 });
});
