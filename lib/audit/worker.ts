/**
 * The audit's Web Worker: reads the dropped files, matches and builds the report off the page's
 * thread, posting progress as it goes. A 'cancel' message is honoured between files and between
 * chunks of payments; the page also terminates the worker outright, so a cancel never waits for
 * a long read to end.
 */
import type { FromWorker, ToWorker } from './protocol';
import { CancelledError } from './report';
import { runAudit } from './run';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker): void;
};

let cancelled = false;

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'cancel') {
    cancelled = true;
    return;
  }
  cancelled = false;
  runAudit(message, {
    progress: (progress) => scope.postMessage({ type: 'progress', progress }),
    cancelled: () => cancelled,
  }).then(
    (result) => scope.postMessage({ type: 'done', result }),
    (error: unknown) => {
      if (error instanceof CancelledError) scope.postMessage({ type: 'cancelled' });
      else
        scope.postMessage({ type: 'error', message: String((error as Error)?.message ?? error) });
    },
  );
};
