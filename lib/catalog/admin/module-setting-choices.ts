// The plan form shows a module's pickable settings (a Kasm plan's workspace image) as selects next to the module
// settings JSON. A select only counts when staff changed it: it posts the value it was shown with, so an edit made
// in the JSON is not undone by a select left alone. Picks for a module other than the one submitted are ignored
// (staff changed the module in the same save).

/** Hidden fields the form writes beside the selects: the module the picks are for and the keys they set. */
export const CHOICE_FOR = 'moduleChoiceFor';
export const CHOICE_KEYS = 'moduleChoiceKeys';
export const choiceName = (key: string) => `moduleChoice.${key}`;
export const choiceWasName = (key: string) => `moduleChoiceWas.${key}`;

const KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/**
 * The module settings text with the changed picks written in. Text that is not a JSON object is returned as it is,
 * so the schema reports it exactly as typed.
 */
export function applyModuleChoices(moduleSettings: string | undefined, provisioningModule: string | undefined, get: (name: string) => string | undefined): string | undefined {
  const module = get(CHOICE_FOR);
  if (!module || module !== (provisioningModule ?? '').trim()) return moduleSettings;
  const picks: [string, string][] = [];
  for (const key of (get(CHOICE_KEYS) ?? '').split(',').map((k) => k.trim())) {
    if (!KEY.test(key)) continue;
    const value = get(choiceName(key))?.trim() ?? '';
    if (value !== '' && value !== (get(choiceWasName(key)) ?? '')) picks.push([key, value]);
  }
  if (!picks.length) return moduleSettings;
  let settings: unknown;
  try {
    settings = JSON.parse(moduleSettings?.trim() || '{}');
  } catch {
    return moduleSettings;
  }
  if (!settings || typeof settings !== 'object' || Array.isArray(settings)) return moduleSettings;
  return JSON.stringify({ ...(settings as Record<string, unknown>), ...Object.fromEntries(picks) }, null, 2);
}
