import { describe, expect, it } from 'vitest';
import { normaliseTeamPermissions, teamAllows } from './permissions';

describe('team permissions', () => {
  it('grants what was given and what it implies, nothing more', () => {
    expect(teamAllows(['billing.pay'], 'billing.view')).toBe(true);
    expect(teamAllows(['billing.pay'], 'billing.pay')).toBe(true);
    expect(teamAllows(['billing.view'], 'billing.pay')).toBe(false);
    expect(teamAllows(['services.manage'], 'services.view')).toBe(true);
    expect(teamAllows(['services.view'], 'billing.view')).toBe(false);
    expect(teamAllows(['services.manage', 'billing.pay'], 'account.manage')).toBe(false);
  });
  it('full access covers everything', () => {
    for (const p of ['services.view', 'billing.pay', 'account.manage', 'tickets.open'] as const) expect(teamAllows(['full_access'], p)).toBe(true);
  });
  it('normalises stored sets', () => {
    expect(normaliseTeamPermissions(['billing.pay', 'bogus', 'services.view'])).toEqual(['services.view', 'billing.pay']);
    expect(normaliseTeamPermissions(['billing.pay', 'full_access'])).toEqual(['full_access']);
  });
});
