import { useLiveQuery } from 'dexie-react-hooks';
import { openDb, type ReconDb, type ReconRow } from './db';

/** Extension pages read the store directly; these hooks re-render on every committed change. */

let shared: ReconDb | null = null;
export function pageDb(): ReconDb {
  shared ??= openDb();
  return shared;
}

export interface PendingView {
  rows: ReconRow[];
  error: string | null;
}

export function usePending(db: ReconDb = pageDb()): PendingView | undefined {
  return useLiveQuery(async () => {
    try {
      const rows = await db.records.where('state').anyOf(['pending', 'in_progress']).toArray();
      rows.sort((a, b) => a.stateSince - b.stateSince);
      return { rows, error: null };
    } catch (error) {
      return { rows: [], error: error instanceof Error ? error.message : String(error) };
    }
  }, [db]);
}
