import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { MacgaiPayment } from '@/lib/domain';
import { OWN_HOST_TAG } from '@/lib/engine/watch';
import { CHANNEL, type Judgment } from '@/lib/store/channel';
import { call } from '@/lib/store/client';
import { startMacgaiOverlay } from './macgai';

vi.mock('@/lib/store/client', () => ({ call: vi.fn() }));

const callMock = vi.mocked(call);
type Handler = (type: string, payload: unknown) => Promise<unknown>;
let judge: (p: MacgaiPayment) => Judgment;
let ctx: ContentScriptContext;

/** What the background would answer; a test may replace one request's answer. */
function answer(overrides: Record<string, Handler> = {}) {
  const handler: Handler = async (type, payload) => {
    const override = overrides[type];
    if (override) return override(type, payload);
    if (type === 'payments.observe') {
      const { payments } = payload as { payments: MacgaiPayment[] };
      return { judgments: Object.fromEntries(payments.map((p) => [p.key, judge(p)])) };
    }
    return {};
  };
  callMock.mockImplementation(handler as unknown as typeof call);
}

const calls = (type: string): unknown[] =>
  callMock.mock.calls.filter(([t]) => t === type).map(([, payload]) => payload);
/** The payments the n-th scan sent to the background. */
const observed = (n = 0): MacgaiPayment[] =>
  (calls('payments.observe')[n] as { payments: MacgaiPayment[] }).payments;

interface Row {
  date: string;
  amount: string;
  method: string;
  status: string;
  note?: string;
  action?: string;
}

const ROWS: Row[] = [
  {
    date: '2026-11-18',
    amount: '280,000',
    method: '문자결제',
    status: '대기취소',
    note: '강제취소',
  },
  { date: '2026-11-02', amount: '150,000', method: '현금', status: '결제완료' },
  { date: '2026-11-10', amount: '191,000', method: '문자결제', status: '결제대기' },
  { date: '2026-10-01', amount: '99,000', method: '문자결제', status: '결제취소' },
];

function payList(rows: Row[]): string {
  const tr = (r: Row) =>
    `<tr class="pay-row"><td><input type="checkbox" title="선택"></td><td>${r.date}</td><td>${r.amount}</td><td>${r.method}</td><td>알림톡</td><td>${r.status}</td><td>학부모</td><td>${r.note ?? ''}</td><td>${r.action ? `<a href="#">${r.action}</a>` : ''}</td></tr>`;
  return `<table id="gvPayList"><thead><tr><th>선택</th><th>납부일자</th><th>납부금액</th><th>결제수단</th><th>결제경로</th><th>결제상태</th><th>결제자</th><th>참고사항</th><th>관리</th></tr></thead>
<tbody>${rows.map(tr).join('')}</tbody></table>`;
}

function studentPage(rows: Row[] = ROWS): void {
  document.body.innerHTML = `<div class="stu-context"><h3>학생 기본정보</h3>
<label for="txtStuName">학생명</label><input id="txtStuName" value="윤서진">
<label for="txtParentHp">학부모HP</label><input id="txtParentHp" value="010-7485-1651">
</div>
<div class="btn-area">
<button type="button" id="btnPayCancel">결제취소</button>
<button type="button" id="btnForceCancel">강제취소</button>
<button type="button" id="btnUnpaidImport">미납내역가져오기</button>
</div>
<div id="upPayList">${payList(rows)}</div>`;
}

const rowsOf = () => Array.from(document.querySelectorAll('#gvPayList tbody tr'));
const rowAt = (i: number) => rowsOf()[i] as HTMLTableRowElement;
const button = (id: string) => document.getElementById(id) as HTMLElement;
const flagButton = (row: Element) =>
  row.querySelector(OWN_HOST_TAG)?.shadowRoot?.querySelector('button') as HTMLButtonElement;
const pendingIdOf = (p: MacgaiPayment) => `p:${p.key}`;

/** happy-dom trusts no event: these tests stand in for a person's clicks. */
const AS_PERSON = { byPerson: () => true };

async function started(): Promise<void> {
  startMacgaiOverlay(ctx, AS_PERSON);
  await vi.waitFor(() => expect(calls('payments.observe').length).toBeGreaterThan(0));
}

beforeEach(() => {
  fakeBrowser.reset();
  callMock.mockReset();
  vi.spyOn(console, 'debug').mockImplementation(() => {}); // WXT logs each invalidation
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockReturnValue('');
  judge = (p) =>
    p.status === '대기취소' ? { mark: 'pending', id: pendingIdOf(p), since: 1 } : null;
  answer();
  ctx = new ContentScriptContext('macgai-test');
  studentPage();
});
afterEach(() => {
  ctx.notifyInvalidated();
  document.body.innerHTML = '';
  document.documentElement.removeAttribute('data-reconcile-page');
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('the student 결제 탭', () => {
  it('marks the page and records only the 문자결제 rows, with the student around the list', async () => {
    await started();
    expect(document.documentElement.getAttribute('data-reconcile-page')).toBe(
      'macgai-student-payments',
    );
    const payments = observed();
    expect(payments.map((p) => [p.date, p.amount, p.status])).toEqual([
      ['2026-11-18', 280000, '대기취소'],
      ['2026-11-10', 191000, '결제대기'],
      ['2026-10-01', 99000, '결제취소'],
    ]);
    for (const p of payments) {
      expect(p).toMatchObject({ customer: '윤서진', phone: '01074851651', method: '문자결제' });
    }
    expect(calls('page.report')).toEqual([]);
  });

  it('draws the mark the background judged on that row only', async () => {
    judge = (p) =>
      p.status === '대기취소'
        ? { mark: 'pending', id: pendingIdOf(p), since: 1 }
        : p.status === '결제취소'
          ? { mark: 'resolved', id: pendingIdOf(p), since: Date.UTC(2026, 10, 20, 1, 30) }
          : null;
    await started();
    await vi.waitFor(() => expect(rowAt(0).getAttribute('data-reconcile')).toBe('pending'));
    expect(rowAt(0).querySelectorAll(OWN_HOST_TAG)).toHaveLength(1);
    expect(rowAt(3).getAttribute('data-reconcile')).toBe('resolved');
    const resolved = rowAt(3).querySelector(OWN_HOST_TAG)?.shadowRoot?.textContent ?? '';
    expect(resolved).toContain('flagResolved');
    for (const i of [1, 2]) {
      expect(rowAt(i).hasAttribute('data-reconcile')).toBe(false);
      expect(rowAt(i).querySelector(OWN_HOST_TAG)).toBeNull();
    }
  });

  it("starts the record from the flag's button, and says so when that fails", async () => {
    await started();
    await vi.waitFor(() => expect(flagButton(rowAt(0))).toBeTruthy());
    const payments = observed();
    const id = pendingIdOf(payments[0] as MacgaiPayment);
    flagButton(rowAt(0)).click();
    expect(callMock).toHaveBeenLastCalledWith('recon.start', { id });

    const alert = vi.fn();
    vi.stubGlobal('alert', alert);
    answer({ 'recon.start': async () => Promise.reject(new Error('no manager tab')) });
    flagButton(rowAt(0)).click();
    await vi.waitFor(() => expect(alert).toHaveBeenCalledOnce());
    expect(alert.mock.calls[0]?.[0]).toContain('flagStartFailed');
  });

  it('records [강제취소] and [결제취소] for the row the user selected', async () => {
    await started();
    const payments = observed();
    rowAt(2).cells[2]?.click();
    button('btnForceCancel').click();
    expect(calls('payments.intent')).toEqual([{ action: 'force', payment: payments[1] }]);
    button('btnPayCancel').click();
    expect(calls('payments.intent')).toEqual([
      { action: 'force', payment: payments[1] },
      { action: 'normal', payment: payments[1] },
    ]);
    // Other buttons are none of our business.
    button('btnUnpaidImport').click();
    expect(calls('payments.intent')).toHaveLength(2);
  });

  it('takes the selection from a checked row checkbox too', async () => {
    await started();
    const payments = observed();
    const box = rowAt(2).querySelector('input') as HTMLInputElement;
    box.checked = true;
    box.dispatchEvent(new Event('change', { bubbles: true }));
    // Unchecking another row's box does not select it.
    const other = rowAt(0).querySelector('input') as HTMLInputElement;
    other.dispatchEvent(new Event('change', { bubbles: true }));
    button('btnForceCancel').click();
    expect(calls('payments.intent')).toEqual([{ action: 'force', payment: payments[1] }]);
  });

  it('sends nothing without a selection, for a cash row, or for a row already cancelled', async () => {
    await started();
    button('btnForceCancel').click();
    rowAt(1).cells[2]?.click(); // 현금: not ours, so not a selection either
    button('btnForceCancel').click();
    rowAt(3).cells[2]?.click(); // 결제취소 already
    button('btnForceCancel').click();
    expect(calls('payments.intent')).toEqual([]);
  });

  it("uses a row's own [강제취소] button for that row, whatever was selected", async () => {
    const rows = ROWS.map((r, i) => (i === 2 ? { ...r, action: '[강제취소]' } : r));
    studentPage(rows);
    await started();
    const payments = observed();
    (rowAt(2).querySelector('a') as HTMLElement).click();
    expect(calls('payments.intent')).toEqual([{ action: 'force', payment: payments[1] }]);
  });

  it('does not count a click inside its own flag as selecting that row', async () => {
    await started();
    const payments = observed();
    await vi.waitFor(() => expect(flagButton(rowAt(0))).toBeTruthy());
    rowAt(2).cells[2]?.click();
    flagButton(rowAt(0)).click(); // starts row 0's record; the page's selection is unchanged
    // A browser retargets a click inside the shadow root to its host for the document's
    // listeners (happy-dom does not): clicking the host is what the overlay sees there.
    (rowAt(0).querySelector(OWN_HOST_TAG) as HTMLElement).click();
    button('btnForceCancel').click();
    expect(calls('payments.intent')).toEqual([{ action: 'force', payment: payments[1] }]);
  });

  it('retries a pressed cancel the background could not record yet', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    let failures = 1;
    answer({
      'payments.intent': async () => {
        if (failures-- > 0) throw new Error('unreachable');
        return { recorded: true };
      },
    });
    await started();
    rowAt(2).cells[2]?.click();
    button('btnForceCancel').click();
    await vi.waitFor(() => expect(calls('payments.intent')).toHaveLength(2), { timeout: 3_000 });
  });
});

describe('re-scans', () => {
  it("scans again on the background's 'changed' notice", async () => {
    await started();
    judge = () => null;
    await fakeBrowser.runtime.onMessage.trigger({ channel: CHANNEL, type: 'changed' }, {});
    await vi.waitFor(() => expect(calls('payments.observe')).toHaveLength(2));
    await vi.waitFor(() => expect(rowAt(0).hasAttribute('data-reconcile')).toBe(false));
    expect(rowAt(0).querySelector(OWN_HOST_TAG)).toBeNull();
  });

  it('sends only new or changed rows again; a re-render that changes none sends nothing', async () => {
    await started();
    await vi.waitFor(() => expect(rowAt(0).getAttribute('data-reconcile')).toBe('pending'));
    const host = rowAt(0).querySelector(OWN_HOST_TAG);
    rowAt(2).classList.add('selected'); // the page marks the selected row
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(calls('payments.observe')).toHaveLength(1);
    expect(rowAt(0).querySelector(OWN_HOST_TAG)).toBe(host);
    // The page cancels one payment: only that row is sent, and it is flagged from the answer.
    (rowAt(2).cells[5] as HTMLElement).textContent = '대기취소';
    await vi.waitFor(() => expect(calls('payments.observe')).toHaveLength(2));
    expect(observed(1).map((p) => [p.date, p.status])).toEqual([['2026-11-10', '대기취소']]);
    await vi.waitFor(() => expect(rowAt(2).getAttribute('data-reconcile')).toBe('pending'));
    expect(rowAt(0).querySelector(OWN_HOST_TAG)).toBe(host);
    // After the background says its data changed, every row is asked about again.
    await fakeBrowser.runtime.onMessage.trigger({ channel: CHANNEL, type: 'changed' }, {});
    await vi.waitFor(() => expect(calls('payments.observe')).toHaveLength(3));
    expect(observed(2)).toHaveLength(3);
  });

  it('scans again when the page re-renders its list, dropping flags of rows that left', async () => {
    await started();
    await vi.waitFor(() => expect(rowAt(0).getAttribute('data-reconcile')).toBe('pending'));
    const gone = rowAt(0);
    const panel = document.getElementById('upPayList') as HTMLElement;
    panel.innerHTML = payList(ROWS.slice(1));
    await vi.waitFor(() => expect(calls('payments.observe')).toHaveLength(2));
    expect(gone.hasAttribute('data-reconcile')).toBe(false);
    expect(gone.querySelector(OWN_HOST_TAG)).toBeNull();
    const payments = observed(1);
    expect(payments.map((p) => p.status)).toEqual(['결제대기', '결제취소']);
  });

  it('ignores an answer that a newer scan has overtaken', async () => {
    let release: (value: unknown) => void = () => {};
    let first = true;
    answer({
      'payments.observe': (_type, payload) => {
        if (!first) return Promise.resolve({ judgments: {} });
        first = false;
        const { payments } = payload as { payments: MacgaiPayment[] };
        const judgments = Object.fromEntries(payments.map((p) => [p.key, judge(p)]));
        return new Promise((resolve) => {
          release = () => resolve({ judgments });
        });
      },
    });
    await started();
    await fakeBrowser.runtime.onMessage.trigger({ channel: CHANNEL, type: 'changed' }, {});
    await vi.waitFor(() => expect(calls('payments.observe')).toHaveLength(2));
    release(undefined);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(rowAt(0).hasAttribute('data-reconcile')).toBe(false);
  });

  it('sends the rows again when the background could not record them, and then draws', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    let failures = 1;
    answer({
      'payments.observe': async (_type, payload) => {
        if (failures-- > 0) throw new Error('unreachable');
        const { payments } = payload as { payments: MacgaiPayment[] };
        return { judgments: Object.fromEntries(payments.map((p) => [p.key, judge(p)])) };
      },
    });
    startMacgaiOverlay(ctx, AS_PERSON);
    await vi.waitFor(() => expect(warn).toHaveBeenCalled());
    expect(rowAt(0).hasAttribute('data-reconcile')).toBe(false);
    await vi.waitFor(() => expect(rowAt(0).getAttribute('data-reconcile')).toBe('pending'), {
      timeout: 3_000,
    });
  });

  it('clears its flags and reports what was missing when the page stops being recognised', async () => {
    await started();
    await vi.waitFor(() => expect(rowAt(0).getAttribute('data-reconcile')).toBe('pending'));
    document.querySelector('.stu-context')?.remove();
    await vi.waitFor(() =>
      expect(document.documentElement.getAttribute('data-reconcile-page')).toBe('unrecognized'),
    );
    expect(rowAt(0).hasAttribute('data-reconcile')).toBe(false);
    expect(document.querySelector(OWN_HOST_TAG)).toBeNull();
    expect(calls('page.report')).toEqual([
      { site: 'macgai', url: location.href, pageKind: 'unrecognized', missing: ['학생명'] },
    ]);
  });

  it('stops with the content script', async () => {
    await started();
    ctx.notifyInvalidated();
    document.querySelector('.stu-context')?.remove();
    await fakeBrowser.runtime.onMessage.trigger({ channel: CHANNEL, type: 'changed' }, {});
    await new Promise((resolve) => setTimeout(resolve, 300));
    rowAt(2).cells[2]?.click();
    button('btnForceCancel').click();
    expect(callMock).toHaveBeenCalledOnce();
  });
});

describe('drawing', () => {
  it('looks up the flag texts only for the first flag it draws', async () => {
    const getMessage = vi.mocked(fakeBrowser.i18n.getMessage);
    judge = () => null;
    await started();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(getMessage).not.toHaveBeenCalled();
    judge = (p) =>
      p.status === '대기취소' ? { mark: 'pending', id: pendingIdOf(p), since: 1 } : null;
    await fakeBrowser.runtime.onMessage.trigger({ channel: CHANNEL, type: 'changed' }, {});
    await vi.waitFor(() => expect(flagButton(rowAt(0))).toBeTruthy());
    const looked = getMessage.mock.calls.length;
    expect(looked).toBeGreaterThan(0);
    await fakeBrowser.runtime.onMessage.trigger({ channel: CHANNEL, type: 'changed' }, {});
    await vi.waitFor(() => expect(calls('payments.observe')).toHaveLength(3));
    expect(getMessage.mock.calls.length).toBe(looked); // once per page
  });

  it('marks every row of a long list at once, and draws badges as rows near the viewport', async () => {
    const shown: ((targets: Element[]) => void)[] = [];
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        constructor(cb: IntersectionObserverCallback) {
          shown.push((targets) =>
            cb(targets.map((target) => ({ target, isIntersecting: true })) as never, this as never),
          );
        }
        observe() {}
        unobserve() {}
        disconnect() {}
      },
    );
    const long = Array.from({ length: 150 }, (_, i) => ({
      date: `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      amount: '280,000',
      method: '문자결제',
      status: '대기취소',
      note: '강제취소',
    }));
    studentPage(long);
    await started();
    await vi.waitFor(() => expect(rowAt(149).getAttribute('data-reconcile')).toBe('pending'));
    expect(document.querySelectorAll('[data-reconcile="pending"]')).toHaveLength(150);
    expect(document.querySelector(OWN_HOST_TAG)).toBeNull();
    shown.at(-1)?.([rowAt(0)]); // the first rows' sentinel comes near the viewport
    expect(flagButton(rowAt(0))).toBeTruthy();
    expect(flagButton(rowAt(15))).toBeTruthy();
    expect(document.querySelectorAll(OWN_HOST_TAG)).toHaveLength(16);
    // A re-scan keeps what is drawn as it is.
    const host = rowAt(0).querySelector(OWN_HOST_TAG);
    await fakeBrowser.runtime.onMessage.trigger({ channel: CHANNEL, type: 'changed' }, {});
    await vi.waitFor(() => expect(calls('payments.observe')).toHaveLength(2));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(rowAt(0).querySelector(OWN_HOST_TAG)).toBe(host);
    expect(observed(1)).toEqual(observed(0));
  });
});

describe('the 결제 사업자 popup', () => {
  function bizPopup(): void {
    document.body.innerHTML = `<div id="popWrap"><h1>결제 사업자 관리</h1>
<table id="gvBiz"><thead><tr><th>선택</th><th>사용명칭</th><th>사업자 등록번호</th><th>대표자명</th><th>사업자명</th><th>문자결제</th></tr></thead>
<tbody>
<tr class="biz-row"><td><input type="radio" name="rdoBiz" value="1"></td><td>본원</td><td>220-81-62517</td><td>김해솔</td><td>해솔학원</td><td><span>사용가능</span></td></tr>
<tr class="biz-row"><td><input type="radio" name="rdoBiz" value="2"></td><td>분원</td><td>130-86-11111</td><td>김해솔</td><td>해솔수학</td><td><span>미사용</span></td></tr>
</tbody></table>
<button type="button" id="btnGoManager">매니저 사이트 바로가기</button></div>`;
  }
  const haesol = { name: '해솔학원', bizNo: '220-81-62517', smsPayStatus: '사용가능' };

  it('learns the businesses it lists, once per distinct list', async () => {
    bizPopup();
    startMacgaiOverlay(ctx, AS_PERSON);
    expect(document.documentElement.getAttribute('data-reconcile-page')).toBe('macgai-businesses');
    expect(calls('businesses.learn')).toEqual([
      {
        businesses: [haesol, { name: '해솔수학', bizNo: '130-86-11111', smsPayStatus: '미사용' }],
      },
    ]);
    document.querySelector('h1')?.append('!'); // a re-render with the same list
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(calls('businesses.learn')).toHaveLength(1);
    expect(calls('payments.observe')).toEqual([]);
  });

  it('says which business [매니저 사이트 바로가기] is for, once one is selected', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    answer({ 'businesses.learn': async () => Promise.reject(new Error('unreachable')) });
    bizPopup();
    startMacgaiOverlay(ctx, AS_PERSON);
    button('btnGoManager').click();
    expect(calls('manager.nextBusiness')).toEqual([]);
    (document.querySelector('.biz-row td:nth-child(5)') as HTMLElement).click();
    button('btnGoManager').click();
    expect(calls('manager.nextBusiness')).toEqual([{ business: haesol }]);
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith('[reconcile]', expect.any(Error)));
  });

  it('clears the flags of a payment list the popup replaced', async () => {
    await started();
    await vi.waitFor(() => expect(rowAt(0).getAttribute('data-reconcile')).toBe('pending'));
    const row = rowAt(0);
    bizPopup();
    await vi.waitFor(() =>
      expect(document.documentElement.getAttribute('data-reconcile-page')).toBe(
        'macgai-businesses',
      ),
    );
    expect(row.hasAttribute('data-reconcile')).toBe(false);
  });
});

describe('other pages', () => {
  it('marks a page without any list as unrecognised and reports nothing', () => {
    document.body.innerHTML = '<p>공지사항</p>';
    startMacgaiOverlay(ctx, AS_PERSON);
    expect(document.documentElement.getAttribute('data-reconcile-page')).toBe('unrecognized');
    expect(callMock).not.toHaveBeenCalled();
  });
});

describe('a page script’s clicks', () => {
  it('never record an intent: only a person’s clicks count', async () => {
    startMacgaiOverlay(ctx);
    await vi.waitFor(() => expect(calls('payments.observe').length).toBeGreaterThan(0));
    rowAt(2).cells[2]?.click();
    button('btnForceCancel').click();
    expect(calls('payments.intent')).toEqual([]);
  });
});
