import { isSafeCss, sanitizeStyleAttribute } from './sanitize-css';
import { ALLOWED_ATTRIBUTES, ALLOWED_ELEMENTS, EMBEDDED_RASTER, LOCAL_HREF, LOCAL_HREF_ELEMENTS, SVG_NS, TEXT_ELEMENTS, UNWRAPPED_ELEMENTS } from './svg-allow-list';
import { xmlTokens, XmlSyntaxError, type XmlAttribute, type XmlToken } from './xml-tokenizer';

export type SanitizedSvg = { ok: true; svg: string; removed: string[] } | { ok: false; error: string };

const MAX_DEPTH = 64;
const MAX_ELEMENTS = 20_000;

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');

/** Browsers ignore whitespace and control characters inside a URL scheme ("java\tscript:"), so checks do too. */
const squeezed = (v: string) => v.replace(/[\s\u0000-\u001f]+/g, '').toLowerCase();

/** The attribute as it may stay on this element (name possibly rewritten), or null when it goes. */
function keepAttribute(element: string, attr: XmlAttribute): XmlAttribute | null {
  const { name, value } = attr;
  if (name === 'href' || name === 'xlink:href') {
    // Written as plain href (SVG 2), so the output needs no xlink namespace.
    if (element === 'image') return EMBEDDED_RASTER.test(value.trim()) ? { name: 'href', value: value.replace(/\s+/g, '') } : null;
    return LOCAL_HREF_ELEMENTS.has(element) && LOCAL_HREF.test(value.trim()) ? { name: 'href', value: value.trim() } : null;
  }
  if (!ALLOWED_ATTRIBUTES.has(name)) return null;
  const flat = squeezed(value);
  if (/(?:javascript|vbscript|data):/.test(flat)) return null;
  if (name === 'style') {
    const style = sanitizeStyleAttribute(value);
    return style ? { name, value: style } : null;
  }
  if (flat.includes('url(') || flat.includes('\\')) return isSafeCss(value) && !value.includes('\\') ? attr : null;
  return attr;
}

interface Frame {
  name: string;
  /** Written to the output (false: unwrapped, or inside something dropped). */
  emitted: boolean;
  /** Inside a dropped subtree: nothing below is written. */
  dropped: boolean;
}

/** The innermost element that is written out: text inside an unwrapped <a> belongs to the <text> around it. */
function nearestWritten(stack: readonly Frame[]): string | undefined {
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i]!.emitted) return stack[i]!.name;
  return undefined;
}

/**
 * Parses an uploaded SVG and writes it back with only allow-listed elements and attributes: scripts, event
 * handlers, foreignObject, animation, external references (href other than #id, or a PNG/JPEG data: URL on
 * <image>), url() pointing outside the document and unsafe CSS are removed, comments and processing instructions
 * dropped. Refused outright: a file that is not well-formed XML, has a DOCTYPE (entity expansion) or whose root is
 * not <svg>. `removed` names what was taken out, for the person who uploaded it.
 */
export function sanitizeSvg(input: string): SanitizedSvg {
  try {
    return sanitizeTokens(xmlTokens(input));
  } catch (err) {
    if (err instanceof XmlSyntaxError) return { ok: false, error: `is not well-formed SVG (${err.message})` };
    throw err;
  }
}

function sanitizeTokens(tokens: Iterable<XmlToken>): SanitizedSvg {
  const removed = new Set<string>();
  const out: string[] = [];
  const stack: Frame[] = [];
  let rootSeen = false;
  let rootClosed = false;
  let elements = 0;
  // An open <style>: its attributes and the CSS gathered so far, written (or dropped) once it closes.
  let styleBuffer: string[] | null = null;
  let styleAttrs = '';

  const inDropped = () => stack.length > 0 && stack[stack.length - 1]!.dropped;

  for (const tok of tokens) {
    switch (tok.type) {
      case 'doctype':
        return { ok: false, error: 'must not contain a DOCTYPE' };
      case 'comment':
      case 'pi':
        continue;
      case 'text':
      case 'cdata': {
        const top = stack[stack.length - 1];
        if (!top) {
          if (tok.text.trim()) return { ok: false, error: 'is not well-formed SVG (text outside the root element)' };
          continue;
        }
        if (top.dropped) continue;
        if (styleBuffer) styleBuffer.push(tok.text);
        else if (TEXT_ELEMENTS.has(nearestWritten(stack) ?? '')) out.push(escapeText(tok.text));
        continue;
      }
      case 'open': {
        elements++;
        if (elements > MAX_ELEMENTS) return { ok: false, error: `has more than ${MAX_ELEMENTS} elements` };
        if (stack.length >= MAX_DEPTH) return { ok: false, error: `nests elements deeper than ${MAX_DEPTH} levels` };
        if (!stack.length) {
          if (rootSeen || rootClosed) return { ok: false, error: 'is not well-formed SVG (more than one root element)' };
          if (tok.name !== 'svg') return { ok: false, error: 'must be an SVG image (its root element is not <svg>)' };
          rootSeen = true;
        }
        let frame: Frame;
        if (inDropped() || styleBuffer) {
          frame = { name: tok.name, emitted: false, dropped: true };
          if (styleBuffer) removed.add(`<${tok.name}> inside <style>`);
        } else if (UNWRAPPED_ELEMENTS.has(tok.name)) {
          removed.add(`<${tok.name}>`);
          frame = { name: tok.name, emitted: false, dropped: false };
        } else if (!ALLOWED_ELEMENTS.has(tok.name)) {
          removed.add(`<${tok.name}>`);
          frame = { name: tok.name, emitted: false, dropped: true };
        } else {
          const attrs: XmlAttribute[] = [];
          for (const a of tok.attrs) {
            if (a.name === 'xmlns' || a.name.startsWith('xmlns:')) continue;
            const kept = keepAttribute(tok.name, a);
            if (kept) attrs.push(kept);
            else removed.add(`${a.name}=""`);
          }
          if (tok.name === 'image' && !attrs.some((a) => a.name === 'href')) {
            removed.add('<image> without an embedded PNG or JPEG');
            frame = { name: tok.name, emitted: false, dropped: true };
          } else {
            if (!stack.length) attrs.unshift({ name: 'xmlns', value: SVG_NS });
            const attrText = attrs.map((a) => ` ${a.name}="${escapeAttr(a.value)}"`).join('');
            if (tok.name === 'style') {
              // An empty <style/> says nothing and is left out.
              if (!tok.selfClosing) [styleBuffer, styleAttrs] = [[], attrText];
            } else out.push(`<${tok.name}${attrText}${tok.selfClosing ? '/>' : '>'}`);
            frame = { name: tok.name, emitted: true, dropped: false };
          }
        }
        if (tok.selfClosing) {
          if (!stack.length) rootClosed = true;
        } else stack.push(frame);
        continue;
      }
      case 'close': {
        const frame = stack.pop();
        if (!frame || frame.name !== tok.name) return { ok: false, error: `is not well-formed SVG (</${tok.name}> closes ${frame ? `<${frame.name}>` : 'nothing'})` };
        if (frame.name === 'style' && frame.emitted && styleBuffer) {
          const css = styleBuffer.join('');
          styleBuffer = null;
          if (isSafeCss(css)) out.push(`<style${styleAttrs}>${escapeText(css)}</style>`);
          else removed.add('<style> with external references or unsafe CSS');
        } else if (frame.emitted) out.push(`</${frame.name}>`);
        if (!stack.length) rootClosed = true;
        continue;
      }
    }
  }
  if (!rootSeen) return { ok: false, error: 'must be an SVG image (no <svg> element)' };
  if (stack.length) return { ok: false, error: `is not well-formed SVG (<${stack[stack.length - 1]!.name}> is never closed)` };
  return { ok: true, svg: out.join(''), removed: [...removed].sort() };
}
