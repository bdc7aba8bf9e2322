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
  /** null until the badge is drawn. */
  host: HTMLElement | null;
  /** Waiting to come near the viewport (queued or given to a sentinel). */
  waiting: boolean;
  /** The last regroup that took it (a row queued twice is grouped once). */
  grouped: number;
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
 * Long lists get every mark at once, and badges (a shadow root each, and the style and layout
 * they cost) only on rows near the viewport; the rest are drawn as they come within
 * NEAR_VIEWPORT of it.
 * - Observing every row of a 10,000-row list would cost the page tens of milliseconds per
 *   scrolled frame, so only one row in GROUP is observed: that sentinel draws its own group and
 *   the one before it. A visible row is then always within one group's height of a sentinel,
 *   which holds while GROUP rows stay under twice NEAR_VIEWPORT tall (125 px a row).
 * - Any element put into a cell of a long table makes the browser lay the whole table out again
 *   (tens of milliseconds at 10,000 rows), so badges are drawn in one batch, and not while the
 *   user is scrolling: they appear once the scroll pauses for SCROLL_QUIET ms.
 */
const NEAR_VIEWPORT = '1000px';
const GROUP = 16;
const SCROLL_QUIET = 150;
/** Up to this many judged rows, every badge is drawn at once (they all fit near the viewport). */
export const EAGER_BADGES = 100;

/** Rows marked and waiting for their badge, not yet given to a sentinel (in list order). */
let queued: Element[] = [];
let regroupQueued = false;
let regroups = 0;
/** Each observed sentinel row and the rows it draws. */
const sentinels = new Map<Element, Element[]>();
/** Sentinels near the viewport now: their rows are drawn in the next batch. */
const near = new Set<Element>();
let lastScroll = Number.NEGATIVE_INFINITY;
let scrolledThisFrame = false;
let waitingForQuiet = false;
let nearViewport: IntersectionObserver | null | undefined;

function waiting(row: Element): Drawn | null {
  const entry = drawn.get(row);
  return entry && !entry.host && entry.waiting ? entry : null;
}

/**
 * Draws the rows near the viewport in one batch, once the user is not scrolling: no scroll event
 * for SCROLL_QUIET ms, and none in the last frame (frames of a long table can be slower than that).
 */
function drawBatch(): void {
  if (performance.now() - lastScroll < SCROLL_QUIET) {
    if (waitingForQuiet) return;
    waitingForQuiet = true;
    scrolledThisFrame = false;
    const check = () => {
      if (scrolledThisFrame || performance.now() - lastScroll < SCROLL_QUIET) {
        scrolledThisFrame = false;
        requestAnimationFrame(check);
        return;
      }
      waitingForQuiet = false;
      drawBatch();
    };
    requestAnimationFrame(check);
    return;
  }
  for (const sentinel of near) {
    const rows = sentinels.get(sentinel) ?? [];
    nearViewport?.unobserve(sentinel);
    sentinels.delete(sentinel);
    for (const row of rows) {
      const entry = waiting(row);
      if (!entry) continue;
      entry.waiting = false; // a stale cell waits for the re-scan that follows the re-render
      if (row.contains(entry.anchor)) attach(row, entry);
    }
  }
  near.clear();
}

/** Keeps `near` current (rows passed while scrolling are not drawn), then draws. */
function drawNear(entries: IntersectionObserverEntry[]): void {
  for (const e of entries) {
    if (e.isIntersecting && sentinels.has(e.target)) near.add(e.target);
    else near.delete(e.target);
  }
  if (near.size > 0) drawBatch();
}

function viewportWatch(): IntersectionObserver | null {
  if (nearViewport === undefined) {
    nearViewport =
      typeof IntersectionObserver === 'function'
        ? new IntersectionObserver(drawNear, { rootMargin: NEAR_VIEWPORT })
        : null;
    if (nearViewport) {
      const scrolled = () => {
        lastScroll = performance.now();
        scrolledThisFrame = true;
      };
      document.addEventListener('scroll', scrolled, { capture: true, passive: true });
    }
  }
  return nearViewport;
}

function regroupSoon(): void {
  if (regroupQueued) return;
  regroupQueued = true;
  queueMicrotask(() => {
    if (regroupQueued) regroup();
  });
}

/** Gives the queued rows to sentinels, and drops sentinels with nothing left to draw. */
function regroup(): void {
  regroupQueued = false;
  const watch = nearViewport;
  if (!watch) return;
  for (const [sentinel, rows] of sentinels) {
    if (sentinel.isConnected && rows.some((r) => waiting(r))) continue;
    watch.unobserve(sentinel);
    sentinels.delete(sentinel);
    near.delete(sentinel);
    // Rows of a group whose sentinel the page removed still need one.
    for (const r of rows) if (r.isConnected && waiting(r)) queued.push(r);
  }
  const stamp = ++regroups;
  const rows: Element[] = [];
  for (const r of queued) {
    const entry = waiting(r);
    if (!entry || entry.grouped === stamp) continue;
    entry.grouped = stamp;
    rows.push(r);
  }
  queued = [];
  // Runs of rows of one table body (rows of two lists are not in one vertical order).
  let start = 0;
  while (start < rows.length) {
    const parent = (rows[start] as Element).parentElement;
    let end = start + 1;
    while (end < rows.length && (rows[end] as Element).parentElement === parent) end++;
    let previous: Element[] = [];
    for (let g = start; g < end; g += GROUP) {
      const group = rows.slice(g, Math.min(g + GROUP, end));
      sentinels.set(group[0] as Element, [...previous, ...group]);
      watch.observe(group[0] as Element);
      previous = group;
    }
    const last = previous[previous.length - 1];
    if (previous.length > 1 && last && !sentinels.has(last)) {
      sentinels.set(last, previous);
      watch.observe(last);
    }
    start = end;
  }
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
  const same =
    was?.mark === judgment.mark && was.id === judgment.id && was.since === judgment.since;
  if (current && same && current.anchor === anchor) {
    const host = current.host;
    if (host ? host.isConnected && anchor.contains(host) : lazy && current.waiting) return;
  }
  const previous = row.getAttribute('data-reconcile');
  // A row marked by someone else (a copied row, an older instance) may carry their badge.
  if (!current && previous !== null) removeLeftovers(row);
  if (previous !== judgment.mark) row.setAttribute('data-reconcile', judgment.mark);
  const entry: Drawn = current ?? {
    judgment,
    anchor,
    texts,
    onStart,
    host: null,
    waiting: false,
    grouped: 0,
  };
  entry.judgment = judgment;
  entry.anchor = anchor;
  entry.texts = texts;
  entry.onStart = onStart;
  drawn.set(row, entry);
  // A row that has shown a badge is redrawn at once; a new one may wait for the viewport.
  if (lazy && !entry.host && viewportWatch()) {
    if (!entry.waiting) {
      entry.waiting = true;
      queued.push(row);
      regroupSoon();
    }
    return;
  }
  entry.waiting = false;
  attach(row, entry);
}

export interface FlagItem {
  row: Element;
  anchor: Element;
  judgment: Judgment;
}

/**
 * Marks a list's rows (see {@link drawFlag}), in list order. More than EAGER_BADGES judged rows
 * get their badges as they come near the viewport.
 */
export function drawFlags(
  items: readonly FlagItem[],
  texts: FlagTextsSource,
  onStart: (id: string) => void,
): void {
  let judged = 0;
  for (const item of items) if (item.judgment) judged++;
  const lazy = judged > EAGER_BADGES;
  for (const item of items) drawFlag(item.row, item.anchor, item.judgment, texts, onStart, lazy);
  if (queued.length > 0) regroup();
}

export function clearFlag(row: Element): void {
  const entry = drawn.get(row);
  entry?.host?.remove();
  drawn.delete(row);
  if (entry?.waiting) regroupSoon(); // its sentinel may have nothing left to draw
  row.removeAttribute('data-reconcile');
  for (const stray of Array.from(row.querySelectorAll(OWN_HOST_TAG))) stray.remove();
}
