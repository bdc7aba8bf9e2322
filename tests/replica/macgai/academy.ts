/** 관리메뉴 → 학원정보 → 학원정보관리, its 결제 사업자 관리 popup, and the manager-site jump. */
import { doc, html } from '../html';
import { type Handler, htmlRes, intParam, redirect } from '../http';
import type { Business } from '../types';
import { list } from './list';
import { layoutOf, lk, page } from './shell';

export const academyInfo: Handler = (req, ctx) => {
  const layout = layoutOf(req);
  const s = ctx.store.state;
  const popup = lk('/Academy/BizPopup.aspx', {}, layout);
  const body = html`<h3 class="sub-title">학원 기본정보</h3>
<table class="tbl-form"><tbody>
<tr><th>학원명</th><td>${s.academy.name}</td><th>원장</th><td>${s.academy.userName}</td></tr>
<tr><th>전화번호</th><td>02-555-1234</td><th>팩스</th><td>02-555-1239</td></tr>
<tr><th>주소</th><td colspan="3">서울특별시 강남구 삼성로 301 (대치동, 해솔빌딩)</td></tr>
</tbody></table>
<h3 class="sub-title">결제 사업자</h3>
<div class="btn-area"><button type="button" class="btn btn-navy" onclick="window.open('${popup}', 'BizPopup', 'width=1200,height=560,scrollbars=yes,resizable=yes')">사업자 추가</button></div>
${list<Business>(layout, {
  id: 'gvBizSummary',
  label: '결제 사업자 목록',
  rows: s.businesses,
  empty: '등록된 사업자가 없습니다.',
  cols: [
    { h: '사용명칭', cell: (b) => b.alias },
    { h: '사업자명', cell: (b) => b.name },
    { h: '사업자 등록번호', cell: (b) => b.bizNo, cls: 'c' },
    { h: '문자결제', cell: (b) => b.smsPayStatus, cls: 'c' },
  ],
})}
<p class="help">※ 결제 사업자 추가/변경 및 올톡페이 매니저 사이트 이동은 [사업자 추가] 화면에서 할 수 있습니다.</p>`;
  return htmlRes(
    page(req, ctx, {
      title: '학원정보관리',
      path: '/Academy/AcademyInfo.aspx',
      location: '관리메뉴 > 학원정보 > 학원정보관리',
      body,
    }),
  );
};

/** The 결제 사업자 관리 popup window. */
export const bizPopup: Handler = (req, ctx) => {
  const layout = layoutOf(req);
  const body = html`<div id="popWrap">
<h1 class="pop-title">결제 사업자 관리</h1>
<p class="help">문자결제 상태가 '사용가능'인 사업자는 올톡페이를 이용할 수 있습니다. 사업자를 선택한 후 [매니저 사이트 바로가기]를 누르세요.</p>
${list<Business>(layout, {
  id: 'gvBiz',
  label: '결제 사업자',
  rows: ctx.store.state.businesses,
  empty: '등록된 사업자가 없습니다.',
  row: (b) => ({ onclick: `fnSelectBiz(this, ${b.id})`, cls: 'biz-row' }),
  cols: [
    {
      h: '선택',
      cell: (b) => html`<input type="radio" name="rdoBiz" value="${b.id}" title="선택">`,
      cls: 'c',
    },
    { h: '과세/면세', cell: (b) => b.taxType, cls: 'c' },
    { h: '사용명칭', cell: (b) => b.alias },
    { h: 'CAT-ID', cell: (b) => b.catId, cls: 'c' },
    { h: '사업자 등록번호', cell: (b) => b.bizNo, cls: 'c' },
    { h: '전화번호', cell: (b) => b.phone, cls: 'c' },
    { h: '대표자명', cell: (b) => b.ceo, cls: 'c' },
    { h: '사업자명', cell: (b) => b.name },
    { h: '주소', cell: (b) => b.address },
    { h: '문자결제', cell: (b) => html`<span class="st-ok">${b.smsPayStatus}</span>`, cls: 'c' },
  ],
})}
<div class="btn-center">
<button type="button" id="btnGoManager" class="btn btn-navy">매니저 사이트 바로가기</button>
<button type="button" class="btn" onclick="window.close()">닫기</button>
</div>
</div>`;
  return htmlRes(
    doc({
      title: '결제 사업자 관리',
      css: '/Content/Site.css',
      body,
      scripts: ['/Scripts/common.js', '/Scripts/BizPopup.js'],
      bodyClass: 'popup',
    }),
  );
};

/** GET /Academy/GoManager.aspx?bidx= → the manager site, logged in as that business. */
export const goManager: Handler = (req, ctx) => {
  const b = ctx.store.business(intParam(req.query.get('bidx')));
  if (!b) return htmlRes('<script>alert("사업자 정보가 없습니다.");window.close();</script>', 404);
  const token = ctx.store.issueSsoToken(b.id);
  return redirect(`${ctx.managerUrl}/sso.do?token=${encodeURIComponent(token)}`);
};
