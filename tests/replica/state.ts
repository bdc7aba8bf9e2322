/** The one in-memory state both replicas share, and every action that changes it. */
import { randomUUID } from 'node:crypto';
import { addMinutes } from './format';
import { createSeed, DEFAULT_SEED } from './seed';
import {
  type Business,
  type Invoice,
  LIVE_PAY_STATUSES,
  type LogEntry,
  type Payment,
  type ReplicaState,
  type Student,
  UNPAID_INVOICE_STATUSES,
} from './types';

export type ActionResult = { ok: true; message: string } | { ok: false; message: string };

const ok = (message: string): ActionResult => ({ ok: true, message });
const fail = (message: string): ActionResult => ({ ok: false, message });

export class ReplicaStore {
  private s: ReplicaState;
  private ssoTokens = new Map<string, number>();
  /** Manager-site sessions (JSESSIONID → business id); they survive reset(). */
  private sessions = new Map<string, number>();
  private tokenSeq = 0;

  constructor(private initialSeed: number = DEFAULT_SEED) {
    this.s = createSeed(initialSeed);
  }

  get state(): ReplicaState {
    return this.s;
  }

  snapshot(): ReplicaState {
    return structuredClone(this.s);
  }

  reset(seed?: number): void {
    this.s = createSeed(seed ?? this.initialSeed);
    this.ssoTokens.clear();
  }

  // ---- lookups

  business(id: number): Business | undefined {
    return this.s.businesses.find((b) => b.id === id);
  }
  student(id: number): Student | undefined {
    return this.s.students.find((x) => x.id === id);
  }
  payment(id: number): Payment | undefined {
    return this.s.payments.find((x) => x.id === id);
  }
  invoice(id: number): Invoice | undefined {
    return this.s.invoices.find((x) => x.id === id);
  }

  private log(e: Omit<LogEntry, 'seq' | 'at'>): void {
    this.s.clock = addMinutes(this.s.clock, 1);
    this.s.log.push({ seq: this.s.log.length + 1, at: this.s.clock, ...e });
  }

  // ---- MacGai

  /**
   * [결제취소] (mode 'cancel') or [강제취소] (mode 'force') in a student's 결제 탭.
   * 결제대기 → 대기취소, 결제완료 → 결제취소. Only a normal cancel of a 문자결제 reaches
   * AllTalkPay: its invoice is destroyed (파기) when unpaid, cancelled (결제취소) when paid.
   */
  macgaiCancel(paymentId: number, mode: 'cancel' | 'force'): ActionResult {
    const p = this.payment(paymentId);
    if (!p) return fail('결제 내역을 찾을 수 없습니다.');
    if (!LIVE_PAY_STATUSES.includes(p.status)) return fail(`이미 취소된 결제입니다. (${p.status})`);
    const from = p.status;
    p.status = from === '결제대기' ? '대기취소' : '결제취소';
    const action = mode === 'force' ? 'macgai.forceCancel' : 'macgai.cancel';
    this.log({
      site: 'macgai',
      action,
      paymentId,
      from,
      to: p.status,
      message: `${p.item} ${from} → ${p.status}`,
    });
    if (mode === 'force' || p.method !== '문자결제' || p.invoiceId === null) {
      return ok(mode === 'force' ? '강제취소 되었습니다.' : '취소되었습니다.');
    }
    const inv = this.invoice(p.invoiceId);
    if (inv && inv.status !== '결제취소' && inv.status !== '파기') {
      const before = inv.status;
      inv.status = from === '결제대기' ? '파기' : '결제취소';
      this.log({
        site: 'macgai',
        action: 'alltalkpay.sync',
        invoiceId: inv.id,
        paymentId,
        businessId: inv.businessId,
        from: before,
        to: inv.status,
        message: `올톡페이 청구서 ${before} → ${inv.status}`,
      });
    }
    return ok('취소되었습니다.');
  }

  // ---- manager site (never touches MacGai)

  login(loginId: string, password: string): Business | undefined {
    const b = this.s.businesses.find((x) => x.loginId === loginId && x.password === password);
    this.log({
      site: 'manager',
      action: b ? 'manager.login' : 'manager.loginFailed',
      businessId: b?.id,
      message: `로그인 ${b ? '성공' : '실패'}: ${loginId}`,
    });
    return b;
  }

  issueSsoToken(businessId: number): string {
    this.tokenSeq += 1;
    const token = `SSO${businessId}T${String(this.tokenSeq).padStart(4, '0')}${(this.s.seed % 9973).toString(36).toUpperCase()}`;
    this.ssoTokens.set(token, businessId);
    return token;
  }

  useSsoToken(token: string): Business | undefined {
    const id = this.ssoTokens.get(token);
    if (id === undefined) return undefined;
    const b = this.business(id);
    this.log({
      site: 'manager',
      action: 'manager.sso',
      businessId: id,
      message: `맥가이 바로가기 로그인: ${b?.name}`,
    });
    return b;
  }

  createSession(businessId: number): string {
    const sid = randomUUID().replace(/-/g, '').toUpperCase();
    this.sessions.set(sid, businessId);
    return sid;
  }

  sessionBusiness(sid: string | undefined): Business | undefined {
    const id = sid ? this.sessions.get(sid) : undefined;
    return id === undefined ? undefined : this.business(id);
  }

  endSession(sid: string | undefined): void {
    if (sid) this.sessions.delete(sid);
  }

  private ownInvoice(businessId: number, invoiceId: number): Invoice | undefined {
    const inv = this.invoice(invoiceId);
    return inv && inv.businessId === businessId ? inv : undefined;
  }

  managerCancel(businessId: number, invoiceId: number, password: string): ActionResult {
    const inv = this.ownInvoice(businessId, invoiceId);
    const biz = this.business(businessId);
    if (!inv || !biz) return fail('청구서를 찾을 수 없습니다.');
    if (inv.status === '결제취소' || inv.status === '파기')
      return fail(`이미 ${inv.status}된 청구서입니다.`);
    if (!password) return fail('비밀번호를 입력해 주세요.');
    if (password !== biz.cancelPassword) {
      this.log({
        site: 'manager',
        action: 'manager.cancelWrongPassword',
        invoiceId,
        businessId,
        message: '결제취소 비밀번호 불일치',
      });
      return fail('비밀번호가 일치하지 않습니다.');
    }
    const from = inv.status;
    inv.status = '결제취소';
    this.log({
      site: 'manager',
      action: 'manager.cancel',
      invoiceId,
      businessId,
      from,
      to: inv.status,
      message: `${inv.customerName} ${from} → 결제취소`,
    });
    return ok('결제가 취소되었습니다.');
  }

  /** 설정 → 결제취소 비밀번호 변경: the current one must be given. */
  changeCancelPassword(businessId: number, current: string, next: string): ActionResult {
    const biz = this.business(businessId);
    if (!biz) return fail('사업자를 찾을 수 없습니다.');
    if (current !== biz.cancelPassword) return fail('현재 비밀번호가 일치하지 않습니다.');
    if (!/^\d{4,12}$/.test(next)) return fail('새 비밀번호는 숫자 4~12자리로 입력해 주세요.');
    biz.cancelPassword = next;
    this.log({
      site: 'manager',
      action: 'manager.cancelPasswordChanged',
      businessId,
      message: '결제취소 비밀번호 변경',
    });
    return ok('결제취소 비밀번호가 변경되었습니다.');
  }

  managerResend(businessId: number, invoiceId: number): ActionResult {
    const inv = this.ownInvoice(businessId, invoiceId);
    if (!inv) return fail('청구서를 찾을 수 없습니다.');
    if (inv.status === '결제취소' || inv.status === '파기')
      return fail(`${inv.status}된 청구서는 재발송할 수 없습니다.`);
    const from = inv.status;
    if (UNPAID_INVOICE_STATUSES.includes(inv.status)) inv.status = '발송완료';
    this.log({
      site: 'manager',
      action: 'manager.resend',
      invoiceId,
      businessId,
      from,
      to: inv.status,
      message: `알림톡 재발송: ${inv.phone}`,
    });
    return ok('알림톡이 재발송되었습니다.');
  }

  managerDestroy(businessId: number, invoiceId: number): ActionResult {
    const inv = this.ownInvoice(businessId, invoiceId);
    if (!inv) return fail('청구서를 찾을 수 없습니다.');
    if (!UNPAID_INVOICE_STATUSES.includes(inv.status))
      return fail(`${inv.status} 상태의 청구서는 파기할 수 없습니다.`);
    const from = inv.status;
    inv.status = '파기';
    this.log({
      site: 'manager',
      action: 'manager.destroy',
      invoiceId,
      businessId,
      from,
      to: inv.status,
      message: `청구서 파기: ${inv.customerName}`,
    });
    return ok('청구서가 파기되었습니다.');
  }
}
