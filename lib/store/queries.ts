import { useLiveQuery } from 'dexie-react-hooks';
import { createContext, useContext } from 'react';
import type { ReconState } from '@/lib/domain/model';
import {
  type BusinessRow,
  DB_NAME,
  type DiagnosticRow,
  openDb,
  type ReconDb,
  type ReconRow,
} from './db';
import type { ExtraHost } from './extra-hosts';

/**
 * Extension pages read the store directly; these hooks re-render on every committed change (in
 * any tab). Pages never write here: every change goes through the background (client.ts).
 *
 * Every hook answers `undefined` while loading, then `{ data, error }`: a failed read (a closed or
 * blocked database) gives the empty value and the error, so a page can say so instead of hanging.
 */

let shared: ReconDb | null = null;
/**
 * The page's connection. Pages only read (every write goes through the background), so Dexie's
 * optimistic-update cache has nothing to do here, and in its default mode it deep-copies every
 * live-query result: 5,000 pending records copied on each popup open. Disabled.
 */
export function pageDb(): ReconDb {
  shared ??= openDb(DB_NAME, { cache: 'disabled' });
  return shared;
}

/**
 * Starts opening the page's database before the first render asks for it: the connection is
 * made while React sets up. A failure is not lost: every query of the page then fails with it
 * and the page says so.
 */
export function openPageDbEarly(): void {
  pageDb()
    .open()
    .catch(() => {});
}

/** The database the page's views read; tests provide their own. */
export const DbContext = createContext<ReconDb | null>(null);

export function useDb(): ReconDb {
  return useContext(DbContext) ?? pageDb();
}

export interface Loaded<T> {
  data: T;
  error: string | null;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function useSafeQuery<T>(
  query: () => Promise<T>,
  deps: unknown[],
  empty: T,
): Loaded<T> | undefined {
  return useLiveQuery(async () => {
    try {
      return { data: await query(), error: null };
    } catch (error) {
      return { data: empty, error: message(error) };
    }
  }, deps);
}

const OPEN = ['pending', 'in_progress'] as const;

/**
 * Records in the given states, oldest state first — most of the popup's first paint with
 * thousands of records, so: one equality read per state (IndexedDB reads each in bulk, getAll,
 * several times faster than a cursor over an `anyOf` range), inside an explicit read transaction
 * (one snapshot; and Dexie's live-query cache, which deep-clones every result it hands out, is
 * skipped — that clone alone doubled the time). The query stays live: Dexie still observes it.
 */
async function inStates(db: ReconDb, states: readonly ReconState[]): Promise<ReconRow[]> {
  const lists = await db.transaction('r', db.records, () =>
    Promise.all(states.map((s) => db.records.where('state').equals(s).toArray())),
  );
  const rows = lists.length === 1 ? (lists[0] ?? []) : lists.flat();
  return rows.sort((a, b) => a.stateSince - b.stateSince);
}

export interface PendingView {
  rows: ReconRow[];
  error: string | null;
}

/** Records still to be cancelled on the manager site (pending, in progress), oldest state first. */
export function usePending(db: ReconDb = pageDb()): PendingView | undefined {
  return useLiveQuery(async () => {
    try {
      const rows = await inStates(db, OPEN);
      return { rows, error: null };
    } catch (error) {
      return { rows: [], error: message(error) };
    }
  }, [db]);
}

const NO_ROWS: ReconRow[] = [];

/** Records in the given states, oldest state first. */
export function useRecordsIn(
  db: ReconDb,
  states: readonly ReconState[],
): Loaded<ReconRow[]> | undefined {
  const key = states.join(',');
  return useSafeQuery(
    async () => {
      return inStates(db, states);
    },
    [db, key],
    NO_ROWS,
  );
}

/**
 * How many records are in each of `states`, counted on the index (no record is loaded). Counting
 * walks the index, so a page counts only what it shows: the pending records it loads anyway, or
 * years of resolved ones, are not counted again.
 */
export function useStateCounts<S extends ReconState>(
  db: ReconDb,
  states: readonly S[],
): Loaded<Record<S, number>> | undefined {
  const key = states.join(',');
  return useSafeQuery(
    async () => {
      const counts = await Promise.all(
        states.map((s) => db.records.where('state').equals(s).count()),
      );
      return Object.fromEntries(states.map((s, i) => [s, counts[i] ?? 0])) as Record<S, number>;
    },
    [db, key],
    Object.fromEntries(states.map((s) => [s, 0])) as Record<S, number>,
  );
}

/** Whether any record is in one of `states` (one index entry read, however many there are). */
export function useAnyInStates(
  db: ReconDb,
  states: readonly ReconState[],
): Loaded<boolean> | undefined {
  const key = states.join(',');
  return useSafeQuery(
    async () => (await db.records.where('state').anyOf(states).first()) !== undefined,
    [db, key],
    false,
  );
}

/** The most recently resolved or dismissed records, newest first. */
export function useRecent(db: ReconDb, limit = 20): Loaded<ReconRow[]> | undefined {
  return useSafeQuery(
    async () => {
      const lists = await Promise.all(
        (['resolved', 'dismissed'] as const).map((state) =>
          db.records
            .where('[state+stateSince]')
            .between([state, -Infinity], [state, Infinity], true, true)
            .reverse()
            .limit(limit)
            .toArray(),
        ),
      );
      return lists
        .flat()
        .sort((a, b) => b.stateSince - a.stateSince)
        .slice(0, limit);
    },
    [db, limit],
    NO_ROWS,
  );
}

const NO_BUSINESSES: BusinessRow[] = [];

/** Every business, by name. */
export function useBusinesses(db: ReconDb): Loaded<BusinessRow[]> | undefined {
  return useSafeQuery(
    async () => (await db.businesses.toArray()).sort((a, b) => a.name.localeCompare(b.name, 'ko')),
    [db],
    NO_BUSINESSES,
  );
}

const NO_IDS: ReadonlySet<string> = new Set();

/**
 * Which businesses have a stored cancel password. Reads the secrets table's keys only: the
 * passwords themselves are never loaded into a page.
 */
export function useStoredPasswords(db: ReconDb): Loaded<ReadonlySet<string>> | undefined {
  return useSafeQuery(
    async () => new Set((await db.secrets.toCollection().primaryKeys()) as string[]),
    [db],
    NO_IDS,
  );
}

/** One setting, or `fallback` when it is not set (or not of the fallback's type). */
export function useSetting<T extends string | number | boolean>(
  db: ReconDb,
  key: string,
  fallback: T,
): Loaded<T> | undefined {
  return useSafeQuery(
    async () => {
      const value = (await db.settings.get(key))?.value;
      return typeof value === typeof fallback ? (value as T) : fallback;
    },
    [db, key, fallback],
    fallback,
  );
}

const NO_HOSTS: ExtraHost[] = [];

/** The sites added in the options page (settings key 'extraHosts'). */
export function useExtraHosts(db: ReconDb): Loaded<ExtraHost[]> | undefined {
  return useSafeQuery(
    async () => {
      const value = (await db.settings.get('extraHosts'))?.value;
      return Array.isArray(value)
        ? (value as ExtraHost[]).filter(
            (h) => typeof h?.origin === 'string' && (h.site === 'macgai' || h.site === 'manager'),
          )
        : NO_HOSTS;
    },
    [db],
    NO_HOSTS,
  );
}

export interface DiagnosticsView {
  rows: DiagnosticRow[];
  total: number;
}

/** The newest diagnostics (pages the extension did not recognise) and how many there are. */
export function useDiagnostics(db: ReconDb, limit = 50): Loaded<DiagnosticsView> | undefined {
  return useSafeQuery(
    async () => ({
      rows: await db.diagnostics.orderBy('at').reverse().limit(limit).toArray(),
      total: await db.diagnostics.count(),
    }),
    [db, limit],
    { rows: [], total: 0 },
  );
}
