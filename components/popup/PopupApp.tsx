import { useDeferredValue, useEffect, useId, useMemo, useState } from 'react';
import { t } from '@/lib/i18n';
import type { BusinessRow } from '@/lib/store/db';
import {
  useAnyInStates,
  useBusinesses,
  useDb,
  useDiagnostics,
  usePending,
  useSetting,
  useStateCounts,
} from '@/lib/store/queries';
import { usePopupActions } from './actions';
import { DiagnosticsList, type ListContext, PendingList, RecentList, StateList } from './lists';
import { Section } from './Section';
import { usePopupUi } from './store';

const OVERDUE_DAYS_DEFAULT = 3;
/** The sections whose title shows a count; 최근 처리 only needs to know there is one. */
const COUNTED = ['unverified', 'drift'] as const;
const SETTLED = ['resolved', 'dismissed'] as const;
const NO_BUSINESSES: ReadonlyMap<string, BusinessRow> = new Map();

/** "Now" for the ages shown, refreshed every minute while the popup is open. */
function useNow(clock: () => number): number {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    const timer = setInterval(() => setNow(clock()), 60_000);
    return () => clearInterval(timer);
  }, [clock]);
  return now;
}

export function PopupApp({ clock = Date.now }: { clock?: () => number }) {
  const db = useDb();
  const pending = usePending(db);
  const counts = useStateCounts(db, COUNTED);
  const anySettled = useAnyInStates(db, SETTLED);
  const businesses = useBusinesses(db);
  const overdue = useSetting(db, 'overdueDays', OVERDUE_DAYS_DEFAULT);
  const diagnostics = useDiagnostics(db, 1);
  const search = usePopupUi((s) => s.search);
  const setSearch = usePopupUi((s) => s.setSearch);
  const deferredSearch = useDeferredValue(search);
  const now = useNow(clock);
  const searchId = useId();
  const { openAudit, openOptions } = usePopupActions();

  const businessMap = useMemo(
    () => (businesses ? new Map(businesses.data.map((b) => [b.id, b])) : NO_BUSINESSES),
    [businesses],
  );
  const overdueDays = overdue?.data ?? OVERDUE_DAYS_DEFAULT;
  // One object while none of its parts change: the lists are memoised on it, so a section that
  // loads later (the diagnostics, the counts) does not redraw 5,000 pending records.
  const ctx = useMemo<ListContext>(
    () => ({ now, overdueDays, search: deferredSearch, businesses: businessMap }),
    [now, overdueDays, deferredSearch, businessMap],
  );
  const error = pending?.error ?? counts?.error ?? anySettled?.error ?? businesses?.error ?? null;
  const unverified = counts?.data.unverified ?? 0;
  const drift = counts?.data.drift ?? 0;
  const diagnosticsTotal = diagnostics?.data.total ?? 0;

  return (
    <div className="popup">
      <header className="popup__header">
        <div className="popup__titlebar">
          <h1 className="popup__title">{t('extName')}</h1>
          <button type="button" className="btn btn--quiet" onClick={openAudit}>
            {t('popupOpenAudit')}
          </button>
          <button type="button" className="btn btn--quiet" onClick={openOptions}>
            {t('popupOpenOptions')}
          </button>
        </div>
        {pending && (
          <p className="popup__count" aria-live="polite">
            {t('popupPendingCount', pending.rows.length)}
          </p>
        )}
        <search className="search">
          <label htmlFor={searchId} className="search__label">
            {t('popupSearchLabel')}
          </label>
          <input
            id={searchId}
            className="search__input"
            type="search"
            value={search}
            placeholder={t('popupSearchPlaceholder')}
            autoComplete="off"
            onChange={(event) => setSearch(event.target.value)}
          />
        </search>
      </header>
      <Notice />
      <main className="popup__main">
        {!pending && <p className="muted popup__loading">{t('loading')}</p>}
        {error && (
          <p role="alert" className="error popup__error">
            {t('popupDbError', error)}
          </p>
        )}
        {pending && !pending.error && (
          <Section id="pending" title={t('popupSectionPending')} count={pending.rows.length}>
            {pending.rows.length === 0 ? (
              <div className="empty">
                <p className="empty__title">{t('popupEmptyTitle')}</p>
                <p className="empty__text">{t('popupEmpty')}</p>
              </div>
            ) : (
              <PendingList rows={pending.rows} ctx={ctx} />
            )}
          </Section>
        )}
        {unverified > 0 && (
          <Section id="unverified" title={t('popupSectionUnverified')} count={unverified}>
            <p className="hint">{t('popupUnverifiedHint')}</p>
            <StateList db={db} state="unverified" label={t('popupSectionUnverified')} ctx={ctx} />
          </Section>
        )}
        {drift > 0 && (
          <Section id="drift" title={t('popupSectionDrift')} count={drift}>
            <p className="hint">{t('flagDriftHint')}</p>
            <StateList db={db} state="drift" label={t('popupSectionDrift')} ctx={ctx} />
          </Section>
        )}
        {anySettled?.data && (
          <Section id="recent" title={t('popupSectionRecent')}>
            <RecentList db={db} ctx={ctx} />
          </Section>
        )}
        {diagnosticsTotal > 0 && (
          <Section id="diagnostics" title={t('popupSectionDiagnostics')} count={diagnosticsTotal}>
            <DiagnosticsList db={db} />
          </Section>
        )}
      </main>
    </div>
  );
}

/** What the last action did (with 되돌리기), or why it failed. */
function Notice() {
  const notice = usePopupUi((s) => s.notice);
  const setNotice = usePopupUi((s) => s.setNotice);
  const busy = usePopupUi((s) => s.busy !== null);
  const { undo } = usePopupActions();
  if (!notice) return <div className="notice-slot" role="status" aria-live="polite" />;
  return (
    <div
      className={`notice notice--${notice.kind}`}
      role={notice.kind === 'error' ? 'alert' : 'status'}
    >
      <p className="notice__text">{notice.text}</p>
      <div className="notice__actions">
        {notice.undo && (
          <button
            type="button"
            className="btn"
            disabled={busy}
            onClick={() => notice.undo && undo(notice.undo.id, notice.undo.name)}
          >
            {t('popupUndo')}
          </button>
        )}
        <button type="button" className="btn btn--quiet" onClick={() => setNotice(null)}>
          {t('popupCloseNotice')}
        </button>
      </div>
    </div>
  );
}
