import { cnameTarget, domainHostnames, verifyRecordName } from './dns-records';
import type { DomainResolver } from './dns-resolver';

export interface DomainDnsResult {
  ok: boolean;
  /** One sentence per record that is missing or wrong, for the admin page, the CLI and the email. */
  problems: string[];
}

// c-ares's answers for "this name or this record does not exist"; anything else (a timeout, SERVFAIL) is an outage.
const ABSENT = new Set(['ENODATA', 'ENOTFOUND', 'NXDOMAIN']);

const codeOf = (err: unknown) => (typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : 'ERROR');
const normalize = (name: string) => name.toLowerCase().replace(/\.$/, '');
const shown = (value: string) => (value.length > 80 ? `${value.slice(0, 77)}…` : value);

/** A lookup's answers, [] when the record does not exist; other failures become a problem sentence. */
async function lookup<T>(what: string, run: () => Promise<T[]>): Promise<{ values: T[] } | { problem: string }> {
  try {
    return { values: await run() };
  } catch (err) {
    const code = codeOf(err);
    if (ABSENT.has(code)) return { values: [] };
    return { problem: `The DNS lookup of ${what} failed (${code}); it is tried again later.` };
  }
}

async function checkToken(resolver: DomainResolver, domain: string, token: string): Promise<string | null> {
  const name = verifyRecordName(domain);
  const res = await lookup(`TXT ${name}`, () => resolver.resolveTxt(name));
  if ('problem' in res) return res.problem;
  // A long TXT value arrives split into 255-byte strings; each record is their concatenation.
  const values = res.values.map((chunks) => chunks.join('').trim());
  if (values.includes(token)) return null;
  if (!values.length) return `No TXT record ${name} was found.`;
  return `The TXT record ${name} holds "${shown(values[0]!)}", not the token shown for this domain.`;
}

async function checkPointsHere(resolver: DomainResolver, host: string, target: string): Promise<string | null> {
  const cname = await lookup(`CNAME ${host}`, () => resolver.resolveCname(host));
  if ('problem' in cname) return cname.problem;
  const targets = cname.values.map(normalize);
  if (targets.includes(target)) return null;
  if (targets.length) return `${host} is a CNAME of ${targets[0]}, not of ${target}.`;
  // No CNAME: a provider that flattens one at the zone apex (ALIAS, ANAME) answers with the target's own addresses.
  const [own, theirs] = await Promise.all([lookup(`A ${host}`, () => resolver.resolve4(host)), lookup(`A ${target}`, () => resolver.resolve4(target))]);
  if ('values' in own && 'values' in theirs && own.values.length && own.values.some((a) => theirs.values.includes(a))) return null;
  return `No CNAME record ${host} → ${target} was found.`;
}

/** Looks up the TXT token and the CNAME of every host of the domain, all at once. */
export async function checkDomainDns(resolver: DomainResolver, domain: string, token: string): Promise<DomainDnsResult> {
  const target = cnameTarget();
  const results = await Promise.all([checkToken(resolver, domain, token), ...domainHostnames(domain).map((h) => checkPointsHere(resolver, h.hostname, target))]);
  const problems = results.filter((p): p is string => p !== null);
  return { ok: problems.length === 0, problems };
}
