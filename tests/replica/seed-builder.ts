/** Builds seed rows as linked drafts; ids are given at the end in chronological order. */
import { addDays, daysBetween, digits, hyphenPhone, type Rng } from './format';
import type { Invoice, InvoiceStatus, PayMethod, Payment, PayStatus, Student } from './types';

export interface DraftStudent extends Omit<Student, 'siblingIds'> {
  level: '초' | '중' | '고';
  prefMethod: PayMethod;
  tuition: number;
}

export interface DraftInvoice extends Omit<Invoice, 'paymentId'> {
  payment: DraftPayment | null;
}

export interface DraftPayment extends Omit<Payment, 'studentId' | 'invoiceId'> {
  student: DraftStudent;
  invoices: DraftInvoice[];
  /** Time of day, for ordering and ids. */
  time: string;
}

export type Outcome = 'paid' | 'pending' | 'stopped' | 'failed';

export interface SmsOpts {
  item: string;
  amount: number;
  sent: string;
  outcome: Outcome;
  customerName?: string;
  /** Force the stored phone format; random otherwise. */
  phoneStyle?: 'hyphen' | 'plain';
  /** Days from send to payment when paid. */
  paidAfter?: number;
}

const CARD_COMPANIES = [
  '신한카드',
  '삼성카드',
  '현대카드',
  'KB국민카드',
  '롯데카드',
  '하나카드',
  '우리카드',
  'BC카드',
  'NH농협카드',
];

const INVOICE_STATUS: Record<Outcome, InvoiceStatus> = {
  paid: '결제완료',
  pending: '발송완료',
  stopped: '결제중단',
  failed: '발송실패',
};

export class SeedBuilder {
  readonly students: DraftStudent[] = [];
  readonly payments: DraftPayment[] = [];
  readonly invoices: DraftInvoice[] = [];

  constructor(
    readonly rng: Rng,
    readonly baseDate: string,
  ) {}

  addStudent(s: Omit<DraftStudent, 'id'>): DraftStudent {
    const st: DraftStudent = { ...s, id: 0 };
    this.students.push(st);
    return st;
  }

  private newInvoice(st: DraftStudent, o: SmsOpts, p: DraftPayment | null): DraftInvoice {
    const r = this.rng;
    const hp =
      (o.phoneStyle ?? (r.chance(0.55) ? 'hyphen' : 'plain')) === 'hyphen'
        ? hyphenPhone(st.parentHp)
        : digits(st.parentHp);
    const inv: DraftInvoice = {
      id: 0,
      businessId: st.businessId,
      customerName: o.customerName ?? st.name,
      phone: hp,
      reason: o.item,
      amount: o.amount,
      registeredAt: `${o.sent} ${r.time(9, 20)}`,
      status: INVOICE_STATUS[o.outcome],
      paidAt: '-',
      payMethod: '-',
      cardCompany: '-',
      approvalNo: '-',
      payment: p,
    };
    if (o.outcome === 'paid') {
      const maxDelay = Math.max(0, Math.min(6, daysBetween(o.sent, this.baseDate)));
      const delay = Math.min(o.paidAfter ?? r.int(0, maxDelay), maxDelay);
      const card = r.chance(0.86);
      inv.paidAt = `${addDays(o.sent, delay)} ${r.time(delay === 0 ? 21 : 8, 22)}`;
      if (inv.paidAt < inv.registeredAt) inv.paidAt = `${o.sent} 22:${r.pad(r.int(10, 59), 2)}:00`;
      inv.payMethod = card ? '신용카드' : '계좌이체';
      inv.cardCompany = card ? r.pick(CARD_COMPANIES) : '-';
      inv.approvalNo = r.pad(r.int(10_000_000, 99_999_999), 8);
    }
    this.invoices.push(inv);
    return inv;
  }

  /** A 문자결제 payment with its AllTalkPay invoice. */
  sms(st: DraftStudent, o: SmsOpts): DraftPayment {
    const p: DraftPayment = {
      id: 0,
      student: st,
      businessId: st.businessId,
      item: o.item,
      date: o.sent,
      amount: o.amount,
      method: '문자결제',
      route: '알림톡',
      status: '결제대기',
      payer: '학부모',
      note: '',
      receipt: '-',
      invoices: [],
      time: '',
    };
    const inv = this.newInvoice(st, o, p);
    p.invoices.push(inv);
    this.syncSms(p);
    this.payments.push(p);
    return p;
  }

  /** Re-send after 결제중단: the old invoice stays, a new one becomes current. */
  resend(p: DraftPayment, o: Omit<SmsOpts, 'item' | 'amount'>): DraftInvoice {
    const old = p.invoices[p.invoices.length - 1];
    if (old && old.status === '발송완료') old.status = '결제중단';
    const inv = this.newInvoice(p.student, { ...o, item: p.item, amount: p.amount }, p);
    p.invoices.push(inv);
    this.syncSms(p);
    return inv;
  }

  /** Derive the MacGai side of a 문자결제 from its current invoice. */
  syncSms(p: DraftPayment): void {
    const inv = current(p);
    if (!inv) return;
    const paid = inv.status === '결제완료' || inv.status === '결제취소';
    p.date = (paid ? inv.paidAt : inv.registeredAt).slice(0, 10);
    p.time = (paid ? inv.paidAt : inv.registeredAt).slice(11);
    p.status = paid ? '결제완료' : '결제대기';
    p.receipt = paid ? '발행' : '-';
    const md = `${inv.registeredAt.slice(5, 7)}/${inv.registeredAt.slice(8, 10)}`;
    p.note = paid
      ? `[문자결제] ${inv.payMethod === '신용카드' ? `${inv.cardCompany} 일시불` : '계좌이체'}`
      : `[문자결제] 알림톡 발송 ${md}`;
  }

  /** Any other 결제수단: no invoice. */
  offline(
    st: DraftStudent,
    o: { item: string; amount: number; date: string; method: PayMethod; status?: PayStatus },
  ): DraftPayment {
    const r = this.rng;
    const m = o.method;
    const route =
      m === '카드'
        ? '학부모앱'
        : m.startsWith('CMS')
          ? 'CMS자동이체'
          : m.startsWith('가상계좌')
            ? '가상계좌'
            : m.startsWith('무통장')
              ? '계좌이체'
              : '학원방문';
    const payer =
      route === '학원방문' || route === '계좌이체'
        ? r.pick(['김선영', '이지혜', '박정민'])
        : route === 'CMS자동이체'
          ? 'CMS'
          : '학부모';
    const receipt =
      m === '현금' || m === '무통장입금'
        ? '미발행'
        : ['현금영수증', '무통장영수증', '카드', '카드POS'].includes(m)
          ? '발행'
          : '-';
    const p: DraftPayment = {
      id: 0,
      student: st,
      businessId: st.businessId,
      item: o.item,
      date: o.date,
      amount: o.amount,
      method: m,
      route,
      status: o.status ?? '결제완료',
      payer,
      note: '',
      receipt,
      invoices: [],
      time: r.time(10, 21),
    };
    this.payments.push(p);
    return p;
  }

  /** Give ids in chronological order and resolve links. */
  build(): { students: Student[]; payments: Payment[]; invoices: Invoice[] } {
    this.students.forEach((s, i) => {
      s.id = 1001 + i;
    });
    const pays = [...this.payments].sort(
      (a, b) =>
        `${a.date} ${a.time}`.localeCompare(`${b.date} ${b.time}`) || a.student.id - b.student.id,
    );
    pays.forEach((p, i) => {
      p.id = 500_001 + i;
    });
    const invs = [...this.invoices].sort((a, b) => a.registeredAt.localeCompare(b.registeredAt));
    invs.forEach((inv, i) => {
      inv.id = 880_001 + i;
    });
    const byPhone = new Map<string, number[]>();
    for (const s of this.students)
      byPhone.set(s.parentHp, [...(byPhone.get(s.parentHp) ?? []), s.id]);
    const students: Student[] = this.students.map(
      ({ level: _l, prefMethod: _m, tuition: _t, ...s }) => ({
        ...s,
        siblingIds: (byPhone.get(s.parentHp) ?? []).filter((id) => id !== s.id),
      }),
    );
    const payments: Payment[] = pays.map(({ student, invoices, time: _t, ...p }) => ({
      ...p,
      studentId: student.id,
      invoiceId: invoices[invoices.length - 1]?.id ?? null,
    }));
    const invoices: Invoice[] = invs.map(({ payment, ...inv }) => ({
      ...inv,
      paymentId: payment?.id ?? null,
    }));
    return { students, payments, invoices };
  }
}

export function current(p: DraftPayment): DraftInvoice | undefined {
  return p.invoices[p.invoices.length - 1];
}
