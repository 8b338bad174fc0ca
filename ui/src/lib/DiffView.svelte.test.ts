import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { BriefDiff, TextChange } from './bindings';
import DiffView from './DiffView.svelte';

const same = (text: string): TextChange => ({ changed: false, spans: text ? [{ kind: 'same', text }] : [] });

/** A comparison of two equal briefs, to change one part at a time. */
function unchanged(): BriefDiff {
  return {
    headline: same('Lee meets Xi'),
    summary: same('A summary.'),
    why_it_matters: same(''),
    key_developments: [],
    report: [],
    context: same(''),
    byline: same(''),
    tags: { added: [], removed: [], kept: ['asia'], changed: false },
    status: null,
    words_added: 0,
    words_removed: 0,
  };
}

function show(diff: BriefDiff) {
  render(DiffView, { props: { diff, olderLabel: 'Version 1', newerLabel: 'Current draft' } });
  const parts = () => screen.queryAllByTestId('diff-part').map((p) => p.dataset.part);
  const part = (name: string) => {
    const found = screen.getAllByTestId('diff-part').find((p) => p.dataset.part === name);
    if (!found) throw new Error(`no ${name} part`);
    return within(found);
  };
  return { parts, part };
}

describe('DiffView', () => {
  it('shows a tag-only change as a Tags part, added tags inserted and removed ones deleted', () => {
    const { parts, part } = show({
      ...unchanged(),
      tags: { added: ['security'], removed: ['trade'], kept: ['asia'], changed: true },
    });
    expect(parts()).toEqual(['tags']);
    const tags = part('tags');
    expect(tags.getAllByRole('listitem').map((li) => li.textContent?.trim())).toEqual(['asia', 'security', 'trade']);
    expect(tags.getAllByTestId('diff-ins').map((e) => e.textContent)).toEqual(['security']);
    expect(tags.getAllByTestId('diff-del').map((e) => e.textContent)).toEqual(['trade']);
    expect(screen.getByText(/0 words added, 0 removed/)).toBeTruthy();
    expect(screen.queryByText('No differences.')).toBeNull();
  });

  it('shows a byline change word by word', () => {
    const { parts, part } = show({
      ...unchanged(),
      byline: {
        changed: true,
        spans: [
          { kind: 'same', text: 'Ana Núñez, ' },
          { kind: 'removed', text: 'Seoul' },
          { kind: 'added', text: 'Beijing' },
        ],
      },
      words_added: 1,
      words_removed: 1,
    });
    expect(parts()).toEqual(['byline']);
    const byline = part('byline');
    expect(byline.getByTestId('diff-del').textContent).toBe('Seoul');
    expect(byline.getByTestId('diff-ins').textContent).toBe('Beijing');
  });

  it('shows a status change as “Draft → Ready”', () => {
    const { parts, part } = show({ ...unchanged(), status: { old: 'draft', new: 'ready' } });
    expect(parts()).toEqual(['status']);
    const status = part('status');
    expect(status.getByText('Draft').tagName).toBe('DEL');
    expect(status.getByText('Ready').tagName).toBe('INS');
    expect(screen.queryByText('No differences.')).toBeNull();
  });

  it('shows status first and byline and tags after the prose, as the editor orders them', () => {
    const { parts } = show({
      ...unchanged(),
      headline: { changed: true, spans: [{ kind: 'added', text: 'Lee meets Xi' }] },
      byline: { changed: true, spans: [{ kind: 'added', text: 'Ana' }] },
      tags: { added: ['trade'], removed: [], kept: [], changed: true },
      status: { old: 'in_review', new: 'filed' },
      words_added: 4,
    });
    expect(parts()).toEqual(['status', 'headline', 'byline', 'tags']);
    expect(screen.getByText('In review').tagName).toBe('DEL');
  });

  it('says there are no differences only when tags, byline and status are unchanged too', () => {
    const { parts } = show(unchanged());
    expect(parts()).toEqual([]);
    expect(screen.getByText('No differences.')).toBeTruthy();
  });
});
