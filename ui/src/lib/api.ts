// The only module that talks to the Rust side. Every command returns a typed
// promise that rejects with an `IpcError` ({ code, message }).

import { invoke } from '@tauri-apps/api/core';
import { getCurrentWindow } from '@tauri-apps/api/window';
import type { Brief, BriefContent, BriefSummary, IpcError, SavedDraft } from './bindings';

export function isIpcError(value: unknown): value is IpcError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as IpcError).code === 'string' &&
    typeof (value as IpcError).message === 'string'
  );
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (caught) {
    throw isIpcError(caught) ? caught : ({ code: 'ipc', message: String(caught) } satisfies IpcError);
  }
}

export const api = {
  createBrief: () => call<Brief>('create_brief'),
  getBrief: (id: string) => call<Brief>('get_brief', { id }),
  listBriefs: () => call<BriefSummary[]>('list_briefs'),
  saveDraft: (id: string, expectedRevision: number, content: BriefContent) =>
    call<SavedDraft>('save_draft', { id, expected_revision: expectedRevision, content }),
  deleteBrief: (id: string) => call<null>('delete_brief', { id }),
};

/**
 * Runs `beforeClose` (a final save) when the main window is asked to close;
 * the window stays open when it resolves to false.
 */
export function beforeWindowCloses(beforeClose: () => Promise<boolean>): Promise<() => void> {
  return getCurrentWindow().onCloseRequested(async (event) => {
    if (!(await beforeClose())) event.preventDefault();
  });
}
