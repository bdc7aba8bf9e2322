import { type FormEvent, useEffect, useId, useState } from 'react';
import { t } from '@/lib/i18n';
import { call } from '@/lib/store/client';
import type { ReconDb } from '@/lib/store/db';
import { useSetting } from '@/lib/store/queries';
import { StatusLine, useStatus } from './status';

export const OVERDUE_DAYS_DEFAULT = 3;

export function BadgeSection({ db }: { db: ReconDb }) {
  const setting = useSetting(db, 'overdueDays', OVERDUE_DAYS_DEFAULT);
  const current = setting?.data;
  const [value, setValue] = useState('');
  const [invalid, setInvalid] = useState(false);
  const { status, done, fail } = useStatus();
  const uid = useId();

  useEffect(() => {
    if (current !== undefined) setValue(String(current));
  }, [current]);

  async function save(event: FormEvent) {
    event.preventDefault();
    const days = Number(value);
    if (!/^\d+$/.test(value.trim()) || days < 1 || days > 365) {
      setInvalid(true);
      return;
    }
    try {
      await call('settings.set', { key: 'overdueDays', value: days });
      done(t('optOverdueSaved', days));
    } catch (error) {
      fail(error);
    }
  }

  return (
    <section id="badge" className="card" aria-labelledby="badge-title">
      <h2 id="badge-title">{t('optBadge')}</h2>
      <p className="hint">{t('optBadgeHint')}</p>
      {setting?.error && (
        <p role="alert" className="error">
          {t('popupDbError', setting.error)}
        </p>
      )}
      <form className="form form--inline" onSubmit={save} noValidate>
        <div className="field">
          <label htmlFor={`${uid}-days`}>{t('optOverdueDays')}</label>
          <input
            id={`${uid}-days`}
            type="number"
            min={1}
            max={365}
            step={1}
            value={value}
            className="input--short"
            aria-invalid={invalid}
            aria-describedby={`${uid}-hint${invalid ? ` ${uid}-error` : ''}`}
            onChange={(e) => {
              setValue(e.target.value);
              setInvalid(false);
            }}
          />
          <p id={`${uid}-hint`} className="hint">
            {t('optOverdueHint')}
          </p>
          {invalid && (
            <p id={`${uid}-error`} className="field__error">
              {t('optErrOverdue')}
            </p>
          )}
        </div>
        <div className="form__actions">
          <button type="submit" className="btn btn--primary">
            {t('optSave')}
          </button>
        </div>
      </form>
      <StatusLine status={status} />
    </section>
  );
}
