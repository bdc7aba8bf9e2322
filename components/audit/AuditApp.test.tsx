import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { AuditRunner } from '@/lib/audit/client';
import { CancelledError } from '@/lib/audit/report';
import { type AuditProgress, runAudit } from '@/lib/audit/run';
import { createAuditService } from '@/lib/store/audit-service';
import { call } from '@/lib/store/client';
import type { ReconDb } from '@/lib/store/db';
import {
  type Scenario,
  SMALL,
  scenario,
  writeMacgai,
  writeManager,
} from '../../tests/fixtures/audit/generate';
import { dropDb, freshDb, renderWithDb, useKoreanMessages } from '../test-utils';
import { AuditApp } from './AuditApp';
import { resetAudit } from './store';

vi.mock('@/lib/store/client', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/store/client')>()),
  call: vi.fn(),
}));
const mockedCall = vi.mocked(call);

const NOW = Date.UTC(2026, 10, 30, 3);
let db: ReconDb;
let sc: Scenario;
let manager: File;
let macgai: File;

/** The worker's code, run in the test's thread. */
const inProcess: AuditRunner = (files, options, onProgress) => {
  let stop = false;
  const read = async (fs: File[]) =>
    Promise.all(
      fs.map(async (f) => ({ name: f.name, data: new Uint8Array(await f.arrayBuffer()) })),
    );
  return {
    result: (async () =>
      runAudit(
        { manager: await read(files.manager), macgai: await read(files.macgai), options },
        { progress: onProgress, cancelled: () => stop },
      ))(),
    cancel() {
      stop = true;
    },
  };
};

beforeAll(async () => {
  sc = scenario({ ...SMALL, students: 60, forceBacklog: 20, from: '2026-01', to: '2026-11' });
  manager = new File(
    [await writeManager(sc.manager, { format: 'xlsx', titleRows: true })],
    'billing.xlsx',
  );
  macgai = new File([await writeMacgai(sc.macgai, { format: 'csv' })], 'sunap.csv');
}, 30_000);

beforeEach(() => {
  fakeBrowser.reset();
  useKoreanMessages();
  resetAudit();
  db = freshDb();
  const service = createAuditService({ db, now: () => NOW, changed: () => {} });
  mockedCall.mockReset();
  mockedCall.mockImplementation((async (type: string, payload: never) => {
    if (type !== 'audit.commit') throw new Error(type);
    return service.commit(payload);
  }) as typeof call);
});
afterEach(async () => {
  cleanup();
  resetAudit();
  vi.restoreAllMocks();
  await dropDb(db);
});

const app = (runner: AuditRunner = inProcess) =>
  renderWithDb(<AuditApp runner={runner} clock={() => NOW} />, db);

async function choose(user: ReturnType<typeof userEvent.setup>) {
  const [managerInput, macgaiInput] = screen.getAllByLabelText('파일 선택') as HTMLInputElement[];
  await user.upload(managerInput as HTMLInputElement, manager);
  await user.upload(macgaiInput as HTMLInputElement, macgai);
}

describe('audit page', () => {
  it('starts only with a file for each site, then reports counts and tables per group', async () => {
    const user = userEvent.setup();
    app();
    expect(screen.getByRole('heading', { level: 1, name: '월말 대사' })).toBeTruthy();
    const start = screen.getByRole('button', { name: '대사 시작' }) as HTMLButtonElement;
    expect(start.disabled).toBe(true);
    await choose(user);
    expect(screen.getByText('billing.xlsx')).toBeTruthy();
    expect(screen.getByText('sunap.csv')).toBeTruthy();
    expect(start.disabled).toBe(false);
    await user.click(start);

    const summary = await screen.findByRole('list', { name: '결과 요약' }, { timeout: 20_000 });
    const e = sc.expected();
    const count = (label: string) =>
      within(summary).getByText(label).parentElement?.querySelector('.audit__count-n')?.textContent;
    expect(count('매니저 취소 필요')).toBe(String(e.pending));
    expect(count('매니저에서만 취소됨')).toBe(String(e.drift));
    expect(count('한쪽에서만 결제됨')).toBe(String(e.paidOneSide));
    expect(count('짝이 애매함')).toBe(String(e.ambiguous));
    expect(count('맥가이에만 있음')).toBe(String(e.unmatchedMacgai));
    expect(count('매니저에만 있음')).toBe(String(e.unmatchedManager));
    const pending = screen.getByRole('region', { name: `매니저 취소 필요 ${e.pending}` });
    expect(within(pending).getAllByRole('row').length).toBe(2 + e.pending);
    expect(await within(pending).findAllByText('새 건')).toHaveLength(e.pending);
    const ambiguous = screen.getByRole('region', { name: `짝이 애매함 ${e.ambiguous}` });
    expect(within(ambiguous).getAllByRole('article')).toHaveLength(e.ambiguous);
    // Nothing was written.
    expect(await db.records.count()).toBe(0);
  }, 30_000);

  it('adds the pending ones on request, once', async () => {
    const user = userEvent.setup();
    app();
    await choose(user);
    await user.click(screen.getByRole('button', { name: '대사 시작' }));
    const e = sc.expected();
    const add = (await screen.findByRole(
      'button',
      { name: `매니저 사이트 작업 목록에 추가 (${e.pending}건)` },
      { timeout: 20_000 },
    )) as HTMLButtonElement;
    await waitFor(() => expect(add.disabled).toBe(false));
    await user.click(add);
    expect(
      await screen.findByText(
        `${e.pending}건을 작업 목록에 추가했습니다. 이미 있던 0건은 그대로 둡니다.`,
      ),
    ).toBeTruthy();
    expect(mockedCall).toHaveBeenCalledTimes(1);
    expect(await db.records.where('state').equals('pending').count()).toBe(e.pending);
    // The table follows the store: every row is in the queue now, and nothing is left to add.
    const pending = screen.getByRole('region', { name: `매니저 취소 필요 ${e.pending}` });
    await waitFor(() =>
      expect(within(pending).getAllByText('작업 목록에 있음')).toHaveLength(e.pending),
    );
    expect(
      (
        screen.getByRole('button', {
          name: '매니저 사이트 작업 목록에 추가 (0건)',
        }) as HTMLButtonElement
      ).disabled,
    ).toBe(true);
    expect(screen.getByText('모두 이미 저장소에 있습니다.')).toBeTruthy();
  }, 30_000);

  it('shows progress with counts, and cancels', async () => {
    const user = userEvent.setup();
    let cancelled = false;
    let report: (p: AuditProgress) => void = () => {};
    let fail: (e: unknown) => void = () => {};
    const slow: AuditRunner = (_files, _options, onProgress) => {
      report = onProgress;
      return {
        result: new Promise((_, reject) => {
          fail = reject;
        }),
        cancel() {
          cancelled = true;
          fail(new CancelledError());
        },
      };
    };
    app(slow);
    await choose(user);
    await user.click(screen.getByRole('button', { name: '대사 시작' }));
    report({
      phase: 'read',
      files: 1,
      totalFiles: 2,
      rows: { manager: 48_000, macgai: 0 },
      matched: 0,
      toMatch: 0,
    });
    const bar = await screen.findByRole('progressbar', { name: '대사 진행률' });
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('30'));
    expect(bar.getAttribute('aria-valuetext')).toBe(
      '파일 읽는 중 1/2 · 맥가이 0행 · 매니저 사이트 48,000행',
    );
    report({
      phase: 'match',
      files: 2,
      totalFiles: 2,
      rows: { manager: 48_000, macgai: 50_000 },
      matched: 25_000,
      toMatch: 50_000,
    });
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('80'));
    expect(screen.getByText('짝 맞추는 중 25,000/50,000건')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '취소' }));
    expect(cancelled).toBe(true);
    expect(await screen.findByText('대사를 취소했습니다.')).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('names a file in the wrong slot and reports nothing', async () => {
    const user = userEvent.setup();
    app();
    const [managerInput, macgaiInput] = screen.getAllByLabelText('파일 선택') as HTMLInputElement[];
    await user.upload(managerInput as HTMLInputElement, macgai);
    await user.upload(macgaiInput as HTMLInputElement, macgai);
    await user.click(screen.getByRole('button', { name: '대사 시작' }));
    const alert = await screen.findByRole('alert', {}, { timeout: 20_000 });
    expect(alert.textContent).toContain('sunap.csv');
    expect(alert.textContent).toContain('이 파일은 맥가이 내보내기로 보입니다');
    expect(screen.queryByRole('list', { name: '결과 요약' })).toBeNull();
    // Removing the file clears the stale result.
    const remove = within(document.querySelector('[data-slot=manager]') as HTMLElement).getByRole(
      'button',
      { name: 'sunap.csv 빼기' },
    );
    fireEvent.click(remove);
    expect(screen.queryByRole('alert')).toBeNull();
  }, 30_000);
});
