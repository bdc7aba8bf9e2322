import Dexie, { type DexieOptions, type EntityTable } from 'dexie';
import type { MacgaiPayment, ManagerInvoice, Reconciliation } from '@/lib/domain/model';

/**
 * The extension's own IndexedDB. This is the only file that opens Dexie. The background owns
 * writes; the popup, options and audit pages (same extension origin) read it with liveQuery.
 */

export type PasswordPolicy = 'derive' | 'stored' | 'ask';

export interface BusinessRow {
  /** 'b:<10 digits>' when the 사업자번호 is known, else 'n:<사업자명>'. */
  id: string;
  name: string;
  bizNo: string | null;
  /** 문자결제상태 as MacGai shows it ('사용가능'). */
  smsPayStatus: string | null;
  managerUrl: string | null;
  managerAccount: string | null;
  passwordPolicy: PasswordPolicy;
  updatedAt: number;
}

/** Kept apart from every other table so no export or backup can include it by accident. */
export interface SecretRow {
  businessId: string;
  cancelPassword: string;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

export interface DiagnosticRow {
  id?: number;
  at: number;
  site: 'macgai' | 'manager';
  url: string;
  pageKind: string;
  missing: string[];
}

export interface LogRow {
  id?: number;
  at: number;
  type: string;
  businessId: string | null;
  detail: string;
}

/** The user pressed a cancel button on a selected row; kept until its status changes or expires. */
export interface IntentRow {
  key: string;
  action: 'force' | 'normal';
  at: number;
  payment: MacgaiPayment;
}

/** A stored record as of schema v2: `stateSince` is when the current state began. */
export type ReconRow = Reconciliation & { stateSince: number };

export type ReconDb = Dexie & {
  records: EntityTable<ReconRow, 'id'>;
  payments: EntityTable<MacgaiPayment, 'key'>;
  invoices: EntityTable<ManagerInvoice, 'key'>;
  businesses: EntityTable<BusinessRow, 'id'>;
  secrets: EntityTable<SecretRow, 'businessId'>;
  settings: EntityTable<SettingRow, 'key'>;
  diagnostics: EntityTable<DiagnosticRow, 'id'>;
  log: EntityTable<LogRow, 'id'>;
  intents: EntityTable<IntentRow, 'key'>;
};

export const DB_NAME = 'macgai-reconcile';

/** Version 1's schema, kept verbatim: Dexie needs it to upgrade old databases. */
export const SCHEMA_V1 = {
  records: 'id, state, businessId, updatedAt',
  payments: 'key, businessId, status',
  invoices: 'key, businessId, phone, status',
  businesses: 'id, name',
  secrets: 'businessId',
  settings: 'key',
  diagnostics: '++id, at',
  log: '++id, at',
  intents: 'key, at',
};

/**
 * Version 2 adds `stateSince` (when a record entered its state) with per-state and per-business
 * lookups (the badge counts without loading records), and lookups by payment key (drift records
 * carry the MacGai payment they contradict).
 */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  records: 'id, state, businessId, updatedAt, [businessId+state], [state+stateSince], payment.key',
};

/**
 * Version 3 drops the records indexes no query needs: `state` and `businessId` are exact prefixes
 * of `[state+stateSince]` and `[businessId+state]`, which Dexie 4 serves `where('state')` /
 * `where('businessId')` from (virtual indexes: the same key ranges, one index fewer to maintain
 * per write), and nothing reads by `updatedAt`. Every record is still an individually indexed
 * row: each state lookup, count and the badge's per-business counts use an index.
 *
 * Also since v3, a force-cancelled payment that created a record is kept only inside that record
 * (`record.payment`) unless a later sighting adds something the record lacks; the payments table
 * holds the other payments (live ones, normal cancels) and those later additions. Older databases
 * and backups, where every payment also has its own row, read the same.
 */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  records: 'id, [businessId+state], [state+stateSince], payment.key',
};

/** When the record entered its current state: the last event's time, else its creation. */
export function stateSinceOf(record: Reconciliation): number {
  const last = record.events[record.events.length - 1];
  return last?.at ?? record.createdAt;
}

/**
 * The database, under `name`. `options` go to Dexie: extension pages pass `cache: 'disabled'`
 * (see queries.ts).
 */
export function openDb(name = DB_NAME, options?: DexieOptions): ReconDb {
  const db = new Dexie(name, options) as ReconDb;
  db.version(1).stores(SCHEMA_V1);
  db.version(2)
    .stores(SCHEMA_V2)
    .upgrade((tx) =>
      tx
        .table<ReconRow>('records')
        .toCollection()
        .modify((row) => {
          row.stateSince = stateSinceOf(row);
        }),
    );
  db.version(3).stores(SCHEMA_V3);
  return db;
}
