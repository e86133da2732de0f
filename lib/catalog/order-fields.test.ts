import { describe, expect, it } from 'vitest';
import { PROVISIONING_MODULES } from '@/lib/provisioning/registry';
import { orderFieldsForPlan, parseOrderFields, SERVICE_TYPE_ORDER_FIELDS } from './order-fields';

const noModule = (serviceType: keyof typeof SERVICE_TYPE_ORDER_FIELDS) => ({ provisioningModule: null, serviceType });
const names = (plan: Parameters<typeof orderFieldsForPlan>[0]) => orderFieldsForPlan(plan).map((f) => f.name);

describe('parseOrderFields', () => {
  it('accepts and normalises valid fields, dropping unknown ones', () => {
    expect(parseOrderFields(noModule('vps'), { hostname: ' Web1.Example.com ', extra: 'x' })).toEqual({ ok: true, fields: { hostname: 'web1.example.com' } });
    expect(parseOrderFields(noModule('cloud_desktop'), { anything: 'x' })).toEqual({ ok: true, fields: {} });
  });
  it('reports missing and malformed fields', () => {
    const r = parseOrderFields(noModule('web_hosting'), { domain: 'not a domain' });
    expect(r.ok).toBe(false);
    expect(parseOrderFields(noModule('vps'), {})).toMatchObject({ ok: false, errors: { hostname: expect.stringContaining('Hostname') } });
    expect(parseOrderFields(noModule('vps'), { hostname: 'a'.repeat(300) })).toMatchObject({ ok: false });
  });
  it('validates with the plan’s module fields when it has a module', () => {
    // A game-server module on a plan filed as web hosting: the module decides, not the service type.
    const plan = { provisioningModule: 'pterodactyl', serviceType: 'web_hosting' as const };
    expect(parseOrderFields(plan, { serverName: ' My Server ', domain: 'x' })).toEqual({ ok: true, fields: { serverName: 'My Server' } });
  });
});

describe('orderFieldsForPlan', () => {
  it('uses the module’s declared fields for a plan with a module', () => {
    expect(orderFieldsForPlan({ provisioningModule: 'virtfusion', serviceType: 'vps' })).toBe(PROVISIONING_MODULES.virtfusion.orderFields);
    expect(names({ provisioningModule: 'enhance', serviceType: 'web_hosting' })).toEqual(['domain']);
    expect(names({ provisioningModule: 'pterodactyl', serviceType: 'game_server' })).toEqual(['serverName']);
    expect(names({ provisioningModule: 'synergycp', serviceType: 'dedicated' })).toEqual(['hostname']);
  });
  it('falls back to the service type’s fields without a module or with an unknown one', () => {
    expect(orderFieldsForPlan(noModule('vps'))).toBe(SERVICE_TYPE_ORDER_FIELDS.vps);
    expect(names(noModule('dedicated'))).toEqual(['hostname']);
    expect(names(noModule('web_hosting'))).toEqual(['domain']);
    expect(names(noModule('game_server'))).toEqual(['serverName']);
    for (const type of ['cloud_desktop', 'software_license', 'api_product'] as const) expect(names(noModule(type))).toEqual([]);
    expect(names({ provisioningModule: 'retired-panel', serviceType: 'vps' })).toEqual(['hostname']);
  });
});

describe('each registered module’s order fields', () => {
  // A good and a bad value per field name; a module declaring a new field must add a row here.
  const samples: Record<string, { good: string; normalised: string; bad: string }> = {
    hostname: { good: ' Web1.Example.COM ', normalised: 'web1.example.com', bad: 'not a host!' },
    domain: { good: 'Example.org', normalised: 'example.org', bad: 'no-tld' },
    serverName: { good: "Bob's Minecraft", normalised: "Bob's Minecraft", bad: 'x' },
  };

  for (const module of Object.values(PROVISIONING_MODULES)) {
    const plan = { provisioningModule: module.key, serviceType: module.serviceTypes[0]! };
    it(`${module.key} accepts good values and names the field when rejecting a bad one`, () => {
      for (const field of module.orderFields) expect(samples[field.name], `no sample values for order field "${field.name}"`).toBeDefined();
      const good = Object.fromEntries(module.orderFields.map((f) => [f.name, samples[f.name]!.good]));
      const normalised = Object.fromEntries(module.orderFields.map((f) => [f.name, samples[f.name]!.normalised]));
      expect(parseOrderFields(plan, good)).toEqual({ ok: true, fields: normalised });
      for (const field of module.orderFields) {
        const bad = parseOrderFields(plan, { ...good, [field.name]: samples[field.name]!.bad });
        expect(bad.ok).toBe(false);
        if (!bad.ok) {
          expect(Object.keys(bad.errors)).toEqual([field.name]);
          expect(bad.errors[field.name]).toMatch(new RegExp(`^${field.label} \\S`));
        }
        const { [field.name]: _omitted, ...withoutIt } = good;
        expect(parseOrderFields(plan, withoutIt)).toMatchObject({ ok: false, errors: { [field.name]: expect.stringContaining(field.label) } });
      }
    });
  }
});
