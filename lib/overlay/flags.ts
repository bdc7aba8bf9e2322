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

/** The texts, or a function making them on first use (i18n lookups cost start-up time). */
export type FlagTextsSource = FlagTexts | (() => FlagTexts);

interface Drawn {
  judgment: NonNullable<Judgment>;
  anchor: Element;
  texts: FlagTextsSource;
  onStart: (id: string) => void;
  /** null while the row waits to come near the viewport. */
  host: HTMLElement | null;
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

let timeFormat: Intl.DateTimeFormat | null = null;

function timeText(ms: number): string {
  timeFormat ??= new Intl.DateTimeFormat('ko-KR', {
    timeZone: 'Asia/Seoul',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  return timeFormat.format(ms);
}

/** One constructed stylesheet shared by every badge; null where a content script cannot adopt one. */
let shared: CSSStyleSheet | null | undefined;

function styleRoot(root: ShadowRoot): void {
  if (shared === undefined) {
    try {
      shared = new CSSStyleSheet();
      shared.replaceSync(STYLE);
    } catch {
      shared = null;
    }
  }
  if (shared) {
    try {
      root.adoptedStyleSheets = [shared];
      if (root.adoptedStyleSheets.length === 1) return;
    } catch {
      // Firefox content scripts (Xray wrappers) may refuse: fall back to a <style> element.
    }
    shared = null;
  }
  const style = document.createElement('style');
  style.textContent = STYLE;
  root.append(style);
}

function render(
  root: ShadowRoot,
  judgment: NonNullable<Judgment>,
  texts: FlagTexts,
  onStart: (id: string) => void,
) {
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
  const old = root.querySelector('.flag');
  if (old) old.replaceWith(flag);
  else root.append(flag);
}

function removeLeftovers(row: Element): void {
  for (const stray of Array.from(row.querySelectorAll(OWN_HOST_TAG))) {
    if (!mine.has(stray)) stray.remove();
  }
}

/** Puts the row's badge in its anchor cell (a new host when the old one is gone or elsewhere). */
function attach(row: Element, entry: Drawn): void {
  let host = entry.host;
  if (!host?.isConnected || !entry.anchor.contains(host)) {
    host?.remove();
    removeLeftovers(row);
    host = document.createElement(OWN_HOST_TAG);
    mine.add(host);
    styleRoot(host.attachShadow({ mode: 'open' }));
    entry.anchor.append(host);
    entry.host = host;
  }
  const texts = typeof entry.texts === 'function' ? entry.texts() : entry.texts;
  render(host.shadowRoot as ShadowRoot, entry.judgment, texts, entry.onStart);
}

/**
 * Rows whose badge waits until they come within this distance of the viewport: a long list gets
 * its marks at once, and badges (a shadow root each, and the style and layout they cost) only
 * where someone can see them.
 */
const NEAR_VIEWPORT = '1000px';
/** Up to this many judged rows, every badge is drawn at once (they all fit near the viewport). */
export const EAGER_BADGES = 100;
let nearViewport: IntersectionObserver | null | undefined;

function viewportWatch(): IntersectionObserver | null {
  if (nearViewport !== undefined) return nearViewport;
  nearViewport =
    typeof IntersectionObserver === 'function'
      ? new IntersectionObserver(
          (entries) => {
            for (const e of entries) {
              if (!e.isIntersecting) continue;
              nearViewport?.unobserve(e.target);
              const entry = drawn.get(e.target);
              if (entry && !entry.host && e.target.contains(entry.anchor)) attach(e.target, entry);
            }
          },
          { rootMargin: NEAR_VIEWPORT },
        )
      : null;
  return nearViewport;
}

/**
 * Marks one row (or clears it when `judgment` is null). `anchor` is the cell the badge sits in.
 * The data-reconcile mark is set at once; with `lazy`, the badge itself is drawn when the row
 * comes near the viewport (a row already showing a badge is updated at once).
 */
export function drawFlag(
  row: Element,
  anchor: Element,
  judgment: Judgment,
  texts: FlagTextsSource,
  onStart: (id: string) => void,
  lazy = false,
): void {
  const current = drawn.get(row);
  if (!judgment) {
    if (current || row.hasAttribute('data-reconcile')) clearFlag(row);
    return;
  }
  const was = current?.judgment;
  const same = was?.mark === judgment.mark && was.id === judgment.id && was.since === judgment.since;
  if (current && same && current.anchor === anchor) {
    const host = current.host;
    if (host ? host.isConnected && anchor.contains(host) : lazy) return;
  }
  const previous = row.getAttribute('data-reconcile');
  // A row marked by someone else (a copied row, an older instance) may carry their badge.
  if (!current && previous !== null) removeLeftovers(row);
  if (previous !== judgment.mark) row.setAttribute('data-reconcile', judgment.mark);
  const entry: Drawn = current ?? { judgment, anchor, texts, onStart, host: null };
  entry.judgment = judgment;
  entry.anchor = anchor;
  entry.texts = texts;
  entry.onStart = onStart;
  drawn.set(row, entry);
  // A row that has shown a badge is redrawn at once; a new one may wait for the viewport.
  const watch = lazy && !entry.host ? viewportWatch() : null;
  if (watch) {
    watch.observe(row);
    return;
  }
  nearViewport?.unobserve(row);
  attach(row, entry);
}

export function clearFlag(row: Element): void {
  drawn.get(row)?.host?.remove();
  drawn.delete(row);
  nearViewport?.unobserve(row);
  row.removeAttribute('data-reconcile');
  for (const stray of Array.from(row.querySelectorAll(OWN_HOST_TAG))) stray.remove();
}
