// Text from outside (a panel's answer, a vendor's error detail) shown to staff in the admin panel, the provisioning
// log or an alert. Control characters could rewrite a terminal or a log line, bidi and zero-width marks could
// disguise what is shown, and a long body could carry whatever the other side chose to echo.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]+/g;

/** Control, bidi and zero-width characters become a space, runs of spaces one, and at most `max` characters remain. */
export function cleanUntrustedText(text: string, max: number): string {
  const clean = text.replace(INVISIBLE, ' ').replace(/ {2,}/g, ' ').trim();
  const chars = Array.from(clean);
  if (chars.length <= max) return clean;
  return `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}
