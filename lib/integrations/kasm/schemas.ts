import { z } from 'zod';

// What Kasm Workspaces' developer API (/api/public/<call>) answers, as far as we read it. Fields are Kasm's own
// snake_case names; the many more a real answer carries (port maps, client settings, agent details) are dropped.
// Kasm formats its UUIDs without dashes in most answers and with them in a few, so ids are compared with sameKasmId.

const id = z.string().trim().min(1).max(64);
const text = z.string().nullish();
const num = z.number().nullish();

export const kasmCredentialsSchema = z.object({
  apiKey: z.string().trim().min(1, 'Enter the API key (Kasm: Settings → Developers → Add API Key)'),
  apiKeySecret: z.string().trim().min(1, 'Enter the API key secret shown next to the key'),
});

export const kasmUserSchema = z.object({
  user_id: id,
  username: z.string(),
  first_name: text,
  last_name: text,
  organization: text,
  disabled: z.boolean().nullish(),
  locked: z.boolean().nullish(),
  realm: text,
  created: text,
  groups: z.array(z.object({ group_id: id, name: z.string() })).nullish(),
});
export type KasmUser = z.infer<typeof kasmUserSchema>;

export const kasmImageSchema = z.object({
  image_id: id,
  friendly_name: text,
  /** The Docker image, e.g. kasmweb/chrome:1.16.0. */
  name: text,
  description: text,
  cores: num,
  /** Bytes. */
  memory: num,
  enabled: z.boolean().nullish(),
  available: z.boolean().nullish(),
  image_src: text,
});
export type KasmImage = z.infer<typeof kasmImageSchema>;

/** A session ("a kasm"), as get_kasms, get_user_kasms and get_kasm_status describe it. */
export const kasmSessionSchema = z.object({
  kasm_id: id,
  user_id: id.nullish(),
  username: text,
  image_id: id.nullish(),
  /** starting, running, stopped, paused, deleting… */
  operational_status: text,
  start_date: text,
  keepalive_date: text,
  expiration_date: text,
  created_date: text,
  hostname: text,
  cores: num,
  memory: num,
  image: z.object({ image_id: id.nullish(), friendly_name: text, name: text }).nullish(),
});
export type KasmSession = z.infer<typeof kasmSessionSchema>;

/** A path on the Kasm server, never a URL of its own: a host in it would send the customer elsewhere. */
const kasmPath = z.string().regex(/^\/(?!\/)[^\s\\]*$/, 'is not a path on the Kasm server');

export const userAnswer = z.object({ user: kasmUserSchema });
/** get_user's answer for a user that does not exist, in the versions that answer without an error_message. */
export const maybeUserAnswer = z.object({ user: kasmUserSchema.nullish() });
export const imagesAnswer = z.object({ images: z.array(kasmImageSchema) });
export const kasmsAnswer = z.object({ kasms: z.array(kasmSessionSchema).nullish(), current_time: text });
export const requestKasmAnswer = z.object({
  kasm_id: id,
  status: text,
  user_id: id.nullish(),
  username: text,
  share_id: text,
  session_token: text,
  /** /#/connect/kasm/<kasm_id>/<user_id>/<session_token>: append to the server's address, and only for this user. */
  kasm_url: kasmPath,
});
export const kasmStatusAnswer = z.object({
  current_time: text,
  kasm_url: kasmPath.nullish(),
  // While a session starts, these come at the top level and `kasm` may be missing.
  operational_status: text,
  operational_message: text,
  operational_progress: num,
  kasm: kasmSessionSchema.nullish(),
});
export const keepaliveAnswer = z.object({ usage_reached: z.boolean().nullish() });
/** destroy_kasm, delete_user, logout_user: an empty object on success. */
export const anyAnswer = z.unknown();

export function sameKasmId(a: string | null | undefined, b: string | null | undefined): boolean {
  const norm = (v: string | null | undefined) => (v ?? '').replace(/-/g, '').toLowerCase();
  return !!a && !!b && norm(a) === norm(b);
}

/** Kasm's dates ("2026-05-01 09:30:00.123456") are UTC without a zone; null when absent or unreadable. */
export function kasmDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const iso = /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.trim().replace(' ', 'T')}Z`;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}
