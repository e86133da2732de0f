import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT_DIR = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Reads .env.local and .env of the project directory (whatever the working directory) into process.env, as Next
 * does for the web process, so the worker, the CLI and the sandbox see the settings the web app sees (APP_MODE,
 * APP_KEY). A variable already in the environment, even an empty one, wins over both files; .env.local over .env.
 */
export function loadDotEnv(dir: string = PROJECT_DIR): void {
  for (const name of ['.env.local', '.env']) {
    const file = join(dir, name);
    if (existsSync(file)) process.loadEnvFile(file);
  }
}
