import { describe, expect, it } from 'vitest';
import { SpellingRecheck, watchContextWord, wordAt } from './spellWord';

describe('the word right-clicked', () => {
  it.each([
    ['Beijnig talks', 0, 'Beijnig'],
    ['Beijnig talks', 4, 'Beijnig'],
    ['Beijnig talks', 7, 'Beijnig'],
    ['Beijnig talks', 10, 'talks'],
    ['Lee’s visit', 2, 'Lee’s'],
    ['a K-pop ban', 4, 'pop'],
    ['Okonkwo-Brandvold said', 3, 'Okonkwo'],
    ['Okonkwo-Brandvold said', 10, 'Brandvold'],
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

describe('checking the spelling of text nobody typed', () => {
  it('puts each new text back through an editing command, leaving focus, caret and words as they were', async () => {
    document.body.innerHTML =
      '<textarea id="a" spellcheck="true">Teh summary</textarea><textarea id="b" spellcheck="true"></textarea><input id="c" spellcheck="true" value="Headlien"><input id="d" spellcheck="false" value="tags">';
    const [a, b, c] = ['#a', '#b', '#c'].map((s) => document.querySelector<HTMLTextAreaElement | HTMLInputElement>(s)!);
    const commands: string[] = [];
    const heard: string[] = [];
    window.addEventListener('input', () => heard.push('input'));
    document.execCommand = ((command: string, _ui?: boolean, value?: string) => {
      const field = document.activeElement as HTMLTextAreaElement;
      commands.push(`${command}:${field.id}:${value}:${field.selectionStart}-${field.selectionEnd}`);
      field.dispatchEvent(new Event('input', { bubbles: true }));
      return true;
    }) as typeof document.execCommand;
    c!.focus();
    c!.setSelectionRange(3, 3);
    const recheck = new SpellingRecheck();
    recheck.run(document.body);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(commands).toEqual([
      'insertText:a:Teh summary :0-11',
      'delete:a:undefined:0-11',
      'insertText:c:Headlien :0-8',
      'delete:c:undefined:0-8',
    ]);
    expect(heard).toEqual([]);
    expect(document.activeElement).toBe(c);
    expect([c!.selectionStart, c!.selectionEnd]).toEqual([3, 3]);
    expect([a!.value, b!.value, c!.value]).toEqual(['Teh summary', '', 'Headlien']);
    // Checked text is not checked again; changed text is.
    a!.value = 'Teh summary, longer';
    recheck.run(document.body);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(commands.at(-2)).toBe('insertText:a:Teh summary, longer :0-19');
    expect(commands).toHaveLength(6);
  });
});
