// Summing up an import for the user: how many briefs arrived, and each
// file that did not, with its reason.

import type { BriefSummary, FileImport } from './bindings';

export interface ImportReport {
  imported: BriefSummary[];
  failures: string[];
}

export function summariseImport(outcomes: FileImport[]): ImportReport {
  return {
    imported: outcomes.flatMap((o) => (o.brief ? [o.brief] : [])),
    failures: outcomes.flatMap((o) => (o.error ? [o.error] : [])),
  };
}

export function importMessage(report: ImportReport): string {
  const n = report.imported.length;
  return n === 1 ? 'Imported 1 brief.' : `Imported ${n} briefs.`;
}
