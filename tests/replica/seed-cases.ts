/** The named situations the tests drive: special students with hand-placed payments. */
import { current, type DraftPayment, type DraftStudent } from './seed-builder';
import type { Level, Population } from './seed-population';

export const MARKUP_NAME = '이수아<img src=x onerror=alert(1)>';

export const RESERVED_NAMES = [
  '윤서진',
  '한지우',
  '정민서',
  '정민호',
  '최예린',
  '오태윤',
  '이수아',
  MARKUP_NAME,
  '배준호',
  '서하준',
  '문채원',
  '장도윤',
  '임소율',
  '송지호',
  '권나연',
  '황시우',
  '조하은',
  '강하라',
  '홍선우',
];

export interface CaseDrafts {
  forceCancelTarget: DraftPayment;
  paidForceCancelTarget: DraftPayment;
  siblingsSamePhone: [DraftPayment, DraftPayment];
  normalCancelTarget: DraftPayment;
  paidNormalCancelTarget: DraftPayment;
  markupName: DraftPayment;
  resentAfterStop: DraftPayment;
  alreadyForceCancelled: DraftPayment;
  alreadyForceCancelledPending: DraftPayment;
  forceCancelWordInNote: DraftPayment;
  forceCancelWordInStatus: DraftPayment;
  managerOnlyCancel: DraftPayment;
  normalCancelled: DraftPayment;
  normalCancelledPending: DraftPayment;
  sameAmountTwiceInMonth: [DraftPayment, DraftPayment];
  freeTextName: DraftPayment;
  freeTextName2: DraftPayment;
}

export function buildCases(pop: Population): CaseDrafts {
  const b = pop.b;
  const r = pop.rng;

  /** A special student with two quiet, fully paid months (Sep, Oct). */
  const kid = (
    name: string,
    level: Level,
    grade: number,
    businessId: number,
    tuition: number,
    parentHp?: string,
  ): DraftStudent => {
    const st = pop.student({ name, level, grade, businessId, prefMethod: '문자결제', parentHp });
    st.tuition = tuition;
    const item = businessId === 1 ? '수강료' : '레슨비';
    for (const m of [9, 10]) {
      b.sms(st, {
        item: `${m}월 ${item}`,
        amount: tuition,
        sent: `2026-${r.pad(m, 2)}-0${r.int(1, 5)}`,
        outcome: 'paid',
      });
    }
    return st;
  };
  const nov = (
    st: DraftStudent,
    sent: string,
    outcome: 'paid' | 'pending' | 'stopped',
    o: {
      item?: string;
      amount?: number;
      customerName?: string;
      phoneStyle?: 'hyphen' | 'plain';
    } = {},
  ): DraftPayment =>
    b.sms(st, {
      item: o.item ?? (st.businessId === 1 ? '11월 수강료' : '11월 레슨비'),
      amount: o.amount ?? st.tuition,
      sent: `2026-11-${sent}`,
      outcome,
      paidAfter: 1,
      customerName: o.customerName,
      phoneStyle: o.phoneStyle,
    });
  const inv = (p: DraftPayment) => {
    const i = current(p);
    if (!i) throw new Error('case without invoice');
    return i;
  };

  const yoon = kid('윤서진', '중', 2, 1, 280_000);
  nov(yoon, '03', 'paid', { item: '11월 교재비', amount: 15_000 });
  const forceCancelTarget = nov(yoon, '18', 'pending', { phoneStyle: 'plain' });

  const paidForceCancelTarget = nov(kid('한지우', '고', 1, 1, 350_000), '03', 'paid');

  const jungPhone = pop.phone();
  const minseo = kid('정민서', '초', 5, 1, 220_000, jungPhone);
  const minho = kid('정민호', '초', 3, 1, 220_000, jungPhone);
  // Both invoices were registered under the parent's name, as some academies do for siblings:
  // only the 청구사유 and the dates tell them apart, so the extension must ask.
  const siblingsSamePhone: [DraftPayment, DraftPayment] = [
    nov(minseo, '19', 'pending', {
      phoneStyle: 'hyphen',
      customerName: '정경희(학부모)',
      item: '11월 수강료 정민서',
    }),
    nov(minho, '20', 'pending', {
      phoneStyle: 'plain',
      customerName: '정경희(학부모)',
      item: '11월 수강료 정민호',
    }),
  ];

  const normalCancelTarget = nov(kid('최예린', '중', 1, 1, 280_000), '17', 'pending');
  const paidNormalCancelTarget = nov(kid('오태윤', '고', 2, 1, 420_000), '02', 'paid');

  const markupName = nov(kid(MARKUP_NAME, '초', 4, 2, 180_000), '16', 'pending');

  const resentAfterStop = nov(kid('배준호', '중', 3, 1, 320_000), '02', 'stopped', {
    phoneStyle: 'hyphen',
  });
  b.resend(resentAfterStop, { sent: '2026-11-12', outcome: 'pending', phoneStyle: 'hyphen' });

  const alreadyForceCancelled = nov(kid('서하준', '고', 1, 1, 350_000), '06', 'paid');
  alreadyForceCancelled.status = '결제취소';

  const alreadyForceCancelledPending = nov(kid('문채원', '초', 6, 2, 200_000), '10', 'pending');
  alreadyForceCancelledPending.status = '대기취소';

  const forceCancelWordInNote = nov(kid('장도윤', '중', 2, 1, 280_000), '02', 'paid');
  forceCancelWordInNote.status = '결제취소';
  forceCancelWordInNote.note = `${forceCancelWordInNote.note} / 강제취소 - 환불 요청(올톡페이 별도 취소 필요)`;

  const forceCancelWordInStatus = nov(kid('임소율', '초', 4, 2, 180_000), '04', 'paid');
  forceCancelWordInStatus.status = '강제취소';

  const managerOnlyCancel = nov(kid('송지호', '고', 3, 1, 420_000), '03', 'paid');
  inv(managerOnlyCancel).status = '결제취소';

  const normalCancelled = nov(kid('권나연', '중', 1, 1, 280_000), '04', 'paid');
  normalCancelled.status = '결제취소';
  inv(normalCancelled).status = '결제취소';

  const hwang = kid('황시우', '초', 2, 2, 150_000);
  nov(hwang, '02', 'paid');
  const normalCancelledPending = nov(hwang, '09', 'pending', {
    item: '11월 재료비',
    amount: 20_000,
  });
  normalCancelledPending.status = '대기취소';
  inv(normalCancelledPending).status = '파기';

  const jo = kid('조하은', '중', 2, 1, 280_000);
  const sameAmountTwiceInMonth: [DraftPayment, DraftPayment] = [
    nov(jo, '03', 'paid'),
    nov(jo, '16', 'pending'),
  ];

  const freeTextName = nov(kid('강하라', '초', 3, 1, 220_000), '13', 'pending', {
    amount: 232_900,
    customerName: '강하라/치과진료비12,900원포함',
  });
  const freeTextName2 = nov(kid('홍선우', '중', 1, 2, 250_000), '05', 'paid', {
    customerName: '홍선우(클라리넷)',
  });

  return {
    forceCancelTarget,
    paidForceCancelTarget,
    siblingsSamePhone,
    normalCancelTarget,
    paidNormalCancelTarget,
    markupName,
    resentAfterStop,
    alreadyForceCancelled,
    alreadyForceCancelledPending,
    forceCancelWordInNote,
    forceCancelWordInStatus,
    managerOnlyCancel,
    normalCancelled,
    normalCancelledPending,
    sameAmountTwiceInMonth,
    freeTextName,
    freeTextName2,
  };
}
