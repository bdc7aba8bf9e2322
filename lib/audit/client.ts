/**
 * The page's side of the audit worker. `startAudit` reads the dropped files into ArrayBuffers,
 * hands them to a fresh worker (transferred, not copied) and resolves with the result; `cancel`
 * terminates the worker at once. Vite bundles worker.ts (and everything it imports) into its own
 * file of the extension, loaded from the extension's origin, as MV3's CSP requires.
 */
import type { AuditOptions } from './model';
import type { FromWorker, RunRequest } from './protocol';
import { CancelledError } from './report';
import type { AuditProgress, AuditResult } from './run';

export interface AuditRun {
  result: Promise<AuditResult>;
  cancel(): void;
}

export type AuditRunner = (
  files: { manager: File[]; macgai: File[] },
  options: AuditOptions,
  onProgress: (p: AuditProgress) => void,
) => AuditRun;

async function buffers(files: File[]) {
  return Promise.all(files.map(async (f) => ({ name: f.name, data: await f.arrayBuffer() })));
}

/** Runs the audit in a Web Worker. */
export const workerRunner: AuditRunner = (files, options, onProgress) => {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  let settle: { reject(e: unknown): void } | null = null;
  let done = false;
  const result = new Promise<AuditResult>((resolve, reject) => {
    settle = { reject };
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      const m = event.data;
      if (m.type === 'progress') onProgress(m.progress);
      else {
        done = true;
        worker.terminate();
        if (m.type === 'done') resolve(m.result);
        else if (m.type === 'cancelled') reject(new CancelledError());
        else reject(new Error(m.message));
      }
    };
    worker.onerror = (event) => {
      done = true;
      worker.terminate();
      reject(new Error(event.message || 'worker failed'));
    };
    (async () => {
      const [manager, macgai] = await Promise.all([buffers(files.manager), buffers(files.macgai)]);
      if (done) return;
      const request: RunRequest = { type: 'run', manager, macgai, options };
      worker.postMessage(
        request,
        [...manager, ...macgai].map((f) => f.data),
      );
    })().catch((error: unknown) => {
      done = true;
      worker.terminate();
      reject(error);
    });
  });
  return {
    result,
    cancel() {
      if (done) return;
      done = true;
      worker.postMessage({ type: 'cancel' });
      worker.terminate();
      settle?.reject(new CancelledError());
    },
  };
};
