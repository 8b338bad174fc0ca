import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { BriefSummary, LibraryFilter } from './bindings';
import Library from './Library.svelte';

function briefs(count: number): BriefSummary[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`,
    headline: `Brief ${i}`,
    status: 'draft',
    tags: [],
    updated_at: '2026-11-29T07:00:00Z',
    revision: 1,
  }));
}

describe('Library', () => {
  it('draws a page of a large library and more on request', async () => {
    const noop = vi.fn();
    // Reactive, as App's is: the library binds its selects to it.
    const filter = $state<LibraryFilter>({ status: null, tag: null, sort: 'last_edited', limit: null });
    render(Library, {
      props: {
        briefs: briefs(450),
        selected: null,
        now: new Date('2026-11-29T08:00:00Z'),
        onselect: noop,
        oncreate: noop,
        onimport: noop,
        onexample: noop,
        query: '',
        filter,
        hits: null,
        tags: [],
        trash: [],
        showTrash: false,
        onsearch: noop,
        onfilter: noop,
        onrestore: noop,
        onempty: noop,
      },
    });
    expect(screen.getAllByTestId('library-entry')).toHaveLength(200);
    const more = screen.getByTestId('show-more');
    expect(more.textContent).toContain('Show 200 more of 250');
    await fireEvent.click(more);
    expect(screen.getAllByTestId('library-entry')).toHaveLength(400);
    await fireEvent.click(screen.getByTestId('show-more'));
    expect(screen.getAllByTestId('library-entry')).toHaveLength(450);
    expect(screen.queryByTestId('show-more')).toBeNull();
  });
});
