import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureDevEnvFile } from './ensure-dev-env-file';

const fileIn = () => join(mkdtempSync(join(tmpdir(), 'ezs-dev-env-')), '.env');
const vars = (v: Record<string, string | undefined> = {}) => v as NodeJS.ProcessEnv;
const keyOf = (text: string) => /^APP_KEY=(.+)$/m.exec(text)?.[1];

describe('ensureDevEnvFile', () => {
  it('creates .env with sandbox mode and a random 32-byte key, readable by its owner only', () => {
    const file = fileIn();
    const env: Record<string, string | undefined> = {};
    expect(ensureDevEnvFile(file, vars(env))).toEqual(['APP_MODE', 'APP_KEY']);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^APP_MODE=sandbox$/m);
    expect(Buffer.from(keyOf(text)!, 'base64')).toHaveLength(32);
    expect(env).toEqual({ APP_MODE: 'sandbox', APP_KEY: keyOf(text) });
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(ensureDevEnvFile(file, vars(env))).toEqual([]);
  });

  it('fills the empty and commented lines a copy of .env.example has, and leaves set values alone', () => {
    const file = fileIn();
    writeFileSync(file, 'APP_DOMAIN=localhost\n# APP_MODE=sandbox\nAPP_KEY=\nSMTP_URL=\n');
    ensureDevEnvFile(file, vars());
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n').slice(0, 3)).toEqual(['APP_DOMAIN=localhost', 'APP_MODE=sandbox', `APP_KEY=${keyOf(text)}`]);
    expect(text).toContain('SMTP_URL=\n');

    expect(ensureDevEnvFile(file, vars({ APP_MODE: 'sandbox', APP_KEY: keyOf(text) }))).toEqual([]);
    // Set in the file but blanked by the environment: the file's key is never replaced.
    expect(ensureDevEnvFile(file, vars())).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});
