import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const HEADER = '# This install\'s settings (see .env.example for every variable). `npm run dev` added the sandbox lines.\n';

/**
 * `npm run dev` makes an install a sandbox with a key of its own: where neither the environment nor the file sets
 * them, it writes APP_MODE=sandbox and a random APP_KEY into .env (filling an empty or commented-out line, else
 * appending) and into `current`, so every process started later reads the same mode and key. Returns what it wrote.
 */
export function ensureDevEnvFile(file: string, current: NodeJS.ProcessEnv = process.env): string[] {
  const wanted: [string, () => string][] = [
    ['APP_MODE', () => 'sandbox'],
    ['APP_KEY', () => randomBytes(32).toString('base64')],
  ];
  let text = existsSync(file) ? readFileSync(file, 'utf8') : HEADER;
  const written: string[] = [];
  for (const [name, value] of wanted) {
    if (current[name]) continue;
    // A value the environment blanked stays in the file untouched: never overwrite someone's key.
    if (new RegExp(`^[ \\t]*${name}[ \\t]*=[ \\t]*\\S`, 'm').test(text)) continue;
    const v = value();
    const line = `${name}=${v}`;
    const blank = new RegExp(`^[ \\t]*#?[ \\t]*${name}[ \\t]*=[ \\t]*$|^[ \\t]*#[ \\t]*${name}[ \\t]*=.*$`, 'm');
    text = blank.test(text) ? text.replace(blank, line) : `${text}${text.endsWith('\n') || !text ? '' : '\n'}${line}\n`;
    current[name] = v;
    written.push(name);
  }
  if (written.length) writeFileSync(file, text, { mode: 0o600 });
  return written;
}
