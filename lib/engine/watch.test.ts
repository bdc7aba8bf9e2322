import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OWN_HOST_TAG, OWN_PANEL_TAG, type Scheduler, watch } from './watch';

/** A scheduler whose frames and timers fire only when the test says so. */
function fakeScheduler() {
  const frames: (() => void)[] = [];
  const timers: { cb: () => void; ms: number }[] = [];
  const scheduler: Scheduler = {
    requestAnimationFrame: (cb) => frames.push(cb),
    setTimeout: (cb, ms) => timers.push({ cb, ms }),
  };
  return {
    scheduler,
    frames,
    timers,
    frame() {
      for (const cb of frames.splice(0)) cb();
    },
    timeout() {
      for (const t of timers.splice(0)) t.cb();
    },
  };
}

/** MutationObserver callbacks are delivered as a microtask. */
const observed = () => new Promise((r) => setTimeout(r, 0));

describe('watch', () => {
  let stop: (() => void) | undefined;
  let run: ReturnType<typeof vi.fn<() => void>>;
  let fake: ReturnType<typeof fakeScheduler>;

  beforeEach(() => {
    document.body.innerHTML = `<table id="list"><tbody><tr><td class="status">결제대기</td></tr></tbody></table>`;
    run = vi.fn<() => void>();
    fake = fakeScheduler();
    watch(document.documentElement, run, fake.scheduler, (s) => {
      stop = s;
    });
  });

  afterEach(() => stop?.());

  it('runs once right away', () => {
    expect(run).toHaveBeenCalledTimes(1);
    expect(fake.frames).toHaveLength(0);
  });

  it('runs once per frame for a burst of mutations', async () => {
    const tbody = document.querySelector('tbody')!;
    for (let i = 0; i < 20; i++) {
      const tr = document.createElement('tr');
      tr.innerHTML = `<td>2026-11-${10 + i}</td><td>결제대기</td>`;
      tbody.append(tr);
      tr.className = 'pay-row';
      tr.setAttribute('aria-selected', String(i % 2 === 0));
    }
    document.querySelector('td.status')!.firstChild!.textContent = '대기취소';
    await observed();
    expect(fake.frames).toHaveLength(1);
    expect(fake.timers.map((t) => t.ms)).toEqual([250]);
    expect(run).toHaveBeenCalledTimes(1);
    fake.frame();
    expect(run).toHaveBeenCalledTimes(2);
    // The fallback timer of the same batch finds nothing left to do.
    fake.timeout();
    expect(run).toHaveBeenCalledTimes(2);

    // The next burst gets the next frame.
    tbody.firstElementChild!.remove();
    tbody.append(document.createElement('tr'));
    await observed();
    expect(fake.frames).toHaveLength(1);
    fake.frame();
    expect(run).toHaveBeenCalledTimes(3);
  });

  it('still runs without frames (a background tab): the timer fallback does', async () => {
    document.body.append(document.createElement('div'));
    await observed();
    fake.timeout();
    expect(run).toHaveBeenCalledTimes(2);
    fake.frame();
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('does not queue a second frame while one is pending', async () => {
    document.body.append(document.createElement('p'));
    await observed();
    document.body.append(document.createElement('p'));
    await observed();
    expect(fake.frames).toHaveLength(1);
    expect(fake.timers).toHaveLength(1);
  });

  it('ignores its own flag and panel hosts coming and going', async () => {
    const cell = document.querySelector('td.status')!;
    const host = document.createElement(OWN_HOST_TAG);
    host.attachShadow({ mode: 'open' }).innerHTML = '<span>매니저 취소 필요</span>';
    cell.append(host);
    document.body.append(document.createElement(OWN_PANEL_TAG));
    await observed();
    expect(fake.frames).toHaveLength(0);
    // Changes inside a flag's shadow root are not the page's.
    host.shadowRoot!.querySelector('span')!.textContent = '✓ 매니저 취소 확인';
    host.remove();
    await observed();
    expect(fake.frames).toHaveLength(0);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('ignores data-reconcile attributes (the marks it writes) and attributes nobody reads', async () => {
    const row = document.querySelector('tr')!;
    row.setAttribute('data-reconcile', 'pending');
    document.documentElement.setAttribute('data-reconcile-page', 'macgai-student-payments');
    row.setAttribute('title', '선택');
    row.setAttribute('data-anything', '1');
    await observed();
    expect(fake.frames).toHaveLength(0);
  });

  it('reacts when the page changes next to its own host in the same batch', async () => {
    const cell = document.querySelector('td.status')!;
    cell.append(document.createElement(OWN_HOST_TAG), document.createElement('span'));
    await observed();
    expect(fake.frames).toHaveLength(1);
  });

  it('reacts to the page selecting a row, hiding a panel or editing a value', async () => {
    for (const change of [
      (row: Element) => row.setAttribute('aria-selected', 'true'),
      (row: Element) => row.setAttribute('class', 'selected'),
      (row: Element) => row.setAttribute('hidden', ''),
      (row: Element) => row.setAttribute('style', 'display:none'),
    ]) {
      change(document.querySelector('tr')!);
      await observed();
      expect(fake.frames).toHaveLength(1);
      fake.frame();
    }
    expect(run).toHaveBeenCalledTimes(5);
  });

  it('stops observing when told to', async () => {
    stop?.();
    stop = undefined;
    document.body.append(document.createElement('div'));
    await observed();
    expect(fake.frames).toHaveLength(0);
    expect(run).toHaveBeenCalledTimes(1);
  });
});

describe('watch with the window scheduler', () => {
  it('batches a burst into one run on the next animation frame', async () => {
    document.body.innerHTML = '<ul></ul>';
    const run = vi.fn();
    let stop = () => {};
    watch(
      document.body,
      run,
      {
        requestAnimationFrame: (cb) => window.requestAnimationFrame(cb),
        setTimeout: (cb, ms) => window.setTimeout(cb, ms) as unknown as number,
      },
      (s) => {
        stop = s;
      },
    );
    const ul = document.querySelector('ul')!;
    for (let i = 0; i < 50; i++) ul.append(document.createElement('li'));
    await new Promise((r) => window.setTimeout(r, 300));
    expect(run).toHaveBeenCalledTimes(2);
    stop();
  });
});
