/** The random part of the seed: ordinary students and their Sep–Nov payments. */
import { addDays, daysBetween, type Rng } from './format';
import {
  current,
  type DraftPayment,
  type DraftStudent,
  type Outcome,
  type SeedBuilder,
} from './seed-builder';
import { PAY_METHODS, type PayMethod } from './types';

const SURNAMES =
  '김 김 김 이 이 박 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 홍 전 고 문 양 손 배'.split(
    ' ',
  );
const GIVEN =
  '민준 서준 도윤 예준 시우 하준 주원 지호 지후 준서 준우 현우 도현 지훈 건우 우진 선우 서진 민재 현준 연우 유준 정우 승우 승현 시윤 준혁 은우 지환 승민 서연 서윤 지우 서현 민서 하은 하윤 윤서 지유 지민 채원 지윤 은서 수아 다은 예은 지아 수빈 소율 예린 하린 서아 시은 유나 아린 채은 가은 나은 예서 하율 태민 재윤 동현 민성 혜원 소윤'.split(
    ' ',
  );
const SCHOOLS = {
  초: ['대치초등학교', '대곡초등학교', '대현초등학교', '도성초등학교', '대도초등학교'],
  중: ['대청중학교', '대명중학교', '휘문중학교', '숙명여자중학교', '단대부중'],
  고: ['휘문고등학교', '숙명여자고등학교', '중동고등학교', '단대부고', '경기고등학교'],
} as const;
const TUITION = {
  초: [180_000, 220_000, 250_000],
  중: [280_000, 320_000],
  고: [350_000, 420_000, 450_000],
};
const LESSON = [150_000, 180_000, 200_000, 250_000];
const INSTRUMENTS = ['피아노', '바이올린', '플루트', '첼로', '미술', '클라리넷'];
const MEMOS = [
  '형제할인 10% 적용',
  '12월분 선납',
  '교재 추가분 포함',
  '카드 분할결제 요청',
  '보강 포함',
];
export const MONTHS = [9, 10, 11] as const;

export type Level = '초' | '중' | '고';

export class Population {
  private usedNames = new Set<string>();
  private usedPhones = new Set<string>();

  constructor(
    readonly b: SeedBuilder,
    reserved: Iterable<string>,
  ) {
    for (const n of reserved) this.usedNames.add(n);
  }

  get rng(): Rng {
    return this.b.rng;
  }

  name(surname?: string): string {
    for (;;) {
      const n = (surname ?? this.rng.pick(SURNAMES)) + this.rng.pick(GIVEN);
      if (!this.usedNames.has(n)) {
        this.usedNames.add(n);
        return n;
      }
    }
  }

  phone(): string {
    for (;;) {
      const p = `010-${this.rng.int(2000, 9999)}-${this.rng.pad(this.rng.int(0, 9999), 4)}`;
      if (!this.usedPhones.has(p)) {
        this.usedPhones.add(p);
        return p;
      }
    }
  }

  /** A student with random details; the caller may fix any of them. */
  student(o: {
    name?: string;
    surname?: string;
    parentHp?: string;
    businessId?: number;
    level?: Level;
    grade?: number;
    prefMethod?: PayMethod;
  }): DraftStudent {
    const r = this.rng;
    const level = o.level ?? r.pick<Level>(['초', '초', '초', '초', '중', '중', '중', '고', '고']);
    const grade = o.grade ?? r.int(1, level === '초' ? 6 : 3);
    const hasHp = level === '초' ? grade >= 4 && r.chance(0.5) : r.chance(0.9);
    const businessId = o.businessId ?? (r.chance(0.65) ? 1 : 2);
    const name = o.name ?? this.name(o.surname);
    if (o.name) this.usedNames.add(o.name);
    const parentHp = o.parentHp ?? this.phone();
    this.usedPhones.add(parentHp);
    return this.b.addStudent({
      name,
      grade: `${level}${grade}`,
      school: r.pick(SCHOOLS[level]),
      parentHp,
      studentHp: hasHp ? this.phone() : '',
      businessId,
      enrolledAt: addDays('2024-03-02', r.int(0, 900)),
      level,
      prefMethod:
        o.prefMethod ??
        (r.chance(0.87) ? '문자결제' : r.pick(PAY_METHODS.filter((m) => m !== '문자결제'))),
      tuition: businessId === 1 ? r.pick(TUITION[level]) : r.pick(LESSON),
    });
  }

  /** A random 고객명 variant now and then, as staff type them on the manager site. */
  customerName(st: DraftStudent): string {
    const r = this.rng;
    if (!r.chance(0.07)) return st.name;
    return r.pick([
      `${st.name}(${st.grade})`,
      `${st.name} 학부모님`,
      `${st.name}(${r.pick(INSTRUMENTS)})`,
      `${st.name}어머님`,
    ]);
  }

  outcome(sent: string): Outcome {
    const r = this.rng.next();
    if (daysBetween(sent, this.b.baseDate) > 14) {
      return r < 0.89 ? 'paid' : r < 0.95 ? 'stopped' : r < 0.97 ? 'failed' : 'pending';
    }
    return r < 0.5 ? 'paid' : r < 0.94 ? 'pending' : 'failed';
  }

  /** One month of ordinary items for a student. */
  month(st: DraftStudent, m: number, onlySms = false): DraftPayment[] {
    const r = this.rng;
    const mm = r.pad(m, 2);
    const items: [string, number][] = [];
    if (st.businessId === 1) {
      items.push([`${m}월 수강료`, st.tuition]);
      if (r.chance(0.75))
        items.push([`${m}월 교재비`, r.pick([12_000, 15_000, 18_000, 22_000, 25_000])]);
      if (r.chance(0.2)) items.push([`${m}월 특강비`, r.pick([50_000, 80_000, 120_000])]);
    } else {
      items.push([`${m}월 레슨비`, st.tuition]);
      if (r.chance(0.5)) items.push([`${m}월 재료비`, r.pick([15_000, 20_000, 30_000])]);
    }
    const lastDay = m === 11 ? 24 : 9;
    const sent = `2026-${mm}-${r.pad(r.int(1, lastDay), 2)}`;
    return items.map(([item, amount]) => {
      const method = onlySms || !r.chance(0.06) ? st.prefMethod : r.pick(PAY_METHODS);
      if (method === '문자결제' || onlySms) {
        const p = this.b.sms(st, {
          item,
          amount,
          sent,
          outcome: this.outcome(sent),
          customerName: this.customerName(st),
        });
        const inv = current(p);
        if (inv?.status === '결제중단' && r.chance(0.5)) {
          const again = addDays(sent, r.int(3, 7));
          if (again <= this.b.baseDate)
            this.b.resend(p, { sent: again, outcome: this.outcome(again) });
        }
        return p;
      }
      const date = method.startsWith('CMS') ? `2026-${mm}-05` : sent;
      const recent = daysBetween(date, this.b.baseDate) <= 10;
      const waiting = method.startsWith('가상계좌') && recent && r.chance(0.4);
      const p = this.b.offline(st, {
        item,
        amount,
        date,
        method,
        status: waiting ? '결제대기' : '결제완료',
      });
      if (r.chance(0.06)) p.note = r.pick(MEMOS);
      return p;
    });
  }

  /** Past cancels and drift among ordinary rows, like a live academy accumulates. */
  history(payments: DraftPayment[]): void {
    const r = this.rng;
    for (const p of payments) {
      const inv = current(p);
      const x = r.next();
      if (!inv) {
        if (p.status === '결제완료' && x < 0.01) p.status = '결제취소';
        continue;
      }
      if (p.status === '결제완료') {
        if (x < 0.012) {
          p.status = '결제취소';
          inv.status = '결제취소';
        } else if (x < 0.02)
          p.status = '결제취소'; // force-cancelled: manager still 결제완료
        else if (x < 0.027) inv.status = '결제취소'; // cancelled on the manager site only
      } else if (inv.status === '발송완료') {
        if (x < 0.03) {
          p.status = '대기취소';
          inv.status = '파기';
        } else if (x < 0.045)
          p.status = '대기취소'; // force-cancelled while waiting
        else if (x < 0.055) inv.status = '파기'; // destroyed on the manager site only
      }
      if (r.chance(0.04) && !p.note.includes('강제')) p.note += ` / ${r.pick(MEMOS)}`;
    }
  }

  /** Families whose children share one 학부모HP. */
  families(count: number): DraftStudent[] {
    const out: DraftStudent[] = [];
    for (let f = 0; f < count; f++) {
      const surname = this.rng.pick(SURNAMES);
      const parentHp = this.phone();
      const size = f % 4 === 3 ? 3 : 2;
      const businessId = this.rng.chance(0.65) ? 1 : 2;
      for (let k = 0; k < size; k++) {
        const mixed = this.rng.chance(0.15) ? 3 - businessId : businessId;
        out.push(this.student({ surname, parentHp, businessId: mixed }));
      }
    }
    return out;
  }
}
