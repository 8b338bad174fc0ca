import { describe, expect, it } from 'vitest';
import { connectedNotice, connectProblem, initialForm, lookupProblem, serverAsTyped } from './deskDialog';

describe('the Desk… dialog', () => {
  it('shows a stored server as a person would type it, without the login', () => {
    expect(serverAsTyped('postgresql://ana@desk.example:5432/newsroom')).toBe('desk.example:5432/newsroom');
    expect(serverAsTyped('postgres://ana@127.0.0.1:6000/news')).toBe('127.0.0.1:6000/news');
    expect(initialForm({ server: 'postgresql://ana@h:5432/db', login: 'ana', desk: 'news' })).toEqual({
      server: 'h:5432/db',
      login: 'ana',
      password: '',
      desk: 'news',
    });
    expect(initialForm(null)).toEqual({ server: '', login: '', password: '', desk: '' });
  });

  it('names what is missing, server first, and needs no password (the keyring may keep one)', () => {
    const form = { server: ' ', login: '', password: '', desk: '' };
    expect(lookupProblem(form)).toMatch(/server/);
    expect(lookupProblem({ ...form, server: 'desk.example' })).toMatch(/login/);
    expect(lookupProblem({ ...form, server: 'desk.example', login: 'ana' })).toBeNull();
    expect(connectProblem({ ...form, server: 'desk.example', login: 'ana' })).toMatch(/desk to join/);
    expect(connectProblem({ server: 'desk.example', login: 'ana', password: '', desk: 'news' })).toBeNull();
  });

  it('says what connecting did', () => {
    expect(connectedNotice({ server: 'postgresql://ana@h:5432/db', login: 'ana', desk: 'news' })).toBe(
      'Connected to the desk “news” as ana. Briefs you share sync by themselves; new briefs are shared.',
    );
  });
});
