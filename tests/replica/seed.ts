/**
 * Deterministic seed of the shared replica state: 2 businesses, 150 students, Sep–Nov 2026
 * payments and AllTalkPay invoices, plus the named `cases` the e2e tests drive.
 * Same seed → same state. The replica's "today" is BASE_DATE; the real clock is never read.
 */
import { digits, makeBizNo, money, Rng, won } from './format';
import { current, type DraftPayment, SeedBuilder } from './seed-builder';
import { buildCases, RESERVED_NAMES } from './seed-cases';
import { MONTHS, Population } from './seed-population';
import type { Academy, Business, CaseRef, Cases, ReplicaState } from './types';

export const DEFAULT_SEED = 20_261_126;
export const BASE_DATE = '2026-11-26';
export const START_CLOCK = `${BASE_DATE} 10:00:00`;

export const ACADEMY: Academy = {
  name: '해솔학원 대치본원',
  userName: '박정민 원장',
  userId: 'haesol_admin',
  token: 'A7F3C91E5B2D4C60',
};

function business(b: Omit<Business, 'cancelPassword' | 'smsPayStatus'>): Business {
  return { ...b, smsPayStatus: '사용가능', cancelPassword: digits(b.bizNo).slice(-6) };
}

export function seedBusinesses(): Business[] {
  return [
    business({
      id: 1,
      name: '해솔수학학원',
      bizNo: makeBizNo('220816251'),
      taxType: '면세',
      alias: '해솔수학(본원)',
      catId: '2031457701',
      phone: '02-555-1234',
      ceo: '박정민',
      address: '서울특별시 강남구 삼성로 301, 3층 (대치동, 해솔빌딩)',
      loginId: 'haesol01',
      password: 'haesol!2026',
    }),
    business({
      id: 2,
      name: '해솔아트앤뮤직',
      bizNo: makeBizNo('105870428'),
      taxType: '과세',
      alias: '해솔예체능',
      catId: '2031457702',
      phone: '02-555-1235',
      ceo: '김은정',
      address: '서울특별시 강남구 삼성로 301, 4층 (대치동, 해솔빌딩)',
      loginId: 'haesolart',
      password: 'art!2026',
    }),
  ];
}

export function createSeed(seed: number = DEFAULT_SEED): ReplicaState {
  const rng = new Rng(seed);
  const b = new SeedBuilder(rng, BASE_DATE);
  const pop = new Population(b, RESERVED_NAMES);
  const drafts = buildCases(pop);
  const ordinary = pop.families(16);
  while (b.students.length < 150) ordinary.push(pop.student({}));
  const ordinaryPays = ordinary.flatMap((st) => MONTHS.flatMap((m) => pop.month(st, m)));
  pop.history(ordinaryPays);
  // shuffle so the special students do not sit at the first ids
  for (let i = b.students.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const a = b.students[i];
    const c = b.students[j];
    if (a && c) [b.students[i], b.students[j]] = [c, a];
  }
  const built = b.build();
  if (built.invoices.length < 600)
    throw new Error(`seed ${seed}: only ${built.invoices.length} invoices`);

  const businesses = seedBusinesses();
  const ref = (d: DraftPayment): CaseRef => {
    const p = built.payments.find((x) => x.id === d.id);
    const st = built.students.find((x) => x.id === d.student.id);
    if (!p || !st) throw new Error('case lost');
    const inv = built.invoices.find((x) => x.id === current(d)?.id) ?? null;
    return {
      studentId: st.id,
      studentName: st.name,
      parentHp: st.parentHp,
      studentHp: st.studentHp,
      businessId: p.businessId,
      paymentId: p.id,
      item: p.item,
      date: p.date,
      amount: p.amount,
      amountText: money(p.amount),
      paymentStatus: p.status,
      invoiceId: inv?.id ?? null,
      invoiceStatus: inv?.status ?? null,
      customerName: inv?.customerName ?? null,
      invoicePhone: inv?.phone ?? null,
      registeredAt: inv?.registeredAt ?? null,
      invoiceAmountText: inv ? won(inv.amount) : null,
    };
  };
  const old = drafts.resentAfterStop.invoices[0];
  if (!old) throw new Error('resentAfterStop without its first invoice');
  const [s1, s2] = drafts.siblingsSamePhone;
  const [t1, t2] = drafts.sameAmountTwiceInMonth;
  const cases: Cases = {
    forceCancelTarget: ref(drafts.forceCancelTarget),
    paidForceCancelTarget: ref(drafts.paidForceCancelTarget),
    siblingsSamePhone: { parentHp: s1.student.parentHp, members: [ref(s1), ref(s2)] },
    normalCancelTarget: ref(drafts.normalCancelTarget),
    paidNormalCancelTarget: ref(drafts.paidNormalCancelTarget),
    markupName: ref(drafts.markupName),
    resentAfterStop: {
      ...ref(drafts.resentAfterStop),
      oldInvoiceId: old.id,
      oldInvoiceStatus: old.status,
    },
    alreadyForceCancelled: ref(drafts.alreadyForceCancelled),
    alreadyForceCancelledPending: ref(drafts.alreadyForceCancelledPending),
    forceCancelWordInNote: ref(drafts.forceCancelWordInNote),
    forceCancelWordInStatus: ref(drafts.forceCancelWordInStatus),
    managerOnlyCancel: ref(drafts.managerOnlyCancel),
    normalCancelled: ref(drafts.normalCancelled),
    normalCancelledPending: ref(drafts.normalCancelledPending),
    sameAmountTwiceInMonth: { first: ref(t1), second: ref(t2) },
    freeTextName: ref(drafts.freeTextName),
    freeTextName2: ref(drafts.freeTextName2),
  };

  return {
    seed,
    baseDate: BASE_DATE,
    clock: START_CLOCK,
    academy: { ...ACADEMY },
    businesses,
    credentials: businesses.map((x) => ({
      businessId: x.id,
      name: x.name,
      loginId: x.loginId,
      password: x.password,
      cancelPassword: x.cancelPassword,
    })),
    ...built,
    log: [],
    cases,
  };
}
