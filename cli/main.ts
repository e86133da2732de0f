import { ZodError } from 'zod';
import { env } from '@/lib/config/env';
import { productionEnvRefusal } from '@/lib/config/production-env-refusal';
import { AppError } from '@/lib/errors/app-error';
import type { CliCommand, CliIo } from './command';
import { commands } from './registry';
import { shutdownConnections } from './shutdown';

function help(io: CliIo): void {
  io.out('Usage: bin/ezscale <command> [options]');
  io.out('');
  io.out('Commands:');
  const width = Math.max(...commands.map((c) => c.name.length));
  for (const c of commands) {
    io.out(`  ${c.name.padEnd(width)}  ${c.summary}${c.json ? ' (--json)' : ''}`);
    if (c.usage) io.out(`  ${''.padEnd(width)}    ${c.name} ${c.usage}`);
  }
}

const camel = (k: string) => k.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** `--key value`, `--key=value`, bare `--flag` (true) and positionals; keys become camelCase (--amount-minor → amountMinor). */
export function parseFlags(argv: string[]): Record<string, unknown> {
  const flags: Record<string, unknown> = { _: [] as string[] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      (flags._ as string[]).push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    if (eq > 2) {
      flags[camel(arg.slice(2, eq))] = arg.slice(eq + 1);
      continue;
    }
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      flags[camel(arg.slice(2))] = next;
      i++;
    } else {
      flags[camel(arg.slice(2))] = true;
    }
  }
  return flags;
}

function describeError(err: unknown): string {
  if (err instanceof ZodError) {
    const issue = err.issues[0];
    const field = issue?.path.length ? `--${issue.path.map(String).join('.').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ` : '';
    return `${field}${issue?.message ?? 'invalid input'}`;
  }
  if (err instanceof AppError) return err.message;
  if (err instanceof Error) {
    const code = (err as { code?: string }).code;
    if (code === 'ECONNREFUSED') return `cannot connect: ${err.message}`;
    return err.message;
  }
  return String(err);
}

export async function main(argv: string[], io: CliIo = { out: (l) => console.log(l), err: (l) => console.error(l) }): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    help(io);
    return name ? 0 : 2;
  }
  const cmd = commands.find((c) => c.name === name) as CliCommand | undefined;
  if (!cmd) {
    io.err(`error: unknown command "${name}"; run bin/ezscale --help`);
    return 2;
  }
  try {
    const flags = parseFlags(rest);
    if (flags.help) {
      io.out(`Usage: bin/ezscale ${cmd.name} ${cmd.usage ?? ''}`.trimEnd());
      io.out(cmd.summary);
      return 0;
    }
    const json = flags.json === true;
    delete flags.json;
    const parsed = cmd.schema.safeParse(flags);
    if (!parsed.success) {
      io.err(`error: ${describeError(parsed.error)}`);
      return 2;
    }
    const e = env();
    if (cmd.refusedInProduction && e.APP_MODE === 'production') {
      io.err(`error: ${cmd.refusedInProduction}`);
      return 2;
    }
    const refusal = productionEnvRefusal(e);
    if (refusal) {
      io.err(`error: ${refusal}`);
      return 1;
    }
    const result = await cmd.run(parsed.data, { ...io, json });
    if (json && result !== undefined) io.out(JSON.stringify(result, null, 2));
    return 0;
  } catch (err) {
    io.err(`error: ${describeError(err)}`);
    return 1;
  } finally {
    await shutdownConnections();
  }
}
