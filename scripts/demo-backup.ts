// A realistic backup built from the MacGai replica's seeded academy (students, parent phones,
// amounts, the two businesses): used by scripts/screenshots.ts and by the popup's large-list
// check in tests/e2e/pages.e2e.ts. It goes in through the options page's import, as a user's would.
import {
  createRecord,
  invoiceKey,
  type MacgaiPayment,
  type ManagerInvoice,
  paymentKey,
  type Reconciliation,
  transition,
} from '../lib/domain';
import type { ReconAction } from '../lib/domain/recon/machine';
import { BACKUP_FORMAT, BACKUP_VERSION, type Backup } from '../lib/store/backup';
import { createSeed } from '../tests/replica/seed';

export interface DemoOptions {
  /** How many records wait for the manager site (pending; every 7th is in progress). */
  pending?: number;
  /** Also a few to check, drift, resolved and dismissed records. */
  others?: boolean;
  now?: number;
}

const MINUTE = 60_000;
const digits = (s: string) => s.replace(/\D/g, '');

function step(r: Reconciliation, action: ReconAction, at: number): Reconciliation {
  const next = transition(r, action, at);
  if (!next.ok) throw new Error(next.error.message);
  return next.value;
}

export function demoBackup({ pending = 12, others = true, now = Date.now() }: DemoOptions = {}) {
  const seed = createSeed();
  const businessId = (id: number) => {
    const b = seed.businesses.find((x) => x.id === id);
    return b ? `b:${digits(b.bizNo)}` : null;
  };
  const students = new Map(seed.students.map((s) => [s.id, s]));
  // The newest payments first: what an academy force-cancels this week is this month's billing.
  const sms = seed.payments
    .filter((p) => p.method === '문자결제')
    .sort((a, b) => b.date.localeCompare(a.date) || a.id - b.id);
  const invoices = new Map(seed.invoices.map((i) => [i.id, i]));

  const paymentOf = (i: number, status: string): MacgaiPayment => {
    const p = sms[i % sms.length];
    const st = p ? students.get(p.studentId) : undefined;
    if (!p || !st) throw new Error('seed changed');
    const fields = {
      businessId: businessId(p.businessId),
      businessName: seed.businesses.find((b) => b.id === p.businessId)?.name ?? null,
      customer: st.name,
      phone: digits(st.parentHp),
      amount: p.amount,
      date: p.date,
      method: '문자결제',
      status,
      note: status === '결제취소' || status === '대기취소' ? '강제취소' : '',
      cause: null,
    } satisfies Omit<MacgaiPayment, 'key'>;
    return { ...fields, key: paymentKey(fields, Math.floor(i / sms.length)) };
  };
  const invoiceOf = (i: number): ManagerInvoice => {
    const p = sms[i % sms.length];
    const inv = p?.invoiceId ? invoices.get(p.invoiceId) : undefined;
    if (!p || !inv) throw new Error('seed changed');
    const fields = {
      businessId: businessId(inv.businessId),
      customer: inv.customerName.replace(/[(/].*$/, '').trim(),
      customerRaw: inv.customerName,
      phone: digits(inv.phone),
      reason: inv.reason,
      amount: inv.amount,
      registeredAt: inv.registeredAt.slice(0, 16).replace(' ', 'T'),
      status: '결제취소',
      paidAt: null,
      method: null,
      cardCompany: null,
      approvalNo: null,
    } satisfies Omit<ManagerInvoice, 'key'>;
    return { ...fields, key: invoiceKey(fields) };
  };

  const records: Reconciliation[] = [];
  // Spread over the last week, the oldest first, so some are past the 3-day badge limit.
  const age = (i: number, n: number) => now - Math.round(((n - i) / n) * 6.5 * 1440 + 7) * MINUTE;
  for (let i = 0; i < pending; i++) {
    const at = age(i, pending);
    let r = createRecord('payment', { ...paymentOf(i, '대기취소'), cause: 'force' }, at);
    if (i % 7 === 3) r = step(r, { type: 'start' }, at + 5 * MINUTE);
    records.push(r);
  }
  if (others) {
    let k = pending + 40;
    const next = () => k++;
    for (let j = 0; j < 3; j++) {
      const p = { ...paymentOf(next(), '결제취소'), cause: 'unknown' as const };
      records.push(
        createRecord('payment', p, now - (j + 1) * 190 * MINUTE, { state: 'unverified' }),
      );
    }
    for (let j = 0; j < 2; j++) {
      const i = next();
      records.push(
        createRecord('drift', invoiceOf(i), now - (j + 2) * 600 * MINUTE, {
          payment: { ...paymentOf(i, '결제완료') },
        }),
      );
    }
    const reasons = ['매니저 사이트에서 직접 결제취소함', '학부모 요청으로 재발송 후 취소 확인'];
    for (let j = 0; j < 2; j++) {
      const at = now - (j + 1) * 45 * MINUTE;
      const r = createRecord(
        'payment',
        { ...paymentOf(next(), '결제취소'), cause: 'force' },
        at - 2 * 1440 * MINUTE,
      );
      records.push(
        step(
          r,
          {
            type: 'resolve',
            reason: reasons[j],
            evidence: { at, source: 'manual', invoice: null, note: reasons[j] },
          },
          at,
        ),
      );
    }
    const d = createRecord(
      'payment',
      { ...paymentOf(next(), '대기취소'), cause: 'force' },
      now - 3 * 1440 * MINUTE,
    );
    records.push(
      step(d, { type: 'dismiss', reason: '같은 청구서를 이미 파기함' }, now - 30 * MINUTE),
    );
  }
  const payments = records.flatMap((r) => (r.payment ? [r.payment] : []));
  const backup: Backup = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: now,
    records,
    payments,
    invoices: records.flatMap((r) => (r.invoice ? [r.invoice] : [])),
    businesses: seed.businesses.map((b) => ({
      id: `b:${digits(b.bizNo)}`,
      name: b.name,
      bizNo: digits(b.bizNo),
      smsPayStatus: b.smsPayStatus,
      managerUrl: null,
      managerAccount: b.loginId,
      passwordPolicy: 'derive' as const,
      updatedAt: now,
    })),
    settings: { overdueDays: 3 },
  };
  return backup;
}
