// What the desk indicator says, from the sync task's status (desk_sync.rs).

import type { DeskStatus } from './bindings';

export interface DeskLabel {
  text: string;
  /** How it looks: quiet when all is well, a warning when words wait or conflict. */
  tone: 'quiet' | 'busy' | 'warning';
  /** The longer story, for the tooltip and screen readers. */
  detail: string;
}

function changes(n: number): string {
  return n === 1 ? '1 change' : `${n} changes`;
}

/** The indicator's words, or null when the library syncs with no desk. */
export function deskLabel(status: DeskStatus): DeskLabel | null {
  switch (status.kind) {
    case 'not_connected':
      return null;
    case 'syncing':
      return { text: 'Syncing…', tone: 'busy', detail: `Syncing with the desk ${status.desk}.` };
    case 'synced':
      return { text: 'Synced', tone: 'quiet', detail: `Every change is on the desk ${status.desk}.` };
    case 'offline':
      return {
        text: status.waiting > 0 ? `Offline — ${changes(status.waiting)} waiting` : 'Offline',
        tone: 'warning',
        detail: `${status.reason}. Your work is saved on this computer and goes to the desk by itself when it can.`,
      };
    case 'conflict':
      return {
        text: status.briefs === 1 ? 'Conflict in 1 brief' : `Conflict in ${status.briefs} briefs`,
        tone: 'warning',
        detail: 'The same part was changed here and on the desk. Both texts are kept: compare them and choose.',
      };
  }
}
