import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createRecord } from '@/lib/domain';
import { makePayment } from '@/lib/domain/testing';
import { MANAGER_HOME } from '@/lib/sites/hosts';
import { startBackground } from './background';
import { CHANNEL } from './channel';
import { openDb } from './db';
import { toRow } from './service';

// Every test gets a database of its own: the background opens the default one.
const state = vi.hoisted(() => ({ dbName: '' }));
vi.mock('./db', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./db')>();
  return { ...actual, openDb: (name?: string) => actual.openDb(name ?? state.dbName) };
});

// The manager site's side has its own tests; here only its wiring is checked.
const managerService = vi.hoisted(() => ({
  session: vi.fn(async () => ({ business: null, queue: [], handoff: null, active: null })),
  observe: vi.fn(async () => ({
    target: null,
    candidates: [],
    none: false,
    settled: 0,
    drift: 0,
    resolvedId: null,
  })),
  handoff: vi.fn(async () => ({ handoff: null })),
  password: vi.fn(async () => ({ password: null, source: null })),
  storePassword: vi.fn(async () => ({ stored: true })),
  log: vi.fn(async () => ({ logged: true })),
}));
vi.mock('./manager-service', () => ({ createManagerService: () => managerService }));

type Sender = Parameters<typeof fakeBrowser.runtime.onMessage.trigger>[1];

const DAY = 86_400_000;
const MESSAGES: Record<string, (subs: string[]) => string> = {
  extName: () => '도우미',
  badgeTooltipLine: ([name, n]) => `${name}: ${n}건`,
  badgeUnknownBusiness: () => '사업자 미확인',
};

const manifest = {
  manifest_version: 3,
  name: 'test',
  version: '0.0.0',
  content_scripts: [
    { matches: ['http://127.0.0.1/*'], js: ['content-scripts/macgai.js'] },
    { matches: ['http://localhost/*'], js: ['content-scripts/manager.js'] },
  ],
};

const macgaiSender = (): Sender => ({
  id: fakeBrowser.runtime.id,
  url: 'http://127.0.0.1:5301/Student/StudentMng.aspx?sidx=1&tab=pay',
  tab: { id: 7, index: 0, highlighted: false, active: true, pinned: false, incognito: false },
});
const pageSender = (): Sender => ({
  id: fakeBrowser.runtime.id,
  url: fakeBrowser.runtime.getURL('/popup.html'),
});

async function send(type: string, payload: unknown, sender: Sender = macgaiSender()) {
  const replies = await fakeBrowser.runtime.onMessage.trigger(
    { channel: CHANNEL, type, payload },
    sender,
  );
  expect(replies).toHaveLength(1);
  return replies[0];
}

async function badge() {
  return {
    text: await fakeBrowser.action.getBadgeText({}),
    title: await fakeBrowser.action.getTitle({}),
    color: await fakeBrowser.action.getBadgeBackgroundColor({}),
  };
}

const NEUTRAL = [0x5f, 0x6b, 0x7a, 255];
const OVERDUE = [0xc6, 0x28, 0x28, 255];

let tabsSend: ReturnType<typeof vi.fn>;

/** Lets the badge refreshes a test started finish before the next test resets the fakes. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

beforeEach(() => {
  for (const fn of Object.values(managerService)) fn.mockClear();
  state.dbName = `background-${Math.random()}`;
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue(manifest);
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(
    (key, subs) => MESSAGES[key]?.([subs ?? []].flat().map(String)) ?? '',
  );
  tabsSend = vi.fn(async () => undefined);
  fakeBrowser.tabs.sendMessage = tabsSend as unknown as typeof fakeBrowser.tabs.sendMessage;
});
afterEach(async () => {
  await settle();
  vi.restoreAllMocks();
});

const live = makePayment({
  status: '결제대기',
  customer: '윤서진',
  phone: '01074851651',
  amount: 280000,
  date: '2026-11-18',
});
const cancelled = { ...live, status: '대기취소' };

describe('startBackground', () => {
  it('shows an empty badge with the plain title when nothing is open', async () => {
    startBackground();
    await vi.waitFor(async () => expect((await badge()).title).toBe('도우미'));
    expect(await badge()).toEqual({ text: '', title: '도우미', color: NEUTRAL });
  });

  it('records a force cancel from a MacGai tab, then badges it and tells every tab', async () => {
    startBackground();
    const tab = await fakeBrowser.tabs.create({
      url: 'http://127.0.0.1:5301/Student/StudentMng.aspx',
    });

    expect(await send('payments.observe', { payments: [live] })).toEqual({
      ok: true,
      data: { judgments: { [live.key]: null } },
    });
    expect(await send('payments.intent', { action: 'force', payment: live })).toEqual({
      ok: true,
      data: { recorded: true },
    });
    const reply = await send('payments.observe', { payments: [cancelled] });
    expect(reply).toMatchObject({
      ok: true,
      data: { judgments: { [live.key]: { mark: 'pending', id: `p:${live.key}` } } },
    });

    await vi.waitFor(async () => expect((await badge()).text).toBe('1'));
    expect(await badge()).toEqual({
      text: '1',
      title: '도우미\n사업자 미확인: 1건',
      color: NEUTRAL,
    });
    await vi.waitFor(() =>
      expect(tabsSend).toHaveBeenCalledWith(tab.id, { channel: CHANNEL, type: 'changed' }),
    );

    const db = openDb();
    const record = await db.records.get(`p:${live.key}`);
    expect(record).toMatchObject({ state: 'pending', payment: { cause: 'force' } });
    db.close();
  });

  /** A manager-site request that hangs until `finish()`, then a force-cancel observed behind it. */
  async function forceCancelBehindASlowRequest() {
    startBackground();
    await vi.waitFor(async () => expect((await badge()).title).toBe('도우미'));
    const manager: Sender = { ...macgaiSender(), url: 'http://localhost:5302/bill/billList.do' };
    let finish = () => {};
    managerService.log.mockImplementationOnce(
      () =>
        new Promise((resolve) => {
          finish = () => resolve({ logged: true });
        }),
    );
    const slow = send('manager.log', { type: 'warning.resend', detail: 'inv|1' }, manager);
    await send('payments.observe', { payments: [{ ...cancelled, note: '강제취소' }] });
    return { finish: () => finish(), slow };
  }

  it('lets requests in flight finish before the badge counts again (at most a second)', async () => {
    const { finish, slow } = await forceCancelBehindASlowRequest();
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect((await badge()).text).toBe(''); // still held back by the request in flight
    finish();
    await slow;
    await vi.waitFor(async () => expect((await badge()).text).toBe('1'));
  });

  it('never holds the badge back more than a second, however long a request takes', async () => {
    const { finish, slow } = await forceCancelBehindASlowRequest();
    await vi.waitFor(async () => expect((await badge()).text).toBe('1'), { timeout: 2_000 });
    finish();
    await slow;
  });

  it('leaves messages that are not ours to other listeners', async () => {
    startBackground();
    expect(await fakeBrowser.runtime.onMessage.trigger({ hello: 1 }, macgaiSender())).toEqual([
      undefined,
    ]);
    expect(await fakeBrowser.runtime.onMessage.trigger(null, macgaiSender())).toEqual([undefined]);
    expect(await fakeBrowser.runtime.onMessage.trigger('macgai-reconcile', macgaiSender())).toEqual(
      [undefined],
    );
  });

  it('refuses other senders and requests from the wrong context', async () => {
    startBackground();
    const foreign = { ...macgaiSender(), id: 'another-extension' };
    expect(await send('payments.observe', { payments: [live] }, foreign)).toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
    const web = { ...macgaiSender(), url: 'https://evil.example/' };
    expect(await send('recon.start', { id: 'x' }, web)).toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
    // A manager tab may not say what happened on MacGai.
    const manager = { ...macgaiSender(), url: 'http://localhost:5302/bill/billList.do' };
    expect(
      await send('payments.intent', { action: 'force', payment: live }, manager),
    ).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(
      await send(
        'page.report',
        { site: 'manager', url: 'x', pageKind: 'unrecognized', missing: ['고객명'] },
        manager,
      ),
    ).toEqual({ ok: true, data: { recorded: true } });
  });

  it('recomputes the badge from the database on start (a restarted worker is never stale)', async () => {
    const seed = openDb();
    await seed.businesses.put({
      id: 'b:2208162517',
      name: '해솔학원',
      bizNo: '2208162517',
      smsPayStatus: '사용가능',
      managerUrl: null,
      managerAccount: null,
      passwordPolicy: 'derive',
      updatedAt: 0,
    });
    const old = Date.now() - 5 * DAY;
    await seed.records.bulkPut(
      [
        createRecord('payment', makePayment({ customer: '가나', businessId: 'b:2208162517' }), old),
        createRecord('payment', makePayment({ customer: '다라', businessId: 'b:2208162517' }), old),
        createRecord('payment', makePayment({ customer: '마바' }), Date.now()),
        createRecord('payment', makePayment({ customer: '사아' }), old, { state: 'unverified' }),
      ].map(toRow),
    );
    seed.close();

    startBackground();
    await vi.waitFor(async () => expect((await badge()).text).toBe('3'));
    expect(await badge()).toEqual({
      text: '3',
      title: '도우미\n해솔학원: 2건\n사업자 미확인: 1건',
      color: OVERDUE,
    });
  });

  it('reads the overdue limit from the settings', async () => {
    const seed = openDb();
    await seed.settings.put({ key: 'overdueDays', value: 10 });
    await seed.records.put(toRow(createRecord('payment', makePayment(), Date.now() - 5 * DAY)));
    seed.close();
    startBackground();
    await vi.waitFor(async () => expect((await badge()).text).toBe('1'));
    expect((await badge()).color).toEqual(NEUTRAL);
  });

  it('logs, and does not throw, when the badge cannot be drawn', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(fakeBrowser.action, 'setBadgeText').mockRejectedValue(new Error('no toolbar'));
    startBackground();
    await vi.waitFor(() =>
      expect(error).toHaveBeenCalledWith('[reconcile] badge', expect.any(Error)),
    );
  });

  it('learns businesses and remembers which one the manager site is for', async () => {
    startBackground();
    const business = { name: '해솔학원', bizNo: '220-81-62517', smsPayStatus: '사용가능' };
    expect(await send('businesses.learn', { businesses: [business] })).toEqual({
      ok: true,
      data: { learned: 1 },
    });
    expect(await send('manager.nextBusiness', { business })).toEqual({
      ok: true,
      data: { businessId: 'b:2208162517' },
    });
  });

  it('hands the manager tab requests to the manager service with the sending tab', async () => {
    startBackground();
    const manager: Sender = { ...macgaiSender(), url: 'http://localhost:5302/bill/billList.do' };
    const requests: [string, unknown, ReturnType<typeof vi.fn>, unknown[]][] = [
      [
        'manager.session',
        { url: 'http://localhost:5302/', pageText: '해솔학원' },
        managerService.session,
        [7],
      ],
      [
        'manager.observe',
        { businessId: null, listUrl: 'http://localhost:5302/bill', invoices: [] },
        managerService.observe,
        [],
      ],
      ['manager.handoff', { action: 'close' }, managerService.handoff, []],
      ['manager.password', { businessId: 'b:2208162517' }, managerService.password, [7]],
      [
        'manager.password.store',
        { businessId: 'b:2208162517', password: '1234' },
        managerService.storePassword,
        ['1234'],
      ],
      ['manager.log', { type: 'warning.resend', detail: 'inv|1' }, managerService.log, [7]],
    ];
    for (const [type, payload, fn, extra] of requests) {
      const reply = await send(type, payload, manager);
      expect(reply, type).toMatchObject({ ok: true });
      expect(fn, type).toHaveBeenCalledOnce();
      expect(fn.mock.calls[0], type).toEqual(expect.arrayContaining(extra));
    }
    // A MacGai tab may not speak for the manager site.
    expect(await send('manager.log', { type: 'warning.resend', detail: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
  });

  describe('recon.start and recon.act', () => {
    async function pendingRecord(): Promise<string> {
      await send('payments.observe', { payments: [{ ...cancelled, note: '강제취소' }] });
      return `p:${live.key}`;
    }

    it('opens the manager home in a new tab when none is open', async () => {
      startBackground();
      const id = await pendingRecord();
      const create = vi.spyOn(fakeBrowser.tabs, 'create');
      expect(await send('recon.start', { id }, pageSender())).toEqual({
        ok: true,
        data: { opened: true },
      });
      expect(create).toHaveBeenCalledWith({ url: MANAGER_HOME });
    });

    it("opens the business's own manager URL when it is known", async () => {
      const seed = openDb();
      await seed.businesses.put({
        id: 'b:2208162517',
        name: '해솔학원',
        bizNo: '2208162517',
        smsPayStatus: null,
        managerUrl: 'https://haesol.alltalkpay.co.kr/',
        managerAccount: null,
        passwordPolicy: 'derive',
        updatedAt: 0,
      });
      seed.close();
      startBackground();
      const payment = makePayment({ status: '강제취소', businessId: 'b:2208162517' });
      await send('payments.observe', { payments: [payment] });
      const create = vi.spyOn(fakeBrowser.tabs, 'create');
      await send('recon.start', { id: `p:${payment.key}` }, pageSender());
      expect(create).toHaveBeenCalledWith({ url: 'https://haesol.alltalkpay.co.kr/' });
    });

    it('focuses a manager tab that is already open', async () => {
      startBackground();
      const id = await pendingRecord();
      const tab = await fakeBrowser.tabs.create({ url: 'http://localhost:5302/bill/billList.do' });
      const query = vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([tab]);
      const update = vi.spyOn(fakeBrowser.tabs, 'update');
      const focus = vi.spyOn(fakeBrowser.windows, 'update');
      const create = vi.spyOn(fakeBrowser.tabs, 'create');
      expect(await send('recon.start', { id }, macgaiSender())).toEqual({
        ok: true,
        data: { opened: true },
      });
      expect(query).toHaveBeenCalledWith({ url: ['http://localhost/*'] });
      expect(update).toHaveBeenCalledWith(tab.id, { active: true });
      expect(focus).toHaveBeenCalledWith(tab.windowId, { focused: true });
      expect(create).not.toHaveBeenCalled();
    });

    it('resolves, undoes and dismisses from an extension page', async () => {
      startBackground();
      const id = await pendingRecord();
      expect(
        await send('recon.act', { id, action: 'resolve', reason: '전화로 확인' }, pageSender()),
      ).toEqual({
        ok: true,
        data: { state: 'resolved' },
      });
      expect(await send('recon.act', { id, action: 'undo' }, pageSender())).toEqual({
        ok: true,
        data: { state: 'pending' },
      });
      expect(
        await send('recon.act', { id, action: 'dismiss', reason: '중복' }, pageSender()),
      ).toEqual({
        ok: true,
        data: { state: 'dismissed' },
      });
      // A content script may not act on records.
      expect(await send('recon.act', { id, action: 'undo' })).toMatchObject({
        ok: false,
        error: { code: 'forbidden_sender' },
      });
      await vi.waitFor(async () => expect((await badge()).text).toBe(''));
    });

    it('turns a failing action into an error reply', async () => {
      startBackground();
      expect(
        await send('recon.act', { id: 'p:nope', action: 'dismiss' }, pageSender()),
      ).toMatchObject({
        ok: false,
        error: { code: 'failed' },
      });
      expect(await send('recon.start', { id: 'p:nope' }, pageSender())).toMatchObject({
        ok: false,
        error: { code: 'failed', message: expect.stringContaining('No reconciliation') },
      });
    });
  });
});
