/** Academy-wide lists (rows carry the student name): 수지관리 → 수납현황, 학생관리 → 미납현황. */
import { addDays, addMonths, isYmd, money } from '../format';
import { type Html, html, options, pageOf, pager } from '../html';
import { type Handler, htmlRes, intParam, type Req, type SiteCtx } from '../http';
import { PAY_METHODS, type Payment, type Student } from '../types';
import { type Col, list, statusText } from './list';
import { type Layout, layoutOf, lk, page } from './shell';

const PATH = '/Account/SunapStatus.aspx';
const PER_PAGE = 50;

interface Row {
  p: Payment;
  s: Student | undefined;
  biz: string;
  no: number;
}

interface SunapFilter {
  from: string;
  to: string;
  method: string;
  biz: string;
  status: string;
  page: number;
}

function filterOf(req: Req, ctx: SiteCtx): SunapFilter {
  const base = ctx.store.state.baseDate;
  const q = req.query;
  const from = q.get('from');
  const to = q.get('to');
  const first = `${base.slice(0, 7)}-01`;
  return {
    from: isYmd(from) ? from : first,
    to: isYmd(to) ? to : addDays(addMonths(first, 1), -1),
    method: q.get('method') ?? '',
    biz: q.get('biz') ?? '',
    status: q.get('status') ?? '',
    page: intParam(q.get('page'), 1),
  };
}

function rowsOf(ctx: SiteCtx, f: SunapFilter): Row[] {
  const st = ctx.store;
  return st.state.payments
    .filter(
      (p) =>
        p.date >= f.from &&
        p.date <= f.to &&
        (!f.method || p.method === f.method) &&
        (!f.biz || String(p.businessId) === f.biz) &&
        (!f.status || p.status === f.status),
    )
    .sort((a, b) => b.date.localeCompare(a.date) || b.id - a.id)
    .map((p, i) => ({
      p,
      s: st.student(p.studentId),
      biz: st.business(p.businessId)?.name ?? '-',
      no: i + 1,
    }));
}

function cols(layout: Layout): Col<Row>[] {
  const stuLink = (r: Row) =>
    r.s
      ? html`<a href="${lk('/Student/StudentMng.aspx', { sidx: r.s.id, tab: 'pay' }, layout)}">${r.s.name}</a>`
      : '-';
  const c = {
    no: { h: 'No', cell: (r: Row) => r.no, cls: 'c' },
    date: { h: '납부일자', cell: (r: Row) => r.p.date, cls: 'c' },
    name: { h: '학생명', cell: stuLink },
    grade: { h: '학년', cell: (r: Row) => r.s?.grade ?? '', cls: 'c' },
    item: { h: '수납항목', cell: (r: Row) => r.p.item },
    amount: { h: '납부금액', cell: (r: Row) => money(r.p.amount), cls: 'r' },
    method: { h: '결제수단', cell: (r: Row) => r.p.method, cls: 'c' },
    status: { h: '결제상태', cell: (r: Row) => statusText(r.p.status), cls: 'c' },
    biz: { h: '사업자명', cell: (r: Row) => r.biz },
    receipt: { h: '영수증', cell: (r: Row) => r.p.receipt, cls: 'c' },
    note: { h: '참고사항', cell: (r: Row) => r.p.note, cls: 'l note' },
  };
  return layout === 'grid'
    ? [
        c.status,
        c.no,
        c.date,
        c.name,
        c.grade,
        c.item,
        c.amount,
        c.method,
        c.receipt,
        c.biz,
        c.note,
      ]
    : [c.no, c.date, c.name, c.grade, c.amount, c.method, c.status, c.biz, c.note];
}

function sunapList(ctx: SiteCtx, f: SunapFilter, layout: Layout): Html {
  const all = rowsOf(ctx, f);
  const { rows, page: pg } = pageOf(all, f.page, PER_PAGE);
  const sum = all.filter((r) => r.p.status === '결제완료').reduce((n, r) => n + r.p.amount, 0);
  const href = (p: number) =>
    lk(
      PATH,
      { from: f.from, to: f.to, method: f.method, biz: f.biz, status: f.status, page: p },
      layout,
    );
  return html`<p class="list-info">총 <b>${all.length}</b>건 | 결제완료 합계 <b>${money(sum)}</b>원</p>
${list<Row>(layout, { id: 'gvSunap', label: '수납 목록', cols: cols(layout), rows, empty: '조회된 수납 내역이 없습니다.' })}
${pager(pg, all.length, PER_PAGE, href)}`;
}

export const sunapStatus: Handler = (req, ctx) => {
  const layout = layoutOf(req);
  const f = filterOf(req, ctx);
  const bizOpts: [string, string][] = [
    ['', '전체'],
    ...ctx.store.state.businesses.map((b): [string, string] => [String(b.id), b.name]),
  ];
  const body = html`<div class="search-box">
<form method="get" action="${PATH}" id="frmSunap">
${layout === 'grid' ? html`<input type="hidden" name="layout" value="grid">` : ''}
<label for="txtFrom">기간</label>
<input type="date" id="txtFrom" name="from" value="${f.from}" class="txt"> ~
<input type="date" id="txtTo" name="to" value="${f.to}" title="기간 종료일" class="txt">
<label for="ddlMethod">결제수단</label>
<select id="ddlMethod" name="method">${options([['', '전체'], ...PAY_METHODS], f.method)}</select>
<label for="ddlBiz">사업자명</label>
<select id="ddlBiz" name="biz">${options(bizOpts, f.biz)}</select>
<label for="ddlStatus">결제상태</label>
<select id="ddlStatus" name="status">${options([['', '전체'], '결제완료', '결제대기', '대기취소', '결제취소'], f.status)}</select>
<button type="submit" class="btn btn-navy">조회</button>
</form>
</div>
<div id="upSunap" class="update-panel">${sunapList(ctx, f, layout)}</div>`;
  return htmlRes(
    page(req, ctx, {
      title: '수납현황',
      path: PATH,
      location: '관리메뉴 > 수지관리 > 수납현황',
      body,
      scripts: ['/Scripts/SunapStatus.js'],
    }),
  );
};

/** GET /Account/SunapList.ashx?from&to&method&biz&status&page&layout → new innerHTML of #upSunap */
export const sunapListAshx: Handler = (req, ctx) =>
  htmlRes(sunapList(ctx, filterOf(req, ctx), layoutOf(req)).value);

/** 기본메뉴 → 학생관리 → 미납현황: every 결제대기 item (where 알림톡 are sent in bulk). */
export const unpaidList: Handler = (req, ctx) => {
  const layout = layoutOf(req);
  const st = ctx.store;
  const rows: Row[] = st.state.payments
    .filter((p) => p.status === '결제대기')
    .sort((a, b) => b.date.localeCompare(a.date) || b.id - a.id)
    .map((p, i) => ({
      p,
      s: st.student(p.studentId),
      biz: st.business(p.businessId)?.name ?? '-',
      no: i + 1,
    }));
  const body = html`<div class="btn-area"><button type="button" class="btn btn-navy" onclick="alert('발송할 항목을 선택하세요.')">알림톡 일괄발송</button></div>
<p class="list-info">미납 총 <b>${rows.length}</b>건</p>
${list<Row>(layout, {
  id: 'gvUnpaid',
  label: '미납 목록',
  rows,
  empty: '미납 내역이 없습니다.',
  cols: [
    { h: 'No', cell: (r) => r.no, cls: 'c' },
    { h: '학생명', cell: (r) => r.s?.name ?? '-' },
    { h: '학년', cell: (r) => r.s?.grade ?? '', cls: 'c' },
    { h: '학부모HP', cell: (r) => r.s?.parentHp ?? '', cls: 'c' },
    { h: '수납항목', cell: (r) => r.p.item },
    { h: '청구금액', cell: (r) => money(r.p.amount), cls: 'r' },
    { h: '결제수단', cell: (r) => r.p.method, cls: 'c' },
    { h: '청구일자', cell: (r) => r.p.date, cls: 'c' },
    { h: '결제상태', cell: (r) => statusText(r.p.status), cls: 'c' },
  ],
})}`;
  return htmlRes(
    page(req, ctx, {
      title: '미납현황',
      path: '/Student/UnpaidList.aspx',
      location: '기본메뉴 > 학생관리 > 미납현황',
      body,
    }),
  );
};
