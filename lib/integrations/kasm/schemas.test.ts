import { describe, expect, it } from 'vitest';
import { kasmDate, kasmStatusAnswer, requestKasmAnswer, sameKasmId } from './schemas';

describe('Kasm answers', () => {
  it('reads Kasm dates as UTC, with or without microseconds or a zone', () => {
    expect(kasmDate('2026-05-01 09:30:00.123456')?.toISOString()).toBe('2026-05-01T09:30:00.123Z');
    expect(kasmDate('2026-05-01 09:30:00')?.toISOString()).toBe('2026-05-01T09:30:00.000Z');
    expect(kasmDate('2026-05-01T09:30:00+02:00')?.toISOString()).toBe('2026-05-01T07:30:00.000Z');
    expect(kasmDate('soon')).toBeNull();
    expect(kasmDate(null)).toBeNull();
  });

  it('compares ids with or without dashes', () => {
    expect(sameKasmId('39b318301e504d1c90fe816f89ff6612', '39B31830-1E50-4D1C-90FE-816F89FF6612')).toBe(true);
    expect(sameKasmId('39b318301e504d1c90fe816f89ff6612', '39b318301e504d1c90fe816f89ff6613')).toBe(false);
    expect(sameKasmId('', '')).toBe(false);
  });

  it('takes kasm_url only as a path on the Kasm server', () => {
    const base = { kasm_id: 'k1', kasm_url: '/#/connect/kasm/k1/u1/t' };
    expect(requestKasmAnswer.safeParse(base).success).toBe(true);
    for (const kasm_url of ['https://evil.example/#/connect', '//evil.example/x', 'connect/kasm', '/\\evil.example']) {
      expect(requestKasmAnswer.safeParse({ ...base, kasm_url }).success).toBe(false);
    }
  });

  it('reads a status with the progress at the top level while the session starts', () => {
    const starting = kasmStatusAnswer.parse({ operational_status: 'starting', operational_message: 'Provisioning session', operational_progress: 30 });
    expect(starting.kasm).toBeUndefined();
    expect(kasmStatusAnswer.parse({ kasm_url: '/#/connect/kasm/a/b/c', kasm: { kasm_id: 'a', operational_status: 'running', port_map: {} } }).kasm?.operational_status).toBe('running');
  });
});
