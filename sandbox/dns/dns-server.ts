import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { DnsFormatError, decodeMessage, encodeMessage, RCODES, RR_TYPES, typeName, type DnsAnswer, type DnsMessage, type RecordType } from './dns-message';

// An authoritative DNS server for every name, answering from records set over the sandbox's HTTP control endpoint
// (sandbox/dns/simulator.ts), so domain verification runs real lookups through node:dns against it. A name with no
// records is NXDOMAIN; a name with records but none of the asked type is an empty NOERROR answer (what c-ares reports
// as ENODATA); a CNAME is followed to its target's records, as a recursive resolver would hand them back.

export interface DnsRecord {
  type: RecordType;
  name: string;
  value: string;
  ttl: number;
}

const DEFAULT_TTL = 60;
const MAX_CNAME_HOPS = 8;

const normalizeName = (name: string) => name.trim().toLowerCase().replace(/\.$/, '');

export class DnsRecordStore {
  private records: DnsRecord[] = [];

  list(): readonly DnsRecord[] {
    return [...this.records].sort((a, b) => a.name.localeCompare(b.name) || a.type.localeCompare(b.type));
  }

  /** Replaces every record of each (name, type) given with the values given for it. */
  set(records: readonly { type: RecordType; name: string; value: string; ttl?: number }[]): void {
    const next = records.map((r) => ({ type: r.type, name: normalizeName(r.name), value: r.type === 'CNAME' ? normalizeName(r.value) : r.value, ttl: r.ttl ?? DEFAULT_TTL }));
    const replaced = new Set(next.map((r) => `${r.name}|${r.type}`));
    this.records = this.records.filter((r) => !replaced.has(`${r.name}|${r.type}`));
    // A name holds a CNAME or other records, never both (RFC 1034 §3.6.2): the newer one wins.
    for (const r of next) {
      this.records = this.records.filter((o) => o.name !== r.name || (r.type === 'CNAME' ? o.type === 'CNAME' : o.type !== 'CNAME'));
    }
    for (const r of next) if (!this.records.some((o) => o.name === r.name && o.type === r.type && o.value === r.value)) this.records.push(r);
  }

  /** Removes the records of a name (of one type, if given); no name removes everything. */
  remove(name?: string, type?: RecordType): number {
    const before = this.records.length;
    const n = name === undefined ? undefined : normalizeName(name);
    this.records = this.records.filter((r) => !((n === undefined || r.name === n) && (type === undefined || r.type === type)));
    return before - this.records.length;
  }

  /** The answers to a question and whether the name exists at all. */
  answer(name: string, qtype: number): { answers: DnsAnswer[]; exists: boolean } {
    const asked = normalizeName(name);
    const type = typeName(qtype);
    const answers: DnsAnswer[] = [];
    let current = asked;
    for (let hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
      const own = this.records.filter((r) => r.name === current);
      const direct = own.filter((r) => (qtype === RR_TYPES.ANY ? true : r.type === type));
      if (direct.length) {
        answers.push(...direct.map((r) => ({ name: r.name, type: r.type, ttl: r.ttl, value: r.value })));
        break;
      }
      const cname = own.find((r) => r.type === 'CNAME');
      if (!cname) break;
      answers.push({ name: cname.name, type: 'CNAME', ttl: cname.ttl, value: cname.value });
      current = cname.value;
    }
    return { answers, exists: answers.length > 0 || this.records.some((r) => r.name === asked) };
  }
}

export interface DnsServer {
  store: DnsRecordStore;
  /** Binds the UDP socket; 0 picks a free port. Resolves to the port. */
  listen: (port: number, host: string) => Promise<number>;
  close: () => Promise<void>;
}

function reply(store: DnsRecordStore, query: DnsMessage): DnsMessage {
  const base = { id: query.id, response: true, opcode: query.opcode, authoritative: true, recursionDesired: query.recursionDesired, questions: query.questions, answers: [] as DnsAnswer[] };
  if (query.opcode !== 0) return { ...base, rcode: RCODES.NOTIMP };
  const question = query.questions[0];
  if (query.questions.length !== 1 || !question) return { ...base, rcode: RCODES.FORMERR };
  if (question.class !== 1 && question.class !== 255) return { ...base, rcode: RCODES.REFUSED };
  const { answers, exists } = store.answer(question.name, question.type);
  return { ...base, answers, rcode: exists ? RCODES.NOERROR : RCODES.NXDOMAIN };
}

export function createDnsServer(store = new DnsRecordStore()): DnsServer {
  let socket: Socket | null = null;

  function onMessage(sock: Socket, msg: Buffer, from: RemoteInfo): void {
    let out: Buffer;
    try {
      const query = decodeMessage(msg);
      if (query.response) return;
      out = encodeMessage(reply(store, query));
    } catch (err) {
      // A message too broken to read its id gets no answer; a readable header gets FORMERR.
      if (!(err instanceof DnsFormatError) || msg.length < 12) return;
      out = encodeMessage({ id: msg.readUInt16BE(0), response: true, opcode: 0, authoritative: true, recursionDesired: false, rcode: RCODES.FORMERR, questions: [], answers: [] });
    }
    sock.send(out, from.port, from.address);
  }

  return {
    store,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        const sock = createSocket(host.includes(':') ? 'udp6' : 'udp4');
        sock.once('error', reject);
        sock.on('message', (msg, from) => onMessage(sock, msg, from));
        sock.bind(port, host, () => {
          sock.off('error', reject);
          // A send error (the asker went away) must not crash the sandbox.
          sock.on('error', () => undefined);
          socket = sock;
          resolve(sock.address().port);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        if (!socket) return resolve();
        socket.close(() => resolve());
        socket = null;
      }),
  };
}
