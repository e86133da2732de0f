// CSS inside an SVG (a <style> element or a style attribute) may colour and shape things and nothing else: no
// fetching (url() other than a reference into the document, @import, image-set), no script (expression(),
// javascript:, behaviors), and no escapes or comments, which could hide either from these checks.

const FORBIDDEN = [/\\/, /\/\*/, /<\//, /@(?!media\b)[a-z-]+/i, /expression\s*\(/i, /javascript\s*:/i, /vbscript\s*:/i, /behaviou?r\s*:/i, /-moz-binding/i, /(?:^|[^a-z-])(?:-webkit-)?image-set\s*\(/i, /(?:^|[^a-z-])(?:image|element|cross-fade|paint)\s*\(/i];

// url(#id), url('#id') or url("#id"): a gradient, clip path, mask, marker or filter of this document.
const URL_CALL = /url\s*\(\s*(['"]?)([^'")]*)\1\s*\)/gi;
const LOCAL_REF = /^#[A-Za-z_][A-Za-z0-9_.:-]*$/;

/** Whether every url() in the text is a local reference and none of the forbidden constructs appear. */
export function isSafeCss(css: string): boolean {
  if (FORBIDDEN.some((re) => re.test(css))) return false;
  const withoutUrls = css.replace(URL_CALL, (_m, _q, target: string) => (LOCAL_REF.test(target.trim()) ? '' : 'url-blocked('));
  // A url( left over is one the pattern could not read (unbalanced, nested quotes): refused like an external one.
  return !/url\s*\(/i.test(withoutUrls) && !withoutUrls.includes('url-blocked(');
}

/** A style attribute with only its safe declarations; null when none is left. */
export function sanitizeStyleAttribute(style: string): string | null {
  const kept: string[] = [];
  for (const decl of style.split(';')) {
    const colon = decl.indexOf(':');
    if (colon < 0) continue;
    const prop = decl.slice(0, colon).trim().toLowerCase();
    const value = decl.slice(colon + 1).trim();
    if (!/^-?[a-z][a-z-]*$/.test(prop) || !value || !isSafeCss(`${prop}:${value}`)) continue;
    kept.push(`${prop}:${value}`);
  }
  return kept.length ? kept.join(';') : null;
}
