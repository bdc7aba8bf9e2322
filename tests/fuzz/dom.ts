/**
 * Fresh happy-dom windows for the fuzzer. The engine checks `instanceof HTMLTableRowElement` and
 * friends against the globals, so a window's classes are put in place of the globals while it is
 * open, and the previous ones come back on close.
 *
 * Why not the one global document: happy-dom keeps every <select> and <iframe> it ever parsed
 * alive until its window closes (megabytes per page), so a long run must change windows.
 */
import { Window } from 'happy-dom';

const GLOBALS =
  /^(HTML\w*Element|SVG\w*Element|Node|NodeFilter|Element|Text|Comment|Document|DocumentFragment|DOMParser|NodeList|HTMLCollection)$/;

export interface FuzzWindow {
  document: Document;
  close(): Promise<void>;
}

export function openWindow(): FuzzWindow {
  const window = new Window({
    url: 'https://edu.macgai7.com/',
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      handleDisabledFileLoadingAsSuccess: true,
    },
  });
  const g = globalThis as Record<string, unknown>;
  const w = window as unknown as Record<string, unknown>;
  const saved = new Map<string, PropertyDescriptor | undefined>();
  for (const key of Object.getOwnPropertyNames(window)) {
    if (!GLOBALS.test(key)) continue;
    saved.set(key, Object.getOwnPropertyDescriptor(g, key));
    Object.defineProperty(g, key, { value: w[key], configurable: true, writable: true });
  }
  return {
    document: window.document as unknown as Document,
    async close() {
      for (const [key, d] of saved) {
        if (d) Object.defineProperty(g, key, d);
        else delete g[key];
      }
      await window.happyDOM.close();
    },
  };
}
