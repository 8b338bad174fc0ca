import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import { toContent, toEditable } from './brief';
import Editor from './Editor.svelte';

function setup() {
  const brief = $state(
    toEditable({
      headline: '',
      summary: '',
      why_it_matters: '',
      key_developments: ['first', 'second', 'third'],
      report: [{ heading: 'Diplomatic Engagement', body: 'Body' }],
      context: '',
      byline: null,
      tags: [],
    }),
  );
  const onchange = vi.fn();
  const onflush = vi.fn();
  const onremoved = vi.fn();
  render(Editor, { props: { brief, onchange, onflush, onremoved } });
  const bullets = () => screen.getAllByRole('textbox', { name: /^Key development/ }) as HTMLInputElement[];
  return { brief, onchange, onflush, onremoved, bullets };
}

describe('Editor', () => {
  it('moves a bullet with Alt+Up, keeps focus on it, and reports the change', async () => {
    const { brief, onchange, bullets } = setup();
    const third = bullets()[2]!;
    third.focus();
    await fireEvent.keyDown(third, { key: 'ArrowUp', altKey: true });
    await tick();
    await tick();
    expect(toContent(brief).key_developments).toEqual(['first', 'third', 'second']);
    expect(bullets().map((b) => b.value)).toEqual(['first', 'third', 'second']);
    expect(document.activeElement).toBe(bullets()[1]);
    expect(onchange).toHaveBeenCalled();
  });

  it('moves a bullet down with Alt+Down and not past the end', async () => {
    const { brief, bullets } = setup();
    await fireEvent.keyDown(bullets()[2]!, { key: 'ArrowDown', altKey: true });
    await fireEvent.keyDown(bullets()[0]!, { key: 'ArrowDown', altKey: true });
    expect(toContent(brief).key_developments).toEqual(['second', 'first', 'third']);
  });

  it('adds a bullet after the current one on Enter and removes an empty one on Backspace', async () => {
    const { brief, bullets } = setup();
    await fireEvent.keyDown(bullets()[0]!, { key: 'Enter' });
    expect(toContent(brief).key_developments).toEqual(['first', '', 'second', 'third']);
    await tick();
    expect(document.activeElement).toBe(bullets()[1]);
    await fireEvent.keyDown(bullets()[1]!, { key: 'Backspace' });
    expect(toContent(brief).key_developments).toEqual(['first', 'second', 'third']);
  });

  it('typing in any field updates the brief and schedules a save', async () => {
    const { brief, onchange } = setup();
    const headline = screen.getByRole('textbox', { name: 'Headline' });
    await fireEvent.input(headline, { target: { value: 'Lee in Beijing' } });
    expect(brief.headline).toBe('Lee in Beijing');
    await fireEvent.input(screen.getByRole('textbox', { name: 'Body of report section 1' }), {
      target: { value: 'New body' },
    });
    expect(toContent(brief).report[0]!.body).toBe('New body');
    expect(onchange).toHaveBeenCalledTimes(2);
  });

  it('adds, reorders and removes report sections', async () => {
    const { brief } = setup();
    await fireEvent.click(screen.getByRole('button', { name: '+ Add report section' }));
    await tick();
    const heading = screen.getByRole('textbox', { name: 'Heading of report section 2' });
    expect(document.activeElement).toBe(heading);
    await fireEvent.input(heading, { target: { value: 'Maritime Tensions' } });
    await fireEvent.keyDown(heading, { key: 'ArrowUp', altKey: true });
    expect(toContent(brief).report.map((s) => s.heading)).toEqual(['Maritime Tensions', 'Diplomatic Engagement']);
    await fireEvent.click(screen.getAllByRole('button', { name: 'Remove section' })[1]!);
    expect(toContent(brief).report).toEqual([{ heading: 'Maritime Tensions', body: '' }]);
  });

  it('keeps a pasted multi-line headline on one line', async () => {
    const { brief } = setup();
    const headline = screen.getByRole('textbox', { name: 'Headline' });
    await fireEvent.input(headline, { target: { value: 'Lee\nin Beijing' } });
    expect(brief.headline).toBe('Lee in Beijing');
    expect((headline as HTMLTextAreaElement).value).toBe('Lee in Beijing');
  });

  it('flushes when focus leaves a field', async () => {
    const { onflush } = setup();
    await fireEvent.focusOut(screen.getByRole('textbox', { name: 'Summary' }));
    expect(onflush).toHaveBeenCalledOnce();
  });
});

describe('Editor: no word lost to one key', () => {
  it('names the field typed in, so undo groups typing per field', async () => {
    const { onchange } = setup();
    await fireEvent.input(screen.getByRole('textbox', { name: 'Summary' }), { target: { value: 'Lee' } });
    expect(onchange).toHaveBeenLastCalledWith(expect.objectContaining({ typing: 'summary' }));
    await fireEvent.click(screen.getByRole('button', { name: '+ Add development' }));
    expect(onchange).toHaveBeenLastCalledWith({});
  });

  it('keeps every button that removes words out of the Tab order', () => {
    setup();
    for (const name of ['Remove', 'Remove section', 'Move up', 'Move down']) {
      for (const button of screen.getAllByRole('button', { name })) expect(button.getAttribute('tabindex')).toBe('-1');
    }
  });

  it('says what was removed, so it can be undone, and not for an empty bullet', async () => {
    const { brief, onremoved, bullets } = setup();
    await fireEvent.click(screen.getAllByRole('button', { name: 'Remove' })[1]!);
    expect(toContent(brief).key_developments).toEqual(['first', 'third']);
    expect(onremoved).toHaveBeenCalledWith('Removed key development 2');
    await fireEvent.keyDown(bullets()[0]!, { key: 'Enter' });
    await fireEvent.keyDown(bullets()[1]!, { key: 'Backspace' });
    expect(onremoved).toHaveBeenCalledTimes(1);
    await fireEvent.click(screen.getByRole('button', { name: 'Remove section' }));
    expect(onremoved).toHaveBeenLastCalledWith('Removed report section “Diplomatic Engagement”');
  });
});

describe('Editor paste', () => {
  it('turns a pasted list into that many bullets, at the caret', async () => {
    const { brief, onchange, bullets } = setup();
    const second = bullets()[1]! as unknown as HTMLTextAreaElement;
    second.setSelectionRange(3, 3);
    const clipboardData = { getData: (type: string) => (type === 'text/plain' ? '• Lee meets Xi\n• Taiwan talks\n• K-pop ban' : '') };
    const event = new Event('paste', { bubbles: true, cancelable: true });
    Object.assign(event, { clipboardData });
    second.dispatchEvent(event);
    await tick();
    expect(event.defaultPrevented).toBe(true);
    expect(toContent(brief).key_developments).toEqual(['first', 'secLee meets Xi', 'Taiwan talks', 'K-pop banond', 'third']);
    expect(onchange).toHaveBeenCalledTimes(1);
  });

  it('puts a list pasted at the end of a written bullet after it, whole', async () => {
    const { brief, onchange, bullets } = setup();
    const second = bullets()[1]! as unknown as HTMLTextAreaElement;
    second.setSelectionRange(6, 6);
    const event = new Event('paste', { bubbles: true, cancelable: true });
    Object.assign(event, { clipboardData: { getData: () => '- one\n- two\n- three' } });
    second.dispatchEvent(event);
    await tick();
    expect(event.defaultPrevented).toBe(true);
    expect(toContent(brief).key_developments).toEqual(['first', 'second', 'one', 'two', 'three', 'third']);
    expect(onchange).toHaveBeenCalledTimes(1);
  });

  it('leaves a one-line paste to the field', async () => {
    const { bullets } = setup();
    const event = new Event('paste', { bubbles: true, cancelable: true });
    Object.assign(event, { clipboardData: { getData: () => 'one line' } });
    bullets()[0]!.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(false);
  });
});

describe('Editor drag and drop', () => {
  it('drops a dragged bullet onto another bullet’s place', async () => {
    const { brief } = setup();
    const handles = screen.getAllByRole('button', { name: 'Drag to reorder' });
    const rows = screen.getAllByTestId('bullet');
    await fireEvent.dragStart(handles[2]!);
    await fireEvent.dragOver(rows[0]!);
    await fireEvent.drop(rows[0]!);
    expect(toContent(brief).key_developments).toEqual(['third', 'first', 'second']);
  });
});
