import type { z } from 'zod';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export interface CliCommand<S extends z.ZodType = z.ZodType> {
  name: string;
  summary: string;
  /** Options as shown by --help, e.g. "--email E --password P". */
  usage?: string;
  /** Whether the command accepts --json. */
  json?: boolean;
  /** Set for sandbox-only commands: the one line printed when one is run in production mode (exit 2). */
  refusedInProduction?: string;
  /** Validates the parsed flags ({ _: positionals, ...flags }). */
  schema: S;
  run: (args: z.infer<S>, io: CliIo & { json: boolean }) => Promise<unknown>;
}

export function defineCommand<S extends z.ZodType>(cmd: CliCommand<S>): CliCommand<S> {
  return cmd;
}
