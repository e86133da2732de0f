// Fails when any two source files import each other, directly or round a loop (type-only imports included), so
// the folder structure keeps one-way dependencies. Run by `npm run lint` after eslint.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import madge from 'madge';

const root = fileURLToPath(new URL('..', import.meta.url));
const PATHS = ['app', 'lib', 'jobs', 'cli', 'components', 'emails', 'db', 'sandbox', 'tests', 'e2e', 'bench', 'proxy.ts'];
// A checkout that lacks one of these folders must not break the check.
const present = PATHS.filter((p) => existsSync(new URL(`../${p}`, import.meta.url)));

const started = performance.now();
const result = await madge(present, { baseDir: root, fileExtensions: ['ts', 'tsx'], tsConfig: `${root}tsconfig.json` });
const cycles = result.circular();
const seconds = ((performance.now() - started) / 1000).toFixed(1);

if (cycles.length) {
  console.error(`Found ${cycles.length} import cycle${cycles.length === 1 ? '' : 's'}:`);
  cycles.forEach((cycle, i) => console.error(`${i + 1}) ${cycle.join(' > ')}`));
  console.error('Break each by moving what both files need into a file of its own that imports neither.');
  process.exit(1);
}
console.log(`No import cycles in ${Object.keys(result.obj()).length} files (${seconds}s).`);
