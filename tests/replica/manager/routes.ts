/** AllTalkPay manager-site replica routes (served on http://localhost:<port>). */
import { type Handler, redirect } from '../http';
import { billCancel, billDestroy, billList, billResend } from './bill';
import { loginGet, loginPost, logout, sessionBiz, sso } from './layout';
import { billReg, calcList, customerList, main, setting, settingCancelPw } from './pages';

const root: Handler = (req, ctx) => redirect(sessionBiz(req, ctx) ? '/main.do' : '/login.do');

export const managerRoutes: Record<string, Handler> = {
  'GET /': root,
  'GET /index.do': root,
  'GET /login.do': loginGet,
  'POST /loginProc.do': loginPost,
  'GET /logout.do': logout,
  'GET /sso.do': sso,
  'GET /main.do': main,
  'GET /bill/billReg.do': billReg,
  'GET /bill/billList.do': billList,
  'POST /bill/billCancel.do': billCancel,
  'POST /bill/billResend.do': billResend,
  'POST /bill/billDestroy.do': billDestroy,
  'GET /calc/calcList.do': calcList,
  'GET /customer/customerList.do': customerList,
  'GET /setting/setting.do': setting,
  'POST /setting/cancelPwProc.do': settingCancelPw,
};

export const managerStatic: Record<string, string> = {
  '/resources/css/common.css': 'manager.css',
  '/resources/js/billList.js': 'bill-list.js',
};
