// What the conflict view says: a brief whose parts were changed both here
// and on the desk keeps both texts (briefdesk-store's `conflicts_of`); the
// journalist compares them side by side and keeps one, part by part.

import type { BriefConflicts, BriefPart, DeskBrief, Status } from './bindings';

/** A part's name as a heading ("Key development 2"). */
export function partTitle(part: BriefPart): string {
  switch (part.part) {
    case 'headline':
      return 'Headline';
    case 'byline':
      return 'Byline';
    case 'summary':
      return 'Summary';
    case 'why_it_matters':
      return 'Why It Matters';
    case 'key_developments':
      return 'Key Developments';
    case 'bullet':
      return `Key development ${part.index + 1}`;
    case 'report':
      return 'Full Report';
    case 'section':
      return `Full Report, section ${part.index + 1}`;
    case 'section_heading':
      return `Full Report, heading of section ${part.index + 1}`;
    case 'context':
      return 'Context';
    case 'tags':
      return 'Tags';
    case 'tag':
      return `Tag ${part.index + 1}`;
    case 'brief':
      return 'The whole brief';
  }
}

/** Whose the desk's side is, in a label: "ana’s" or "The desk’s". */
export function theirs(conflicts: BriefConflicts): string {
  return conflicts.theirs_author ? `${conflicts.theirs_author}’s` : 'The desk’s';
}

function parts(n: number): string {
  return n === 1 ? '1 part' : `${n} parts`;
}

/** The sentence above the brief while it is in conflict. */
export function conflictSentence(conflicts: BriefConflicts): string {
  const who = conflicts.theirs_author ? `by ${conflicts.theirs_author} on the desk` : 'on the desk';
  const n = conflicts.parts.length;
  return `${parts(n)} of this brief ${n === 1 ? 'was' : 'were'} changed both here and ${who}. Both texts are kept until you choose.`;
}

/** Whose text each side of the view is, and where it is kept. */
export function sideLabels(conflicts: BriefConflicts): { ours: string; theirs: string } {
  const held = conflicts.on_desk;
  if (!held) return { ours: 'Yours, on this computer', theirs: `${theirs(conflicts)}, on the desk` };
  const head = held.head_is_yours ? 'Yours' : `${held.head_author}’s`;
  return { ours: `${head}, on the desk now`, theirs: `${theirs(conflicts)}, kept beside it` };
}

/** What the view says above the parts. */
export function viewSentence(conflicts: BriefConflicts): string {
  const held = conflicts.on_desk;
  if (!held) return `${conflictSentence(conflicts)} Marked words differ from the text you both started from.`;
  const who = conflicts.theirs_author ?? 'someone on the desk';
  // A login is written as its owner spells it, so no sentence starts with one.
  const first = held.head_is_yours ? 'Your text' : `The text of ${held.head_author}`;
  return `${first} reached the desk first; ${who} changed the same words meanwhile. Both are kept, and ${who} chooses which to keep: the brief follows here by itself. Marked words differ from the text both started from.`;
}

/** What the library says of a shared brief beside its status, or null for none. */
export function deskMark(brief: DeskBrief | undefined): { text: string; conflict: boolean } | null {
  if (!brief) return null;
  if (brief.conflicts > 0) return { text: 'Conflict', conflict: true };
  // Open on the desk but not here: the other side has both texts to choose from.
  if (brief.open_on_desk > 0) return { text: 'Conflict on the desk', conflict: true };
  return brief.author ? { text: `by ${brief.author}`, conflict: false } : null;
}

/** What the open brief says once a conflict someone else was choosing for is closed. */
export const RESOLVED_ON_DESK = 'The conflict on the desk was resolved: this brief now shows the texts chosen.';

/** What an approved brief says to a reporter, whose changes the desk would refuse, or null when it takes them. */
export function lockedSentence(brief: DeskBrief | undefined, status: Status): string | null {
  if (!brief?.locked) return null;
  const what = status === 'filed' ? 'Filed' : 'Ready';
  return `${what}: an editor approved this brief, so the desk takes no more changes to it from you. Ask an editor to send it back to Draft if it needs one.`;
}

/** What the open brief says while a conflict over it is open on the desk but is someone else's to resolve. */
export function onDeskSentence(brief: DeskBrief | undefined): string | null {
  if (!brief || brief.conflicts > 0 || brief.open_on_desk === 0) return null;
  const who = brief.on_desk_by ?? 'someone on the desk';
  return `The same words were changed here and by ${who}. Your text is on the desk beside theirs; ${who} chooses which to keep.`;
}
