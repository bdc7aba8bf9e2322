/** MacGai replica routes (served on http://127.0.0.1:<port>). */
import { type Handler, htmlRes, redirect } from '../http';
import { academyInfo, bizPopup, goManager } from './academy';
import { sunapListAshx, sunapStatus, unpaidList } from './account';
import { payCancelAshx, payDetailAshx, payListAshx } from './pay';
import { homeBody, layoutOf, lk, page, shell } from './shell';
import { studentMng } from './student';

const root: Handler = (req, ctx) =>
  redirect(lk('/c_index.aspx', { m_idx: 1, token: ctx.store.state.academy.token }, layoutOf(req)));

const home: Handler = (req, ctx) =>
  htmlRes(
    page(req, ctx, {
      title: '메인',
      path: '/Main/Home.aspx',
      location: '메인',
      body: homeBody(ctx),
    }),
  );

export const macgaiRoutes: Record<string, Handler> = {
  'GET /': root,
  'GET /Default.aspx': root,
  'GET /c_index.aspx': (req, ctx) => htmlRes(shell(req, ctx)),
  'GET /Main/Home.aspx': home,
  'GET /Student/StudentMng.aspx': studentMng,
  'GET /Student/PayList.ashx': payListAshx,
  'GET /Student/PayDetail.ashx': payDetailAshx,
  'POST /Student/PayCancel.ashx': payCancelAshx,
  'GET /Student/UnpaidList.aspx': unpaidList,
  'GET /Account/SunapStatus.aspx': sunapStatus,
  'GET /Account/SunapList.ashx': sunapListAshx,
  'GET /Academy/AcademyInfo.aspx': academyInfo,
  'GET /Academy/BizPopup.aspx': bizPopup,
  'GET /Academy/GoManager.aspx': goManager,
};

/** Static files: URL path → file name under tests/replica/client/. */
export const macgaiStatic: Record<string, string> = {
  '/Content/Site.css': 'macgai.css',
  '/Scripts/common.js': 'macgai-common.js',
  '/Scripts/StudentPay.js': 'student-pay.js',
  '/Scripts/SunapStatus.js': 'sunap-status.js',
  '/Scripts/BizPopup.js': 'biz-popup.js',
};
