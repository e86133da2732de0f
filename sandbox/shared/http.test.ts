import { describe, expect, it } from 'vitest';
import { escapeHtml, page, RecentList } from './http';

describe('sandbox html helpers', () => {
  it('escapes everything that could break out of text or an attribute', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    expect(escapeHtml(null)).toBe('');
    expect(page('<b>', '')).toContain('<h1>&lt;b&gt;</h1>');
  });

  it('keeps the newest items up to the cap, newest first', () => {
    const list = new RecentList<number>(3);
    for (const n of [1, 2, 3, 4, 5]) list.add(n);
    expect(list.list()).toEqual([5, 4, 3]);
    list.clear();
    expect(list.list()).toEqual([]);
  });
});
