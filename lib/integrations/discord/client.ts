import { z } from 'zod';

// Discord's documented webhook API: https://discord.com/developers/docs/resources/webhook#execute-webhook

export interface DiscordEmbed {
  title?: string;
  description?: string;
  url?: string;
  color?: number;
  timestamp?: string;
  fields?: { name: string; value: string; inline?: boolean }[];
  footer?: { text: string };
}

export interface DiscordWebhookMessage {
  content?: string;
  embeds?: DiscordEmbed[];
  username?: string;
}

export interface PostWebhookOptions {
  /** Longest wait a 429's retry_after may ask for before we give up instead of waiting. */
  maxRetryAfterMs?: number;
  timeoutMs?: number;
}

const rateLimitBody = z.object({ retry_after: z.number().nonnegative(), global: z.boolean().optional() });
const errorBody = z.object({ message: z.string(), code: z.number() });

export class DiscordWebhookError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: number,
  ) {
    super(message);
    this.name = 'DiscordWebhookError';
  }
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Webhook URLs carry their token: never let one reach a log or an error message. */
export function redactWebhookUrl(url: string): string {
  return url.replace(/(\/webhooks\/[^/]+\/)[^/?#]+/, '$1***');
}

async function postOnce(url: string, message: DiscordWebhookMessage, timeoutMs: number): Promise<Response> {
  try {
    return await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
    const reason = err instanceof Error ? err.message : String(err);
    throw new DiscordWebhookError(`Discord webhook ${redactWebhookUrl(url)} unreachable (${reason}${cause})`, 0);
  }
}

/**
 * Posts a message to a webhook URL. Success is 204 (no ?wait). A 429 is honoured once by waiting its
 * retry_after (seconds); a second 429 or any other non-2xx throws a DiscordWebhookError with Discord's message and code.
 */
export async function postDiscordWebhook(url: string, message: DiscordWebhookMessage, opts: PostWebhookOptions = {}): Promise<void> {
  const maxRetryAfterMs = opts.maxRetryAfterMs ?? 30_000;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  for (let attempt = 1; ; attempt++) {
    const res = await postOnce(url, message, timeoutMs);
    if (res.ok) {
      await res.body?.cancel();
      return;
    }
    const body = await readJson(res);
    if (res.status === 429) {
      const limit = rateLimitBody.safeParse(body);
      const waitMs = limit.success ? Math.ceil(limit.data.retry_after * 1000) : Number(res.headers.get('retry-after') ?? NaN) * 1000;
      if (attempt === 1 && Number.isFinite(waitMs) && waitMs <= maxRetryAfterMs) {
        await new Promise((resolve) => setTimeout(resolve, waitMs));
        continue;
      }
      const scope = limit.success && limit.data.global ? 'global ' : '';
      throw new DiscordWebhookError(`Discord ${scope}rate limit: retry after ${Number.isFinite(waitMs) ? `${waitMs} ms` : 'an unknown time'}`, 429);
    }
    const parsed = errorBody.safeParse(body);
    if (parsed.success) throw new DiscordWebhookError(`Discord webhook failed (${res.status}): ${parsed.data.message} (code ${parsed.data.code})`, res.status, parsed.data.code);
    throw new DiscordWebhookError(`Discord webhook failed with HTTP ${res.status}`, res.status);
  }
}
