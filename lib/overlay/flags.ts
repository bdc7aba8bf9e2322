import { OWN_HOST_TAG } from '@/lib/engine/watch';
import type { Judgment } from '@/lib/store/channel';

/**
 * Per-row marks on MacGai lists: the `data-reconcile` attribute (the testable contract) and a
 * compact badge in a shadow root, so the page's CSS cannot restyle it and ours cannot leak into the
 * page. It holds nothing secret, so it stays open (assistive tools and tests can reach it).
 * Drawing is idempotent: an unchanged row is not touched at all.
 */

export interface FlagTexts {
  pending: string;
  start: string;
  startLabel: string;
  resolved: (time: string) => string;
  drift: string;
  driftHint: string;
}

interface Drawn {
  host: HTMLElement;
  signature: string;
}

const drawn = new WeakMap<Element, Drawn>();
/** Hosts this instance made. Any other host in a row is a leftover: a copied row, or the badge of
 * a previous instance of the content script (Firefox injects the updated one into open tabs). */
const mine = new WeakSet<Element>();

/**
 * The host takes no room (zero width): the badge floats beside the status text, so flags
 * appearing or going never move the page's own layout.
 */
const STYLE = `
:host { all: initial; display: inline-block; position: relative; width: 0; height: 1em; vertical-align: middle; }
.flag { position: absolute; left: 6px; top: 50%; transform: translateY(-50%); z-index: 2147483000;
  display: inline-flex; align-items: center; gap: 4px; white-space: nowrap;
  font: 12px/1.5 'Noto Sans KR','Malgun Gothic',sans-serif; border-radius: 10px; padding: 0 2px 0 7px;
  box-shadow: 0 1px 2px rgba(0,0,0,.15); }
.pending { background: #fff4e5; color: #8a3b00; border: 1px solid #f0b37e; }
.resolved { background: #f0faf2; color: #2f6f3e; border: 1px solid #b7dfc0; padding-right: 7px; }
.drift { background: #eef2ff; color: #3730a3; border: 1px solid #a5b4fc; padding-right: 7px; }
button { font: inherit; border: 1px solid #c2410c; background: #fff; color: #9a3412; border-radius: 8px;
  padding: 0 6px; margin: 1px 0; cursor: pointer; }
button:hover { background: #fff1e6; }
button:focus-visible { outline: 2px solid #2563eb; outline-offset: 1px; }
`;

function timeText(ms: number): string {
  return new Intl.DateTimeFormat('ko-KR', {
    timeZone: 'Asia/Seoul',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(ms);
}

function render(
  root: ShadowRoot,
  judgment: NonNullable<Judgment>,
  texts: FlagTexts,
  onStart: (id: string) => void,
) {
  root.replaceChildren();
  const style = document.createElement('style');
  style.textContent = STYLE;
  const flag = document.createElement('span');
  flag.className = `flag ${judgment.mark}`;
  flag.setAttribute('role', 'status');
  if (judgment.mark === 'pending') {
    flag.append(texts.pending);
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = texts.start;
    button.setAttribute('aria-label', texts.startLabel);
    button.addEventListener('click', (event) => {
      event.stopPropagation();
      event.preventDefault();
      onStart(judgment.id);
    });
    flag.append(button);
  } else if (judgment.mark === 'resolved') {
    flag.textContent = texts.resolved(timeText(judgment.since));
  } else {
    flag.textContent = texts.drift;
    flag.title = texts.driftHint;
  }
  root.append(style, flag);
}

/** Marks one row (or clears it when `judgment` is null). `anchor` is the cell the badge sits in. */
export function drawFlag(
  row: Element,
  anchor: Element,
  judgment: Judgment,
  texts: FlagTexts,
  onStart: (id: string) => void,
): void {
  const current = drawn.get(row);
  const signature = judgment ? `${judgment.mark}|${judgment.id}|${judgment.since}` : '';
  if (current?.host.isConnected && current.signature === signature) return;
  if (!judgment) {
    if (current || row.hasAttribute('data-reconcile')) clearFlag(row);
    return;
  }
  row.setAttribute('data-reconcile', judgment.mark);
  let host = current?.host;
  if (!host?.isConnected || !anchor.contains(host)) {
    host?.remove();
    for (const stray of Array.from(row.querySelectorAll(OWN_HOST_TAG))) {
      if (!mine.has(stray)) stray.remove();
    }
    host = document.createElement(OWN_HOST_TAG);
    mine.add(host);
    host.attachShadow({ mode: 'open' });
    anchor.append(host);
  }
  render(host.shadowRoot as ShadowRoot, judgment, texts, onStart);
  drawn.set(row, { host, signature });
}

export function clearFlag(row: Element): void {
  drawn.get(row)?.host.remove();
  drawn.delete(row);
  row.removeAttribute('data-reconcile');
  for (const stray of Array.from(row.querySelectorAll(OWN_HOST_TAG))) stray.remove();
}
