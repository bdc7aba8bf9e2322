/** 기본메뉴 → 학생관리 → 학생관리: the student list and one student's detail with its tabs. */
import { digits } from '../format';
import { attr, type Html, html, pageOf, pager } from '../html';
import { type Handler, htmlRes, intParam, type Req, type SiteCtx } from '../http';
import type { Student } from '../types';
import { fields, list } from './list';
import { payTab } from './pay';
import { type Layout, layoutOf, lk, page } from './shell';

const PATH = '/Student/StudentMng.aspx';
const PER_PAGE = 20;

export const TABS = [
  ['info', '신상정보'],
  ['pay', '결제'],
  ['consult', '상담'],
  ['attend', '출결'],
  ['score', '성적'],
] as const;

function bizName(ctx: SiteCtx, id: number): string {
  return ctx.store.business(id)?.name ?? '-';
}

function studentList(req: Req, ctx: SiteCtx, layout: Layout): Html {
  const type = req.query.get('searchType') === 'phone' ? 'phone' : 'name';
  const kw = (req.query.get('keyword') ?? '').trim();
  const kwDigits = digits(kw);
  const all = ctx.store.state.students.filter((s) => {
    if (!kw) return true;
    if (type === 'name') return s.name.includes(kw);
    return (
      kwDigits !== '' &&
      (digits(s.parentHp).includes(kwDigits) || digits(s.studentHp).includes(kwDigits))
    );
  });
  const sorted = [...all].sort((a, b) => a.name.localeCompare(b.name, 'ko'));
  const { rows, page } = pageOf(sorted, intParam(req.query.get('page'), 1), PER_PAGE);
  const link = (s: Student) => lk(PATH, { sidx: s.id, tab: 'info' }, layout);
  return html`<div class="search-box">
<form method="get" action="${PATH}" id="frmStuSearch">
${layout === 'grid' ? html`<input type="hidden" name="layout" value="grid">` : ''}
<select id="ddlSearchType" name="searchType" title="검색구분">
<option value="name"${attr(type === 'name', 'selected')}>학생명</option>
<option value="phone"${attr(type === 'phone', 'selected')}>전화번호</option>
</select>
<input type="text" id="txtKeyword" name="keyword" value="${kw}" title="검색어" class="txt">
<button type="submit" class="btn btn-navy">검색</button>
</form>
</div>
<p class="list-info">재원생 총 <b>${all.length}</b>명</p>
${list<Student>(layout, {
  id: 'gvStudent',
  label: '학생 목록',
  rows,
  empty: '검색된 학생이 없습니다.',
  cols: [
    { h: 'No', cell: (s) => sorted.indexOf(s) + 1, cls: 'c' },
    { h: '학생명', cell: (s) => html`<a href="${link(s)}">${s.name}</a>` },
    { h: '학년', cell: (s) => s.grade, cls: 'c' },
    { h: '학교', cell: (s) => s.school },
    { h: '학부모HP', cell: (s) => s.parentHp, cls: 'c' },
    { h: '학생HP', cell: (s) => s.studentHp || '-', cls: 'c' },
    { h: '형제', cell: (s) => (s.siblingIds.length ? `${s.siblingIds.length}명` : '-'), cls: 'c' },
    { h: '결제사업자', cell: (s) => bizName(ctx, s.businessId) },
  ],
})}
${pager(page, all.length, PER_PAGE, (p) => lk(PATH, { searchType: type, keyword: kw, page: p }, layout))}`;
}

/** 학생명, 학년, 학부모HP, 학생HP: always on the page, above the tabs. */
function context(s: Student, layout: Layout): Html {
  return html`<div class="stu-context"><h3 class="sub-title">학생 기본정보</h3>
${fields(layout, {
  id: 'tblStuBase',
  items: [
    { label: '학생명', id: 'txtStuName', value: s.name },
    { label: '학년', id: 'txtStuGrade', value: s.grade },
    { label: '학부모HP', id: 'txtParentHp', value: s.parentHp },
    { label: '학생HP', id: 'txtStudentHp', value: s.studentHp },
  ],
})}</div>`;
}

function infoTab(s: Student, ctx: SiteCtx, layout: Layout): Html {
  const sibs = s.siblingIds.map((id) => ctx.store.student(id)).filter((x): x is Student => !!x);
  const sibLinks = sibs.length
    ? html`${sibs.map((x) => html`<a href="${lk(PATH, { sidx: x.id, tab: 'info' }, layout)}" class="sib">${x.name} (${x.grade})</a> `)}`
    : html`<span>없음</span>`;
  return fields(layout, {
    id: 'tblStuInfo',
    items: [
      { label: '학생명', id: 'txtInfoName', value: s.name },
      { label: '학년', id: 'txtInfoGrade', value: s.grade },
      { label: '학교', id: 'txtInfoSchool', value: s.school },
      { label: '등록일', id: 'txtInfoEnroll', value: s.enrolledAt },
      { label: '학부모HP', id: 'txtInfoParentHp', value: s.parentHp },
      { label: '학생HP', id: 'txtInfoStudentHp', value: s.studentHp },
      { label: '결제사업자', id: 'txtInfoBiz', value: bizName(ctx, s.businessId) },
      { label: '형제정보', id: 'lblSiblings', value: sibLinks, input: false },
    ],
  });
}

function detail(req: Req, ctx: SiteCtx, s: Student, layout: Layout): Html {
  const tab = TABS.find(([k]) => k === req.query.get('tab'))?.[0] ?? 'info';
  const tabs = html`<ul class="tab-menu" role="tablist">${TABS.map(
    ([k, label]) =>
      html`<li${k === tab ? html` class="on"` : ''}><a href="${lk(PATH, { sidx: s.id, tab: k }, layout)}" role="tab" aria-selected="${k === tab ? 'true' : 'false'}">${label}</a></li>`,
  )}</ul>`;
  const body =
    tab === 'info'
      ? infoTab(s, ctx, layout)
      : tab === 'pay'
        ? payTab(req, ctx, s, layout)
        : html`<p class="empty-box">등록된 내용이 없습니다.</p>`;
  return html`<div class="btn-top"><a href="${lk(PATH, {}, layout)}" class="btn">목록</a></div>
${context(s, layout)}
${tabs}
<div class="tab-body" role="tabpanel">${body}</div>`;
}

export const studentMng: Handler = (req, ctx) => {
  const layout = layoutOf(req);
  const s = ctx.store.student(intParam(req.query.get('sidx')));
  const isPay = !!s && req.query.get('tab') === 'pay';
  return htmlRes(
    page(req, ctx, {
      title: s ? `학생관리 - ${s.name}` : '학생관리',
      path: PATH,
      location: '기본메뉴 > 학생관리 > 학생관리',
      body: s ? detail(req, ctx, s, layout) : studentList(req, ctx, layout),
      scripts: isPay ? ['/Scripts/StudentPay.js'] : [],
    }),
  );
};
