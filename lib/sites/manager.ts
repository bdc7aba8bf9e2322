import type { PageSpec, SiteAdapter } from './types';

/**
 * The AllTalkPay manager site (올톡페이 매니저 사이트). Its screens are not public: everything is
 * recognised by the words of its 청구서관리목록 export and the labels a person reads.
 */

export type InvoiceField =
  | 'customer'
  | 'phone'
  | 'reason'
  | 'amount'
  | 'paidAt'
  | 'registeredAt'
  | 'status'
  | 'method'
  | 'cardCompany'
  | 'approvalNo'
  | 'cancel';

export const invoiceList: PageSpec<InvoiceField> = {
  kind: 'manager-invoices',
  list: {
    // paidAt comes before registeredAt: "수납일자" would otherwise read as the date.
    fields: {
      customer: ['고객명', '고객', '성명'],
      phone: ['청구핸드폰', '핸드폰', '휴대폰', '연락처', '전화'],
      reason: ['청구사유', '사유', '상품명'],
      amount: ['청구금액', '금액'],
      paidAt: ['결제일', '수납일자', '수납일'],
      registeredAt: ['등록일자', '등록일', '청구일', '일자', '일시', '날짜'],
      status: ['상태'],
      method: ['결제수단', '수납구분'],
      cardCompany: ['카드사'],
      approvalNo: ['승인번호'],
      cancel: ['결제취소', '취소'],
    },
    required: ['customer', 'phone', 'amount', 'status', 'registeredAt'],
    nearMiss: 3,
    whole: ['customer'],
  },
};

export const manager = {
  site: 'manager',
  pages: [invoiceList],
  /** A login page: a password field near one of these words, and no invoice list. */
  login: { words: ['로그인', 'LOGIN'], passwordField: true },
  search: {
    from: ['시작일', '날짜', '기간', '등록일'],
    to: ['종료일'],
    customer: ['고객명', '고객'],
    phone: ['핸드폰번호', '핸드폰', '휴대폰', '연락처'],
    submit: ['검색', '조회'],
    /** Placeholder words that ask for digits only ("숫자만 입력"). */
    digitsOnly: ['숫자만'],
  },
  cancelDialog: {
    words: ['비밀번호'],
    confirm: ['확인'],
    dismiss: ['취소', '닫기'],
    /** Words of the site's own "wrong password" message inside the dialog. */
    rejected: ['일치하지', '올바르지', '틀렸', '잘못'],
  },
  /** Row buttons: the cancel X (exact label), and actions MacGai never hears of (label contains). */
  rowActions: {
    cancel: ['X', '×', '결제취소'],
    resend: ['재발송', '알림톡발송', '알림톡 발송'],
    destroy: ['파기'],
  },
  menu: { invoices: ['청구서관리'] },
  /** How wide a search window is, in days before/after the payment's day. */
  searchWindows: { normal: [40, 3], wide: [120, 30], phone: [365, 60] },
} as const satisfies SiteAdapter<InvoiceField> & Record<string, unknown>;
