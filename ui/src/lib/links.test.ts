import { describe, expect, it } from 'vitest';
import { linkAction } from './links';

describe('links', () => {
  it('opens an absolute link only on an explicit action', () => {
    expect(linkAction('https://example.org', true)).toEqual({ kind: 'open', href: 'https://example.org' });
    expect(linkAction('https://example.org', false)).toEqual({ kind: 'hint' });
    expect(linkAction('mailto:desk@example.org', true).kind).toBe('open');
  });

  it('does nothing for a relative link or none', () => {
    for (const href of ['brief.md', '#part', '/index.html', '../x', null]) {
      expect(linkAction(href, true)).toEqual({ kind: 'nothing' });
    }
  });
});
