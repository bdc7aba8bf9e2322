import { parseBizNo } from '@/lib/domain';
import { mergeRecord, parseBackup } from './backup';
import type { ImportReport, Payload } from './contract';
import type { BusinessRow, ReconDb, ReconRow } from './db';
import { businessIdFor, toRow } from './service';

/**
 * What the popup and options pages change: businesses (and their cancel password, which only
 * this file writes), settings, imports, clearing. Every change goes through the background so the
 * badge and every open tab follow it.
 */

interface Deps {
  db: ReconDb;
  now(): number;
  changed(): void;
}

export class PageError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PageError';
  }
}

export function createPagesService({ db, now, changed }: Deps) {
  async function saveBusiness(p: Payload<'business.save'>): Promise<{ id: string }> {
    let bizNo: string | null = null;
    if (p.bizNo) {
      const parsed = parseBizNo(p.bizNo);
      if (!parsed.ok) throw new PageError(parsed.error.code, parsed.error.message);
      bizNo = parsed.value;
    }
    const id = p.id ?? businessIdFor(p.name, bizNo);
    await db.transaction('rw', [db.businesses, db.secrets], async () => {
      const old = await db.businesses.get(id);
      const row: BusinessRow = {
        id,
        name: p.name.trim(),
        bizNo,
        smsPayStatus: old?.smsPayStatus ?? null,
        managerUrl: p.managerUrl,
        managerAccount: p.managerAccount,
        passwordPolicy: p.passwordPolicy,
        updatedAt: now(),
      };
      await db.businesses.put(row);
      if (p.password === null) await db.secrets.delete(id);
      else if (p.password !== undefined)
        await db.secrets.put({ businessId: id, cancelPassword: p.password });
    });
    changed();
    return { id };
  }

  async function deleteBusiness(id: string) {
    await db.transaction('rw', [db.businesses, db.secrets], async () => {
      await db.businesses.delete(id);
      await db.secrets.delete(id);
    });
    changed();
    return { deleted: true };
  }

  async function setSetting(p: Payload<'settings.set'>) {
    await db.settings.put({ key: p.key, value: p.value });
    changed();
    return { saved: true };
  }

  async function importBackup(input: unknown): Promise<ImportReport> {
    const parsed = parseBackup(input);
    if (!parsed.ok) throw new PageError('invalid_backup', parsed.problem);
    const { backup } = parsed;
    const report: ImportReport = { added: 0, merged: 0, unchanged: 0, businesses: 0 };
    await db.transaction(
      'rw',
      [db.records, db.payments, db.invoices, db.businesses, db.settings],
      async () => {
        const existing = await db.records.bulkGet(backup.records.map((r) => r.id));
        const writes: ReconRow[] = [];
        backup.records.forEach((theirs, i) => {
          const mine = existing[i];
          if (!mine) {
            writes.push(toRow(theirs));
            report.added++;
            return;
          }
          const merged = mergeRecord(mine, theirs);
          if (JSON.stringify(toRow(merged)) === JSON.stringify(mine)) report.unchanged++;
          else {
            writes.push(toRow(merged));
            report.merged++;
          }
        });
        await db.records.bulkPut(writes);
        const known = new Set((await db.payments.toCollection().primaryKeys()) as string[]);
        await db.payments.bulkPut(backup.payments.filter((p) => !known.has(p.key)));
        const knownInvoices = new Set((await db.invoices.toCollection().primaryKeys()) as string[]);
        await db.invoices.bulkPut(backup.invoices.filter((i) => !knownInvoices.has(i.key)));
        for (const b of backup.businesses) {
          if (await db.businesses.get(b.id)) continue;
          await db.businesses.put(b);
          report.businesses++;
        }
        if (backup.settings.overdueDays !== undefined && !(await db.settings.get('overdueDays'))) {
          await db.settings.put({ key: 'overdueDays', value: backup.settings.overdueDays });
        }
      },
    );
    changed();
    return report;
  }

  async function clearAll() {
    await db.transaction('rw', db.tables, async () => {
      await Promise.all(db.tables.map((t) => t.clear()));
    });
    changed();
    return { cleared: true };
  }

  async function clearDiagnostics() {
    const n = await db.diagnostics.count();
    await db.diagnostics.clear();
    changed();
    return { cleared: n };
  }

  return { saveBusiness, deleteBusiness, setSetting, importBackup, clearAll, clearDiagnostics };
}
