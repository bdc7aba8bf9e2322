import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createRecord, transition } from '@/lib/domain';
import { makePayment } from '@/lib/domain/testing';
import { BackgroundError, call } from '@/lib/store/client';
import { CSV_HEADERS } from '@/lib/store/csv';
import type { BusinessRow, ReconDb } from '@/lib/store/db';
import { toRow } from '@/lib/store/service';
import { dropDb, freshDb, renderWithDb, useKoreanMessages } from '../test-utils';
import { saveFile } from './download';
import { OptionsApp } from './OptionsApp';

vi.mock('@/lib/store/client', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/store/client')>()),
  call: vi.fn(),
}));
vi.mock('./download', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./download')>()),
  saveFile: vi.fn(),
}));
const mockedCall = vi.mocked(call);
const mockedSave = vi.mocked(saveFile);

const NOW = Date.UTC(2026, 10, 26, 6, 5); // 2026-11-26 15:05 in Seoul
const SECRET = 'pw-never-shown-771';

let db: ReconDb;

beforeEach(() => {
  fakeBrowser.reset();
  useKoreanMessages();
  mockedCall.mockReset();
  mockedSave.mockReset();
  db = freshDb();
});
afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  await dropDb(db);
});

const business = (fields: Partial<BusinessRow> = {}): BusinessRow => ({
  id: 'b:2208162517',
  name: '해솔수학학원',
  bizNo: '2208162517',
  smsPayStatus: '사용가능',
  managerUrl: 'https://alltalkpay.co.kr/',
  managerAccount: 'haesol01',
  passwordPolicy: 'stored',
  updatedAt: NOW,
  ...fields,
});

const options = () => renderWithDb(<OptionsApp clock={() => NOW} />, db);
const section = (name: string) => screen.getByRole('region', { name });

describe('options: businesses', () => {
  it('has landmarks and headings, and an empty business list', async () => {
    options();
    expect(screen.getByRole('heading', { level: 1, name: '설정' })).toBeTruthy();
    expect(screen.getByRole('navigation', { name: '설정 항목' })).toBeTruthy();
    expect(screen.getByRole('main')).toBeTruthy();
    for (const name of ['사업자', '사이트', '배지', '데이터']) {
      expect(screen.getByRole('heading', { level: 2, name })).toBeTruthy();
    }
    expect(await screen.findByText('등록된 사업자가 없습니다.')).toBeTruthy();
  });

  it('lists businesses with whether a password is stored, never the password', async () => {
    await db.businesses.bulkPut([
      business(),
      business({
        id: 'n:해솔아트앤뮤직',
        name: '해솔아트앤뮤직',
        bizNo: null,
        passwordPolicy: 'stored',
      }),
    ]);
    await db.secrets.put({ businessId: 'b:2208162517', cancelPassword: SECRET });
    options();
    const row = (await screen.findByRole('rowheader', { name: '해솔수학학원' })).closest('tr');
    expect(row?.textContent).toContain('220-81-62517');
    expect(row?.textContent).toContain('직접 저장저장됨');
    const other = screen.getByRole('rowheader', { name: '해솔아트앤뮤직' }).closest('tr');
    expect(other?.textContent).toContain('없음');
    expect(document.body.innerHTML).not.toContain(SECRET);
  });

  it('refuses a 사업자번호 with a wrong check digit or shape, in Korean', async () => {
    options();
    await userEvent.click(screen.getByRole('button', { name: '사업자 추가' }));
    const form = screen.getByRole('form', { name: '사업자 추가' });
    await userEvent.type(within(form).getByLabelText('사업자명'), '해솔수학학원');
    const bizNo = within(form).getByLabelText('사업자번호');
    await userEvent.type(bizNo, '220-81-62518');
    await userEvent.click(within(form).getByRole('button', { name: '저장' }));
    expect(within(form).getByText(/올바른 사업자번호가 아닙니다/)).toBeTruthy();
    expect(bizNo.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(bizNo);
    await userEvent.clear(bizNo);
    await userEvent.type(bizNo, '12345');
    await userEvent.tab();
    expect(within(form).getByText('사업자번호는 10자리 숫자(###-##-#####)입니다.')).toBeTruthy();
    expect(mockedCall).not.toHaveBeenCalled();
  });

  it('saves a valid business through business.save', async () => {
    mockedCall.mockResolvedValue({ id: 'b:2208162517' });
    options();
    await userEvent.click(screen.getByRole('button', { name: '사업자 추가' }));
    const form = screen.getByRole('form', { name: '사업자 추가' });
    await userEvent.type(within(form).getByLabelText('사업자명'), ' 해솔수학학원 ');
    await userEvent.type(within(form).getByLabelText('사업자번호'), '2208162517');
    await userEvent.type(
      within(form).getByLabelText('매니저 사이트 주소'),
      'https://alltalkpay.co.kr',
    );
    await userEvent.type(within(form).getByLabelText('매니저 계정'), 'haesol01');
    await userEvent.click(within(form).getByRole('button', { name: '저장' }));
    expect(mockedCall).toHaveBeenCalledWith('business.save', {
      name: '해솔수학학원',
      bizNo: '220-81-62517',
      managerUrl: 'https://alltalkpay.co.kr/',
      managerAccount: 'haesol01',
      passwordPolicy: 'derive',
    });
    expect(await screen.findByText('해솔수학학원: 저장했습니다.')).toBeTruthy();
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('checks the other fields: name, address, derive needs a 사업자번호, stored needs a password', async () => {
    mockedCall.mockResolvedValue({ id: 'n:학원' });
    options();
    await userEvent.click(screen.getByRole('button', { name: '사업자 추가' }));
    const form = screen.getByRole('form', { name: '사업자 추가' });
    await userEvent.type(within(form).getByLabelText('매니저 사이트 주소'), 'ftp://x');
    await userEvent.click(within(form).getByRole('button', { name: '저장' }));
    expect(within(form).getByText('사업자명을 입력해 주세요.')).toBeTruthy();
    expect(within(form).getByText(/http:\/\/ 또는 https:\/\//)).toBeTruthy();
    expect(within(form).getByText(/사업자번호가 필요합니다/)).toBeTruthy();

    await userEvent.type(within(form).getByLabelText('사업자명'), '학원');
    await userEvent.clear(within(form).getByLabelText('매니저 사이트 주소'));
    await userEvent.click(within(form).getByRole('radio', { name: '직접 저장' }));
    await userEvent.click(within(form).getByRole('button', { name: '저장' }));
    expect(within(form).getByText('저장할 취소 비밀번호를 입력해 주세요.')).toBeTruthy();
    expect(mockedCall).not.toHaveBeenCalled();

    await userEvent.type(within(form).getByLabelText('취소 비밀번호'), '704281');
    await userEvent.click(within(form).getByRole('button', { name: '저장' }));
    expect(mockedCall).toHaveBeenCalledWith('business.save', {
      name: '학원',
      bizNo: null,
      managerUrl: null,
      managerAccount: null,
      passwordPolicy: 'stored',
      password: '704281',
    });
  });

  it('edits a business keeping its id and its stored password; clears it when the policy changes', async () => {
    await db.businesses.put(business());
    await db.secrets.put({ businessId: 'b:2208162517', cancelPassword: SECRET });
    mockedCall.mockResolvedValue({ id: 'b:2208162517' });
    options();
    await userEvent.click(await screen.findByRole('button', { name: '해솔수학학원 수정' }));
    const form = screen.getByRole('form', { name: '해솔수학학원 수정' });
    const password = within(form).getByLabelText('취소 비밀번호') as HTMLInputElement;
    expect(password.value).toBe('');
    expect(within(form).getByText(/비밀번호가 저장되어 있습니다/)).toBeTruthy();
    await userEvent.click(within(form).getByRole('button', { name: '저장' }));
    expect(mockedCall).toHaveBeenLastCalledWith('business.save', {
      id: 'b:2208162517',
      name: '해솔수학학원',
      bizNo: '220-81-62517',
      managerUrl: 'https://alltalkpay.co.kr/',
      managerAccount: 'haesol01',
      passwordPolicy: 'stored',
    });

    await userEvent.click(await screen.findByRole('button', { name: '해솔수학학원 수정' }));
    const again = screen.getByRole('form', { name: '해솔수학학원 수정' });
    await userEvent.click(within(again).getByRole('radio', { name: '매번 묻기' }));
    await userEvent.click(within(again).getByRole('button', { name: '저장' }));
    expect(mockedCall).toHaveBeenLastCalledWith(
      'business.save',
      expect.objectContaining({ passwordPolicy: 'ask', password: null }),
    );
  });

  it('deletes only after the second button', async () => {
    await db.businesses.put(business());
    mockedCall.mockResolvedValue({ deleted: true });
    options();
    await userEvent.click(await screen.findByRole('button', { name: '해솔수학학원 삭제' }));
    expect(mockedCall).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: '정말 삭제' }));
    expect(mockedCall).toHaveBeenCalledWith('business.delete', { id: 'b:2208162517' });
  });

  it('shows a refusal from the background', async () => {
    mockedCall.mockRejectedValue(
      new BackgroundError('invalid_payload', '"business.save": bad url'),
    );
    options();
    await userEvent.click(screen.getByRole('button', { name: '사업자 추가' }));
    const form = screen.getByRole('form', { name: '사업자 추가' });
    await userEvent.type(within(form).getByLabelText('사업자명'), '학원');
    await userEvent.click(within(form).getByRole('radio', { name: '매번 묻기' }));
    await userEvent.click(within(form).getByRole('button', { name: '저장' }));
    expect((await within(form).findByRole('alert')).textContent).toBe(
      '잘못된 값입니다: "business.save": bad url',
    );
  });

  it('says so when the database cannot be read', async () => {
    db.close();
    options();
    const alerts = await screen.findAllByRole('alert');
    expect(alerts[0]?.textContent).toContain('저장소를 읽지 못했습니다');
  });
});

describe('options: sites', () => {
  it('lists the built-in hosts and the added ones, and removes one', async () => {
    await db.settings.put({
      key: 'extraHosts',
      value: [{ origin: 'https://academy.example.kr', site: 'macgai' }],
    });
    mockedCall.mockResolvedValue({ removed: true });
    options();
    const sites = section('사이트');
    expect(within(sites).getByText('https://*.macgai7.com/*')).toBeTruthy();
    expect(within(sites).getByText('https://alltalkpay.co.kr/*')).toBeTruthy();
    await userEvent.click(
      await within(sites).findByRole('button', { name: 'https://academy.example.kr 삭제' }),
    );
    expect(mockedCall).toHaveBeenCalledWith('hosts.remove', {
      origin: 'https://academy.example.kr',
    });
  });

  it('asks the browser for the permission first, then registers the host', async () => {
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    mockedCall.mockResolvedValue({ registered: true });
    options();
    const sites = section('사이트');
    await userEvent.type(within(sites).getByLabelText('주소'), 'Academy.Example.kr/login');
    await userEvent.selectOptions(within(sites).getByLabelText('사이트 종류'), 'manager');
    await userEvent.click(within(sites).getByRole('button', { name: '주소 추가' }));
    expect(request).toHaveBeenCalledWith({ origins: ['https://academy.example.kr/*'] });
    await waitFor(() =>
      expect(mockedCall).toHaveBeenCalledWith('hosts.add', {
        origin: 'https://academy.example.kr',
        site: 'manager',
      }),
    );
    expect(request.mock.invocationCallOrder[0]).toBeLessThan(
      mockedCall.mock.invocationCallOrder[0] ?? 0,
    );
    expect(
      await within(sites).findByText('https://academy.example.kr 주소를 추가했습니다.'),
    ).toBeTruthy();
  });

  it('does not register a host the user refused, nor a malformed address', async () => {
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(false);
    options();
    const sites = section('사이트');
    await userEvent.type(within(sites).getByLabelText('주소'), 'http://exa mple');
    await userEvent.click(within(sites).getByRole('button', { name: '주소 추가' }));
    expect(within(sites).getByText(/주소가 올바르지 않습니다/)).toBeTruthy();
    expect(request).not.toHaveBeenCalled();
    await userEvent.clear(within(sites).getByLabelText('주소'));
    await userEvent.type(within(sites).getByLabelText('주소'), 'http://localhost:8080');
    await userEvent.click(within(sites).getByRole('button', { name: '주소 추가' }));
    expect(request).toHaveBeenCalledWith({ origins: ['http://localhost/*'] });
    expect((await within(sites).findByRole('alert')).textContent).toBe(
      '사이트 접근 권한이 허용되지 않았습니다.',
    );
    expect(mockedCall).not.toHaveBeenCalled();
  });
});

describe('options: badge', () => {
  it('shows the overdue days (default 3), validates and saves them', async () => {
    mockedCall.mockResolvedValue({ saved: true });
    options();
    const badge = section('배지');
    const days = within(badge).getByLabelText(/며칠 지나면/) as HTMLInputElement;
    await waitFor(() => expect(days.value).toBe('3'));
    await userEvent.clear(days);
    await userEvent.type(days, '0');
    await userEvent.click(within(badge).getByRole('button', { name: '저장' }));
    expect(within(badge).getByText('1에서 365 사이의 정수를 입력해 주세요.')).toBeTruthy();
    expect(mockedCall).not.toHaveBeenCalled();
    await userEvent.clear(days);
    await userEvent.type(days, '7');
    await userEvent.click(within(badge).getByRole('button', { name: '저장' }));
    expect(mockedCall).toHaveBeenCalledWith('settings.set', { key: 'overdueDays', value: 7 });
  });

  it('shows a stored value', async () => {
    await db.settings.put({ key: 'overdueDays', value: 5 });
    options();
    const days = within(section('배지')).getByLabelText(/며칠 지나면/) as HTMLInputElement;
    await waitFor(() => expect(days.value).toBe('5'));
  });
});

describe('options: data', () => {
  async function seedData() {
    await db.businesses.put(business());
    await db.secrets.put({ businessId: 'b:2208162517', cancelPassword: SECRET });
    const r = createRecord(
      'payment',
      makePayment({
        customer: '윤서진',
        businessId: 'b:2208162517',
        amount: 280000,
        status: '대기취소',
        cause: 'force',
      }),
      NOW - 86_400_000,
    );
    const done = transition(r, { type: 'dismiss', reason: '중복' }, NOW);
    if (!done.ok) throw new Error('dismiss');
    await db.records.bulkPut([toRow(done.value)]);
  }

  const file = (name: string, text: string) => new File([text], name, { type: 'application/json' });

  it('exports a CSV with a BOM, Korean headers and no password', async () => {
    await seedData();
    options();
    await userEvent.click(screen.getByRole('button', { name: 'CSV로 내보내기' }));
    await waitFor(() => expect(mockedSave).toHaveBeenCalledOnce());
    const [name, blob] = mockedSave.mock.calls[0] as [string, Blob];
    expect(name).toBe('macgai-reconcile-20261126-1505.csv');
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.slice(1).split('\r\n')[0]).toBe(CSV_HEADERS.join(','));
    expect(text).toContain('윤서진');
    expect(text).toContain('해솔수학학원');
    expect(text).not.toContain(SECRET);
    expect(
      await screen.findByText('macgai-reconcile-20261126-1505.csv 파일을 만들었습니다.'),
    ).toBeTruthy();
  });

  it('exports a JSON backup without the password', async () => {
    await seedData();
    options();
    await userEvent.click(screen.getByRole('button', { name: '백업 파일(JSON) 내보내기' }));
    await waitFor(() => expect(mockedSave).toHaveBeenCalledOnce());
    const [name, blob] = mockedSave.mock.calls[0] as [string, Blob];
    expect(name).toBe('macgai-reconcile-backup-20261126-1505.json');
    const text = await blob.text();
    const backup = JSON.parse(text);
    expect(backup).toMatchObject({ format: 'macgai-reconcile-backup', exportedAt: NOW });
    expect(backup.records).toHaveLength(1);
    expect(backup.businesses[0].name).toBe('해솔수학학원');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('secrets');
  });

  it('refuses a file that is not JSON, with the reason', async () => {
    options();
    const data = section('데이터');
    await userEvent.upload(
      within(data).getByLabelText('백업 파일 가져오기'),
      file('notes.json', '이건 JSON이 아님'),
    );
    const alert = await within(data).findByRole('alert');
    expect(alert.textContent).toContain('notes.json 파일은 JSON 형식이 아닙니다');
    expect(mockedCall).not.toHaveBeenCalled();
  });

  it('shows the background refusing a JSON file that is not a backup', async () => {
    mockedCall.mockRejectedValue(new BackgroundError('invalid_backup', 'format: Invalid input'));
    options();
    const data = section('데이터');
    await userEvent.upload(
      within(data).getByLabelText('백업 파일 가져오기'),
      file('x.json', '{"a":1}'),
    );
    expect(mockedCall).toHaveBeenCalledWith('data.import', { backup: { a: 1 } });
    expect((await within(data).findByRole('alert')).textContent).toBe(
      '백업 파일이 올바르지 않습니다: format: Invalid input',
    );
  });

  it('imports a backup and reports what it did', async () => {
    mockedCall.mockResolvedValue({ added: 3, merged: 1, unchanged: 2, businesses: 1 });
    options();
    const data = section('데이터');
    await userEvent.upload(
      within(data).getByLabelText('백업 파일 가져오기'),
      file('backup.json', '{"format":"macgai-reconcile-backup"}'),
    );
    expect(
      await within(data).findByText(
        '가져왔습니다: 새 기록 3건, 합친 기록 1건, 변화 없음 2건, 새 사업자 1곳.',
      ),
    ).toBeTruthy();
  });

  it('clears everything only after the in-page confirmation (no window.confirm)', async () => {
    const confirm = vi.fn(() => true);
    vi.stubGlobal('confirm', confirm);
    mockedCall.mockResolvedValue({ cleared: true });
    options();
    const data = section('데이터');
    await userEvent.click(within(data).getByRole('button', { name: '모든 데이터 지우기' }));
    expect(mockedCall).not.toHaveBeenCalled();
    expect(within(data).getByText(/되돌릴 수 없습니다/)).toBeTruthy();
    await userEvent.click(within(data).getByRole('button', { name: '취소' }));
    expect(within(data).queryByRole('button', { name: '정말 모두 지우기' })).toBeNull();
    await userEvent.click(within(data).getByRole('button', { name: '모든 데이터 지우기' }));
    await userEvent.click(within(data).getByRole('button', { name: '정말 모두 지우기' }));
    expect(mockedCall).toHaveBeenCalledWith('data.clear', { confirm: true });
    expect(await within(data).findByText('모든 데이터를 지웠습니다.')).toBeTruthy();
    expect(confirm).not.toHaveBeenCalled();
  });

  it('clears the diagnostics', async () => {
    await db.diagnostics.add({
      at: NOW,
      site: 'manager',
      url: 'https://x',
      pageKind: 'unrecognized',
      missing: ['상태'],
    });
    mockedCall.mockResolvedValue({ cleared: 1 });
    options();
    const data = section('데이터');
    expect(await within(data).findByText('알아보지 못한 화면 기록 1건')).toBeTruthy();
    await userEvent.click(within(data).getByRole('button', { name: '진단 기록 지우기' }));
    expect(mockedCall).toHaveBeenCalledWith('diagnostics.clear', {});
    expect(await within(data).findByText('진단 기록 1건을 지웠습니다.')).toBeTruthy();
  });
});
