/**
 * MacGai chrome. Two layouts, chosen by `layout=grid` in the query and carried through links:
 * - default: every page is a full page with header + left menu; menu links navigate the top page.
 * - grid: the shell /c_index.aspx holds the menu and an <iframe>; pages render bare inside it.
 */
import { doc, type Html, html } from '../html';
import type { Req, SiteCtx } from '../http';

export type Layout = 'default' | 'grid';

export function layoutOf(req: Req): Layout {
  return req.query.get('layout') === 'grid' ? 'grid' : 'default';
}

/** Build a MacGai URL, carrying the layout. */
export function lk(
  path: string,
  params: Record<string, string | number | undefined>,
  layout: Layout,
): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  if (layout === 'grid') q.set('layout', 'grid');
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export const FRAME = 'ifrmContent';

interface MenuItem {
  label: string;
  path: string;
  mIdx: number;
}
const MENU: { group: string; sections: { title: string; items: MenuItem[] }[] }[] = [
  {
    group: '기본메뉴',
    sections: [
      {
        title: '학생관리',
        items: [
          { label: '학생관리', path: '/Student/StudentMng.aspx', mIdx: 11 },
          { label: '미납현황', path: '/Student/UnpaidList.aspx', mIdx: 12 },
        ],
      },
    ],
  },
  {
    group: '관리메뉴',
    sections: [
      {
        title: '수지관리',
        items: [{ label: '수납현황', path: '/Account/SunapStatus.aspx', mIdx: 31 }],
      },
      {
        title: '학원정보',
        items: [{ label: '학원정보관리', path: '/Academy/AcademyInfo.aspx', mIdx: 41 }],
      },
    ],
  },
];

function menu(layout: Layout, activePath: string): Html {
  return html`<div id="lnb">
${MENU.map(
  (g) => html`<div class="lnb-group"><h2 class="lnb-title">${g.group}</h2>
${g.sections.map(
  (s) => html`<h3 class="lnb-sub">${s.title}</h3><ul>
${s.items.map(
  (it) =>
    html`<li${it.path === activePath ? html` class="on"` : ''}><a href="${lk(it.path, { m_idx: it.mIdx }, layout)}"${
      layout === 'grid' ? html` target="${FRAME}"` : ''
    }>${it.label}</a></li>`,
)}
</ul>`,
)}</div>`,
)}
</div>`;
}

function header(ctx: SiteCtx, layout: Layout): Html {
  const a = ctx.store.state.academy;
  return html`<div id="header">
<h1 class="logo"><a href="${lk('/c_index.aspx', { m_idx: 1, token: a.token }, layout)}">Mac<span>Gai</span></a></h1>
<span class="academy-name">${a.name}</span>
<div class="user-info"><strong>${a.userName}</strong> (${a.userId})님 로그인 중 | <a href="#">로그아웃</a></div>
</div>`;
}

/** A content page: full chrome in the default layout, bare inside the frame in the grid layout. */
export function page(
  req: Req,
  ctx: SiteCtx,
  o: { title: string; path: string; location: string; body: Html; scripts?: string[] },
): string {
  const layout = layoutOf(req);
  const content = html`<div id="content"${layout === 'grid' ? html` class="in-frame"` : ''}>
<div class="location">홈 &gt; ${o.location}</div>
<h2 class="page-title">${o.title}</h2>
${o.body}
</div>`;
  const body =
    layout === 'grid'
      ? content
      : html`<div id="wrap">${header(ctx, layout)}<div id="container">${menu(layout, o.path)}${content}</div>
<div id="footer">© MacGai 학원관리 솔루션. 고객센터 1644-0000</div></div>`;
  return doc({
    title: `맥가이 - ${o.title}`,
    css: '/Content/Site.css',
    body,
    scripts: ['/Scripts/common.js', ...(o.scripts ?? [])],
    bodyClass: layout === 'grid' ? 'frame-body' : '',
  });
}

export function homeBody(ctx: SiteCtx): Html {
  const s = ctx.store.state;
  const waiting = s.payments.filter((p) => p.status === '결제대기').length;
  const monthPaid = s.payments.filter(
    (p) => p.status === '결제완료' && p.date.startsWith(s.baseDate.slice(0, 7)),
  );
  const sum = monthPaid.reduce((n, p) => n + p.amount, 0);
  return html`<div class="dash">
<div class="dash-card"><h3>재원생</h3><p><b>${s.students.length}</b>명</p></div>
<div class="dash-card"><h3>이번달 수납</h3><p><b>${sum.toLocaleString('ko-KR')}</b>원 (${monthPaid.length}건)</p></div>
<div class="dash-card"><h3>결제대기</h3><p><b>${waiting}</b>건</p></div>
</div>
<div class="board"><h3>공지사항</h3><ul>
<li><span class="date">2026-11-20</span> [안내] 올톡페이 문자결제 강제취소 시 매니저 사이트에서 별도 취소가 필요합니다.</li>
<li><span class="date">2026-11-02</span> [업데이트] 수납현황 화면 개선</li>
<li><span class="date">2026-10-15</span> [안내] 12월 정기점검 일정 안내</li>
</ul></div>`;
}

/** /c_index.aspx — the shell the session opens after login. */
export function shell(req: Req, ctx: SiteCtx): string {
  const layout = layoutOf(req);
  if (layout === 'default') {
    return page(req, ctx, {
      title: '메인',
      path: '/c_index.aspx',
      location: '메인',
      body: homeBody(ctx),
    });
  }
  const body = html`<div id="wrap" class="shell">${header(ctx, layout)}<div id="container">${menu(layout, '')}
<div id="frameArea"><iframe name="${FRAME}" id="${FRAME}" title="맥가이 내용" src="${lk('/Main/Home.aspx', {}, layout)}"></iframe></div>
</div></div>`;
  return doc({
    title: '맥가이 학원관리',
    css: '/Content/Site.css',
    body,
    scripts: ['/Scripts/common.js'],
  });
}
