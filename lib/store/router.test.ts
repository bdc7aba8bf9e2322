import { describe, expect, it, vi } from 'vitest';
import { makePayment } from '@/lib/domain/testing';
import { CHANNEL } from './channel';
import { type Handlers, route } from './router';
import { senderRules } from './senders';

const rules = senderRules(
  {
    content_scripts: [
      { matches: ['http://127.0.0.1/*'], js: ['content-scripts/macgai.js'] },
      { matches: ['http://localhost/*'], js: ['content-scripts/manager.js'] },
    ],
  },
  'ext',
  'chrome-extension://ext/',
);
const macgaiTab = {
  id: 'ext',
  url: 'http://127.0.0.1:5301/Student/StudentMng.aspx',
  tab: { id: 1 },
};
const managerTab = { id: 'ext', url: 'http://localhost:5302/bill/billList.do', tab: { id: 2 } };

function handlers(): Handlers {
  const h = {} as Record<string, unknown>;
  for (const type of [
    'page.report',
    'payments.observe',
    'payments.intent',
    'businesses.learn',
    'manager.nextBusiness',
    'recon.start',
    'recon.act',
  ]) {
    h[type] = vi.fn(async () => ({ ok: type }));
  }
  return h as unknown as Handlers;
}

describe('route', () => {
  it('ignores messages that are not on our channel', async () => {
    expect(await route(rules, handlers(), { hello: 1 }, macgaiTab)).toBeUndefined();
  });

  it('dispatches a valid request from the right sender with its context', async () => {
    const h = handlers();
    const payment = makePayment();
    const reply = await route(
      rules,
      h,
      { channel: CHANNEL, type: 'payments.observe', payload: { payments: [payment] } },
      macgaiTab,
    );
    expect(reply).toEqual({ ok: true, data: { ok: 'payments.observe' } });
    expect(h['payments.observe']).toHaveBeenCalledWith(
      { payments: [payment] },
      { kind: 'macgai', tabId: 1, url: macgaiTab.url },
    );
  });

  it('refuses other senders, the wrong context, unknown types and invalid payloads', async () => {
    const h = handlers();
    const msg = (type: string, payload: unknown) => ({ channel: CHANNEL, type, payload });
    const foreign = await route(rules, h, msg('recon.start', { id: 'x' }), {
      ...macgaiTab,
      id: 'other',
    });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    const wrongSite = await route(
      rules,
      h,
      msg('payments.intent', { action: 'force', payment: makePayment() }),
      managerTab,
    );
    expect(wrongSite).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(await route(rules, h, msg('nope', {}), macgaiTab)).toMatchObject({
      ok: false,
      error: { code: 'unknown_request' },
    });
    expect(await route(rules, h, msg('__proto__', {}), macgaiTab)).toMatchObject({
      ok: false,
      error: { code: 'unknown_request' },
    });
    const bad = await route(
      rules,
      h,
      msg('payments.observe', { payments: [{ ...makePayment(), amount: 'lots' }] }),
      macgaiTab,
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    for (const fn of Object.values(h)) expect(fn).not.toHaveBeenCalled();
  });

  it('turns a failing handler into a clear error, naming a closed database', async () => {
    const h = handlers();
    const closed = Object.assign(new Error('Database has been closed'), {
      name: 'DatabaseClosedError',
    });
    (h['recon.start'] as ReturnType<typeof vi.fn>).mockRejectedValueOnce(closed);
    const reply = await route(
      rules,
      h,
      { channel: CHANNEL, type: 'recon.start', payload: { id: 'p:1' } },
      macgaiTab,
    );
    expect(reply).toEqual({
      ok: false,
      error: { code: 'db_closed', message: 'Database has been closed' },
    });
  });
});
