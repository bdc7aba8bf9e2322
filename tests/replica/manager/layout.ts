/** AllTalkPay manager-site chrome, the session cookie, login/SSO and the login page. */
import { doc, type Html, html } from '../html';
import {
  type Handler,
  htmlRes,
  jsonRes,
  type Req,
  type Res,
  redirect,
  type SiteCtx,
} from '../http';
import type { Business } from '../types';

export const COOKIE = 'JSESSIONID';

export const MENU = [
  ['/main.do', '대시보드'],
  ['/bill/billReg.do', '청구서등록'],
  ['/bill/billList.do', '청구서관리'],
  ['/calc/calcList.do', '정산관리'],
  ['/customer/customerList.do', '고객관리'],
  ['/setting/setting.do', '설정'],
] as const;

export function sessionBiz(req: Req, ctx: SiteCtx): Business | undefined {
  return ctx.store.sessionBusiness(req.cookies[COOKIE]);
}

function safeReturn(url: string | null): string {
  return url?.startsWith('/') && !url.startsWith('//') ? url : '/main.do';
}

function cookieFor(sid: string): string {
  return `${COOKIE}=${sid}; Path=/; HttpOnly; SameSite=Lax`;
}

/** Wrap a page so that it needs a session; otherwise redirect to /login.do?returnUrl=… */
export function authed(h: (req: Req, ctx: SiteCtx, biz: Business) => Res | Promise<Res>): Handler {
  return (req, ctx) => {
    const biz = sessionBiz(req, ctx);
    if (biz) return h(req, ctx, biz);
    if (req.method !== 'GET') return jsonRes({ result: 'FAIL', msg: '로그인이 필요합니다.' }, 401);
    return redirect(`/login.do?returnUrl=${encodeURIComponent(req.url)}`);
  };
}

export function page(
  biz: Business,
  o: { title: string; path: string; body: Html; scripts?: string[] },
): string {
  const body = html`<div id="wrap">
<header id="header">
<h1 class="logo"><a href="/main.do">올톡페이</a></h1><span class="svc-name">매니저</span>
<div class="util"><span class="biz-name">${biz.name}</span> <span class="login-id">(${biz.loginId})</span> <a href="/logout.do" class="btn-logout">로그아웃</a></div>
</header>
<div id="container">
<nav id="lnb" aria-label="메뉴"><ul>${MENU.map(
    ([href, label]) =>
      html`<li${href === o.path ? html` class="on"` : ''}><a href="${href}">${label}</a></li>`,
  )}</ul></nav>
<main id="content">
<h2 class="tit">${o.title}</h2>
${o.body}
</main>
</div>
<footer id="footer">(주)올톡페이 | 고객센터 1600-0000 | 평일 09:00~18:00</footer>
</div>`;
  return doc({
    title: `올톡페이 매니저 - ${o.title}`,
    css: '/resources/css/common.css',
    body,
    scripts: o.scripts,
  });
}

function loginPage(returnUrl: string, error: string, loginId = ''): string {
  const body = html`<div id="loginWrap">
<div class="login-box">
<h1 class="logo">올톡페이</h1>
<p class="login-sub">매니저 로그인</p>
<form method="post" action="/loginProc.do" id="loginForm">
<input type="hidden" name="returnUrl" value="${returnUrl}">
<div class="row"><label for="userId">아이디</label><input type="text" id="userId" name="userId" value="${loginId}" autocomplete="username"></div>
<div class="row"><label for="userPw">비밀번호</label><input type="password" id="userPw" name="userPw" autocomplete="current-password"></div>
${error ? html`<p class="err" role="alert">${error}</p>` : ''}
<button type="submit" class="btn-login">로그인</button>
</form>
<p class="login-help">아이디/비밀번호 찾기 | 고객센터 1600-0000</p>
</div>
</div>`;
  return doc({
    title: '올톡페이 매니저 로그인',
    css: '/resources/css/common.css',
    body,
    bodyClass: 'login',
  });
}

export const loginGet: Handler = (req, ctx) => {
  const ret = safeReturn(req.query.get('returnUrl'));
  if (sessionBiz(req, ctx)) return redirect(ret);
  return htmlRes(loginPage(ret, ''));
};

export const loginPost: Handler = (req, ctx) => {
  const ret = safeReturn(req.form.get('returnUrl'));
  const id = (req.form.get('userId') ?? '').trim();
  const biz = ctx.store.login(id, req.form.get('userPw') ?? '');
  if (!biz) return htmlRes(loginPage(ret, '아이디 또는 비밀번호가 일치하지 않습니다.', id), 200);
  return redirect(ret, { 'set-cookie': cookieFor(ctx.store.createSession(biz.id)) });
};

export const logout: Handler = (req, ctx) => {
  ctx.store.endSession(req.cookies[COOKIE]);
  return redirect('/login.do', { 'set-cookie': `${COOKIE}=; Path=/; Max-Age=0` });
};

/** GET /sso.do?token= — the MacGai [매니저 사이트 바로가기] lands here. */
export const sso: Handler = (req, ctx) => {
  const biz = ctx.store.useSsoToken(req.query.get('token') ?? '');
  if (!biz)
    return htmlRes(loginPage('/main.do', '인증 정보가 만료되었습니다. 다시 로그인해 주세요.'), 200);
  return redirect('/main.do', { 'set-cookie': cookieFor(ctx.store.createSession(biz.id)) });
};
