/** 청구서관리 (/bill/billList.do): search by 날짜/고객/핸드폰번호, rows with X / 재발송 / 파기. */
import { addMonths, digits, isYmd, won } from '../format';
import { type Html, html, pageOf, pager } from '../html';
import { htmlRes, intParam, jsonRes, type Req, type SiteCtx } from '../http';
import type { ActionResult } from '../state';
import { type Business, type Invoice, UNPAID_INVOICE_STATUSES } from '../types';
import { authed, page } from './layout';

const PATH = '/bill/billList.do';
const PER_PAGE = 20;

interface BillFilter {
  startDate: string;
  endDate: string;
  custNm: string;
  hpNo: string;
  pageIndex: number;
}

function filterOf(req: Req, ctx: SiteCtx): BillFilter {
  const q = req.query;
  const base = ctx.store.state.baseDate;
  const s = q.get('startDate');
  const e = q.get('endDate');
  return {
    startDate: isYmd(s) ? s : addMonths(base, -1),
    endDate: isYmd(e) ? e : base,
    custNm: (q.get('custNm') ?? '').trim(),
    hpNo: (q.get('hpNo') ?? '').trim(),
    pageIndex: intParam(q.get('pageIndex'), 1),
  };
}

export function searchBills(invoices: Invoice[], biz: Business, f: BillFilter): Invoice[] {
  const hp = digits(f.hpNo);
  return invoices
    .filter((inv) => {
      const day = inv.registeredAt.slice(0, 10);
      return (
        inv.businessId === biz.id &&
        day >= f.startDate &&
        day <= f.endDate &&
        (!f.custNm || inv.customerName.includes(f.custNm)) &&
        (!hp || digits(inv.phone).includes(hp))
      );
    })
    .sort((a, b) => b.registeredAt.localeCompare(a.registeredAt) || b.id - a.id);
}

function statusBadge(s: string): Html {
  const cls =
    s === '결제완료'
      ? 'ok'
      : s === '발송완료'
        ? 'sent'
        : s === '결제취소' || s === '파기'
          ? 'cancel'
          : 'warn';
  return html`<span class="badge ${cls}">${s}</span>`;
}

function row(inv: Invoice): Html {
  const live = inv.status !== '결제취소' && inv.status !== '파기';
  const unpaid = UNPAID_INVOICE_STATUSES.includes(inv.status);
  return html`<tr>
<td class="c">${inv.registeredAt}</td>
<td>${inv.customerName}</td>
<td class="c">${inv.phone}</td>
<td>${inv.reason}</td>
<td class="r">${won(inv.amount)}</td>
<td class="c">${statusBadge(inv.status)}</td>
<td class="c">${inv.paidAt}</td>
<td class="c">${inv.payMethod}</td>
<td class="c">${inv.cardCompany}</td>
<td class="c">${inv.approvalNo}</td>
<td class="c">${live ? html`<button type="button" class="btn-x" title="결제취소" onclick="fnCancelPop(this, ${inv.id})">X</button>` : ''}</td>
<td class="c nowrap">${live ? html`<button type="button" class="btn-s" onclick="fnResend(this, ${inv.id})">알림톡 재발송</button>` : ''}${
    unpaid
      ? html` <button type="button" class="btn-s gray" onclick="fnDestroy(this, ${inv.id})">파기</button>`
      : ''
  }</td>
</tr>
`;
}

const HEADERS = [
  '등록일자',
  '고객명',
  '청구핸드폰',
  '청구사유',
  '청구금액',
  '상태',
  '결제일',
  '결제수단',
  '카드사',
  '승인번호',
  '결제취소',
  '관리',
];

export const billList = authed((req, ctx, biz) => {
  const f = filterOf(req, ctx);
  const all = searchBills(ctx.store.state.invoices, biz, f);
  const { rows, page: pg } = pageOf(all, f.pageIndex, PER_PAGE);
  const href = (p: number) =>
    `${PATH}?${new URLSearchParams({ startDate: f.startDate, endDate: f.endDate, custNm: f.custNm, hpNo: f.hpNo, pageIndex: String(p) })}`;
  const body = html`<div class="notice-box" role="note"><strong>알림</strong> 매니저 사이트에서 알림톡 발송 및 파기 시 맥가이에 반영되지 않습니다.</div>
<form method="get" action="${PATH}" id="searchForm" class="search-form">
<table class="search-tbl"><tbody><tr>
<th><label for="startDate">날짜</label></th>
<td><input type="date" id="startDate" name="startDate" value="${f.startDate}"> ~ <input type="date" id="endDate" name="endDate" value="${f.endDate}" title="종료일"></td>
<th><label for="custNm">고객</label></th>
<td><input type="text" id="custNm" name="custNm" value="${f.custNm}" placeholder="고객명"></td>
<th><label for="hpNo">핸드폰번호</label></th>
<td><input type="text" id="hpNo" name="hpNo" value="${f.hpNo}" placeholder="숫자만 입력"></td>
<td><button type="submit" class="btn-search">검색</button></td>
</tr></tbody></table>
</form>
<div id="listArea">
<div class="list-top"><p class="total">총 <strong>${all.length}</strong>건</p></div>
<table class="tbl-list" id="billTable">
<thead><tr>${HEADERS.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>${rows.length ? rows.map(row) : html`<tr><td colspan="${HEADERS.length}" class="empty">조회된 청구서가 없습니다.</td></tr>`}</tbody>
</table>
${pager(pg, all.length, PER_PAGE, href)}
</div>`;
  return htmlRes(
    page(biz, { title: '청구서관리', path: PATH, body, scripts: ['/resources/js/billList.js'] }),
  );
});

function result(r: ActionResult) {
  return jsonRes({ result: r.ok ? 'SUCCESS' : 'FAIL', msg: r.message });
}

/** POST /bill/billCancel.do  billIdx=&cancelPw= */
export const billCancel = authed((req, ctx, biz) =>
  result(
    ctx.store.managerCancel(
      biz.id,
      intParam(req.form.get('billIdx')),
      req.form.get('cancelPw') ?? '',
    ),
  ),
);

/** POST /bill/billResend.do  billIdx= */
export const billResend = authed((req, ctx, biz) =>
  result(ctx.store.managerResend(biz.id, intParam(req.form.get('billIdx')))),
);

/** POST /bill/billDestroy.do  billIdx= */
export const billDestroy = authed((req, ctx, biz) =>
  result(ctx.store.managerDestroy(biz.id, intParam(req.form.get('billIdx')))),
);
