import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { sendJson } from './http';

// Fault injection for the panel stand-ins, so tests and people can watch the provisioning pipeline retry:
// fail the next N API calls with a status, leave the next N unanswered (the caller's timeout fires), or answer
// every call slowly. Set with POST /<vendor>/_control/faults, cleared with {"clear":true}.

export const faultsSchema = z.object({
  clear: z.boolean().optional(),
  failNext: z.number().int().min(0).max(1000).optional(),
  failStatus: z.number().int().min(400).max(599).optional(),
  hangNext: z.number().int().min(0).max(1000).optional(),
  delayMs: z.number().int().min(0).max(120_000).optional(),
});

export interface Faults {
  set(input: z.infer<typeof faultsSchema>): void;
  /** Call first in an API handler: true when a fault answered (or swallowed) the request. */
  apply(res: ServerResponse): Promise<boolean>;
  state(): { failNext: number; failStatus: number; hangNext: number; delayMs: number };
}

export function createFaults(errorBody: (status: number) => unknown = (status) => ({ error: 'injected fault', status })): Faults {
  let failNext = 0;
  let failStatus = 500;
  let hangNext = 0;
  let delayMs = 0;
  return {
    set(input) {
      if (input.clear) [failNext, failStatus, hangNext, delayMs] = [0, 500, 0, 0];
      if (input.failNext !== undefined) failNext = input.failNext;
      if (input.failStatus !== undefined) failStatus = input.failStatus;
      if (input.hangNext !== undefined) hangNext = input.hangNext;
      if (input.delayMs !== undefined) delayMs = input.delayMs;
    },
    async apply(res) {
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      if (hangNext > 0) {
        hangNext -= 1;
        // Never answer; the socket closes when the caller gives up or the sandbox stops.
        res.on('close', () => undefined);
        return true;
      }
      if (failNext > 0) {
        failNext -= 1;
        sendJson(res, failStatus, errorBody(failStatus));
        return true;
      }
      return false;
    },
    state: () => ({ failNext, failStatus, hangNext, delayMs }),
  };
}
