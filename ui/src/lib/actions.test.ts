import { describe, expect, it } from 'vitest';
import { actionForKey, ACTIONS, shortcuts } from './actions';

const key = (k: string, mods: Partial<KeyboardEvent> = {}) => ({ ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, key: k, ...mods });

describe('actions', () => {
  it('maps keys to the page actions, redo by both of its keys', () => {
    expect(actionForKey(key('z', { ctrlKey: true }))?.id).toBe('undo');
    expect(actionForKey(key('Z', { ctrlKey: true, shiftKey: true }))?.id).toBe('redo');
    expect(actionForKey(key('y', { ctrlKey: true }))?.id).toBe('redo');
    expect(actionForKey(key('f', { ctrlKey: true }))?.id).toBe('find');
    expect(actionForKey(key('h', { ctrlKey: true }))?.id).toBe('replace');
    expect(actionForKey(key('F1'))?.id).toBe('shortcuts');
    expect(actionForKey(key('/', { ctrlKey: true }))?.id).toBe('shortcuts');
  });

  it('never takes typing, nor what the native side does itself', () => {
    expect(actionForKey(key('z'))).toBeNull();
    expect(actionForKey(key('Enter'))).toBeNull();
    expect(actionForKey(key('c', { ctrlKey: true }))).toBeNull();
    expect(actionForKey(key('v', { ctrlKey: true }))).toBeNull();
  });

  it('lists every action with keys in the shortcuts sheet', () => {
    const sheet = shortcuts();
    expect(sheet.length).toBe(ACTIONS.filter((a) => a.keys.length > 0).length);
    expect(sheet).toContainEqual({ keys: 'Ctrl+Shift+Z / Ctrl+Y', label: 'Redo' });
  });
});
