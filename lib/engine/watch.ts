/**
 * One MutationObserver per document, batched to one run per animation frame. Our own shadow-root
 * hosts and data-reconcile attributes are ignored so drawing flags never re-triggers a scan.
 */

export interface Scheduler {
  requestAnimationFrame(cb: () => void): number;
  setTimeout(cb: () => void, ms: number): number;
}

export const OWN_HOST_TAG = 'reconcile-flag';
export const OWN_PANEL_TAG = 'reconcile-panel';

function isOwn(node: Node): boolean {
  return (
    node instanceof Element &&
    (node.tagName.toLowerCase() === OWN_HOST_TAG || node.tagName.toLowerCase() === OWN_PANEL_TAG)
  );
}

function relevant(records: MutationRecord[]): boolean {
  return records.some((r) => {
    if (r.type === 'attributes') return !r.attributeName?.startsWith('data-reconcile');
    if (r.type === 'characterData') return true;
    const nodes = [...Array.from(r.addedNodes), ...Array.from(r.removedNodes)];
    return nodes.length === 0 || nodes.some((n) => !isOwn(n));
  });
}

/**
 * Calls `run` once now and once per frame after relevant changes. Background tabs get no frames,
 * so a timer fallback runs the scan anyway (recording must not wait for the tab to be shown).
 */
export function watch(
  root: Node,
  run: () => void,
  scheduler: Scheduler,
  onStop: (stop: () => void) => void,
): void {
  let queued = false;
  const flush = () => {
    if (!queued) return;
    queued = false;
    run();
  };
  const observer = new MutationObserver((records) => {
    if (queued || !relevant(records)) return;
    queued = true;
    scheduler.requestAnimationFrame(flush);
    scheduler.setTimeout(flush, 250);
  });
  observer.observe(root, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['class', 'aria-selected', 'value', 'style', 'hidden', 'checked'],
  });
  onStop(() => observer.disconnect());
  run();
}
