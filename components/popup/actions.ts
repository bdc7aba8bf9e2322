import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n';
import { call } from '@/lib/store/client';
import { errorText } from '../common/errors';
import { usePopupUi } from './store';

/**
 * What the popup's buttons do. Every change is a request to the background (which validates it,
 * writes it and updates the badge); the lists follow by themselves through the live queries.
 */
export function usePopupActions() {
  const { setBusy, setNotice, closeForm, markInvalid } = usePopupUi.getState();

  async function run(id: string, request: () => Promise<void>) {
    setBusy(id);
    try {
      await request();
    } catch (error) {
      setNotice({ kind: 'error', text: t('popupActionFailed', errorText(error)), undo: null });
    } finally {
      setBusy(null);
    }
  }

  return {
    /** Opens (or focuses) the manager site and hands the record over to it. */
    start: (id: string, name: string) =>
      run(id, async () => {
        await call('recon.start', { id });
        setNotice({ kind: 'done', text: t('popupStarted', name), undo: null });
      }),

    /** Sends the open reason form (a reason is required for both actions). */
    submitReason: async (name: string) => {
      const form = usePopupUi.getState().form;
      if (!form) return;
      const reason = form.reason.trim();
      if (!reason) {
        markInvalid();
        return;
      }
      await run(form.id, async () => {
        await call('recon.act', { id: form.id, action: form.action, reason });
        closeForm();
        setNotice({
          kind: 'done',
          text: t(form.action === 'resolve' ? 'popupResolvedDone' : 'popupDismissedDone', name),
          undo: { id: form.id, name },
        });
      });
    },

    undo: (id: string, name: string) =>
      run(id, async () => {
        await call('recon.act', { id, action: 'undo' });
        setNotice({ kind: 'done', text: t('popupUndone', name), undo: null });
      }),

    clearDiagnostics: () =>
      run('diagnostics', async () => {
        await call('diagnostics.clear', {});
      }),

    openAudit: async () => {
      try {
        await browser.tabs.create({ url: browser.runtime.getURL('/audit.html') });
        window.close();
      } catch (error) {
        setNotice({ kind: 'error', text: t('popupActionFailed', errorText(error)), undo: null });
      }
    },
    openOptions: async () => {
      try {
        await browser.runtime.openOptionsPage();
        window.close();
      } catch (error) {
        setNotice({ kind: 'error', text: t('popupActionFailed', errorText(error)), undo: null });
      }
    },
  };
}
