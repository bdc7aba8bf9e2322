import { t } from '@/lib/i18n';
import { usePending } from '@/lib/store/queries';
import { PendingList } from './PendingList';

export function PopupApp() {
  const pending = usePending();
  return (
    <main className="popup">
      <header className="popup__header">
        <h1>{t('extName')}</h1>
        {pending && <p className="popup__count">{t('popupPendingCount', pending.rows.length)}</p>}
      </header>
      {!pending && <p className="popup__loading">{t('loading')}</p>}
      {pending?.error && (
        <p role="alert" className="popup__error">
          {t('popupDbError', pending.error)}
        </p>
      )}
      {pending && !pending.error && <PendingList rows={pending.rows} />}
    </main>
  );
}
