/**
 * The 결제 탭 of a student: filters, the payment list (re-rendered by script like an ASP.NET
 * UpdatePanel), the selected row's detail, and [결제취소] / [강제취소] / [미납내역가져오기].
 */
import { addMonths, isYmd, money } from '../format';
import { type Html, html, options } from '../html';
import { type Handler, htmlRes, intParam, jsonRes, type Req, type SiteCtx } from '../http';
import type { Payment, Student } from '../types';
import { type Col, fields, list, statusText } from './list';
import { type Layout, layoutOf } from './shell';

const STATUS_FILTER = [['', '전체'], '결제완료', '결제대기', '대기취소', '결제취소'] as const;

interface PayFilter {
  status: string;
  from: string;
  to: string;
}

function filterOf(req: Req, ctx: SiteCtx): PayFilter {
  const base = ctx.store.state.baseDate;
  const from = req.query.get('from');
  const to = req.query.get('to');
  return {
    status: req.query.get('status') ?? '',
    from: isYmd(from) ? from : addMonths(base, -3),
    to: isYmd(to) ? to : base,
  };
}

function matches(p: Payment, f: PayFilter): boolean {
  if (p.date < f.from || p.date > f.to) return false;
  if (!f.status) return true;
  if (f.status === '결제취소') return p.status === '결제취소' || p.status === '강제취소';
  return p.status === f.status;
}

function payCols(layout: Layout): Col<Payment>[] {
  const c = {
    date: { h: '납부일자', cell: (p: Payment) => p.date, cls: 'c' },
    amount: { h: '납부금액', cell: (p: Payment) => money(p.amount), cls: 'r' },
    method: { h: '결제수단', cell: (p: Payment) => p.method, cls: 'c' },
    route: { h: '결제경로', cell: (p: Payment) => p.route, cls: 'c' },
    status: { h: '결제상태', cell: (p: Payment) => statusText(p.status), cls: 'c' },
    payer: { h: '결제자', cell: (p: Payment) => p.payer, cls: 'c' },
    note: { h: '참고사항', cell: (p: Payment) => p.note, cls: 'l note' },
    item: { h: '수납항목', cell: (p: Payment) => p.item },
    receipt: { h: '영수증', cell: (p: Payment) => p.receipt, cls: 'c' },
  };
  return layout === 'grid'
    ? [c.status, c.date, c.item, c.amount, c.method, c.route, c.payer, c.receipt, c.note]
    : [c.date, c.amount, c.method, c.route, c.status, c.payer, c.note];
}

export function payList(ctx: SiteCtx, s: Student, f: PayFilter, layout: Layout): Html {
  const rows = ctx.store.state.payments
    .filter((p) => p.studentId === s.id && matches(p, f))
    .sort((a, b) => b.date.localeCompare(a.date) || b.id - a.id);
  const paid = rows.filter((p) => p.status === '결제완료').reduce((n, p) => n + p.amount, 0);
  return html`<p class="list-info">총 <b>${rows.length}</b>건 | 결제완료 합계 <b>${money(paid)}</b>원</p>
${list<Payment>(layout, {
  id: 'gvPayList',
  label: '결제 내역',
  cols: payCols(layout),
  rows,
  empty: '조회된 결제 내역이 없습니다.',
  row: (p) => ({ onclick: `fnSelectPay(this, ${p.id})`, cls: 'pay-row' }),
})}`;
}

export function payTab(req: Req, ctx: SiteCtx, s: Student, layout: Layout): Html {
  const f = filterOf(req, ctx);
  return html`<div class="search-box">
<form method="get" action="/Student/StudentMng.aspx" id="frmPaySearch">
<input type="hidden" name="sidx" value="${s.id}"><input type="hidden" name="tab" value="pay">
${layout === 'grid' ? html`<input type="hidden" name="layout" value="grid">` : ''}
<label for="ddlPayStatus">결제상태</label>
<select id="ddlPayStatus" name="status">${options(STATUS_FILTER, f.status)}</select>
<label for="txtPayFrom">결제기간</label>
<input type="date" id="txtPayFrom" name="from" value="${f.from}" class="txt"> ~
<input type="date" id="txtPayTo" name="to" value="${f.to}" title="결제기간 종료일" class="txt">
<button type="submit" id="btnPaySearch" class="btn btn-navy">조회</button>
</form>
</div>
<div class="btn-area">
<button type="button" id="btnPayCancel" class="btn btn-red">결제취소</button>
<button type="button" id="btnForceCancel" class="btn btn-gray">강제취소</button>
<button type="button" id="btnUnpaidImport" class="btn">미납내역가져오기</button>
</div>
<div id="upPayList" class="update-panel">${payList(ctx, s, f, layout)}</div>
<div id="pnlPayDetail" class="detail-box"><h4>결제 상세</h4><p class="guide">결제 내역을 선택하면 상세 정보가 표시됩니다.</p></div>`;
}

/** GET /Student/PayList.ashx?sidx=&status=&from=&to=&layout= → the panel's new innerHTML. */
export const payListAshx: Handler = (req, ctx) => {
  const s = ctx.store.student(intParam(req.query.get('sidx')));
  if (!s) return htmlRes('<p class="empty">학생 정보를 찾을 수 없습니다.</p>', 404);
  return htmlRes(payList(ctx, s, filterOf(req, ctx), layoutOf(req)).value);
};

/** GET /Student/PayDetail.ashx?pidx=&layout= → the detail box's new innerHTML. */
export const payDetailAshx: Handler = (req, ctx) => {
  const layout = layoutOf(req);
  const p = ctx.store.payment(intParam(req.query.get('pidx')));
  if (!p) return htmlRes('<p class="guide">결제 내역을 찾을 수 없습니다.</p>', 404);
  const biz = ctx.store.business(p.businessId);
  const items: { label: string; id: string; value: string | Html }[] = [
    { label: '수납항목', id: 'lblItem', value: p.item },
    { label: '납부일자', id: 'lblDate', value: p.date },
    { label: '납부금액', id: 'lblAmount', value: `${money(p.amount)}원` },
    { label: '결제수단', id: 'lblMethod', value: p.method },
    { label: '결제경로', id: 'lblRoute', value: p.route },
    { label: '결제상태', id: 'lblStatus', value: statusText(p.status) },
    { label: '결제자', id: 'lblPayer', value: p.payer },
    { label: '결제사업자', id: 'lblBiz', value: biz?.name ?? '-' },
    { label: '영수증', id: 'lblReceipt', value: p.receipt },
    { label: '참고사항', id: 'lblNote', value: p.note || '-' },
  ];
  const body = fields(layout, {
    id: 'tblPayDetail',
    items: items.map((it) => ({ ...it, input: false })),
  });
  return htmlRes(html`<h4>결제 상세</h4>${body}`.value);
};

/** POST /Student/PayCancel.ashx  pidx=&mode=cancel|force → {result:'OK'|'FAIL', message} */
export const payCancelAshx: Handler = (req, ctx) => {
  const mode = req.form.get('mode') === 'force' ? 'force' : 'cancel';
  const r = ctx.store.macgaiCancel(intParam(req.form.get('pidx')), mode);
  return jsonRes({ result: r.ok ? 'OK' : 'FAIL', message: r.message });
};
