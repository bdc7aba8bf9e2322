import { t } from '@/lib/i18n';
import type { ReconRow } from '@/lib/store/db';
import { formatWon } from '../format';

export function PendingList({ rows }: { rows: ReconRow[] }) {
  if (rows.length === 0) {
    return <p className="popup__empty">{t('popupEmpty')}</p>;
  }
  return (
    <ul className="pending" aria-label={t('popupPendingListLabel')}>
      {rows.map((row) => (
        <li key={row.id} className="pending__item">
          <span className="pending__name">
            {row.payment?.customer ?? row.invoice?.customer ?? '?'}
          </span>
          <span className="pending__amount">
            {formatWon(row.payment?.amount ?? row.invoice?.amount ?? 0)}
          </span>
          <span className="pending__date">
            {row.payment?.date ?? row.invoice?.registeredAt ?? ''}
          </span>
          <span className="pending__business">{row.payment?.businessName ?? ''}</span>
        </li>
      ))}
    </ul>
  );
}
