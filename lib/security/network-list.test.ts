import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/config/env';
import { inNetworks, networkBlockList, networkListSchema, parseNetwork } from './network-list';

describe('network lists', () => {
  it('reads CIDRs and bare addresses of both families', () => {
    expect(parseNetwork('10.20.0.0/16')).toEqual({ address: '10.20.0.0', prefix: 16, family: 'ipv4' });
    expect(parseNetwork('fd12:3456::/48')).toEqual({ address: 'fd12:3456::', prefix: 48, family: 'ipv6' });
    expect(parseNetwork('192.168.1.5')).toEqual({ address: '192.168.1.5', prefix: 32, family: 'ipv4' });
    for (const bad of ['10.0.0.0/33', 'fd00::/129', 'panel.local/24', '10.0.0.0/8/8', '10.0.0.0/x', '']) expect(parseNetwork(bad), bad).toBeNull();
  });

  it('matches v4, v6 and v4-mapped v6 addresses', () => {
    const list = networkBlockList(['10.20.0.0/16', 'fd12:3456::/48']);
    expect(inNetworks(list, '10.20.3.4')).toBe(true);
    expect(inNetworks(list, '::ffff:10.20.3.4')).toBe(true);
    expect(inNetworks(list, 'fd12:3456:0:1::9')).toBe(true);
    expect(inNetworks(list, '10.21.0.1')).toBe(false);
    expect(inNetworks(list, 'fd12:3457::1')).toBe(false);
    expect(inNetworks(list, 'not-an-ip')).toBe(false);
  });

  it('PANEL_ALLOWED_NETWORKS is validated when the environment loads', () => {
    expect(parseEnv({}).PANEL_ALLOWED_NETWORKS).toEqual([]);
    expect(parseEnv({ PANEL_ALLOWED_NETWORKS: '10.20.0.0/16, fd12:3456::/48 192.168.1.5' }).PANEL_ALLOWED_NETWORKS).toEqual(['10.20.0.0/16', 'fd12:3456::/48', '192.168.1.5']);
    expect(() => parseEnv({ PANEL_ALLOWED_NETWORKS: '10.0.0.0/8,panel.internal' })).toThrow(/PANEL_ALLOWED_NETWORKS.*panel\.internal/);
    expect(networkListSchema.safeParse('').data).toEqual([]);
  });
});
