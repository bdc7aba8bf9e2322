import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Recognized, Unrecognized } from '@/lib/engine/recognize';
import { CHANNEL } from '@/lib/store/channel';
import { call } from '@/lib/store/client';
import { contextScheduler, diagnosticsReporter, markPage, onStoreChanged } from './page';

vi.mock('@/lib/store/client', () => ({ call: vi.fn(async () => ({ recorded: true })) }));

const callMock = vi.mocked(call);
let ctx: ContentScriptContext;

beforeEach(() => {
  fakeBrowser.reset();
  callMock.mockClear();
  vi.spyOn(console, 'debug').mockImplementation(() => {}); // WXT logs each invalidation
  ctx = new ContentScriptContext('page-test');
  history.replaceState(null, '', '/Student/StudentMng.aspx?sidx=1');
});
afterEach(() => {
  ctx.notifyInvalidated();
  document.documentElement.removeAttribute('data-reconcile-page');
  vi.restoreAllMocks();
});

const unrecognized = (missing: string[]): Unrecognized => ({
  recognized: false,
  kind: 'unrecognized',
  missing,
});
const recognized = { recognized: true, kind: 'macgai-student-payments' } as Recognized<
  string,
  string
>;

describe('markPage', () => {
  it('writes the page kind to <html>, and only when it changes', () => {
    const html = document.documentElement;
    const set = vi.spyOn(html, 'setAttribute');
    markPage('macgai-student-payments');
    expect(html.getAttribute('data-reconcile-page')).toBe('macgai-student-payments');
    markPage('macgai-student-payments');
    expect(set).toHaveBeenCalledOnce();
    markPage('unrecognized');
    expect(html.getAttribute('data-reconcile-page')).toBe('unrecognized');
    expect(set).toHaveBeenCalledTimes(2);
  });
});

describe('diagnosticsReporter', () => {
  it('reports an unrecognised page with missing words once per distinct signature', () => {
    const report = diagnosticsReporter('macgai');
    report(unrecognized(['학생명']));
    report(unrecognized(['학생명']));
    expect(callMock).toHaveBeenCalledOnce();
    expect(callMock).toHaveBeenCalledWith('page.report', {
      site: 'macgai',
      url: location.href,
      pageKind: 'unrecognized',
      missing: ['학생명'],
    });
    report(unrecognized(['납부금액', '결제상태']));
    expect(callMock).toHaveBeenCalledTimes(2);
    // The same words on another URL are another layout.
    history.replaceState(null, '', '/Student/StudentMng.aspx?sidx=2');
    report(unrecognized(['납부금액', '결제상태']));
    expect(callMock).toHaveBeenCalledTimes(3);
    expect(callMock).toHaveBeenLastCalledWith(
      'page.report',
      expect.objectContaining({ url: expect.stringContaining('sidx=2') }),
    );
  });

  it('never reports a recognised page or one where nothing came close', () => {
    const report = diagnosticsReporter('manager');
    report(recognized);
    report(unrecognized([]));
    expect(callMock).not.toHaveBeenCalled();
    // A layout seen again after a recognised one is reported (the signature changed).
    report(unrecognized(['고객명']));
    report(recognized);
    report(unrecognized(['고객명']));
    expect(callMock).toHaveBeenCalledTimes(2);
    expect(callMock).toHaveBeenCalledWith(
      'page.report',
      expect.objectContaining({ site: 'manager' }),
    );
  });

  it('cuts an overlong URL to what the contract accepts', () => {
    history.replaceState(null, '', `/x?q=${'a'.repeat(3000)}`);
    diagnosticsReporter('macgai')(unrecognized(['학생명']));
    const payload = callMock.mock.calls[0]?.[1] as { url: string };
    expect(payload.url).toHaveLength(2000);
  });

  it('only warns when the report cannot be delivered', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    callMock.mockRejectedValueOnce(new Error('unreachable'));
    diagnosticsReporter('macgai')(unrecognized(['학생명']));
    await vi.waitFor(() => expect(warn).toHaveBeenCalled());
    expect(warn.mock.calls[0]?.[0]).toContain('diagnostics not recorded');
  });
});

describe('contextScheduler', () => {
  it("runs callbacks through the context's timers", async () => {
    const scheduler = contextScheduler(ctx);
    const frame = vi.fn();
    const timer = vi.fn();
    scheduler.requestAnimationFrame(frame);
    scheduler.setTimeout(timer, 1);
    await vi.waitFor(() => {
      expect(frame).toHaveBeenCalledOnce();
      expect(timer).toHaveBeenCalledOnce();
    });
  });

  it('drops callbacks once the content script is invalidated', async () => {
    const scheduler = contextScheduler(ctx);
    const timer = vi.fn();
    scheduler.setTimeout(timer, 1);
    ctx.notifyInvalidated();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(timer).not.toHaveBeenCalled();
  });
});

describe('onStoreChanged', () => {
  it("runs on the background's 'changed' notice only, and stops with the context", async () => {
    const run = vi.fn();
    onStoreChanged(ctx, run);
    await fakeBrowser.runtime.onMessage.trigger({ channel: CHANNEL, type: 'changed' }, {});
    expect(run).toHaveBeenCalledOnce();
    const replies = await fakeBrowser.runtime.onMessage.trigger(
      { channel: CHANNEL, type: 'payments.observe' },
      {},
    );
    await fakeBrowser.runtime.onMessage.trigger({ type: 'changed' }, {});
    await fakeBrowser.runtime.onMessage.trigger(null, {});
    expect(run).toHaveBeenCalledOnce();
    // It never answers, so it cannot steal another listener's reply.
    expect(replies).toEqual([undefined]);

    ctx.notifyInvalidated();
    await fakeBrowser.runtime.onMessage.trigger({ channel: CHANNEL, type: 'changed' }, {});
    expect(run).toHaveBeenCalledOnce();
  });
});
