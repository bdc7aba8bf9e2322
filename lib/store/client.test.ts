import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { CHANNEL } from './channel';
import { BackgroundError, call } from './client';

const sendMessage = () => vi.spyOn(fakeBrowser.runtime, 'sendMessage');

beforeEach(() => {
  fakeBrowser.reset();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('call', () => {
  it('sends an envelope on our channel and returns the data of an ok reply', async () => {
    const spy = sendMessage().mockResolvedValue({ ok: true, data: { opened: true } });
    await expect(call('recon.start', { id: 'p:1' })).resolves.toEqual({ opened: true });
    expect(spy).toHaveBeenCalledOnce();
    expect(spy).toHaveBeenCalledWith({
      channel: CHANNEL,
      type: 'recon.start',
      payload: { id: 'p:1' },
    });
  });

  it('throws a BackgroundError carrying the code of a refusal, without retrying', async () => {
    const spy = sendMessage().mockResolvedValue({
      ok: false,
      error: { code: 'invalid_payload', message: 'bad' },
    });
    const error = await call('recon.start', { id: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackgroundError);
    expect(error).toMatchObject({
      name: 'BackgroundError',
      code: 'invalid_payload',
      message: 'bad',
    });
    expect(spy).toHaveBeenCalledOnce();
  });

  it("throws 'no_reply' when nobody answers", async () => {
    const spy = sendMessage().mockResolvedValue(undefined);
    await expect(call('recon.start', { id: 'x' })).rejects.toMatchObject({ code: 'no_reply' });
    expect(spy).toHaveBeenCalledOnce();
  });

  it('retries a transient failure while the background restarts', async () => {
    vi.useFakeTimers();
    const spy = sendMessage()
      .mockRejectedValueOnce(new Error('Receiving end does not exist.'))
      .mockResolvedValueOnce({ ok: true, data: { opened: false } });
    const result = call('recon.start', { id: 'p:1' });
    await vi.runAllTimersAsync();
    await expect(result).resolves.toEqual({ opened: false });
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it("gives up with 'unreachable' after six attempts (~6 s), backing off between them", async () => {
    vi.useFakeTimers();
    const spy = sendMessage().mockRejectedValue(new Error('Receiving end does not exist.'));
    const result = call('recon.start', { id: 'p:1' }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(0);
    expect(spy).toHaveBeenCalledTimes(1);
    for (const [wait, calls] of [
      [150, 2],
      [300, 3],
      [600, 4],
      [1200, 5],
      [2000, 6],
    ] as const) {
      await vi.advanceTimersByTimeAsync(wait);
      expect(spy).toHaveBeenCalledTimes(calls);
    }
    await vi.advanceTimersByTimeAsync(2000);
    const error = await result;
    expect(error).toBeInstanceOf(BackgroundError);
    expect(error).toMatchObject({
      code: 'unreachable',
      message: 'Error: Receiving end does not exist.',
    });
    expect(spy).toHaveBeenCalledTimes(6);
  });
});
