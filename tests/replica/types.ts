/** Data model shared by both replicas (MacGai and the AllTalkPay manager site). */

export type TaxType = '과세' | '면세';

export interface Business {
  id: number;
  /** 사업자명 */
  name: string;
  /** 사업자등록번호, ###-##-##### with a valid check digit. */
  bizNo: string;
  taxType: TaxType;
  /** 사용명칭 */
  alias: string;
  catId: string;
  phone: string;
  /** 대표자명 */
  ceo: string;
  address: string;
  /** 문자결제상태 */
  smsPayStatus: '사용가능';
  /** Manager-site login. */
  loginId: string;
  password: string;
  /** Manager-site 결제취소 password: the last 6 digits of the 사업자번호. */
  cancelPassword: string;
}

export interface Student {
  id: number;
  name: string;
  /** 학년, e.g. "중2" */
  grade: string;
  school: string;
  /** 학부모HP, always 010-####-#### in MacGai. */
  parentHp: string;
  /** 학생HP, '' when the student has none. */
  studentHp: string;
  /** Other students sharing the same 학부모HP (형제정보). */
  siblingIds: number[];
  /** 결제사업자 of the student's 수납항목. */
  businessId: number;
  /** 등록일 */
  enrolledAt: string;
}

export const PAY_METHODS = [
  '현금',
  '현금영수증',
  '카드POS',
  '카드',
  '문자결제',
  '가상계좌',
  '가상계좌직접',
  '무통장입금',
  '무통장영수증',
  '지역화폐',
  'CMS무통장',
  'CMS카드',
] as const;
export type PayMethod = (typeof PAY_METHODS)[number];

/** '강제취소' is not a normal MacGai status; one seeded row shows it (an old display variant). */
export type PayStatus = '결제완료' | '결제대기' | '대기취소' | '결제취소' | '강제취소';
export const LIVE_PAY_STATUSES: readonly PayStatus[] = ['결제완료', '결제대기'];

export interface Payment {
  id: number;
  studentId: number;
  businessId: number;
  /** 수납항목, e.g. "11월 수강료" */
  item: string;
  /** 납부일자 YYYY-MM-DD */
  date: string;
  amount: number;
  method: PayMethod;
  /** 결제경로 */
  route: string;
  status: PayStatus;
  /** 결제자 */
  payer: string;
  /** 참고사항 */
  note: string;
  /** 영수증 */
  receipt: '발행' | '미발행' | '-';
  /** The manager invoice of a 문자결제 (the latest one when it was re-sent). */
  invoiceId: number | null;
}

export type InvoiceStatus = '발송완료' | '결제완료' | '결제중단' | '발송실패' | '결제취소' | '파기';
export const UNPAID_INVOICE_STATUSES: readonly InvoiceStatus[] = [
  '발송완료',
  '결제중단',
  '발송실패',
];

export interface Invoice {
  id: number;
  businessId: number;
  /** 고객명, free text. */
  customerName: string;
  /** 청구핸드폰 as stored: some hyphenated, some digits only. */
  phone: string;
  /** 청구사유 */
  reason: string;
  amount: number;
  /** 등록일자 "YYYY-MM-DD HH:mm:ss" */
  registeredAt: string;
  status: InvoiceStatus;
  /** 결제일 "YYYY-MM-DD HH:mm:ss" or '-' */
  paidAt: string;
  /** 결제수단: '신용카드' | '계좌이체' | '-' */
  payMethod: string;
  /** 카드사 or '-' */
  cardCompany: string;
  /** 승인번호, '-' until paid */
  approvalNo: string;
  paymentId: number | null;
}

export interface LogEntry {
  seq: number;
  at: string;
  site: 'macgai' | 'manager';
  action: string;
  paymentId?: number;
  invoiceId?: number;
  businessId?: number;
  from?: string;
  to?: string;
  message: string;
}

/** Everything a test needs to find one seeded situation in both UIs. */
export interface CaseRef {
  studentId: number;
  studentName: string;
  parentHp: string;
  studentHp: string;
  businessId: number;
  paymentId: number;
  item: string;
  /** MacGai 납부일자 */
  date: string;
  amount: number;
  /** "150,000" as MacGai shows it */
  amountText: string;
  paymentStatus: PayStatus;
  invoiceId: number | null;
  invoiceStatus: InvoiceStatus | null;
  customerName: string | null;
  /** 청구핸드폰 exactly as the manager site shows it */
  invoicePhone: string | null;
  /** 등록일자 of the invoice */
  registeredAt: string | null;
  /** "150,000원" as the manager site shows it */
  invoiceAmountText: string | null;
}

export interface Cases {
  forceCancelTarget: CaseRef;
  paidForceCancelTarget: CaseRef;
  siblingsSamePhone: { parentHp: string; members: [CaseRef, CaseRef] };
  normalCancelTarget: CaseRef;
  paidNormalCancelTarget: CaseRef;
  markupName: CaseRef;
  resentAfterStop: CaseRef & { oldInvoiceId: number; oldInvoiceStatus: InvoiceStatus };
  alreadyForceCancelled: CaseRef;
  alreadyForceCancelledPending: CaseRef;
  forceCancelWordInNote: CaseRef;
  forceCancelWordInStatus: CaseRef;
  managerOnlyCancel: CaseRef;
  normalCancelled: CaseRef;
  normalCancelledPending: CaseRef;
  sameAmountTwiceInMonth: { first: CaseRef; second: CaseRef };
  freeTextName: CaseRef;
  freeTextName2: CaseRef;
}

export interface Academy {
  name: string;
  userName: string;
  userId: string;
  /** Fixed token in the shell URL. */
  token: string;
}

export interface ReplicaState {
  seed: number;
  /** Fixed "today" of the replica (Asia/Seoul). */
  baseDate: string;
  /** Logical clock, advanced by every action. */
  clock: string;
  academy: Academy;
  businesses: Business[];
  credentials: {
    businessId: number;
    name: string;
    loginId: string;
    password: string;
    cancelPassword: string;
  }[];
  students: Student[];
  payments: Payment[];
  invoices: Invoice[];
  log: LogEntry[];
  cases: Cases;
}
