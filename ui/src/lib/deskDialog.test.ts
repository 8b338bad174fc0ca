import { describe, expect, it } from 'vitest';
import type { DeskConnection } from './bindings';
import {
  connectedNotice,
  connectedSummary,
  connectProblem,
  disconnectedNotice,
  disconnectQuestion,
  initialForm,
  lookupProblem,
  passwordHint,
  passwordProblem,
  serverAsTyped,
} from './deskDialog';

const ana: DeskConnection = { server: 'postgresql://ana@h:5432/db', login: 'ana', desk: 'news', role: 'reporter', password: 'keyring' };

describe('the Desk… dialog', () => {
  it('shows a stored server as a person would type it, without the login', () => {
    expect(serverAsTyped('postgresql://ana@desk.example:5432/newsroom')).toBe('desk.example:5432/newsroom');
    expect(serverAsTyped('postgres://ana@127.0.0.1:6000/news')).toBe('127.0.0.1:6000/news');
    expect(initialForm(ana)).toEqual({
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

  it('says at once when the keyring could not keep the password', () => {
    expect(connectedNotice({ ...ana, password: 'this_session' })).toMatch(
      /keyring could not keep your password: type it again in Desk… after Briefdesk restarts\.$/,
    );
  });

  it('says what connecting did', () => {
    expect(connectedNotice(ana)).toBe(
      'Connected to the desk “news” as ana. Briefs you share sync by themselves; new briefs are shared.',
    );
  });

  it('claims the keyring keeps the password only when it does', () => {
    expect(passwordHint(ana)).toBe('Kept in the keyring');
    expect(passwordHint({ ...ana, password: 'environment' })).toBe('Read from this computer’s settings');
    expect(passwordHint({ ...ana, password: 'this_session' })).toBe('Kept until Briefdesk closes');
    expect(passwordHint({ ...ana, password: 'nowhere' })).toBe('Not kept: type it to sync');
    expect(passwordHint(null)).toBe('');
  });

  it('says who the library is on the desk as, and what disconnecting keeps', () => {
    expect(connectedSummary(ana)).toBe('Connected to the desk “news” as ana, a reporter.');
    expect(connectedSummary({ ...ana, login: 'ed', role: 'editor' })).toBe('Connected to the desk “news” as ed, an editor.');
    expect(connectedSummary({ ...ana, login: 'editor', role: 'editor' })).toBe('Connected to the desk “news” as editor.');
    expect(connectedSummary({ ...ana, role: null })).toBe('Connected to the desk “news” as ana.');
    expect(disconnectQuestion(ana)).toMatch(/^Disconnect this library from the desk “news”\? Your briefs stay here/);
    expect(disconnectedNotice('news')).toBe(
      'Disconnected from the desk “news”. Your briefs stay in this library; they no longer sync.',
    );
  });

  it('says a refused password changed nothing, and that the library is still on its desk', () => {
    expect(passwordProblem(ana, 'the server refused the password for "ana"')).toBe(
      'The password was not changed: the server refused the password for "ana". The library is still on the desk “news”.',
    );
  });
});
