import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { call } from '@/lib/store/client';
import { startManagerOverlay } from './manager';

// manager.ts is being rewritten: only the page kind is asserted here, and the background never
// answers (so whatever the overlay asks it, it waits and does nothing more).
vi.mock('@/lib/store/client', () => ({ call: vi.fn(() => new Promise(() => {})) }));

let ctx: ContentScriptContext;
const pageKind = () => document.documentElement.getAttribute('data-reconcile-page');

beforeEach(() => {
  fakeBrowser.reset();
  vi.mocked(call).mockClear();
  vi.spyOn(console, 'debug').mockImplementation(() => {}); // WXT logs each invalidation
  ctx = new ContentScriptContext('manager-test');
});
afterEach(() => {
  ctx.notifyInvalidated();
  document.body.innerHTML = '';
  document.documentElement.removeAttribute('data-reconcile-page');
  vi.restoreAllMocks();
});

describe('startManagerOverlay', () => {
  it('recognises the login page', () => {
    document.body.innerHTML = `<form><h1>매니저 로그인</h1><input name="id"><input type="password" name="pw"><button>로그인</button></form>`;
    startManagerOverlay(ctx);
    expect(pageKind()).toBe('manager-login');
    expect(call).not.toHaveBeenCalledWith('page.report', expect.anything());
  });

  it('recognises the 청구서관리 list', () => {
    document.body.innerHTML = `<h2>청구서관리</h2><table><thead><tr><th>고객명</th><th>청구핸드폰</th><th>청구사유</th><th>청구금액</th><th>등록일자</th><th>결제일</th><th>상태</th></tr></thead>
<tbody><tr><td>윤서진</td><td>010-7485-1651</td><td>11월 수강료</td><td>280,000</td><td>2026-11-18 10:00</td><td></td><td>발송완료</td></tr></tbody></table>`;
    startManagerOverlay(ctx);
    expect(pageKind()).toBe('manager-invoices');
    expect(call).not.toHaveBeenCalledWith('page.report', expect.anything());
  });

  it('calls anything else unrecognised, and reports a near miss', () => {
    document.body.innerHTML = `<table><tr><th>고객명</th><th>청구금액</th><th>상태</th></tr></table>`;
    startManagerOverlay(ctx);
    expect(pageKind()).toBe('unrecognized');
    expect(call).toHaveBeenCalledWith(
      'page.report',
      expect.objectContaining({ site: 'manager', pageKind: 'unrecognized' }),
    );
  });
});
