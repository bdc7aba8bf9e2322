import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createRecord, type Reconciliation, transition } from '@/lib/domain';
import { makeInvoice, makePayment } from '@/lib/domain/testing';
import { BackgroundError, call } from '@/lib/store/client';
import type { ReconDb } from '@/lib/store/db';
import { createService, toRow } from '@/lib/store/service';
import { dropDb, freshDb, renderWithDb, useKoreanMessages } from '../test-utils';
import { PopupApp } from './PopupApp';
import { resetPopupUi } from './store';

vi.mock('@/lib/store/client', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/store/client')>()),
  call: vi.fn(),
}));
const mockedCall = vi.mocked(call);

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 26, 3, 0); // 2026-11-26 12:00 in Seoul
const clock = () => NOW;

let db: ReconDb;

beforeEach(() => {
  fakeBrowser.reset();
  useKoreanMessages();
  resetPopupUi();
  mockedCall.mockReset();
  db = freshDb();
});
afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  await dropDb(db);
});

const BIZ = {
  id: 'b:2208162517',
  name: '해솔수학학원',
  bizNo: '2208162517',
  smsPayStatus: '사용가능',
  managerUrl: null,
  managerAccount: 'haesol01',
  passwordPolicy: 'derive' as const,
  updatedAt: NOW,
};

function pending(
  customer: string,
  daysAgo: number,
  fields: Parameters<typeof makePayment>[0] = {},
) {
  return createRecord(
    'payment',
    makePayment({ customer, status: '대기취소', cause: 'force', ...fields }),
    NOW - daysAgo * DAY,
  );
}

function step(r: Reconciliation, action: Parameters<typeof transition>[1], at: number) {
  const next = transition(r, action, at);
  if (!next.ok) throw new Error(next.error.message);
  return next.value;
}

async function seed(...records: Reconciliation[]) {
  await db.records.bulkPut(records.map(toRow));
}

const popup = () => renderWithDb(<PopupApp clock={clock} />, db);

describe('popup: empty and error states', () => {
  it('shows a calm empty state and no other sections when nothing is recorded', async () => {
    popup();
    expect(await screen.findByText('매니저 사이트 취소 필요: 0건')).toBeTruthy();
    expect(screen.getByText('모두 처리했습니다')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: /확인 필요/ })).toBeNull();
    expect(screen.queryByRole('heading', { name: /진단/ })).toBeNull();
    expect(screen.getByRole('searchbox', { name: '검색' })).toBeTruthy();
  });

  it('says so when the database cannot be read', async () => {
    db.close();
    popup();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('저장소를 읽지 못했습니다');
    expect(alert.textContent).toMatch(/closed/i);
  });
});

describe('popup: the pending list', () => {
  it('groups by business and shows name, phone, amount, date and age', async () => {
    await db.businesses.put(BIZ);
    await seed(
      pending('윤서진', 3, {
        phone: '01012345678',
        amount: 280000,
        date: '2026-11-20',
        businessId: BIZ.id,
      }),
      pending('한지우', 1, { phone: '01098765432', amount: 150000, date: '2026-11-21' }),
    );
    popup();
    expect(await screen.findByText('매니저 사이트 취소 필요: 2건')).toBeTruthy();
    const groups = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(groups).toEqual(['해솔수학학원1건', '사업자 미확인1건']);
    const item = screen.getByRole('article', { name: '윤서진' });
    expect(item.textContent).toContain('010-1234-5678');
    expect(item.textContent).toContain('280,000원');
    expect(item.textContent).toContain('2026-11-20');
    expect(item.textContent).toContain('3일 전');
    expect(item.textContent).toContain('기한 지남'); // 3 days is the default badge limit
    const recent = screen.getByRole('article', { name: '한지우' });
    expect(recent.textContent).toContain('어제');
    expect(recent.textContent).not.toContain('기한 지남');
  });

  it('draws only a screenful of 5,000 pending records', async () => {
    const records = Array.from({ length: 5000 }, (_, i) =>
      pending(`학생${i}`, (i % 9) + 0.5, { amount: 10000 + i, date: '2026-11-01' }),
    );
    await seed(...records);
    const started = performance.now();
    popup();
    await screen.findByText('매니저 사이트 취소 필요: 5000건', {}, { timeout: 15_000 });
    await screen.findAllByRole('article');
    const elapsed = performance.now() - started;
    console.info(
      `5,000 pending: first list paint after ${Math.round(elapsed)} ms (fake-indexeddb)`,
    );
    const drawn = screen.getAllByRole('article').length;
    expect(drawn).toBeGreaterThan(2);
    expect(drawn).toBeLessThan(40);
    // Generous for CI (fake-indexeddb is far slower than a browser's IndexedDB); the real
    // first paint is measured in the browser by tests/e2e/pages.e2e.ts.
    expect(elapsed).toBeLessThan(3000);
  }, 30_000);

  it('filters by name, phone digits and amount', async () => {
    await seed(
      pending('윤서진', 2, { phone: '01012345678', amount: 280000 }),
      pending('한지우', 2, { phone: '01055550000', amount: 150000 }),
    );
    popup();
    await screen.findByRole('article', { name: '윤서진' });
    const search = screen.getByRole('searchbox', { name: '검색' });
    const names = () =>
      screen
        .queryAllByRole('article')
        .map(
          (a) => a.getAttribute('aria-labelledby') && within(a).getAllByText(/./)[0]?.textContent,
        );
    await userEvent.type(search, '지우');
    await waitFor(() => expect(names()).toEqual(['한지우']));
    await userEvent.clear(search);
    await userEvent.type(search, '1234-5678');
    await waitFor(() => expect(names()).toEqual(['윤서진']));
    await userEvent.clear(search);
    await userEvent.type(search, '150,000');
    await waitFor(() => expect(names()).toEqual(['한지우']));
    await userEvent.clear(search);
    await userEvent.type(search, '없는이름');
    expect(await screen.findByText('‘없는이름’에 맞는 건이 없습니다.')).toBeTruthy();
  });
});

describe('popup: actions go to the background', () => {
  it('매니저 사이트에서 처리 sends recon.start', async () => {
    const r = pending('윤서진', 1);
    await seed(r);
    mockedCall.mockResolvedValue({ opened: true });
    popup();
    const item = await screen.findByRole('article', { name: '윤서진' });
    await userEvent.click(within(item).getByRole('button', { name: '매니저 사이트에서 처리' }));
    expect(mockedCall).toHaveBeenCalledWith('recon.start', { id: r.id });
    expect((await screen.findByRole('status')).textContent).toContain('매니저 사이트를 열었습니다');
  });

  it('처리 완료로 표시 asks a reason, refuses an empty one, then resolves; 되돌리기 undoes', async () => {
    const r = pending('윤서진', 1);
    await seed(r);
    mockedCall.mockResolvedValue({ state: 'resolved' });
    popup();
    const item = await screen.findByRole('article', { name: '윤서진' });
    await userEvent.click(within(item).getByRole('button', { name: '처리 완료로 표시' }));
    const field = within(item).getByRole('textbox', { name: '처리 완료 사유' });
    expect(document.activeElement).toBe(field);
    await userEvent.click(within(item).getByRole('button', { name: '처리 완료' }));
    expect(within(item).getByRole('alert').textContent).toBe('사유를 입력해 주세요.');
    expect(mockedCall).not.toHaveBeenCalled();
    await userEvent.type(field, '매니저 사이트에서 직접 취소함{Enter}');
    expect(mockedCall).toHaveBeenCalledWith('recon.act', {
      id: r.id,
      action: 'resolve',
      reason: '매니저 사이트에서 직접 취소함',
    });
    const notice = await screen.findByRole('status');
    expect(notice.textContent).toContain('윤서진: 처리 완료로 표시했습니다.');
    await userEvent.click(within(notice).getByRole('button', { name: '되돌리기' }));
    expect(mockedCall).toHaveBeenLastCalledWith('recon.act', { id: r.id, action: 'undo' });
  });

  it('제외 asks a reason; Escape closes the form without sending anything', async () => {
    const r = pending('윤서진', 1);
    await seed(r);
    mockedCall.mockResolvedValue({ state: 'dismissed' });
    popup();
    const item = await screen.findByRole('article', { name: '윤서진' });
    await userEvent.click(within(item).getByRole('button', { name: '제외' }));
    await userEvent.keyboard('{Escape}');
    expect(within(item).queryByRole('textbox')).toBeNull();
    expect(document.activeElement).toBe(within(item).getByRole('button', { name: '제외' }));
    await userEvent.click(within(item).getByRole('button', { name: '제외' }));
    await userEvent.type(within(item).getByRole('textbox', { name: '제외 사유' }), '중복 건');
    await userEvent.click(within(item).getByRole('button', { name: '제외하기' }));
    expect(mockedCall).toHaveBeenCalledWith('recon.act', {
      id: r.id,
      action: 'dismiss',
      reason: '중복 건',
    });
  });

  it('shows the background refusal clearly', async () => {
    await seed(pending('윤서진', 1));
    mockedCall.mockRejectedValue(
      new BackgroundError('failed', 'Cannot start a record that is resolved'),
    );
    popup();
    const item = await screen.findByRole('article', { name: '윤서진' });
    await userEvent.click(within(item).getByRole('button', { name: '매니저 사이트에서 처리' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('처리하지 못했습니다');
    expect(alert.textContent).toContain('Cannot start a record that is resolved');
    await userEvent.click(within(alert).getByRole('button', { name: '닫기' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says the background is unreachable', async () => {
    await seed(pending('윤서진', 1));
    mockedCall.mockRejectedValue(new BackgroundError('unreachable', 'Error: no receiver'));
    popup();
    const item = await screen.findByRole('article', { name: '윤서진' });
    await userEvent.click(within(item).getByRole('button', { name: '매니저 사이트에서 처리' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      '백그라운드가 응답하지 않습니다',
    );
  });

  it('with the real service behind it, a resolved item leaves the list and can be undone', async () => {
    const service = createService({
      db,
      now: () => NOW,
      changed: () => {},
      openManager: async () => true,
    });
    mockedCall.mockImplementation((async (type: string, payload: Record<string, string>) => {
      if (type !== 'recon.act') throw new Error(type);
      const record = await service.act(
        payload.id as string,
        payload.action === 'undo'
          ? { type: 'undo' }
          : {
              type: 'resolve',
              reason: payload.reason,
              evidence: { at: NOW, source: 'manual', invoice: null, note: payload.reason },
            },
      );
      return { state: record.state };
    }) as typeof call);
    const r = pending('윤서진', 1);
    await seed(r, pending('한지우', 2));
    popup();
    const item = await screen.findByRole('article', { name: '윤서진' });
    await userEvent.click(within(item).getByRole('button', { name: '처리 완료로 표시' }));
    await userEvent.type(within(item).getByRole('textbox'), '직접 취소{Enter}');
    expect(await screen.findByText('매니저 사이트 취소 필요: 1건')).toBeTruthy();
    expect(screen.queryByRole('article', { name: '윤서진' })).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: /최근 처리/ }));
    const recent = await screen.findByRole('article', { name: '윤서진' });
    expect(recent.textContent).toContain('처리 완료');
    expect(recent.textContent).toContain('직접 취소');
    await userEvent.click(within(recent).getByRole('button', { name: '되돌리기' }));
    expect(await screen.findByText('매니저 사이트 취소 필요: 2건')).toBeTruthy();
  });
});

describe('popup: the other sections', () => {
  it('확인 필요 explains itself and offers the manager-site check', async () => {
    const u = createRecord(
      'payment',
      makePayment({ customer: '박하늘', status: '결제취소' }),
      NOW - DAY,
      {
        state: 'unverified',
      },
    );
    await seed(u);
    mockedCall.mockResolvedValue({ opened: true });
    popup();
    const toggle = await screen.findByRole('button', { name: /확인 필요/ });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await userEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByText(/결제취소인지 강제취소인지 알 수 없는/)).toBeTruthy();
    const item = await screen.findByRole('article', { name: '박하늘' });
    await userEvent.click(within(item).getByRole('button', { name: '매니저 사이트에서 확인' }));
    expect(mockedCall).toHaveBeenCalledWith('recon.start', { id: u.id });
  });

  it('매니저에서만 취소됨 lists drift with resolve and dismiss', async () => {
    const d = createRecord(
      'drift',
      makeInvoice({ customerRaw: '정경희(학부모)', status: '결제취소' }),
      NOW - DAY,
    );
    await seed(d);
    popup();
    await screen.findByRole('button', { name: /매니저에서만 취소됨/ });
    const item = await screen.findByRole('article', { name: '정경희(학부모)' });
    expect(within(item).getByRole('button', { name: '처리 완료로 표시' })).toBeTruthy();
    expect(within(item).getByRole('button', { name: '제외' })).toBeTruthy();
    expect(within(item).queryByRole('button', { name: '매니저 사이트에서 처리' })).toBeNull();
  });

  it('최근 처리 lists the last 20 resolved or dismissed, newest first', async () => {
    const settled = Array.from({ length: 25 }, (_, i) =>
      step(
        pending(`학생${i}`, 5),
        { type: 'dismiss', reason: `사유${i}` },
        NOW - (25 - i) * 60_000,
      ),
    );
    await seed(...settled);
    popup();
    await userEvent.click(await screen.findByRole('button', { name: /최근 처리/ }));
    const items = await screen.findAllByRole('article');
    expect(items[0]?.textContent).toContain('학생24');
    expect(items[0]?.textContent).toContain('제외됨');
    expect(within(items[0] as HTMLElement).getByRole('button', { name: '되돌리기' })).toBeTruthy();
    expect(screen.queryByText('학생4')).toBeNull(); // the 21st newest is not listed
  });

  it('진단 shows the url, missing words and time, and clears them', async () => {
    await db.diagnostics.add({
      at: NOW,
      site: 'macgai',
      url: 'https://edu.macgai7.com/Student/StudentMng.aspx',
      pageKind: 'unrecognized',
      missing: ['납부일자', '결제상태'],
    });
    mockedCall.mockResolvedValue({ cleared: 1 });
    popup();
    await userEvent.click(await screen.findByRole('button', { name: /진단/ }));
    expect(await screen.findByText('https://edu.macgai7.com/Student/StudentMng.aspx')).toBeTruthy();
    expect(screen.getByText('찾지 못한 항목: 납부일자, 결제상태')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '진단 기록 지우기' }));
    expect(mockedCall).toHaveBeenCalledWith('diagnostics.clear', {});
  });

  it('설정 opens the options page', async () => {
    const open = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue(undefined);
    const close = vi.spyOn(window, 'close').mockImplementation(() => {});
    popup();
    await userEvent.click(await screen.findByRole('button', { name: '설정' }));
    expect(open).toHaveBeenCalledOnce();
    await act(async () => {});
    expect(close).toHaveBeenCalled();
  });

  it('월말 대사 opens the audit page in a tab', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    const close = vi.spyOn(window, 'close').mockImplementation(() => {});
    popup();
    await userEvent.click(await screen.findByRole('button', { name: '월말 대사' }));
    expect(create).toHaveBeenCalledWith({ url: expect.stringMatching(/\/audit\.html$/) });
    await act(async () => {});
    expect(close).toHaveBeenCalled();
  });
});
