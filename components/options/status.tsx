import { useCallback, useState } from 'react';
import { errorText } from '../common/errors';

export type Status = { kind: 'done' | 'error'; text: string } | null;

/** A section's last outcome: what was done, or why it failed. */
export function useStatus() {
  const [status, setStatus] = useState<Status>(null);
  const done = useCallback((text: string) => setStatus({ kind: 'done', text }), []);
  const fail = useCallback(
    (error: unknown) => setStatus({ kind: 'error', text: errorText(error) }),
    [],
  );
  const clear = useCallback(() => setStatus(null), []);
  return { status, done, fail, clear };
}

/** Announced politely when done, at once (alert) when something failed. */
export function StatusLine({ status }: { status: Status }) {
  if (!status) return <p className="status" role="status" />;
  return status.kind === 'error' ? (
    <p className="status status--error" role="alert">
      {status.text}
    </p>
  ) : (
    <p className="status status--done" role="status">
      {status.text}
    </p>
  );
}
