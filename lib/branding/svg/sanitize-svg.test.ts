import { describe, expect, it } from 'vitest';
import { isSafeCss, sanitizeStyleAttribute } from './sanitize-css';
import { sanitizeSvg } from './sanitize-svg';
import { tokenizeXml } from './xml-tokenizer';

const wrap = (inner: string, rootAttrs = '') => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"${rootAttrs}>${inner}</svg>`;

function clean(input: string): string {
  const res = sanitizeSvg(input);
  if (!res.ok) throw new Error(`refused: ${res.error}`);
  return res.svg;
}

function refused(input: string): string {
  const res = sanitizeSvg(input);
  if (res.ok) throw new Error(`accepted: ${res.svg}`);
  return res.error;
}

describe('sanitizeSvg keeps a normal logo', () => {
  it('keeps shapes, gradients, text and local references as they were', () => {
    const logo = wrap(
      '<defs><linearGradient id="g" x1="0" x2="1"><stop offset="0" stop-color="#2563eb"/><stop offset="1" stop-color="#16a34a"/></linearGradient></defs>' +
        '<rect width="10" height="10" rx="2" fill="url(#g)"/><use href="#g"/><text x="1" y="8" font-family="Arial" style="font-weight:bold;fill:#fff">A &amp; B</text>',
    );
    expect(clean(logo)).toBe(logo);
  });

  it('drops the XML declaration, comments and editor metadata, and adds the SVG namespace when missing', () => {
    const out = clean('<?xml version="1.0" encoding="UTF-8"?>\n<!-- Generator: Illustrator --><svg viewBox="0 0 1 1" inkscape:version="1.0" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"><sodipodi:namedview/><metadata><rdf:RDF/></metadata><path d="M0 0h1v1z"/></svg>');
    expect(out).toBe('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><path d="M0 0h1v1z"/></svg>');
  });

  it('rewrites xlink:href to href and keeps a class-based stylesheet', () => {
    const out = clean('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><style>.st0{fill:#2563eb} a > b {fill:url(#g)}</style><use xlink:href="#s" class="st0"/></svg>');
    expect(out).toBe('<svg xmlns="http://www.w3.org/2000/svg"><style>.st0{fill:#2563eb} a &gt; b {fill:url(#g)}</style><use href="#s" class="st0"/></svg>');
  });

  it('keeps an embedded PNG or JPEG image', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    expect(clean(wrap(`<image href="${png}" width="1" height="1"/>`))).toContain(`<image href="${png}"`);
  });
});

describe('sanitizeSvg removes what could run or fetch', () => {
  const cases: [string, string, RegExp][] = [
    ['a script element', '<script>alert(1)</script><rect/>', /script|alert/],
    ['a script in CDATA', '<script><![CDATA[alert(1)]]></script>', /script|alert/],
    ['an onload handler on the root', '', /onload|alert/],
    ['event handlers of any case', '<rect onclick="alert(1)" ONMOUSEOVER="alert(2)" onFocus="x"/>', /alert|on[a-z]+=/i],
    ['foreignObject with HTML', '<foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><iframe src="javascript:alert(1)"/></body></foreignObject>', /foreignObject|iframe|javascript/],
    ['a javascript: link', '<a href="javascript:alert(1)"><rect/></a>', /javascript|<a/],
    ['an entity-encoded javascript: link', '<a xlink:href="&#106;avascript:alert(1)"><rect/></a>', /javascript|avascript|<a/],
    ['a javascript: href with a tab inside', '<use href="java\tscript:alert(1)"/>', /script/],
    ['an external use', '<use href="https://evil.example/sprite.svg#x"/>', /evil/],
    ['an external image', '<image href="https://evil.example/track.png"/>', /evil|<image/],
    ['an SVG data: image (a document that could script)', '<image href="data:image/svg+xml;base64,PHN2Zy8+"/>', /image\/svg|<image/],
    ['animation that rewrites href', '<a><animate attributeName="href" to="javascript:alert(1)"/><set attributeName="onclick" to="alert(1)"/></a>', /animate|set|javascript/],
    ['url() to another host in a presentation attribute', '<rect fill="url(https://evil.example/#g)"/>', /evil/],
    ['url() to another host in a style attribute', '<rect style="fill:red;background:url(//evil.example/x)"/>', /evil/],
    ['@import in a stylesheet', '<style>@import url(https://evil.example/x.css); rect{fill:red}</style>', /evil|import/],
    ['a stylesheet hiding url behind an escape', '<style>rect{fill:u\\72l(https://evil.example/)}</style>', /evil/],
    ['a stylesheet with expression()', '<style>rect{width:expression(alert(1))}</style>', /expression|alert/],
    ['an iframe, embed and object', '<iframe src="https://evil.example"/><embed src="x"/><object data="x"/>', /iframe|embed|object|evil/],
    ['an HTML element in another namespace', '<html:script xmlns:html="http://www.w3.org/1999/xhtml">alert(1)</html:script>', /script|alert/],
    ['upper-case script and handler names', '<SCRIPT>alert(1)</SCRIPT><rect ONLOAD="alert(2)"/>', /alert|SCRIPT|ONLOAD/],
    ['a stylesheet processing instruction', '<?xml-stylesheet href="https://evil.example/x.css"?><rect/>', /evil|stylesheet/],
    ['a filter image from elsewhere', '<filter id="f"><feImage href="https://evil.example/x.png"/></filter>', /feImage|evil/],
  ];
  for (const [what, inner, forbidden] of cases) {
    it(what, () => {
      const input = what.includes('root') ? wrap(inner, ' onload="alert(1)"') : wrap(inner);
      const out = clean(input);
      expect(out).not.toMatch(forbidden);
      expect(out.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    });
  }

  it('reports what it removed', () => {
    const res = sanitizeSvg(wrap('<script>x</script><rect onclick="x" fill="url(http://e/)"/>'));
    expect(res).toMatchObject({ ok: true, removed: ['<script>', 'fill=""', 'onclick=""'] });
  });

  it('keeps the text of an unwrapped link inside text', () => {
    expect(clean(wrap('<text>Visit <a href="https://x.example">us</a></text>'))).toBe(wrap('<text>Visit us</text>'));
  });

  it('escapes text and attribute values again on output', () => {
    expect(clean(wrap('<title>&lt;script&gt;alert(1)&lt;/script&gt;</title><rect id="a&quot;b"/>'))).toBe(wrap('<title>&lt;script&gt;alert(1)&lt;/script&gt;</title><rect id="a&quot;b"/>'));
  });
});

describe('sanitizeSvg refuses what is not a well-formed SVG', () => {
  it('a DOCTYPE (billion laughs, external entities)', () => {
    const lol = '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><svg>&b;</svg>';
    expect(refused(lol)).toBe('must not contain a DOCTYPE');
    expect(refused('<!DOCTYPE svg SYSTEM "file:///etc/passwd"><svg/>')).toBe('must not contain a DOCTYPE');
  });

  it('undefined entities, unclosed or mismatched tags, several roots, a root that is not svg', () => {
    expect(refused(wrap('<text>&xxe;</text>'))).toMatch(/unknown entity &xxe;/);
    expect(refused('<svg><g></svg>')).toMatch(/closes <g>/);
    expect(refused('<svg><g>')).toMatch(/never closed/);
    expect(refused('<svg/><svg/>')).toMatch(/more than one root/);
    expect(refused('<html><body/></html>')).toMatch(/root element is not <svg>/);
    expect(refused('just text')).toMatch(/text outside the root/);
    expect(refused('')).toMatch(/no <svg> element/);
    expect(refused('<svg a=1/>')).toMatch(/must be quoted/);
    expect(refused('<svg a="1" a="2"/>')).toMatch(/duplicate attribute/);
    expect(refused('<svg>\u0001</svg>')).toMatch(/control character/);
    expect(refused('<svg>a & b</svg>')).toMatch(/bare "&"/);
  });

  it('bounds depth', () => {
    expect(refused(`<svg>${'<g>'.repeat(100)}${'</g>'.repeat(100)}</svg>`)).toMatch(/deeper than 64/);
  });
});

describe('CSS checks', () => {
  it('allows colours and local references, refuses fetching and script', () => {
    expect(isSafeCss('.a{fill:#fff;stroke:url(#g)} @media (prefers-color-scheme: dark){.a{fill:#000}}')).toBe(true);
    expect(isSafeCss("rect{fill:url('#g')}")).toBe(true);
    for (const bad of ['a{b:url(x.png)}', 'a{b:url("https://e")}', '@import "x.css";', '@font-face{src:url(data:x)}', 'a{b:image-set("x.png" 1x)}', 'a{b:expression(1)}', 'a{b:u\\rl(x)}', 'a{/* */}', 'a{-moz-binding:x}']) {
      expect(isSafeCss(bad), bad).toBe(false);
    }
  });

  it('keeps only the safe declarations of a style attribute', () => {
    expect(sanitizeStyleAttribute('fill: red; background: url(http://e/x); stroke:url(#g)')).toBe('fill:red;stroke:url(#g)');
    expect(sanitizeStyleAttribute('behavior: url(x.htc)')).toBeNull();
  });
});

describe('tokenizeXml', () => {
  it('decodes entities and character references in text and attributes', () => {
    expect(tokenizeXml('<a b="&#x41;&lt;&#66;">&amp;&apos;</a>')).toEqual([
      { type: 'open', name: 'a', attrs: [{ name: 'b', value: 'A<B' }], selfClosing: false },
      { type: 'text', text: "&'" },
      { type: 'close', name: 'a' },
    ]);
  });

  it('refuses "<" in an attribute value and a reference to an invalid character', () => {
    expect(() => tokenizeXml('<a b="<"/>')).toThrow(/"<" in the value/);
    expect(() => tokenizeXml('<a>&#0;</a>')).toThrow(/not an XML character/);
  });
});
