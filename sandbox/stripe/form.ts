// Stripe's request bodies (and GET query strings) are flat form pairs with bracket paths:
// `line_items[0][price_data][currency]=eur`, `metadata[invoice]=inv_1`, `expand[]=x` or `expand[0]=x`.
// This turns them back into nested objects so zod can validate them like JSON. Values stay strings.

export type FormValue = string | FormValue[] | { [key: string]: FormValue };
type FormObject = { [key: string]: FormValue };

// Keys that would reach Object.prototype if we ever assigned them.
const UNSAFE = new Set(['__proto__', 'prototype', 'constructor']);

function splitPath(key: string): string[] | null {
  const first = /^([^[\]]+)/.exec(key);
  if (!first?.[1]) return null;
  const parts = [first[1]];
  const rest = key.slice(first[1].length);
  const re = /\[([^[\]]*)\]/g;
  let consumed = 0;
  for (let m = re.exec(rest); m; m = re.exec(rest)) {
    if (m.index !== consumed) return null;
    parts.push(m[1] ?? '');
    consumed = m.index + m[0].length;
  }
  return consumed === rest.length ? parts : null;
}

// Objects whose keys are all indices (as `[]` and `[0]` produce) become arrays, in index order.
function arrayify(value: FormValue): FormValue {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const converted: FormObject = {};
  for (const k of keys) converted[k] = arrayify(value[k] as FormValue);
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
    return keys.sort((a, b) => Number(a) - Number(b)).map((k) => converted[k] as FormValue);
  }
  return converted;
}

/** Parses `a[b][0][c]=v&...` into nested objects/arrays; malformed keys are ignored. */
export function parseStripeForm(body: string): FormObject {
  const root: FormObject = {};
  const params = new URLSearchParams(body);
  const appendCounters = new Map<string, number>();
  for (const [rawKey, value] of params) {
    const parts = splitPath(rawKey);
    if (!parts || parts.some((p) => UNSAFE.has(p))) continue;
    let node: FormObject = root;
    for (let i = 0; i < parts.length; i++) {
      let part = parts[i] as string;
      if (part === '') {
        // `x[]` appends: give it the next free index under this parent.
        const counterKey = parts.slice(0, i).join('\u0000');
        const next = appendCounters.get(counterKey) ?? 0;
        appendCounters.set(counterKey, next + 1);
        part = String(next);
      }
      if (i === parts.length - 1) {
        node[part] = value;
      } else {
        const child = node[part];
        if (child === undefined || typeof child === 'string' || Array.isArray(child)) node[part] = {};
        node = node[part] as FormObject;
      }
    }
  }
  return arrayify(root) as FormObject;
}
