import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDotEnv } from './load-dot-env';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe('loadDotEnv', () => {
  it('fills what the environment leaves unset, .env.local before .env, and keeps even an empty variable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ezs-env-'));
    writeFileSync(join(dir, '.env'), 'EZS_T_A=from-env\nEZS_T_B=from-env\nEZS_T_C=from-env\nEZS_T_D=from-env\n');
    writeFileSync(join(dir, '.env.local'), 'EZS_T_B=from-local\n');
    process.env.EZS_T_C = 'from-process';
    process.env.EZS_T_D = '';
    loadDotEnv(dir);
    expect([process.env.EZS_T_A, process.env.EZS_T_B, process.env.EZS_T_C, process.env.EZS_T_D]).toEqual(['from-env', 'from-local', 'from-process', '']);
  });

  it('does nothing without the files', () => {
    expect(() => loadDotEnv(mkdtempSync(join(tmpdir(), 'ezs-env-')))).not.toThrow();
  });
});
