import { create } from 'zustand';
import type { AuditRun, AuditRunner } from '@/lib/audit/client';
import type { AuditSite } from '@/lib/audit/headers';
import type { AuditOptions } from '@/lib/audit/model';
import { CancelledError } from '@/lib/audit/report';
import type { AuditProgress, AuditResult } from '@/lib/audit/run';

/**
 * The audit page's state: the files dropped in each slot, the business and period picked, the
 * run (progress, result) and the last commit. Nothing here is written to the store: the page
 * commits only what the user confirms (see ReportView).
 */

export type RunStatus = 'idle' | 'running' | 'done' | 'failed' | 'cancelled';

export interface Notice {
  kind: 'done' | 'error';
  text: string;
}

export interface AuditUi {
  files: Record<AuditSite, File[]>;
  businessId: string;
  from: string;
  to: string;
  status: RunStatus;
  progress: AuditProgress | null;
  result: AuditResult | null;
  /** The file names per slot of the result (the slots may change after the run). */
  names: Record<AuditSite, string[]>;
  error: string | null;
  busy: 'pending' | 'drift' | null;
  notice: Notice | null;
  addFiles(site: AuditSite, files: readonly File[]): void;
  removeFile(site: AuditSite, index: number): void;
  setBusiness(id: string): void;
  setPeriod(from: string, to: string): void;
  start(runner: AuditRunner, options: AuditOptions): Promise<void>;
  cancel(): void;
  setBusy(busy: AuditUi['busy']): void;
  setNotice(notice: Notice | null): void;
}

const INITIAL = {
  files: { manager: [], macgai: [] },
  businessId: '',
  from: '',
  to: '',
  status: 'idle',
  progress: null,
  result: null,
  names: { manager: [], macgai: [] },
  error: null,
  busy: null,
  notice: null,
} satisfies Partial<AuditUi>;

let current: AuditRun | null = null;

/** A change of input makes the last result stale: it is cleared, not silently kept. */
const stale = { status: 'idle', result: null, progress: null, error: null, notice: null } as const;

export const useAudit = create<AuditUi>()((set, get) => ({
  ...INITIAL,
  addFiles: (site, files) =>
    set((s) => ({ files: { ...s.files, [site]: [...s.files[site], ...files] }, ...stale })),
  removeFile: (site, index) =>
    set((s) => ({
      files: { ...s.files, [site]: s.files[site].filter((_, i) => i !== index) },
      ...stale,
    })),
  setBusiness: (businessId) => set({ businessId, ...stale }),
  setPeriod: (from, to) => set({ from, to, ...stale }),
  async start(runner, options) {
    current?.cancel();
    const { files } = get();
    const names = {
      manager: files.manager.map((f) => f.name),
      macgai: files.macgai.map((f) => f.name),
    };
    set({ status: 'running', progress: null, result: null, error: null, notice: null, names });
    const run = runner(files, options, (progress) => {
      if (current === run) set({ progress });
    });
    current = run;
    try {
      const result = await run.result;
      if (current === run) set({ status: 'done', result });
    } catch (error) {
      if (current !== run) return;
      if (error instanceof CancelledError) set({ status: 'cancelled' });
      else set({ status: 'failed', error: error instanceof Error ? error.message : String(error) });
    } finally {
      if (current === run) current = null;
    }
  },
  cancel() {
    current?.cancel();
  },
  setBusy: (busy) => set({ busy }),
  setNotice: (notice) => set({ notice }),
}));

/** Back to an empty page (tests). */
export function resetAudit(): void {
  current?.cancel();
  current = null;
  useAudit.setState({ ...INITIAL, files: { manager: [], macgai: [] } });
}
