// The Desk… dialog's form: what a person types to connect the library to
// their newsroom's desk, and what is missing before it can be tried.

import type { DeskConnection } from './bindings';

export interface DeskForm {
  /** As typed: `host`, `host:port`, `host:port/database`, or a postgresql:// URL. */
  server: string;
  login: string;
  /** Empty: the one the keyring keeps for this server and login, if any. */
  password: string;
  desk: string;
}

/** `postgresql://ana@desk.example:5432/newsroom` → `desk.example:5432/newsroom`. */
export function serverAsTyped(url: string): string {
  const rest = url.replace(/^postgres(ql)?:\/\//, '');
  const at = rest.lastIndexOf('@');
  return at === -1 ? rest : rest.slice(at + 1);
}

/** The form as it opens: filled in from the desk the library syncs with, if any. */
export function initialForm(connection: DeskConnection | null): DeskForm {
  if (!connection) return { server: '', login: '', password: '', desk: '' };
  return { server: serverAsTyped(connection.server), login: connection.login, password: '', desk: connection.desk };
}

/** What is missing before the desks can be looked up, or null. */
export function lookupProblem(form: DeskForm): string | null {
  if (!form.server.trim()) return 'Enter the desk’s server, such as desk.newsroom.example or desk.newsroom.example:5432/newsroom.';
  if (!form.login.trim()) return 'Enter your login on the desk’s server.';
  return null;
}

/** What is missing before connecting, or null. */
export function connectProblem(form: DeskForm): string | null {
  return lookupProblem(form) ?? (form.desk.trim() ? null : 'Choose the desk to join.');
}

/** What the window says once the library is on the desk. */
export function connectedNotice(connection: DeskConnection): string {
  const connected = `Connected to the desk “${connection.desk}” as ${connection.login}. Briefs you share sync by themselves; new briefs are shared.`;
  // Said now, not discovered as "Offline" after the next start.
  return connection.password === 'this_session'
    ? `${connected} The desktop’s keyring could not keep your password: type it again in Desk… after Briefdesk restarts.`
    : connected;
}

/** The password field's placeholder: no more is claimed than is true. */
export function passwordHint(connection: DeskConnection | null): string {
  switch (connection?.password) {
    case undefined:
      return '';
    case 'keyring':
      return 'Kept in the keyring';
    case 'this_session':
      return 'Kept until Briefdesk closes';
    case 'environment':
      return 'Read from this computer’s settings';
    case 'nowhere':
      return 'Not kept: type it to sync';
  }
}

/** "Connected to the desk “news” as ana, a reporter." */
export function connectedSummary(connection: DeskConnection): string {
  // A login named after its role ("editor") needs no "editor, an editor".
  const role =
    connection.role && connection.role !== connection.login
      ? `, ${/^[aeiou]/i.test(connection.role) ? 'an' : 'a'} ${connection.role}`
      : '';
  return `Connected to the desk “${connection.desk}” as ${connection.login}${role}.`;
}

/** What disconnecting does, asked before it is done. */
export function disconnectQuestion(connection: DeskConnection): string {
  return (
    `Disconnect this library from the desk “${connection.desk}”? Your briefs stay here as your own and stop syncing; ` +
    'the desk keeps its copies, and the keyring forgets the password.'
  );
}

/** What the window says once the library has left the desk. */
export function disconnectedNotice(desk: string): string {
  return `Disconnected from the desk “${desk}”. Your briefs stay in this library; they no longer sync.`;
}

/** Why a new password was not taken: the library stays on its desk either way. */
export function passwordProblem(connection: DeskConnection, reason: string): string {
  return `The password was not changed: ${reason}. The library is still on the desk “${connection.desk}”.`;
}
