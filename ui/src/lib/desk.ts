// What the desk indicator says, from the sync task's status (desk_sync.rs).

import type { DeskChanged, DeskStatus, DeskVersion } from './bindings';
import { STATUS_LABELS } from './library';

export interface DeskLabel {
  text: string;
  /** How it looks: quiet when all is well, a warning when words wait or conflict. */
  tone: 'quiet' | 'busy' | 'warning';
  /** The longer story, for the tooltip and screen readers. */
  detail: string;
  /** Why the desk is out of reach, in a few words shown under the indicator. */
  why?: string;
}

/** A message from the desk as a sentence: capitalised, with a full stop. */
function sentence(message: string): string {
  return `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
}

function changes(n: number): string {
  return n === 1 ? '1 change' : `${n} changes`;
}

/** The indicator's words, or null when the library syncs with no desk. */
export function deskLabel(status: DeskStatus, unsavedHere = false): DeskLabel | null {
  // The desk has everything saved, but the page's last save failed: "Synced"
  // would say the open brief's words are safe on the desk, and they are not.
  if (unsavedHere && (status.kind === 'synced' || status.kind === 'syncing')) {
    return {
      text: 'Not all synced',
      tone: 'warning',
      detail:
        'The open brief’s last changes are not saved on this computer yet, so the desk does not have them either. ' +
        'They are saved, and sent, by themselves as soon as they can be.',
      why: 'Your last changes are not saved yet.',
    };
  }
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
        detail: `${sentence(status.reason)} Your work is saved on this computer and goes to the desk by itself when it can.`,
        why: `${status.why}.`,
      };
    case 'conflict':
      return {
        text: status.briefs === 1 ? 'Conflict in 1 brief' : `Conflict in ${status.briefs} briefs`,
        tone: 'warning',
        detail: 'The same part was changed here and on the desk. Both texts are kept: compare them and choose.',
      };
  }
}

/** What a sync that changed briefs means for the open one. */
export interface OpenBriefNews {
  /** What to say, or null for nothing. */
  notice: string | null;
  /** Parts are in conflict now: the page loads them for comparing. */
  conflicted: boolean;
  /** The desk refused a change of status: the status on screen is stale. */
  statusRefused: boolean;
}

/** What `changed` means for the brief `id` open on screen, or null when nothing of it changed. */
export function newsFor(changed: DeskChanged, id: string): OpenBriefNews | null {
  if (!changed.briefs.includes(id)) return null;
  const refused = changed.refused.find((n) => n.brief === id);
  if (changed.conflicted.includes(id)) {
    // The conflict bar says it, with the way to compare.
    return { notice: refused?.text ?? null, conflicted: true, statusRefused: false };
  }
  if (refused) {
    return { notice: refused.text, conflicted: false, statusRefused: changed.refused_states.includes(id) };
  }
  const merged = changed.merged.find((n) => n.brief === id);
  return { notice: merged?.text ?? null, conflicted: false, statusRefused: false };
}

/**
 * What the page says when someone on the desk moved the open brief to the
 * Trash: closed and in the Trash here too, or kept, because words typed
 * here were not saved yet (their save brings it back on the desk as well).
 */
export function trashedOnDeskNotice(headline: string, keptForUnsavedWords: boolean): string {
  const name = `“${headline.trim() || 'Untitled brief'}”`;
  return keptForUnsavedWords
    ? `Someone on the desk moved ${name} to the Trash while you were writing in it. Your words win: it stays here and is back on the desk.`
    : `Someone on the desk moved ${name} to the Trash. It is in your Trash too; restore it from there to bring it back for everyone.`;
}

/** What the library says when someone on the desk took briefs out of the Trash, or null for none. */
export function restoredOnDeskNotice(headlines: string[]): string | null {
  const names = headlines.map((h) => `“${h.trim() || 'Untitled brief'}”`);
  if (names.length === 0) return null;
  if (names.length === 1) return `Someone on the desk took ${names[0]} out of the Trash: it is back in your library.`;
  return `Someone on the desk took ${names.length} briefs out of the Trash: they are back in your library.`;
}

/** A version as the desk numbered it, in the History pane's words. */
export function deskVersionTitle(version: DeskVersion): string {
  if (version.kind === 'state') return `Status: ${version.state ? STATUS_LABELS[version.state] : 'changed'}`;
  const number = version.version === null ? '' : `Desk v${version.version} · `;
  const what = version.label ?? (version.kind === 'merge' ? 'Merged' : version.kind === 'version' ? 'Saved version' : 'Saved');
  return `${number}${what}`;
}
