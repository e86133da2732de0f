import { describe, expect, it } from 'vitest';
import { applyModuleChoices, CHOICE_FOR, CHOICE_KEYS, choiceName, choiceWasName } from './module-setting-choices';

const form = (fields: Record<string, string>) => (name: string) => fields[name];
const picked = (value: string, was = 'old-image') => form({ [CHOICE_FOR]: 'kasm', [CHOICE_KEYS]: 'imageId', [choiceName('imageId')]: value, [choiceWasName('imageId')]: was });

describe('module setting picks in the plan form', () => {
  it('writes a changed pick into the module settings, keeping the other keys', () => {
    const out = applyModuleChoices('{"imageId":"old-image","cores":2}', 'kasm', picked('new-image'));
    expect(JSON.parse(out!)).toEqual({ imageId: 'new-image', cores: 2 });
    expect(JSON.parse(applyModuleChoices('', 'kasm', picked('new-image'))!)).toEqual({ imageId: 'new-image' });
  });

  it('leaves the settings as typed when the select was not touched or left blank', () => {
    expect(applyModuleChoices('{"imageId":"typed-in-json"}', 'kasm', picked('old-image'))).toBe('{"imageId":"typed-in-json"}');
    expect(applyModuleChoices('{"cores":2}', 'kasm', picked('', ''))).toBe('{"cores":2}');
  });

  it('ignores picks for another module, and text that is not a JSON object', () => {
    expect(applyModuleChoices('{"packageId":1}', 'virtfusion', picked('new-image'))).toBe('{"packageId":1}');
    expect(applyModuleChoices('{oops', 'kasm', picked('new-image'))).toBe('{oops');
    expect(applyModuleChoices('[1]', 'kasm', picked('new-image'))).toBe('[1]');
    expect(applyModuleChoices('{}', 'kasm', form({ [CHOICE_FOR]: 'kasm', [CHOICE_KEYS]: '__proto__', [choiceName('__proto__')]: 'x' }))).toBe('{}');
  });
});
