// What a click on a link in the preview, the history or a diff does: never
// navigate the app's window. Ctrl+click (or the context menu's "Open Link")
// opens an absolute link in the desktop's browser; the Rust side allows only
// http, https and mailto. A relative link does nothing.

export type LinkAction = { kind: 'open'; href: string } | { kind: 'hint' } | { kind: 'nothing' };

export function linkAction(href: string | null, explicit: boolean): LinkAction {
  if (href === null || !/^[a-z][a-z0-9+.-]*:/i.test(href.trim())) return { kind: 'nothing' };
  return explicit ? { kind: 'open', href: href.trim() } : { kind: 'hint' };
}
