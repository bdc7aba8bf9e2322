import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Recognized, Unrecognized } from '@/lib/engine/recognize';
import type { Scheduler } from '@/lib/engine/watch';
import { CHANNEL } from '@/lib/store/channel';
import { call } from '@/lib/store/client';

/** Writes the page kind to <html data-reconcile-page> (the testable contract). */
export function markPage(kind: string): void {
  const html = document.documentElement;
  if (html.getAttribute('data-reconcile-page') !== kind)
    html.setAttribute('data-reconcile-page', kind);
}

/** A scheduler whose callbacks die with the content script (on update or uninstall). */
export function contextScheduler(ctx: ContentScriptContext): Scheduler {
  return {
    requestAnimationFrame: (cb) => ctx.requestAnimationFrame(cb),
    setTimeout: (cb, ms) => ctx.setTimeout(cb, ms),
  };
}

/**
 * Reports each distinct unrecognised layout once per page view, so the popup's diagnostics can
 * say what was missing without a report per re-render.
 */
export function diagnosticsReporter(site: 'macgai' | 'manager') {
  let last = '';
  return (result: Recognized<string, string> | Unrecognized) => {
    const missing = result.recognized ? [] : result.missing;
    const signature = `${result.kind}|${missing.join(',')}|${location.href}`;
    if (signature === last) return;
    last = signature;
    if (result.recognized || missing.length === 0) return;
    call('page.report', {
      site,
      url: location.href.slice(0, 2000),
      pageKind: result.kind,
      missing,
    }).catch((error) => console.warn('[reconcile] diagnostics not recorded', error));
  };
}

/** Runs `run` whenever the background says reconciliation data changed (any tab, any page). */
export function onStoreChanged(ctx: ContentScriptContext, run: () => void): void {
  const listener = (message: unknown) => {
    const m = message as { channel?: unknown; type?: unknown } | null;
    if (m?.channel === CHANNEL && m.type === 'changed') run();
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(listener));
}

export interface OverlayOptions {
  /**
   * Whether an event is a person's. Only a person's clicks count: a page script's synthetic click
   * must never record a force-cancel or arm a password fill. Tests on a simulated DOM, where no
   * event is trusted, pass their own.
   */
  byPerson?: (event: Event) => boolean;
}

export function personFilter(options: OverlayOptions): (event: Event) => boolean {
  return options.byPerson ?? ((event: Event) => event.isTrusted);
}
