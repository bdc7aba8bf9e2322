import { describe, expect, it } from 'vitest';
import { CHANNEL } from '@/lib/store/channel';
import { BROWSERS, contentWorld } from './browsers';
import {
  badgeBecomes,
  cancelRow,
  caseOf,
  front,
  marks,
  storeUntil,
  until,
  useE2E,
  waitForPageKind,
} from './fixture';

/**
 * Nothing lives only in the background's memory: between every step the MV3 service worker is
 * stopped (Chromium, CDP) or the event page terminated (Firefox); Firefox's idle timeout is also
 * shortened to 1 s, so its event page suspends by itself whenever the test waits.
 */
describe.each(BROWSERS)('background suspension in %s', (name) => {
  const e2e = useE2E(name, { prefs: { 'extensions.background.idle.timeout': 1 } });

  /** Rejects unless the browser reports the background stopped (see suspendBackground). */
  const suspended = () => e2e.ext.suspendBackground();

  it('keeps records, learned businesses and the badge across suspensions', async () => {
    const target = caseOf(e2e.replica, 'forceCancelTarget');
    const page = await e2e.page(
      `${e2e.replica.macgaiUrl}/Student/StudentMng.aspx?sidx=${target.studentId}&tab=pay`,
    );
    await waitForPageKind(page, 'macgai-student-payments');
    await suspended();

    // The worker wakes for the click's message, records the intent, and may die again before the row changes.
    await cancelRow(page, [target.date, target.amountText, '결제대기'], '강제취소');
    await until(page, `document.querySelector('[data-reconcile="pending"]') !== null`);
    await badgeBecomes(e2e.ext, '1');
    await suspended();

    // A business learned from the 결제 사업자 관리 popup survives too.
    const biz = await e2e.page(`${e2e.replica.macgaiUrl}/Academy/BizPopup.aspx`);
    await waitForPageKind(biz, 'macgai-businesses');
    await storeUntil(e2e.ext, 'businesses', (rows) => rows.length === 2);
    await biz.close();
    await page.bringToFront();
    await suspended();

    const paid = caseOf(e2e.replica, 'paidForceCancelTarget');
    await page.goto(
      `${e2e.replica.macgaiUrl}/Student/StudentMng.aspx?sidx=${paid.studentId}&tab=pay`,
    );
    await waitForPageKind(page, 'macgai-student-payments');
    await cancelRow(page, [paid.date, paid.amountText, '결제완료'], '강제취소');
    await until(page, `document.querySelector('[data-reconcile="pending"]') !== null`);
    await badgeBecomes(e2e.ext, '2');
    await suspended();

    // After a suspension the first page view asks the (restarted) background and gets the same answer.
    await page.goto(
      `${e2e.replica.macgaiUrl}/Student/StudentMng.aspx?sidx=${target.studentId}&tab=pay`,
    );
    await until(page, `document.querySelector('[data-reconcile="pending"]') !== null`);
    expect((await marks(page)).map(([m]) => m)).toEqual(['pending']);
    const records = await storeUntil<{ state: string }>(e2e.ext, 'records', () => true);
    expect(records.filter((r) => r.state === 'pending')).toHaveLength(2);
    expect(await storeUntil(e2e.ext, 'businesses', () => true)).toHaveLength(2);
    await badgeBecomes(e2e.ext, '2');
  });
});

/**
 * A press's message can reach the background after the cancelled row it caused: the content
 * script retries a message the background did not take while it restarted. Made deterministic
 * here: the payment is force-cancelled in MacGai (as the page's own request does) while no
 * extension saw the press, the page shows it cancelled of unknown cause, and only then does the
 * press arrive, sent from the MacGai content script's own world (Chromium: CDP).
 */
describe.each(BROWSERS.filter((name) => name === 'chromium'))('a late press in %s', (name) => {
  const e2e = useE2E(name);

  it('a [강제취소] that reaches the background after its cancelled row still flags the row', async () => {
    const target = caseOf(e2e.replica, 'forceCancelTarget');
    const cancel = await fetch(`${e2e.replica.macgaiUrl}/Student/PayCancel.ashx`, {
      method: 'POST',
      body: new URLSearchParams({ pidx: String(target.paymentId), mode: 'force' }),
    });
    expect(((await cancel.json()) as { result: string }).result).toBe('OK');
    const page = await e2e.page();
    const cs = await contentWorld(
      page,
      e2e.ext.origin,
      `${e2e.replica.macgaiUrl}/Student/StudentMng.aspx?sidx=${target.studentId}&tab=pay`,
    );
    await waitForPageKind(page, 'macgai-student-payments');
    const [unknown] = await storeUntil<{ id: string; state: string; payment: { key: string } }>(
      e2e.ext,
      'records',
      (rows) => rows.length === 1,
    );
    expect(unknown?.state).toBe('unverified');
    expect(await marks(page)).toEqual([]);
    await front(page); // reading the store opened an extension tab: a hidden tab draws nothing

    // The press, as the content script sent it when the row was still live.
    const press = {
      channel: CHANNEL,
      type: 'payments.intent',
      payload: {
        action: 'force',
        payment: { ...unknown?.payment, status: '결제대기', cause: null },
      },
    };
    const reply = await cs.evaluate<{ ok: boolean }>(
      `chrome.runtime.sendMessage(${JSON.stringify(press)})`,
    );
    expect(reply.ok).toBe(true);
    await until(page, `document.querySelector('[data-reconcile="pending"]') !== null`);
    expect((await marks(page)).map(([m]) => m)).toEqual(['pending']);
    await badgeBecomes(e2e.ext, '1');
    const [record] = await storeUntil<{ state: string }>(e2e.ext, 'records', () => true);
    expect(record?.state).toBe('pending');
  });
});
