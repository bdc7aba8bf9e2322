import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { recognize } from '@/lib/engine/recognize';
import { watch } from '@/lib/engine/watch';
import { manager } from '@/lib/sites/manager';
import { contextScheduler, diagnosticsReporter, markPage } from './page';

/** A login form: a password field and one of the adapter's login words, and no invoice list. */
function isLoginPage(): boolean {
  if (!document.querySelector('input[type=password]')) return false;
  const text = document.body?.textContent ?? '';
  return manager.login.words.some((w) => text.includes(w));
}

/** The manager-site overlay: recognises the page on every re-render. */
export function startManagerOverlay(ctx: ContentScriptContext): void {
  const report = diagnosticsReporter('manager');
  const scan = () => {
    const result = recognize(document, manager.pages);
    if (result.kind === 'unrecognized' && isLoginPage()) {
      markPage('manager-login');
      return;
    }
    markPage(result.kind);
    report(result);
  };
  watch(document.documentElement, scan, contextScheduler(ctx), (stop) => ctx.onInvalidated(stop));
}
