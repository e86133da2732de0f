// The little of RFC 1035 the sandbox's DNS server needs: decoding a query (names with compression pointers, the
// question, any records after it) and encoding an answer with A, CNAME and TXT records. Names are written out in
// full (no compression); answers stay far below the 512 bytes of plain UDP.

export const RR_TYPES = { A: 1, CNAME: 5, SOA: 6, TXT: 16, AAAA: 28, OPT: 41, ANY: 255 } as const;
export const RCODES = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;
const CLASS_IN = 1;

export type RecordType = 'A' | 'CNAME' | 'TXT';
export const RECORD_TYPES: readonly RecordType[] = ['A', 'CNAME', 'TXT'];

export interface DnsQuestion {
  name: string;
  type: number;
  class: number;
}

export interface DnsAnswer {
  name: string;
  type: RecordType;
  ttl: number;
  /** An IPv4 address, a target name, or the text of a TXT record (split into 255-byte strings on the wire). */
  value: string;
}

export interface DnsMessage {
  id: number;
  /** Query (false) or response (true). */
  response: boolean;
  opcode: number;
  authoritative: boolean;
  recursionDesired: boolean;
  rcode: number;
  questions: DnsQuestion[];
  answers: DnsAnswer[];
}

export class DnsFormatError extends Error {}

const MAX_POINTER_JUMPS = 16;

function readName(buf: Buffer, start: number): { name: string; next: number } {
  const labels: string[] = [];
  let pos = start;
  let next = -1;
  for (let jumps = 0; ; ) {
    if (pos >= buf.length) throw new DnsFormatError('name runs past the end of the message');
    const len = buf[pos]!;
    if (len === 0) {
      if (next < 0) next = pos + 1;
      break;
    }
    if ((len & 0xc0) === 0xc0) {
      if (pos + 1 >= buf.length) throw new DnsFormatError('truncated compression pointer');
      if (++jumps > MAX_POINTER_JUMPS) throw new DnsFormatError('compression pointer loop');
      if (next < 0) next = pos + 2;
      pos = ((len & 0x3f) << 8) | buf[pos + 1]!;
      continue;
    }
    if (len > 63) throw new DnsFormatError('label longer than 63 bytes');
    if (pos + 1 + len > buf.length) throw new DnsFormatError('label runs past the end of the message');
    labels.push(buf.toString('latin1', pos + 1, pos + 1 + len));
    pos += 1 + len;
  }
  return { name: labels.join('.').toLowerCase(), next };
}

function encodeName(name: string): Buffer {
  const labels = name.replace(/\.$/, '').split('.').filter(Boolean);
  const parts: Buffer[] = [];
  for (const label of labels) {
    const bytes = Buffer.from(label, 'latin1');
    if (bytes.length > 63) throw new DnsFormatError(`label "${label}" is longer than 63 bytes`);
    parts.push(Buffer.from([bytes.length]), bytes);
  }
  parts.push(Buffer.from([0]));
  return Buffer.concat(parts);
}

function encodeRdata(answer: DnsAnswer): Buffer {
  switch (answer.type) {
    case 'A': {
      const octets = answer.value.split('.').map(Number);
      if (octets.length !== 4 || octets.some((o) => !Number.isInteger(o) || o < 0 || o > 255)) throw new DnsFormatError(`"${answer.value}" is not an IPv4 address`);
      return Buffer.from(octets);
    }
    case 'CNAME':
      return encodeName(answer.value);
    case 'TXT': {
      const text = Buffer.from(answer.value, 'utf8');
      const chunks: Buffer[] = [];
      for (let i = 0; i < text.length || i === 0; i += 255) {
        const chunk = text.subarray(i, i + 255);
        chunks.push(Buffer.from([chunk.length]), chunk);
      }
      return Buffer.concat(chunks);
    }
  }
}

function decodeRdata(buf: Buffer, type: number, start: number, length: number): { type: RecordType; value: string } | null {
  if (type === RR_TYPES.A && length === 4) return { type: 'A', value: [...buf.subarray(start, start + 4)].join('.') };
  if (type === RR_TYPES.CNAME) return { type: 'CNAME', value: readName(buf, start).name };
  if (type === RR_TYPES.TXT) {
    const parts: string[] = [];
    for (let pos = start; pos < start + length; ) {
      const len = buf[pos]!;
      parts.push(buf.toString('utf8', pos + 1, pos + 1 + len));
      pos += 1 + len;
    }
    return { type: 'TXT', value: parts.join('') };
  }
  return null;
}

const TYPE_CODES: Record<RecordType, number> = { A: RR_TYPES.A, CNAME: RR_TYPES.CNAME, TXT: RR_TYPES.TXT };

/** Decodes a message; records of types other than A, CNAME and TXT (an EDNS OPT record, say) are skipped. */
export function decodeMessage(buf: Buffer): DnsMessage {
  if (buf.length < 12) throw new DnsFormatError('message shorter than its header');
  const flags = buf.readUInt16BE(2);
  const counts = [buf.readUInt16BE(4), buf.readUInt16BE(6), buf.readUInt16BE(8), buf.readUInt16BE(10)] as const;
  let pos = 12;
  const questions: DnsQuestion[] = [];
  for (let i = 0; i < counts[0]; i++) {
    const { name, next } = readName(buf, pos);
    if (next + 4 > buf.length) throw new DnsFormatError('truncated question');
    questions.push({ name, type: buf.readUInt16BE(next), class: buf.readUInt16BE(next + 2) });
    pos = next + 4;
  }
  const answers: DnsAnswer[] = [];
  for (let i = 0; i < counts[1] + counts[2] + counts[3]; i++) {
    const { name, next } = readName(buf, pos);
    if (next + 10 > buf.length) throw new DnsFormatError('truncated record');
    const type = buf.readUInt16BE(next);
    const ttl = buf.readUInt32BE(next + 4);
    const length = buf.readUInt16BE(next + 8);
    if (next + 10 + length > buf.length) throw new DnsFormatError('record data runs past the end of the message');
    // Only the answer section is kept; authority and additional records (EDNS OPT) are read past.
    const data = i < counts[1] ? decodeRdata(buf, type, next + 10, length) : null;
    if (data) answers.push({ name, ttl, ...data });
    pos = next + 10 + length;
  }
  return {
    id: buf.readUInt16BE(0),
    response: (flags & 0x8000) !== 0,
    opcode: (flags >> 11) & 0xf,
    authoritative: (flags & 0x0400) !== 0,
    recursionDesired: (flags & 0x0100) !== 0,
    rcode: flags & 0xf,
    questions,
    answers,
  };
}

export function encodeMessage(msg: DnsMessage): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(msg.id & 0xffff, 0);
  const flags = (msg.response ? 0x8000 : 0) | ((msg.opcode & 0xf) << 11) | (msg.authoritative ? 0x0400 : 0) | (msg.recursionDesired ? 0x0100 : 0) | (msg.rcode & 0xf);
  header.writeUInt16BE(flags, 2);
  header.writeUInt16BE(msg.questions.length, 4);
  header.writeUInt16BE(msg.answers.length, 6);
  const parts: Buffer[] = [header];
  for (const q of msg.questions) {
    const tail = Buffer.alloc(4);
    tail.writeUInt16BE(q.type, 0);
    tail.writeUInt16BE(q.class, 2);
    parts.push(encodeName(q.name), tail);
  }
  for (const a of msg.answers) {
    const rdata = encodeRdata(a);
    const fixed = Buffer.alloc(10);
    fixed.writeUInt16BE(TYPE_CODES[a.type], 0);
    fixed.writeUInt16BE(CLASS_IN, 2);
    fixed.writeUInt32BE(a.ttl >>> 0, 4);
    fixed.writeUInt16BE(rdata.length, 8);
    parts.push(encodeName(a.name), fixed, rdata);
  }
  return Buffer.concat(parts);
}

export function typeName(code: number): RecordType | null {
  return (Object.entries(TYPE_CODES).find(([, c]) => c === code)?.[0] as RecordType | undefined) ?? null;
}
