import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { isSandboxCredential, SANDBOX_CREDENTIAL_PREFIX } from '@/sandbox/shared/credentials';
import { readBody, sendJson } from '@/sandbox/shared/http';
import { newPanel, type PanelState } from './sim-state';

// What every Pterodactyl API answer shares: the `{errors:[{code,status,detail,source?}]}` error envelope,
// Bearer-key authentication and JSON bodies.

export interface PteroError {
  code: string;
  status: string;
  detail: string;
  source?: { field: string };
}

export function sendErrors(res: ServerResponse, status: number, errors: PteroError[]): void {
  sendJson(res, status, { errors });
}

export function sendError(res: ServerResponse, status: number, code: string, detail: string): void {
  sendErrors(res, status, [{ code, status: String(status), detail }]);
}

export function notFoundError(res: ServerResponse): void {
  sendError(res, 404, 'NotFoundHttpException', 'The requested resource could not be found on the server.');
}

export function validationError(res: ServerResponse, fields: { field: string; detail: string }[]): void {
  sendErrors(
    res,
    422,
    fields.map((f) => ({ code: 'ValidationException', status: '422', detail: f.detail, source: { field: f.field } })),
  );
}

/** Turns zod issues into Laravel-style validation messages ("The limits.memory field is required."). */
export function zodToValidation(res: ServerResponse, error: z.ZodError): void {
  validationError(
    res,
    error.issues.map((issue) => {
      const field = issue.path.map(String).join('.') || 'body';
      const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
      return { field, detail: missing ? `The ${field} field is required.` : `The ${field} field is invalid: ${issue.message}.` };
    }),
  );
}

export type BodyResult = { ok: true; json: unknown } | { ok: false };

export async function readJson(req: IncomingMessage, res: ServerResponse): Promise<BodyResult> {
  try {
    const raw = await readBody(req, 100_000);
    return { ok: true, json: raw ? (JSON.parse(raw) as unknown) : {} };
  } catch {
    sendError(res, 400, 'BadRequestHttpException', 'The request body could not be parsed as JSON.');
    return { ok: false };
  }
}

const KEY = /^Bearer (ptl[ac])_(\S+)$/;

export class Panels {
  private readonly panels = new Map<string, PanelState>();

  get(namespace: string): PanelState {
    let panel = this.panels.get(namespace);
    if (!panel) {
      panel = newPanel(namespace);
      this.panels.set(namespace, panel);
    }
    return panel;
  }

  all(): PanelState[] {
    return [...this.panels.values()];
  }

  clear(): void {
    this.panels.clear();
  }

  /**
   * The panel a request's key opens, or null after answering 401. Application routes take ptla_ keys, client
   * routes ptlc_ keys; only sandbox keys (ptla_sandbox_<name>) are valid, each naming its own panel. The 401 body
   * is the panel's own: {"errors":[{"code":"AuthenticationException","status":"401","detail":"Unauthenticated."}]}.
   */
  authenticate(req: IncomingMessage, res: ServerResponse, kind: 'ptla' | 'ptlc'): PanelState | null {
    const match = KEY.exec(req.headers.authorization ?? '');
    if (!match || match[1] !== kind || !isSandboxCredential(SANDBOX_CREDENTIAL_PREFIX.pterodactyl, match[2])) {
      sendError(res, 401, 'AuthenticationException', 'Unauthenticated.');
      return null;
    }
    return this.get(match[2]);
  }
}
