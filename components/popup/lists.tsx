import { memo, useCallback, useMemo } from 'react';
import { t } from '@/lib/i18n';
import type { BusinessRow, ReconDb, ReconRow } from '@/lib/store/db';
import { useDiagnostics, useRecent, useRecordsIn } from '@/lib/store/queries';
import { VirtualList } from '../common/VirtualList';
import { formatDateTime } from '../format';
import { usePopupActions } from './actions';
import { type ItemKind, RecordItem } from './RecordItem';
import { type FlatRow, groupRows, type ItemView, itemOf, matcher } from './rows';
import { usePopupUi } from './store';

/** Heights (px) the virtual lists start from before an item is measured. */
const ITEM_HEIGHT = 92;
const FORM_HEIGHT = 150;
const GROUP_HEIGHT = 34;

export interface ListContext {
  now: number;
  overdueDays: number;
  search: string;
  businesses: ReadonlyMap<string, BusinessRow>;
}

function useItems(rows: readonly ReconRow[], ctx: ListContext): ItemView[] {
  const all = useMemo(() => rows.map((r) => itemOf(r, ctx.businesses)), [rows, ctx.businesses]);
  return useMemo(() => all.filter(matcher(ctx.search)), [all, ctx.search]);
}

function useEstimate() {
  const formId = usePopupUi((s) => s.form?.id ?? null);
  return useCallback(
    (item: ItemView) => (item.id === formId ? FORM_HEIGHT : ITEM_HEIGHT),
    [formId],
  );
}

function NoMatch({ search }: { search: string }) {
  return <p className="muted">{t('popupNoMatch', search.trim())}</p>;
}

/**
 * The records to cancel on the manager site, grouped by business, drawn virtually. Memoised: the
 * popup redraws whenever one of its queries answers, and these may be 5,000 records.
 */
export const PendingList = memo(function PendingList({
  rows,
  ctx,
}: {
  rows: readonly ReconRow[];
  ctx: ListContext;
}) {
  const items = useItems(rows, ctx);
  const flat = useMemo(() => groupRows(items), [items]);
  const estimateItem = useEstimate();
  const estimate = useCallback(
    (row: FlatRow) => (row.kind === 'group' ? GROUP_HEIGHT : estimateItem(row.item)),
    [estimateItem],
  );
  if (items.length === 0) return <NoMatch search={ctx.search} />;
  return (
    <VirtualList
      items={flat}
      label={t('popupPendingListLabel')}
      maxHeight={360}
      getKey={(row) => (row.kind === 'group' ? `g:${row.key}` : row.item.id)}
      estimateSize={estimate}
      render={(row) =>
        row.kind === 'group' ? (
          <h3 className="group">
            <span className="group__name">{row.name ?? t('badgeUnknownBusiness')}</span>
            <span className="group__count">{t('popupGroupCount', row.count)}</span>
          </h3>
        ) : (
          <RecordItem item={row.item} kind="pending" now={ctx.now} overdueDays={ctx.overdueDays} />
        )
      }
    />
  );
});

function ItemList({
  items,
  kind,
  label,
  ctx,
}: {
  items: ItemView[];
  kind: ItemKind;
  label: string;
  ctx: ListContext;
}) {
  const estimate = useEstimate();
  if (items.length === 0) return <NoMatch search={ctx.search} />;
  return (
    <VirtualList
      items={items}
      label={label}
      maxHeight={300}
      getKey={(item) => item.id}
      estimateSize={estimate}
      render={(item) => (
        <RecordItem item={item} kind={kind} now={ctx.now} overdueDays={ctx.overdueDays} />
      )}
    />
  );
}

function LoadError({ error }: { error: string }) {
  return (
    <p role="alert" className="error">
      {t('popupDbError', error)}
    </p>
  );
}

/** 확인 필요 or 매니저에서만 취소됨: loaded only while the section is open. */
export function StateList({
  db,
  state,
  label,
  ctx,
}: {
  db: ReconDb;
  state: 'unverified' | 'drift';
  label: string;
  ctx: ListContext;
}) {
  const loaded = useRecordsIn(db, state === 'unverified' ? UNVERIFIED : DRIFT);
  const items = useItems(loaded?.data ?? NONE, ctx);
  if (!loaded) return <p className="muted">{t('loading')}</p>;
  if (loaded.error) return <LoadError error={loaded.error} />;
  return <ItemList items={items} kind={state} label={label} ctx={ctx} />;
}

const UNVERIFIED = ['unverified'] as const;
const DRIFT = ['drift'] as const;
const NONE: ReconRow[] = [];

/** The last resolved or dismissed records, each with 되돌리기 while it can be undone. */
export function RecentList({ db, ctx }: { db: ReconDb; ctx: ListContext }) {
  const loaded = useRecent(db, 20);
  const items = useItems(loaded?.data ?? NONE, ctx);
  if (!loaded) return <p className="muted">{t('loading')}</p>;
  if (loaded.error) return <LoadError error={loaded.error} />;
  if (loaded.data.length === 0) return <p className="muted">{t('popupRecentEmpty')}</p>;
  return <ItemList items={items} kind="recent" label={t('popupSectionRecent')} ctx={ctx} />;
}

/** Pages the extension did not recognise: where, which words it missed, when. */
export function DiagnosticsList({ db }: { db: ReconDb }) {
  const loaded = useDiagnostics(db, 50);
  const { clearDiagnostics } = usePopupActions();
  const busy = usePopupUi((s) => s.busy === 'diagnostics');
  if (!loaded) return <p className="muted">{t('loading')}</p>;
  if (loaded.error) return <LoadError error={loaded.error} />;
  return (
    <>
      <p className="hint">{t('popupDiagnosticsHint')}</p>
      <ul className="diag">
        {loaded.data.rows.map((d) => (
          <li key={d.id} className="diag__row">
            <span className="diag__url">{d.url}</span>
            <span className="diag__missing">
              {t('popupDiagnosticsMissing', d.missing.join(', '))}
            </span>
            <time className="diag__at" dateTime={new Date(d.at).toISOString()}>
              {formatDateTime(d.at)}
            </time>
          </li>
        ))}
      </ul>
      <button type="button" className="btn" disabled={busy} onClick={clearDiagnostics}>
        {t('popupDiagnosticsClear')}
      </button>
    </>
  );
}
