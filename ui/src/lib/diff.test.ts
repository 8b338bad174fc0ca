import { describe, expect, it } from 'vitest';
import { newText, oldText } from './diff';

describe('sides of a change', () => {
  it('rebuilds the old and the new text from the spans', () => {
    const change = {
      changed: true,
      spans: [
        { kind: 'same' as const, text: 'Lee meets ' },
        { kind: 'removed' as const, text: 'Xi' },
        { kind: 'added' as const, text: 'Li' },
        { kind: 'same' as const, text: ' today' },
      ],
    };
    expect(oldText(change)).toBe('Lee meets Xi today');
    expect(newText(change)).toBe('Lee meets Li today');
  });
});
