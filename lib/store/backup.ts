import { z } from 'zod';
import type { Reconciliation, ReconState } from '@/lib/domain';
import { invoiceSchema, paymentSchema } from './contract';
import type { BusinessRow, ReconDb } from './db';

/**
 * Export and backup. A backup is everything except secrets: the cancel passwords live in their
 * own table, which nothing here reads. Import validates the whole file first and merges without
 * duplicates: a record already present keeps the newer state and gains the events it lacked.
 */

export const BACKUP_FORMAT = 'macgai-reconcile-backup';
export const BACKUP_VERSION = 1;

const state = z.enum(['pending', 'in_progress', 'resolved', 'dismissed', 'unverified', 'drift']);
const evidence = z.object({
  at: z.number(),
  source: z.enum(['manager-row', 'manual', 'audit']),
  invoice: invoiceSchema.nullable(),
  note: z.string().max(2000).optional(),
});
const event = z.object({
  at: z.number(),
  type: z.string().max(50),
  from: state.nullable(),
  to: state,
  reason: z.string().max(2000).optional(),
  evidence: evidence.optional(),
});
const record = z.object({
  id: z.string().min(3).max(400),
  businessId: z.string().max(300).nullable(),
  state,
  payment: paymentSchema.nullable(),
  invoice: invoiceSchema.nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  events: z.array(event).max(10_000),
});
const business = z.object({
  id: z.string().min(3).max(300),
  name: z.string().min(1).max(300),
  bizNo: z
    .string()
    .regex(/^\d{10}$/)
    .nullable(),
  smsPayStatus: z.string().max(50).nullable(),
  managerUrl: z.string().max(500).nullable(),
  managerAccount: z.string().max(300).nullable(),
  passwordPolicy: z.enum(['derive', 'stored', 'ask']),
  updatedAt: z.number(),
});

export const backupSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  exportedAt: z.number(),
  records: z.array(record).max(500_000),
  payments: z.array(paymentSchema).max(500_000),
  invoices: z.array(invoiceSchema).max(500_000),
  businesses: z.array(business).max(1_000),
  settings: z.object({ overdueDays: z.number().int().min(1).max(365).optional() }),
});
export type Backup = z.infer<typeof backupSchema>;

export async function makeBackup(db: ReconDb, now: number): Promise<Backup> {
  return db.transaction(
    'r',
    [db.records, db.payments, db.invoices, db.businesses, db.settings],
    async () => {
      const overdue = await db.settings.get('overdueDays');
      const records = (await db.records.toArray()).map(({ stateSince: _, ...r }) => r);
      return {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        exportedAt: now,
        records,
        payments: await db.payments.toArray(),
        invoices: await db.invoices.toArray(),
        businesses: (await db.businesses.toArray()).map((b: BusinessRow) => ({ ...b })),
        settings: typeof overdue?.value === 'number' ? { overdueDays: overdue.value } : {},
      };
    },
  );
}

/** Why a file is not a backup, in words for the user (the first problem found). */
export function parseBackup(
  input: unknown,
): { ok: true; backup: Backup } | { ok: false; problem: string } {
  const parsed = backupSchema.safeParse(input);
  if (parsed.success) return { ok: true, backup: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.join('.') || '(file)';
  return { ok: false, problem: `${where}: ${issue?.message ?? 'invalid'}` };
}

const eventKey = (e: Reconciliation['events'][number]) => `${e.at}|${e.type}|${e.from}|${e.to}`;

/** One record from two copies: the newer state, and every event either copy has, in time order. */
export function mergeRecord(mine: Reconciliation, theirs: Reconciliation): Reconciliation {
  const newer = theirs.updatedAt > mine.updatedAt ? theirs : mine;
  const events = new Map([...mine.events, ...theirs.events].map((e) => [eventKey(e), e]));
  return {
    ...newer,
    createdAt: Math.min(mine.createdAt, theirs.createdAt),
    events: [...events.values()].sort((a, b) => a.at - b.at),
  };
}

export type { ReconState };
