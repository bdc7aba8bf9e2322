/**
 * Deterministic, realistic data for the benches (seeded PRNG; same seed, same data).
 *
 * The population is shaped like the real thing: academies (~200 students each) with their own
 * short price lists, so amounts repeat a lot; families whose children share the parent's phone
 * and a surname; one invoice per student per month over three months (Sep–Nov 2026), with
 * re-sends after 결제중단/발송실패; 고객명 often carrying notes ("이름(피아노)", "이름 (형)").
 * The population grows with the number of invoices (more academies), as it does in reality.
 */

import type { MacgaiPayment, ManagerInvoice } from '../lib/domain/model';
import { bizNoCheckDigit } from '../lib/domain/parse/bizno';
import { addDays } from '../lib/domain/parse/day';
import { makeInvoice, makePayment } from '../lib/domain/testing';

export type Rng = () => number;

/** mulberry32: small, fast, good enough for test data. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const int = (r: Rng, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
export function pick<T>(r: Rng, xs: readonly T[]): T {
  const x = xs[Math.floor(r() * xs.length)];
  if (x === undefined) throw new Error('pick from an empty list');
  return x;
}
const chance = (r: Rng, p: number): boolean => r() < p;
const digits = (r: Rng, n: number): string => {
  let s = '';
  for (let i = 0; i < n; i++) s += String(int(r, 0, 9));
  return s;
};
const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Surnames weighted roughly by frequency (김 and 이 repeated). */
const SURNAMES = [
  ...'김김김김이이이박박최정강조윤장임한오서신권황안송류홍전고문양손배백허유남심노',
];
const SYLLABLES = [...'민서준지현우하윤도예수연아은진영호성재유시건태원주채린나다가소율온결'];
const INSTRUMENTS = ['피아노', '클라리넷', '바이올린', '플루트', '드럼'];
const GRADES = ['초3', '초5', '중1', '중2', '고1'];
export const DAY0 = '2026-09-01'; // three months: 2026-09-01 … 2026-11-29
const COMMON_AMOUNTS = [
  150_000, 180_000, 191_000, 200_000, 210_000, 220_000, 230_000, 250_000, 260_000, 280_000, 300_000,
  320_000, 350_000, 380_000, 400_000, 450_000,
];

export function koreanGiven(r: Rng): string {
  return pick(r, SYLLABLES) + pick(r, SYLLABLES);
}

export function mobile(r: Rng): string {
  return `010${digits(r, 8)}`;
}

/** A valid 사업자등록번호 (10 digits, correct check digit). */
export function bizNo(r: Rng): string {
  const first9 = `${int(r, 101, 899)}${int(r, 81, 88)}${digits(r, 4)}`;
  return `${first9}${bizNoCheckDigit(first9) ?? 0}`;
}

interface Academy {
  id: string;
  name: string;
  prices: number[];
  billingDay: number; // day of month the academy sends invoices
}

interface Student {
  name: string;
  phone: string;
  academy: Academy;
  amount: number;
  sibling: boolean;
}

export interface Population {
  academies: Academy[];
  students: Student[];
}

/** About `invoices / 3` students (one invoice a month) in academies of ~200. */
export function population(r: Rng, invoices: number): Population {
  const nAcademies = Math.max(3, Math.round(invoices / 600));
  const academies: Academy[] = [];
  for (let i = 0; i < nAcademies; i++) {
    const prices = Array.from({ length: int(r, 3, 7) }, () =>
      chance(r, 0.8) ? pick(r, COMMON_AMOUNTS) : int(r, 90, 600) * 1000,
    );
    academies.push({
      id: `b:${bizNo(r)}`,
      name: `${pick(r, ['해솔', '한빛', '푸른', '새싹', '다온', '미래'])}${pick(r, ['수학', '영어', '피아노', '미술', '태권도'])}학원 ${i}`,
      prices,
      billingDay: int(r, 1, 25),
    });
  }
  const students: Student[] = [];
  const want = Math.ceil(invoices / 3);
  while (students.length < want) {
    const academy = pick(r, academies);
    const surname = pick(r, SURNAMES);
    const phone = mobile(r);
    const kids = chance(r, 0.6) ? 1 : chance(r, 0.75) ? 2 : 3;
    const shared = pick(r, SYLLABLES); // siblings often share a syllable: 민준 / 민지
    const amount = pick(r, academy.prices);
    for (let k = 0; k < kids; k++) {
      const given = kids > 1 && chance(r, 0.6) ? shared + pick(r, SYLLABLES) : koreanGiven(r);
      students.push({
        name: surname + given,
        phone,
        // 80% of siblings attend the same academy, and half of those the same course
        academy: k > 0 && chance(r, 0.2) ? pick(r, academies) : academy,
        amount: k > 0 && chance(r, 0.5) ? amount : pick(r, academy.prices),
        sibling: kids > 1,
      });
    }
  }
  return { academies, students };
}

/** 고객명 as staff type it: mostly the name, often with a note. */
function customerRaw(r: Rng, s: Student): string {
  const x = r();
  if (x < 0.6) return s.name;
  if (x < 0.7) return `${s.name}(${pick(r, INSTRUMENTS)})`;
  if (x < 0.78) return `${s.name} (${s.sibling ? pick(r, ['형', '동생', '누나']) : '본인'})`;
  if (x < 0.86) return `${s.name}-${pick(r, GRADES)}`;
  if (x < 0.92) return `${pick(r, GRADES)} ${s.name}`;
  if (x < 0.97) return `${s.name}/교재비12,900원포함`;
  return `${s.name} 학부모님`;
}

const STATUS_WEIGHTS: [string, number][] = [
  ['결제완료', 0.7],
  ['발송완료', 0.15],
  ['결제취소', 0.05],
  ['결제중단', 0.05],
  ['발송실패', 0.05],
];
function invoiceStatus(r: Rng): string {
  let x = r();
  for (const [s, w] of STATUS_WEIGHTS) {
    x -= w;
    if (x < 0) return s;
  }
  return '결제완료';
}

export interface MatchData {
  invoices: ManagerInvoice[];
  payments: MacgaiPayment[];
}

/**
 * `nInvoices` manager invoices and `nPayments` MacGai payments. ~85% of payments are 문자결제
 * for an invoice of theirs (paid 0–7 days after it was sent; 10% of them since cancelled, half
 * of those with 참고사항 '강제취소'); the rest are 카드/현금/계좌이체 with no invoice.
 */
export function matchData(seed: number, nInvoices: number, nPayments: number): MatchData {
  const r = rng(seed);
  const pop = population(r, nInvoices);
  const invoices: ManagerInvoice[] = [];
  const owner: Student[] = [];
  const add = (s: Student, day: string, status: string, amount: number) => {
    const time = `${pad2(int(r, 9, 21))}:${pad2(int(r, 0, 59))}`;
    const inv = makeInvoice({
      businessId: s.academy.id,
      customerRaw: customerRaw(r, s),
      phone: chance(r, 0.97) ? s.phone : mobile(r), // sometimes the other parent's phone
      reason: `${pick(r, ['9월', '10월', '11월'])} 수강료`,
      amount,
      registeredAt: `${day}T${time}`,
      status,
      paidAt: status === '결제완료' ? addDays(day, int(r, 0, 7)) : null,
      method: status === '결제완료' ? '카드' : null,
      approvalNo: status === '결제완료' ? digits(r, 8) : null,
    });
    invoices.push(inv);
    owner.push(s);
  };
  outer: for (let month = 0; ; month = (month + 1) % 3) {
    for (const s of pop.students) {
      if (invoices.length >= nInvoices) break outer;
      const dayOfMonth = Math.min(28, s.academy.billingDay + int(r, 0, 3));
      const day = addDays(DAY0, month * 30 + dayOfMonth - 1);
      // 10% pro-rated or with a textbook fee: an odd amount
      const amount = chance(r, 0.9)
        ? s.amount
        : chance(r, 0.5)
          ? Math.round((s.amount * int(r, 10, 19)) / 20 / 100) * 100
          : s.amount + 12_900;
      const status = invoiceStatus(r);
      add(s, day, status, amount);
      if ((status === '결제중단' || status === '발송실패') && invoices.length < nInvoices) {
        add(s, addDays(day, int(r, 1, 5)), '결제완료', amount); // re-sent
      }
    }
  }
  const payments: MacgaiPayment[] = [];
  const keys = new Set<string>();
  while (payments.length < nPayments) {
    let p: MacgaiPayment;
    if (chance(r, 0.85)) {
      const i = int(r, 0, invoices.length - 1);
      const inv = invoices[i];
      const s = owner[i];
      if (!inv || !s) continue;
      const cancelled = chance(r, 0.1);
      p = makePayment({
        businessId: chance(r, 0.9) ? inv.businessId : null,
        businessName: s.academy.name,
        customer: s.name,
        phone: chance(r, 0.8) ? s.phone : null,
        amount: inv.amount,
        date: addDays(inv.registeredAt.slice(0, 10), int(r, 0, 7)),
        method: '문자결제',
        status: cancelled ? '결제취소' : '결제완료',
        note: cancelled && chance(r, 0.5) ? '강제취소' : '',
      });
    } else {
      const s = pick(r, pop.students);
      p = makePayment({
        businessId: s.academy.id,
        businessName: s.academy.name,
        customer: s.name,
        phone: s.phone,
        amount: s.amount,
        date: addDays(DAY0, int(r, 0, 89)),
        method: pick(r, ['카드', '현금', '계좌이체', '카드POS']),
        status: '결제완료',
      });
    }
    if (keys.has(p.key)) continue; // a real list numbers twins; here we just skip them
    keys.add(p.key);
    payments.push(p);
  }
  return { invoices, payments };
}

/** Mixed inputs as the sites (and people) write them: mostly valid, some messy or invalid. */
export const parserInputs = {
  phone(r: Rng): string {
    const d = mobile(r);
    const [a, b, c] = [d.slice(0, 3), d.slice(3, 7), d.slice(7)];
    const x = r();
    if (x < 0.45) return `${a}-${b}-${c}`;
    if (x < 0.6) return d;
    if (x < 0.66) return `${a} ${b} ${c}`;
    if (x < 0.7) return `${a}.${b}.${c}`;
    if (x < 0.74) return `+82 ${a.slice(1)}-${b}-${c}`;
    if (x < 0.77) return `(${a})${b}-${c}`;
    if (x < 0.8) return `０１０－${b}－${c}`; // full-width, pasted from a spreadsheet
    if (x < 0.83) return `011-${b.slice(1)}-${c}`; // legacy 10-digit
    if (x < 0.86) return ` ${a}-${b}-${c}\u200b `;
    if (x < 0.9) return `${a}-${b}-${c.slice(1)}`; // a digit short
    if (x < 0.93) return `${a}-****-${c}`; // masked
    if (x < 0.96) return `02-${b.slice(1)}-${c}`; // landline
    if (x < 0.98) return '';
    return pick(r, ['없음', '-', '미등록']);
  },
  amount(r: Rng): string {
    const n = chance(r, 0.7) ? pick(r, COMMON_AMOUNTS) : int(r, 1, 999) * 100;
    const g = n.toLocaleString('en-US');
    const x = r();
    if (x < 0.35) return g;
    if (x < 0.6) return `${g}원`;
    if (x < 0.68) return String(n);
    if (x < 0.72) return `₩${g}`;
    if (x < 0.76) return `-${g}원`;
    if (x < 0.79) return `(${g})`;
    if (x < 0.82) return `△${g}`;
    if (x < 0.85) return `${n}.00`;
    if (x < 0.88) return ` ${g} 원 `;
    if (x < 0.9) return `KRW ${g}`;
    if (x < 0.93) return `${(n / 1000).toFixed(3)}`; // "150.000": ambiguous, rejected
    if (x < 0.95) return `${String(n).slice(0, 2)},${String(n).slice(2)}`; // bad grouping
    if (x < 0.97) return '';
    return pick(r, ['무료', '-', '미정']);
  },
  date(r: Rng): string {
    const day = addDays(DAY0, int(r, 0, 89));
    const [y, m, d] = day.split('-');
    const hh = int(r, 9, 21);
    const mm = pad2(int(r, 0, 59));
    const x = r();
    if (x < 0.3) return day;
    if (x < 0.45) return `${day} ${pad2(hh)}:${mm}:${pad2(int(r, 0, 59))}`;
    if (x < 0.55) return `${y}.${m}.${d}`;
    if (x < 0.6) return `${y}/${m}/${d}`;
    if (x < 0.65) return `${y}. ${Number(m)}. ${Number(d)}.`;
    if (x < 0.7) return `${y?.slice(2)}.${m}.${d}`;
    if (x < 0.74) return `${y}${m}${d}`;
    if (x < 0.79) return `${y}년 ${Number(m)}월 ${Number(d)}일`;
    if (x < 0.84) return `${day} ${hh < 12 ? '오전' : '오후'} ${hh > 12 ? hh - 12 : hh}:${mm}`;
    if (x < 0.87) return `${day}T${pad2(hh)}:${mm}`;
    if (x < 0.9) return `${y}.${m}.${d} (${pick(r, [...'일월화수목금토'])})`; // weekday often wrong
    if (x < 0.93) return `${y}-02-30`; // no such day
    if (x < 0.95) return `${day} 25:61`;
    if (x < 0.97) return '';
    return pick(r, ['어제', '미정', '-']);
  },
  bizNo(r: Rng): string {
    const n = bizNo(r);
    const f = `${n.slice(0, 3)}-${n.slice(3, 5)}-${n.slice(5)}`;
    const x = r();
    if (x < 0.55) return f;
    if (x < 0.7) return n;
    if (x < 0.76) return `${n.slice(0, 3)} ${n.slice(3, 5)} ${n.slice(5)}`;
    if (x < 0.8) return ` ${f} `;
    if (x < 0.83) return f.replace(/\d/g, (c) => String.fromCharCode(0xff10 + Number(c)));
    if (x < 0.9) return `${f.slice(0, -1)}${(Number(f.slice(-1)) + 1) % 10}`; // mistyped
    if (x < 0.94) return f.slice(0, -1); // short
    if (x < 0.97) return '';
    return pick(r, ['미등록', '개인', '-']);
  },
  name(r: Rng): string {
    const nm = pick(r, SURNAMES) + koreanGiven(r);
    const x = r();
    if (x < 0.45) return nm;
    if (x < 0.55) return `${nm}(${pick(r, INSTRUMENTS)})`;
    if (x < 0.61) return `${nm} (${pick(r, ['형', '동생', '누나'])})`;
    if (x < 0.67) return `${nm}-${pick(r, GRADES)}`;
    if (x < 0.72) return `2학년 ${nm}`;
    if (x < 0.76) return `[영어]${nm}`;
    if (x < 0.8) return `${nm}/치과진료비12,900원포함`;
    if (x < 0.83) return `${nm[0]} ${nm.slice(1)}`;
    if (x < 0.86) return `${nm}/${nm.slice(0, 2)}${pick(r, SYLLABLES)} 형제`;
    if (x < 0.89) return pick(r, ['John Smith', 'Kim Min-jun', 'Emily']);
    if (x < 0.92) return `<b>${nm}</b>`;
    if (x < 0.94) return `&lt;${nm}&gt;`;
    if (x < 0.96) return `${nm} 학부모님`;
    if (x < 0.98) return pick(r, ['(형)', '123', '-']);
    return '';
  },
} as const;
