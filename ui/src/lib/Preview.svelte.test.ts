import { fireEvent, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import Preview from './Preview.svelte';

describe('Preview', () => {
  it('keeps the rendering under a held button, so a link pressed is the link released', async () => {
    const view = render(Preview, { props: { html: '<p>Read <a href="https://example.com/">the wire</a>.</p>' } });
    const link = screen.getByText('the wire');
    await fireEvent.mouseDown(link);
    await view.rerender({ html: '<p>Read <a href="https://example.com/">the wire</a>. More.</p>' });
    flushSync();
    expect(screen.getByText('the wire')).toBe(link);
    expect(screen.getByTestId('preview').textContent).toBe('Read the wire.');
    await fireEvent.mouseUp(window);
    flushSync();
    // The click comes right after the release, to the same link.
    expect(screen.getByText('the wire')).toBe(link);
    await new Promise((resolve) => setTimeout(resolve));
    flushSync();
    expect(screen.getByTestId('preview').textContent).toBe('Read the wire. More.');
  });
});
