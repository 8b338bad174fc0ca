import { describe, expect, it } from 'vitest';
import { watchContextWord, wordAt } from './spellWord';

describe('the word right-clicked', () => {
  it.each([
    ['Beijnig talks', 0, 'Beijnig'],
    ['Beijnig talks', 4, 'Beijnig'],
    ['Beijnig talks', 7, 'Beijnig'],
    ['Beijnig talks', 10, 'talks'],
    ['Lee’s visit', 2, 'Lee’s'],
    ['a K-pop ban', 4, 'K-pop'],
    ['“Xi”, he said', 2, 'Xi'],
    ['quoted: \'Seoul\'', 11, 'Seoul'],
    ['  ', 1, ''],
    ['', 0, ''],
  ])('%s at %i is %s', (text, offset, word) => {
    expect(wordAt(text, offset)).toBe(word);
  });

  it('is remembered for the menu, from the field right-clicked', () => {
    document.body.innerHTML = '<textarea>Beijnig talks</textarea><p>not a field</p>';
    const field = document.querySelector('textarea');
    if (!field) throw new Error('no field');
    const stop = watchContextWord(window);
    field.setSelectionRange(3, 3);
    field.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true }));
    const spell = window as unknown as { __briefdeskContextWord?: string; __briefdeskWordLearnt?: () => void };
    expect(spell.__briefdeskContextWord).toBe('Beijnig');
    spell.__briefdeskWordLearnt?.();
    expect(field.spellcheck).toBe(false);
    document.querySelector('p')?.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true }));
    expect(spell.__briefdeskContextWord).toBe('');
    stop();
    expect(spell.__briefdeskWordLearnt).toBeUndefined();
  });
});
