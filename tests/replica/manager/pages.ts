/** The simpler manager pages: 대시보드, 청구서등록, 정산관리, 고객관리, 설정. */
import { digits, won } from '../format';
import { html, pageOf, pager } from '../html';
import { htmlRes, intParam, redirect } from '../http';
import { authed, page } from './layout';

export const main = authed((_req, ctx, biz) => {
  const s = ctx.store.state;
  const month = s.baseDate.slice(0, 7);
  const mine = s.invoices.filter((i) => i.businessId === biz.id);
  const thisMonth = mine.filter((i) => i.registeredAt.startsWith(month));
  const paid = thisMonth.filter((i) => i.status === '결제완료');
  const unpaid = thisMonth.filter((i) => i.status === '발송완료' || i.status === '결제중단');
  const recent = [...mine]
    .sort((a, b) => b.registeredAt.localeCompare(a.registeredAt))
    .slice(0, 10);
  const body = html`<div class="cards">
<div class="card"><h3>이번달 청구</h3><p><b>${thisMonth.length}</b>건</p></div>
<div class="card"><h3>결제완료</h3><p><b>${paid.length}</b>건</p></div>
<div class="card"><h3>미결제</h3><p><b>${unpaid.length}</b>건</p></div>
<div class="card"><h3>결제금액</h3><p><b>${won(paid.reduce((n, i) => n + i.amount, 0))}</b></p></div>
</div>
<h3 class="sub-tit">최근 청구 내역</h3>
<table class="tbl-list"><thead><tr><th>등록일자</th><th>고객명</th><th>청구사유</th><th>청구금액</th><th>상태</th></tr></thead>
<tbody>${recent.map(
    (i) =>
      html`<tr><td class="c">${i.registeredAt}</td><td>${i.customerName}</td><td>${i.reason}</td><td class="r">${won(i.amount)}</td><td class="c">${i.status}</td></tr>`,
  )}</tbody></table>
<p class="more"><a href="/bill/billList.do">청구서관리 바로가기 ›</a></p>`;
  return htmlRes(page(biz, { title: '대시보드', path: '/main.do', body }));
});

export const billReg = authed((_req, _ctx, biz) => {
  const body = html`<form class="reg-form" onsubmit="alert('청구서 등록은 점검 중입니다. 잠시 후 다시 이용해 주세요.'); return false;">
<table class="tbl-form"><tbody>
<tr><th><label for="goodsNm">상품명(청구사유)</label></th><td><input type="text" id="goodsNm" name="goodsNm"></td></tr>
<tr><th><label for="regCustNm">고객명</label></th><td><input type="text" id="regCustNm" name="custNm"></td></tr>
<tr><th><label for="regHp">핸드폰번호</label></th><td><input type="text" id="regHp" name="hpNo"></td></tr>
<tr><th><label for="regAmt">청구금액</label></th><td><input type="text" id="regAmt" name="amount"> 원</td></tr>
<tr><th><label for="expDate">결제만료일자</label></th><td><input type="date" id="expDate" name="expDate"> <select name="expHour" title="결제만료시간"><option>18시</option><option>21시</option><option>24시</option></select></td></tr>
</tbody></table>
<div class="btn-center"><button type="submit" class="btn-search">등록</button> <a href="/bill/billList.do" class="btn-s gray">목록</a></div>
</form>
<p class="help">※ 엑셀 일괄등록: 상품명(청구사유), 고객명, 핸드폰번호, 청구금액, 결제만료일자(YYYYMMDD), 결제만료시간(00시), 예약일, 예약시간</p>`;
  return htmlRes(page(biz, { title: '청구서등록', path: '/bill/billReg.do', body }));
});

export const calcList = authed((_req, ctx, biz) => {
  const byMonth = new Map<string, { n: number; sum: number }>();
  for (const i of ctx.store.state.invoices) {
    if (i.businessId !== biz.id || i.status !== '결제완료') continue;
    const m = i.paidAt.slice(0, 7);
    const cur = byMonth.get(m) ?? { n: 0, sum: 0 };
    byMonth.set(m, { n: cur.n + 1, sum: cur.sum + i.amount });
  }
  const rows = [...byMonth.entries()].sort((a, b) => b[0].localeCompare(a[0]));
  const body = html`<table class="tbl-list"><thead><tr><th>정산월</th><th>결제건수</th><th>결제금액</th><th>수수료(3.3%)</th><th>정산금액</th></tr></thead>
<tbody>${rows.map(([m, v]) => {
    const fee = Math.round(v.sum * 0.033);
    return html`<tr><td class="c">${m}</td><td class="c">${v.n}</td><td class="r">${won(v.sum)}</td><td class="r">${won(fee)}</td><td class="r">${won(v.sum - fee)}</td></tr>`;
  })}</tbody></table>`;
  return htmlRes(page(biz, { title: '정산관리', path: '/calc/calcList.do', body }));
});

export const customerList = authed((req, ctx, biz) => {
  const map = new Map<string, { name: string; phone: string; n: number; last: string }>();
  for (const i of ctx.store.state.invoices) {
    if (i.businessId !== biz.id) continue;
    const key = `${i.customerName}|${digits(i.phone)}`;
    const cur = map.get(key) ?? { name: i.customerName, phone: i.phone, n: 0, last: '' };
    cur.n += 1;
    if (i.registeredAt > cur.last) cur.last = i.registeredAt;
    map.set(key, cur);
  }
  const all = [...map.values()].sort((a, b) => a.name.localeCompare(b.name, 'ko'));
  const { rows, page: pg } = pageOf(all, intParam(req.query.get('pageIndex'), 1), 20);
  const body = html`<p class="total">총 <strong>${all.length}</strong>명</p>
<table class="tbl-list"><thead><tr><th>고객명</th><th>핸드폰번호</th><th>청구건수</th><th>최근 청구일</th></tr></thead>
<tbody>${rows.map((c) => html`<tr><td>${c.name}</td><td class="c">${c.phone}</td><td class="c">${c.n}</td><td class="c">${c.last.slice(0, 10)}</td></tr>`)}</tbody></table>
${pager(pg, all.length, 20, (p) => `/customer/customerList.do?pageIndex=${p}`)}`;
  return htmlRes(page(biz, { title: '고객관리', path: '/customer/customerList.do', body }));
});

export const setting = authed((req, _ctx, biz) => {
  const msg = req.query.get('msg') ?? '';
  const body = html`<h3 class="sub-tit">사업자 정보</h3>
<table class="tbl-form"><tbody>
<tr><th>사업자명</th><td>${biz.name}</td><th>사업자등록번호</th><td>${biz.bizNo}</td></tr>
<tr><th>대표자명</th><td>${biz.ceo}</td><th>전화번호</th><td>${biz.phone}</td></tr>
<tr><th>주소</th><td colspan="3">${biz.address}</td></tr>
</tbody></table>
<h3 class="sub-tit">결제취소 비밀번호</h3>
<p class="help">결제취소 비밀번호의 초기값은 사업자등록번호 뒤 6자리입니다.</p>
${msg ? html`<p class="msg" role="status">${msg}</p>` : ''}
<form method="post" action="/setting/cancelPwProc.do" class="pw-form">
<label for="curPw">현재 비밀번호</label> <input type="password" id="curPw" name="curPw">
<label for="newPw">새 비밀번호</label> <input type="password" id="newPw" name="newPw"> <button type="submit" class="btn-s">변경</button>
</form>`;
  return htmlRes(page(biz, { title: '설정', path: '/setting/setting.do', body }));
});

/** POST /setting/cancelPwProc.do  curPw= newPw= → back to 설정 with the site's message. */
export const settingCancelPw = authed((req, ctx, biz) => {
  const r = ctx.store.changeCancelPassword(
    biz.id,
    req.form.get('curPw') ?? '',
    req.form.get('newPw') ?? '',
  );
  return redirect(`/setting/setting.do?msg=${encodeURIComponent(r.message)}`);
});
