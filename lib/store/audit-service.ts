import {
  createRecord,
  driftRecordId,
  type Evidence,
  type MacgaiPayment,
  mentionsForceCancel,
  paymentRecordId,
  transition,
} from '@/lib/domain';
import type { AuditCommitReport, Payload } from './contract';
import type { ReconDb, ReconRow } from './db';
import { toRow } from './service';

/**
 * The month-end audit's findings, written once the user confirms them. The audit saw both sides
 * in the exports, so it knows more than an overlay that saw one:
 * - cancelled in MacGai, live on the manager site → 'pending' (whatever the cause: a normal
 *   cancel would have reached the manager site). A new record is created pending with the
 *   invoice and the audit as evidence; an 'unverified' one is confirmed (confirmForce). A record
 *   the store already tracks in any other state is kept as it is: the audit never undoes a
 *   decision, and the same payment is never recorded twice.
 * - cancelled on the manager site, live in MacGai → a drift record, unless the store already has
 *   one for the invoice or for the payment, or an open record of the payment.
 */

export const AUDIT_REASON = '월말 대사';

interface Deps {
  db: ReconDb;
  now(): number;
  changed(): void;
}

export function createAuditService({ db, now, changed }: Deps) {
  async function commit(p: Payload<'audit.commit'>): Promise<AuditCommitReport> {
    const t = now();
    const report: AuditCommitReport = { added: 0, alreadyKnown: 0, driftAdded: 0 };
    await db.transaction('rw', [db.records, db.payments], async () => {
      const writes = new Map<string, ReconRow>();
      const ids = p.pending.map((x) => paymentRecordId(x.payment));
      const existing = await db.records.bulkGet(ids);
      p.pending.forEach((x, k) => {
        const id = ids[k] as string;
        if (writes.has(id)) {
          report.alreadyKnown++;
          return;
        }
        const evidence: Evidence = {
          at: t,
          source: 'audit',
          invoice: x.invoice,
          note: '맥가이 취소 · 매니저 사이트 청구서 살아 있음',
        };
        const old = existing[k];
        if (!old) {
          const payment: MacgaiPayment = {
            ...x.payment,
            cause:
              x.payment.cause ??
              (mentionsForceCancel(x.payment.status, x.payment.note) ? 'force' : 'unknown'),
          };
          const record = createRecord('payment', payment, t, {
            state: 'pending',
            reason: AUDIT_REASON,
          });
          const [created] = record.events;
          writes.set(
            id,
            toRow({
              ...record,
              invoice: x.invoice,
              events: created ? [{ ...created, evidence }] : record.events,
            }),
          );
          report.added++;
        } else if (old.state === 'unverified') {
          const next = transition(old, { type: 'confirmForce', evidence, reason: AUDIT_REASON }, t);
          if (next.ok) {
            writes.set(id, toRow(next.value));
            report.added++;
          } else report.alreadyKnown++;
        } else report.alreadyKnown++;
      });

      for (const x of p.drift) {
        const id = driftRecordId(x.invoice);
        const related = await db.records.where('payment.key').equals(x.payment.key).toArray();
        const tracked =
          writes.has(id) ||
          (await db.records.get(id)) !== undefined ||
          related.some((r) => r.id.startsWith('d:') || r.state !== 'dismissed');
        if (tracked) {
          report.alreadyKnown++;
          continue;
        }
        const record = createRecord('drift', x.invoice, t, {
          payment: x.payment,
          reason: `${AUDIT_REASON}: 매니저 사이트에서만 취소됨`,
        });
        writes.set(id, toRow(record));
        report.driftAdded++;
      }

      if (writes.size > 0) await db.records.bulkPut([...writes.values()]);
      const payments = [...p.pending, ...p.drift].map((x) => x.payment);
      const known = await db.payments.bulkGet(payments.map((x) => x.key));
      const fresh = payments.filter((_, k) => known[k] === undefined);
      if (fresh.length > 0) await db.payments.bulkPut(fresh);
    });
    if (report.added + report.driftAdded > 0) changed();
    return report;
  }

  return { commit };
}
