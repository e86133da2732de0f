/**
 * A small, strict XML tokenizer for uploaded SVG files: start and end tags with their attributes, text (entities
 * decoded), CDATA, comments, processing instructions and DOCTYPE. It checks what XML requires of each token (quoted
 * attribute values, no duplicate attributes, no `<` in values, only the five predefined entities or character
 * references) but not nesting, which the caller checks. It never expands a DOCTYPE's entities: it only reports one.
 */

export interface XmlAttribute {
  name: string;
  /** Entities and character references decoded. */
  value: string;
}

export type XmlToken =
  | { type: 'open'; name: string; attrs: XmlAttribute[]; selfClosing: boolean }
  | { type: 'close'; name: string }
  | { type: 'text'; text: string }
  | { type: 'cdata'; text: string }
  | { type: 'comment' }
  | { type: 'pi'; target: string }
  | { type: 'doctype' };

export class XmlSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

// ASCII names only: an SVG logo has no reason for others, and it keeps the allow-lists exact.
const NAME = /^[A-Za-z_][A-Za-z0-9_.:-]*/;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** Decodes `&amp;`-style references; anything else after `&` (a DOCTYPE's own entities included) is an error. */
export function decodeEntities(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&]{0,12});?/g, (match, body: string) => {
    if (!match.endsWith(';')) throw new XmlSyntaxError(`a bare "&" must be written &amp; (near "${match.slice(0, 12)}")`);
    const named = PREDEFINED[body];
    if (named !== undefined) return named;
    const num = /^#(?:x([0-9A-Fa-f]{1,6})|([0-9]{1,7}))$/.exec(body);
    if (!num) throw new XmlSyntaxError(`unknown entity &${body};`);
    const cp = num[1] !== undefined ? parseInt(num[1], 16) : parseInt(num[2]!, 10);
    if (!isXmlChar(cp)) throw new XmlSyntaxError(`character reference &${body}; is not an XML character`);
    return String.fromCodePoint(cp);
  });
}

function checkChars(text: string, at: number): void {
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (!isXmlChar(cp)) throw new XmlSyntaxError(`control character U+${cp.toString(16).padStart(4, '0')} near offset ${at}`);
  }
}

export function tokenizeXml(input: string): XmlToken[] {
  return [...xmlTokens(input)];
}

/** Tokens one at a time, so a caller can stop at the first it refuses (a DOCTYPE) before reading what follows. */
export function* xmlTokens(input: string): Generator<XmlToken> {
  const src = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  checkChars(src, 0);
  let i = 0;
  const expectEnd = (marker: string, from: number, what: string): number => {
    const end = src.indexOf(marker, from);
    if (end < 0) throw new XmlSyntaxError(`unterminated ${what} at offset ${i}`);
    return end;
  };

  while (i < src.length) {
    const lt = src.indexOf('<', i);
    if (lt !== i) {
      const end = lt < 0 ? src.length : lt;
      const raw = src.slice(i, end);
      if (raw.includes(']]>')) throw new XmlSyntaxError(`"]]>" in text at offset ${i}`);
      yield { type: 'text', text: decodeEntities(raw) };
      i = end;
      continue;
    }
    if (src.startsWith('<!--', i)) {
      i = expectEnd('-->', i + 4, 'comment') + 3;
      yield { type: 'comment' };
    } else if (src.startsWith('<![CDATA[', i)) {
      const end = expectEnd(']]>', i + 9, 'CDATA section');
      yield { type: 'cdata', text: src.slice(i + 9, end) };
      i = end + 3;
    } else if (src.startsWith('<!DOCTYPE', i)) {
      // Skipped over, internal subset included, so the caller can refuse it by name.
      let j = i + 9;
      let depth = 0;
      for (; j < src.length; j++) {
        const c = src[j];
        if (c === '[') depth++;
        else if (c === ']') depth--;
        else if (c === '>' && depth <= 0) break;
      }
      if (j >= src.length) throw new XmlSyntaxError(`unterminated DOCTYPE at offset ${i}`);
      yield { type: 'doctype' };
      i = j + 1;
    } else if (src.startsWith('<?', i)) {
      const end = expectEnd('?>', i + 2, 'processing instruction');
      const target = NAME.exec(src.slice(i + 2, end))?.[0];
      if (!target) throw new XmlSyntaxError(`processing instruction without a target at offset ${i}`);
      yield { type: 'pi', target };
      i = end + 2;
    } else if (src.startsWith('</', i)) {
      const name = NAME.exec(src.slice(i + 2, i + 202))?.[0];
      if (!name) throw new XmlSyntaxError(`bad end tag at offset ${i}`);
      let j = i + 2 + name.length;
      while (j < src.length && /\s/.test(src[j]!)) j++;
      if (src[j] !== '>') throw new XmlSyntaxError(`bad end tag </${name}> at offset ${i}`);
      yield { type: 'close', name };
      i = j + 1;
    } else if (src[i + 1] === '!') {
      throw new XmlSyntaxError(`unexpected markup declaration at offset ${i}`);
    } else {
      const res = readStartTag(src, i);
      yield res.token;
      i = res.next;
    }
  }
}

function readStartTag(src: string, start: number): { token: XmlToken; next: number } {
  const name = NAME.exec(src.slice(start + 1, start + 200))?.[0];
  if (!name) throw new XmlSyntaxError(`"<" that starts no tag at offset ${start} (write &lt;)`);
  let j = start + 1 + name.length;
  const attrs: XmlAttribute[] = [];
  const seen = new Set<string>();
  for (;;) {
    const wsStart = j;
    while (j < src.length && /\s/.test(src[j]!)) j++;
    if (j >= src.length) throw new XmlSyntaxError(`unterminated <${name}> tag`);
    if (src[j] === '>') return { token: { type: 'open', name, attrs, selfClosing: false }, next: j + 1 };
    if (src.startsWith('/>', j)) return { token: { type: 'open', name, attrs, selfClosing: true }, next: j + 2 };
    if (j === wsStart) throw new XmlSyntaxError(`attributes of <${name}> must be separated by spaces`);
    const attrName = NAME.exec(src.slice(j, j + 200))?.[0];
    if (!attrName) throw new XmlSyntaxError(`bad attribute in <${name}> at offset ${j}`);
    j += attrName.length;
    while (j < src.length && /\s/.test(src[j]!)) j++;
    if (src[j] !== '=') throw new XmlSyntaxError(`attribute ${attrName} of <${name}> has no value`);
    j++;
    while (j < src.length && /\s/.test(src[j]!)) j++;
    const quote = src[j];
    if (quote !== '"' && quote !== "'") throw new XmlSyntaxError(`attribute ${attrName} of <${name}> must be quoted`);
    const end = src.indexOf(quote, j + 1);
    if (end < 0) throw new XmlSyntaxError(`unterminated value of ${attrName} in <${name}>`);
    const raw = src.slice(j + 1, end);
    if (raw.includes('<')) throw new XmlSyntaxError(`"<" in the value of ${attrName} in <${name}>`);
    if (seen.has(attrName)) throw new XmlSyntaxError(`duplicate attribute ${attrName} in <${name}>`);
    seen.add(attrName);
    // XML normalises whitespace characters in attribute values to spaces.
    attrs.push({ name: attrName, value: decodeEntities(raw.replace(/[\t\n\r]/g, ' ')) });
    j = end + 1;
  }
}
