import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getByRole, queryByRole } from '@testing-library/dom';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { OWN_HOST_TAG } from '@/lib/engine/watch';
import type { Judgment } from '@/lib/store/channel';
import { clearFlag, drawFlag, drawFlags, EAGER_BADGES, type FlagTexts } from './flags';

/** The shipped Korean texts (the overlay gets them from browser.i18n; here from the file). */
function koreanTexts(): FlagTexts {
  const file = join(import.meta.dirname, '../../public/_locales/ko/messages.json');
  const m = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { message: string }>;
  const text = (key: string) => m[key]?.message ?? key;
  return {
    pending: text('flagPending'),
    start: text('flagStart'),
    startLabel: text('flagStartLabel'),
    resolved: (time) => text('flagResolved').replace('$TIME$', time),
    drift: text('flagDrift'),
    driftHint: text('flagDriftHint'),
  };
}

const texts = koreanTexts();
const pending: NonNullable<Judgment> = { mark: 'pending', id: 'pay:abc', since: 1_790_000_000_000 };
// 2026-11-26 15:05 in Seoul.
const resolved: NonNullable<Judgment> = {
  mark: 'resolved',
  id: 'pay:abc',
  since: Date.UTC(2026, 10, 26, 6, 5),
};
const drift: NonNullable<Judgment> = { mark: 'drift', id: 'drift:xyz', since: 1_790_000_000_000 };

let row: HTMLTableRowElement;
let anchor: HTMLTableCellElement;

function hosts(el: ParentNode = document): Element[] {
  return Array.from(el.querySelectorAll(OWN_HOST_TAG));
}

function hostOf(cell: Element = anchor): HTMLElement {
  const all = hosts(cell);
  expect(all).toHaveLength(1);
  return all[0] as HTMLElement;
}

beforeEach(() => {
  document.body.innerHTML = `<table><tbody>
    <tr class="pay-row"><td>2026-11-16</td><td>180,000</td><td class="st"><span>결제대기</span></td></tr>
    <tr class="pay-row"><td>2026-10-07</td><td>180,000</td><td class="st"><span>결제완료</span></td></tr>
  </tbody></table>`;
  row = document.querySelector('tr')!;
  anchor = row.querySelector('td.st')!;
});

describe('drawFlag', () => {
  it('marks the row and puts one open shadow host in the anchor cell', () => {
    drawFlag(row, anchor, pending, texts, () => {});
    expect(row.getAttribute('data-reconcile')).toBe('pending');
    const host = hostOf();
    expect(host.shadowRoot).not.toBeNull();
    // One constructed stylesheet shared by every badge (or a <style> where none can be adopted).
    const root = host.shadowRoot!;
    const css =
      root.querySelector('style')?.textContent ??
      Array.from(root.adoptedStyleSheets[0]?.cssRules ?? [], (r) => r.cssText).join('\n');
    expect(css).toContain(':host');
    expect(getByRole(host.shadowRoot as unknown as HTMLElement, 'status').textContent).toContain(
      '매니저 취소 필요',
    );
    // The page's own text is untouched.
    expect(anchor.querySelector('span')!.textContent).toBe('결제대기');
    expect(hosts()).toHaveLength(1);
  });

  it('renders the pending button, named for the manager site', () => {
    drawFlag(row, anchor, pending, texts, () => {});
    const root = hostOf().shadowRoot as unknown as HTMLElement;
    const button = getByRole(root, 'button', { name: /매니저/ });
    expect(button.textContent).toBe('처리하기');
    expect(button.getAttribute('type')).toBe('button');
  });

  it("calls onStart with the record id on click; the row's own click handlers never see it", async () => {
    const onStart = vi.fn();
    const pageClick = vi.fn();
    row.addEventListener('click', pageClick);
    document.addEventListener('click', pageClick);
    drawFlag(row, anchor, pending, texts, onStart);
    const root = hostOf().shadowRoot as unknown as HTMLElement;
    await userEvent.click(getByRole(root, 'button', { name: /매니저/ }));
    expect(onStart).toHaveBeenCalledExactlyOnceWith('pay:abc');
    expect(pageClick).not.toHaveBeenCalled();
  });

  it('is idempotent: the same judgment twice keeps the same host and content', () => {
    drawFlag(row, anchor, pending, texts, () => {});
    const host = hostOf();
    const button = getByRole(host.shadowRoot as unknown as HTMLElement, 'button');
    drawFlag(row, anchor, { ...pending }, texts, () => {});
    drawFlag(row, anchor, { ...pending }, texts, () => {});
    expect(hostOf()).toBe(host);
    expect(getByRole(host.shadowRoot as unknown as HTMLElement, 'button')).toBe(button);
    expect(hosts()).toHaveLength(1);
  });

  it('re-renders in the same host when the judgment changes', () => {
    drawFlag(row, anchor, pending, texts, () => {});
    const host = hostOf();
    drawFlag(row, anchor, resolved, texts, () => {});
    expect(hostOf()).toBe(host);
    expect(row.getAttribute('data-reconcile')).toBe('resolved');
    const root = host.shadowRoot as unknown as HTMLElement;
    expect(queryByRole(root, 'button')).toBeNull();
    const status = getByRole(root, 'status');
    expect(status.className).toBe('flag resolved');
    // Seoul time, whatever the test machine's zone (ICU may say 오후 or PM).
    expect(status.textContent).toMatch(/^✓ 매니저 취소 확인 11\. 26\. (오후|PM) 0?3:05$/);
  });

  it('shows drift with its hint as a title', () => {
    drawFlag(row, anchor, drift, texts, () => {});
    const status = getByRole(hostOf().shadowRoot as unknown as HTMLElement, 'status');
    expect(row.getAttribute('data-reconcile')).toBe('drift');
    expect(status.textContent).toBe('매니저 사이트에서는 취소됨');
    expect(status.title).toContain('맥가이에서 확인해 주세요');
  });

  it('clears the flag when the judgment becomes null', () => {
    drawFlag(row, anchor, pending, texts, () => {});
    drawFlag(row, anchor, null, texts, () => {});
    expect(row.hasAttribute('data-reconcile')).toBe(false);
    expect(hosts()).toHaveLength(0);
  });

  it('does nothing for null on a row it never marked', () => {
    const before = document.body.innerHTML;
    drawFlag(row, anchor, null, texts, () => {});
    drawFlag(row, anchor, null, texts, () => {});
    expect(document.body.innerHTML).toBe(before);
  });

  it('draws again when the page re-rendered the cell and dropped the host', () => {
    drawFlag(row, anchor, pending, texts, () => {});
    const old = hostOf();
    anchor.innerHTML = '<span>결제대기</span>'; // an UpdatePanel-style re-render of the cell
    drawFlag(row, anchor, pending, texts, () => {});
    const host = hostOf();
    expect(host).not.toBe(old);
    expect(
      getByRole(host.shadowRoot as unknown as HTMLElement, 'button', { name: /매니저/ }),
    ).toBeTruthy();
  });

  it('moves the host when the anchor changes', () => {
    const other = row.cells[0]!;
    drawFlag(row, anchor, pending, texts, () => {});
    drawFlag(row, other, resolved, texts, () => {});
    expect(hosts(anchor)).toHaveLength(0);
    expect(hostOf(other).shadowRoot!.textContent).toContain('매니저 취소 확인');
    expect(hosts()).toHaveLength(1);
  });

  it('keeps rows apart: each row has its own host', () => {
    const second = document.querySelectorAll('tr')[1]!;
    const secondAnchor = second.querySelector('td.st')!;
    drawFlag(row, anchor, pending, texts, () => {});
    drawFlag(second, secondAnchor, drift, texts, () => {});
    expect(hosts()).toHaveLength(2);
    clearFlag(row);
    expect(hosts()).toHaveLength(1);
    expect(second.getAttribute('data-reconcile')).toBe('drift');
  });

  it('shows markup in texts and ids as text, never as elements', async () => {
    const evil = '이수아<img src=x onerror=alert(1)>';
    const onStart = vi.fn();
    const markupTexts: FlagTexts = {
      pending: `${evil} 매니저 취소 필요`,
      start: `<b>${evil}</b>`,
      startLabel: `매니저 ${evil}`,
      resolved: (time) => `${evil} ${time}`,
      drift: evil,
      driftHint: evil,
    };
    const id = 'pay|이수아<img src=x onerror=alert(1)>|2026-11-16|180000|문자결제|0';
    drawFlag(row, anchor, { ...pending, id }, markupTexts, onStart);
    const root = hostOf().shadowRoot!;
    expect(root.querySelector('img, b, script')).toBeNull();
    expect(root.textContent).toContain(evil);
    const button = getByRole(root as unknown as HTMLElement, 'button', { name: /매니저/ });
    expect(button.textContent).toBe(`<b>${evil}</b>`);
    await userEvent.click(button);
    expect(onStart).toHaveBeenCalledWith(id);
    for (const j of [resolved, drift]) {
      drawFlag(row, anchor, j, markupTexts, onStart);
      expect(hostOf().shadowRoot!.querySelector('img')).toBeNull();
      expect(hostOf().shadowRoot!.textContent).toContain(evil);
    }
    expect(document.querySelector('img')).toBeNull();
  });
});

describe('clearFlag', () => {
  it('removes the attribute and the host', () => {
    drawFlag(row, anchor, pending, texts, () => {});
    clearFlag(row);
    expect(row.hasAttribute('data-reconcile')).toBe(false);
    expect(hosts()).toHaveLength(0);
    // Drawing afterwards starts over with a new host.
    drawFlag(row, anchor, pending, texts, () => {});
    expect(hostOf().shadowRoot).not.toBeNull();
  });

  it('cleans a recycled row: a copy of a flagged row the page reused for another payment', () => {
    drawFlag(row, anchor, pending, texts, () => {});
    const copy = row.cloneNode(true) as HTMLTableRowElement;
    copy.cells[0]!.textContent = '2026-09-07';
    row.after(copy);
    expect(copy.getAttribute('data-reconcile')).toBe('pending');
    expect(hosts(copy)).toHaveLength(1);
    // Nothing drawn for it yet: null still clears what the copy carried over.
    drawFlag(copy, copy.cells[2]!, null, texts, () => {});
    expect(copy.hasAttribute('data-reconcile')).toBe(false);
    expect(hosts(copy)).toHaveLength(0);
    // The original keeps its flag.
    expect(hostOf().shadowRoot).not.toBeNull();
    expect(row.getAttribute('data-reconcile')).toBe('pending');
  });

  it('draws one badge on a copied row, replacing the host it carried over', () => {
    drawFlag(row, anchor, pending, texts, () => {});
    const copy = row.cloneNode(true) as HTMLTableRowElement;
    row.after(copy);
    drawFlag(copy, copy.cells[2]!, drift, texts, () => {});
    const host = hostOf(copy.cells[2]!);
    expect(host.shadowRoot!.textContent).toContain('매니저 사이트에서는 취소됨');
    expect(hosts()).toHaveLength(2); // one per row
  });

  it('replaces badges left by a previous instance of the content script (extension update)', () => {
    // Firefox injects the updated content script into open tabs; the old one's hosts remain.
    const old = document.createElement(OWN_HOST_TAG);
    old.attachShadow({ mode: 'open' }).innerHTML = '<span role="status">매니저 취소 필요</span>';
    anchor.append(old);
    row.setAttribute('data-reconcile', 'pending');
    drawFlag(row, anchor, pending, texts, () => {});
    expect(old.isConnected).toBe(false);
    expect(hostOf()).not.toBe(old);
    expect(
      getByRole(hostOf().shadowRoot as unknown as HTMLElement, 'button', { name: /매니저/ }),
    ).toBeTruthy();
  });

  it('leaves the badges of other rows alone when clearing leftovers', () => {
    // A detail table nested in a row of the list: both rows carry flags.
    anchor.insertAdjacentHTML(
      'beforeend',
      '<table><tbody><tr><td class="inner">결제대기</td></tr></tbody></table>',
    );
    const inner = anchor.querySelector('tr')!;
    drawFlag(inner, inner.cells[0]!, drift, texts, () => {});
    const innerHost = hostOf(inner.cells[0]!);
    drawFlag(row, anchor, pending, texts, () => {});
    expect(innerHost.isConnected).toBe(true);
    expect(hosts()).toHaveLength(2);
  });

  it('removes stray hosts even for a row it never drew', () => {
    const stray = document.createElement(OWN_HOST_TAG);
    anchor.append(stray);
    row.setAttribute('data-reconcile', 'resolved');
    clearFlag(row);
    expect(stray.isConnected).toBe(false);
    expect(row.hasAttribute('data-reconcile')).toBe(false);
  });
});

/** An IntersectionObserver the test drives: `show` reports observed rows as near the viewport. */
class FakeObserver {
  static last: FakeObserver | null = null;
  readonly targets = new Set<Element>();
  constructor(
    readonly callback: IntersectionObserverCallback,
    readonly options?: IntersectionObserverInit,
  ) {
    FakeObserver.last = this;
  }
  observe(target: Element) {
    this.targets.add(target);
  }
  unobserve(target: Element) {
    this.targets.delete(target);
  }
  disconnect() {
    this.targets.clear();
  }
  takeRecords() {
    return [];
  }
  show(...targets: Element[]) {
    const entries = targets
      .filter((t) => this.targets.has(t))
      .map((target) => ({ target, isIntersecting: true }));
    this.callback(
      entries as unknown as IntersectionObserverEntry[],
      this as unknown as IntersectionObserver,
    );
  }
}

describe('drawFlag, lazily (long lists)', () => {
  beforeEach(() => {
    vi.stubGlobal('IntersectionObserver', FakeObserver);
  });
  const observer = () => FakeObserver.last as FakeObserver;
  const settled = () => Promise.resolve();

  it('marks the row at once and draws its badge when the row comes near the viewport', async () => {
    const made = vi.fn(() => texts);
    drawFlag(row, anchor, pending, made, () => {}, true);
    expect(row.getAttribute('data-reconcile')).toBe('pending');
    expect(hosts()).toHaveLength(0);
    await settled();
    expect(made).not.toHaveBeenCalled(); // texts are made on the first badge
    expect(observer().options?.rootMargin).toBe('1000px');
    expect(observer().targets.has(row)).toBe(true);

    observer().show(row);
    const host = hostOf();
    expect(
      getByRole(host.shadowRoot as unknown as HTMLElement, 'button', { name: /매니저/ }),
    ).toBeTruthy();
    expect(observer().targets.has(row)).toBe(false);
    expect(made).toHaveBeenCalledOnce();

    // Idempotent: the same judgment again keeps the badge as it is.
    drawFlag(row, anchor, { ...pending }, made, () => {}, true);
    await settled();
    expect(hostOf()).toBe(host);
    expect(observer().targets.size).toBe(0);
  });

  it('updates a badge already shown at once, and keeps waiting rows waiting', async () => {
    const second = document.querySelectorAll('tr')[1]!;
    const secondAnchor = second.querySelector('td.st')!;
    drawFlag(row, anchor, pending, texts, () => {}, true);
    await settled();
    observer().show(row);
    drawFlag(second, secondAnchor, pending, texts, () => {}, true);
    drawFlag(row, anchor, resolved, texts, () => {}, true);
    drawFlag(second, secondAnchor, drift, texts, () => {}, true);
    await settled();
    expect(hostOf().shadowRoot!.textContent).toContain('매니저 취소 확인');
    expect(second.getAttribute('data-reconcile')).toBe('drift');
    expect(hosts(second)).toHaveLength(0);
    observer().show(second);
    expect(hostOf(secondAnchor).shadowRoot!.textContent).toBe('매니저 사이트에서는 취소됨');
  });

  it('draws a waiting row at once when asked to draw eagerly', async () => {
    drawFlag(row, anchor, pending, texts, () => {}, true);
    drawFlag(row, anchor, pending, texts, () => {}, false);
    expect(hostOf().shadowRoot).not.toBeNull();
    await settled();
    expect(observer().targets.size).toBe(0);
  });

  it('stops watching rows that are cleared, or whose judgment goes', async () => {
    const second = document.querySelectorAll('tr')[1]!;
    drawFlag(row, anchor, pending, texts, () => {}, true);
    drawFlag(second, second.querySelector('td.st')!, pending, texts, () => {}, true);
    await settled();
    expect(observer().targets.size).toBeGreaterThan(0);
    clearFlag(row);
    drawFlag(second, second.querySelector('td.st')!, null, texts, () => {}, true);
    await settled();
    expect(observer().targets.size).toBe(0);
    expect(hosts()).toHaveLength(0);
    expect(document.querySelector('[data-reconcile]')).toBeNull();
  });

  it('removes a badge a copied row carried over while it waits, and never draws into a stale cell', async () => {
    drawFlag(row, anchor, pending, texts, () => {});
    const copy = row.cloneNode(true) as HTMLTableRowElement;
    row.after(copy);
    expect(hosts(copy)).toHaveLength(1);
    drawFlag(copy, copy.cells[2]!, drift, texts, () => {}, true);
    expect(hosts(copy)).toHaveLength(0);
    expect(copy.getAttribute('data-reconcile')).toBe('drift');
    await settled();
    // The page re-renders the waiting row's cells before it comes into view.
    copy.innerHTML = '<td>2026-09-07</td><td>180,000</td><td class="st">결제대기</td>';
    observer().show(copy);
    expect(hosts(copy)).toHaveLength(0);
    drawFlag(copy, copy.cells[2]!, drift, texts, () => {}, true);
    await settled();
    observer().show(copy);
    expect(hostOf(copy.cells[2]!).shadowRoot!.textContent).toBe('매니저 사이트에서는 취소됨');
  });
});

describe('drawFlags', () => {
  beforeEach(() => {
    vi.stubGlobal('IntersectionObserver', FakeObserver);
  });
  const observer = () => FakeObserver.last as FakeObserver;

  function longList(n: number): HTMLTableRowElement[] {
    document.body.innerHTML = `<table><tbody>${'<tr><td>2026-11-16</td><td>180,000</td><td class="st">결제대기</td></tr>'.repeat(n)}</tbody></table>`;
    return Array.from(document.querySelectorAll('tr'));
  }
  const items = (rows: HTMLTableRowElement[]) =>
    rows.map((r) => ({ row: r, anchor: r.cells[2]!, judgment: pending }));

  it('draws every badge of a short list at once', () => {
    const rows = longList(EAGER_BADGES);
    drawFlags(items(rows), texts, () => {});
    expect(hosts()).toHaveLength(EAGER_BADGES);
  });

  it('watches one row in sixteen of a long list; each draws its group and the one before', () => {
    const rows = longList(200);
    drawFlags(items(rows), texts, () => {});
    expect(document.querySelectorAll('[data-reconcile="pending"]')).toHaveLength(200);
    expect(hosts()).toHaveLength(0);
    // Rows 0, 16, 32 … 192, and the last row.
    expect([...observer().targets].map((r) => rows.indexOf(r as HTMLTableRowElement))).toEqual([
      ...Array.from({ length: 13 }, (_, i) => i * 16),
      199,
    ]);
    observer().show(rows[32]!);
    const drawn = rows.flatMap((r, i) => (r.querySelector(OWN_HOST_TAG) ? [i] : []));
    expect(drawn).toEqual(Array.from({ length: 32 }, (_, i) => 16 + i));
    // A re-scan with the same judgments changes nothing and watches nothing new.
    const before = observer().targets.size;
    drawFlags(items(rows), texts, () => {});
    expect(observer().targets.size).toBe(before);
    expect(hosts()).toHaveLength(32);
    observer().show(rows[199]!);
    expect(rows[199]!.querySelector(OWN_HOST_TAG)).not.toBeNull();
  });

  it('draws nothing while the user scrolls; the badges come once the scroll pauses', async () => {
    const rows = longList(200);
    drawFlags(items(rows), texts, () => {});
    window.dispatchEvent(new Event('scroll')); // never mind where: inner scrollers count too
    document.dispatchEvent(new Event('scroll'));
    observer().show(rows[0]!);
    expect(hosts()).toHaveLength(0);
    await vi.waitFor(() => expect(hosts()).toHaveLength(16), { timeout: 1000, interval: 20 });
  });

  it('stops watching the rows of a list the page replaced', async () => {
    const rows = longList(150);
    drawFlags(items(rows), texts, () => {});
    for (const r of rows) clearFlag(r);
    await Promise.resolve();
    expect(observer().targets.size).toBe(0);
  });
});

describe('badge style', () => {
  it('is one stylesheet shared by every badge', () => {
    const second = document.querySelectorAll('tr')[1]!;
    drawFlag(row, anchor, pending, texts, () => {});
    drawFlag(second, second.querySelector('td.st')!, drift, texts, () => {});
    const [a, b] = hosts().map((h) => (h as HTMLElement).shadowRoot!);
    expect(a!.adoptedStyleSheets).toHaveLength(1);
    expect(b!.adoptedStyleSheets[0]).toBe(a!.adoptedStyleSheets[0]);
    expect(a!.querySelector('style')).toBeNull();
  });
});
