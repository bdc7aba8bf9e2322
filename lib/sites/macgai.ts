import type { PageSpec, SiteAdapter } from './types';

/**
 * MacGai (맥가이), as a person sees it (../shared/SITES.md). Pages are tried in order: an
 * academy-wide list carries 학생명 in its rows; a student's 결제 탭 does not, and takes the
 * student from the labelled fields around it. What status and method words mean is the domain's
 * business (lib/domain/status.ts); this file only says where things are and what buttons say.
 */

export type MacgaiField =
  | 'date'
  | 'amount'
  | 'method'
  | 'status'
  | 'note'
  | 'name'
  | 'phone'
  | 'business';
export type StudentContext = 'name' | 'phone';
export type BusinessField = 'name' | 'bizNo' | 'smsPay';

const paymentFields = {
  date: ['납부일자', '결제일자', '일자', '일시', '날짜'],
  amount: ['납부금액', '결제금액', '수납금액', '금액'],
  method: ['결제수단', '수단'],
  // 결제상태 first: a list may also show 발송상태 (the 알림톡's), which is not the payment's.
  status: ['결제상태', '상태'],
  note: ['참고사항', '비고', '메모'],
  name: ['학생명', '원생명', '이름', '고객'],
  phone: ['핸드폰', '휴대폰', '연락처', '전화', 'HP'],
  business: ['사업자'],
} as const satisfies Record<MacgaiField, readonly string[]>;

/** Headers only the manager site's 청구서관리 has: such a table is never a MacGai payment list. */
const notMacgai = ['청구사유', '청구핸드폰'] as const;

export const academyPayments: PageSpec<MacgaiField, StudentContext> = {
  kind: 'macgai-academy-payments',
  list: {
    fields: paymentFields,
    required: ['date', 'amount', 'status', 'name'],
    nearMiss: 3,
    excludes: notMacgai,
    long: ['note'],
    whole: ['name'],
  },
};

export const studentPayments: PageSpec<MacgaiField, StudentContext> = {
  kind: 'macgai-student-payments',
  list: {
    fields: paymentFields,
    required: ['date', 'amount', 'status'],
    nearMiss: 3,
    excludes: notMacgai,
    long: ['note'],
    whole: ['name'],
  },
  context: {
    labels: {
      name: ['학생명', '원생명', '이름'],
      phone: ['학부모HP', '학부모 HP', '학부모핸드폰', '학부모휴대폰', '보호자HP', '학부모연락처'],
    },
  },
  contextRequired: ['name'],
};

/** The selected payment's detail box names its 결제사업자 (read when a cancel button is pressed). */
export const paymentBusiness = {
  labels: { business: ['결제사업자', '사업자명', '결제 사업자'] },
} as const;

export const businessPopup: PageSpec<BusinessField> = {
  kind: 'macgai-businesses',
  list: {
    fields: {
      name: ['사업자명'],
      bizNo: ['사업자등록번호', '사업자번호'],
      smsPay: ['문자결제'],
    },
    required: ['name', 'bizNo'],
    nearMiss: 2,
  },
};

export const macgai = {
  site: 'macgai',
  pages: [academyPayments, studentPayments],
  businesses: businessPopup,
  buttons: {
    forceCancel: ['강제취소'],
    normalCancel: ['결제취소'],
    managerShortcut: ['매니저 사이트 바로가기', '매니저사이트 바로가기', '매니저 사이트'],
  },
} as const satisfies SiteAdapter<MacgaiField, StudentContext> & Record<string, unknown>;
