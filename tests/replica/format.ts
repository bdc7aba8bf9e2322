/** Small pure helpers: number/phone/date formatting, the 사업자번호 check digit, a seeded PRNG. */

/** 150000 → "150,000" */
export function money(n: number): string {
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.abs(Math.round(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 150000 → "150,000원" */
export function won(n: number): string {
  return `${money(n)}원`;
}

export function digits(s: string): string {
  return s.replace(/\D/g, '');
}

/** "01012345678" → "010-1234-5678" (3-3-4 for 10 digits). */
export function hyphenPhone(s: string): string {
  const d = digits(s);
  if (d.length === 11) return `${d.slice(0, 3)}-${d.slice(3, 7)}-${d.slice(7)}`;
  if (d.length === 10) return `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`;
  return s;
}

const BIZ_WEIGHTS = [1, 3, 7, 1, 3, 7, 1, 3, 5];

/** Check digit of a 사업자등록번호 from its first nine digits. */
export function bizNoCheckDigit(first9: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(first9[i]) * (BIZ_WEIGHTS[i] ?? 0);
  sum += Math.floor((Number(first9[8]) * 5) / 10);
  return (10 - (sum % 10)) % 10;
}

export function isValidBizNo(bizNo: string): boolean {
  const d = digits(bizNo);
  return d.length === 10 && bizNoCheckDigit(d.slice(0, 9)) === Number(d[9]);
}

/** "220816251" → "220-81-62517" */
export function makeBizNo(first9: string): string {
  const d = first9 + String(bizNoCheckDigit(first9));
  return `${d.slice(0, 3)}-${d.slice(3, 5)}-${d.slice(5)}`;
}

// ---- dates (plain calendar strings; the replica lives in Asia/Seoul and never reads the clock)

function toUtc(ymd: string): Date {
  return new Date(`${ymd.slice(0, 10)}T00:00:00Z`);
}

function fromUtc(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(ymd: string, days: number): string {
  const d = toUtc(ymd);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

export function addMonths(ymd: string, months: number): string {
  const d = toUtc(ymd);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return fromUtc(d);
}

export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / 86_400_000);
}

/** "2026-11-26 10:00:00" plus minutes. */
export function addMinutes(stamp: string, minutes: number): string {
  const d = new Date(`${stamp.replace(' ', 'T')}Z`);
  d.setUTCMinutes(d.getUTCMinutes() + minutes);
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

export function isYmd(s: string | null | undefined): s is string {
  return typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s);
}

// ---- seeded PRNG (mulberry32)

export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    const v = items[Math.floor(this.next() * items.length)];
    if (v === undefined) throw new Error('pick from empty list');
    return v;
  }
  pad(n: number, width: number): string {
    return String(n).padStart(width, '0');
  }
  time(fromHour: number, toHour: number): string {
    return `${this.pad(this.int(fromHour, toHour), 2)}:${this.pad(this.int(0, 59), 2)}:${this.pad(this.int(0, 59), 2)}`;
  }
}
