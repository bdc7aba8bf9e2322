import { type KeyboardEvent, useEffect, useId, useRef } from 'react';
import { formatPhone, legalActions } from '@/lib/domain';
import { t } from '@/lib/i18n';
import { formatAge, formatDateTime, formatWon } from '../format';
import { usePopupActions } from './actions';
import type { ItemView } from './rows';
import { type ReasonAction, usePopupUi } from './store';

/** Which buttons an item gets depends on the list it is in. */
export type ItemKind = 'pending' | 'unverified' | 'drift' | 'recent';

const DAY = 86_400_000;

interface Props {
  item: ItemView;
  kind: ItemKind;
  now: number;
  overdueDays: number;
}

export function RecordItem({ item, kind, now, overdueDays }: Props) {
  const nameId = useId();
  const busy = usePopupUi((s) => s.busy === item.id);
  const form = usePopupUi((s) => (s.form?.id === item.id ? s.form : null));
  const openForm = usePopupUi((s) => s.openForm);
  const actions = usePopupActions();
  const overdue = (kind === 'pending' || kind === 'drift') && now - item.since >= overdueDays * DAY;
  const name = item.name || t('popupNoName');
  const lastReason = item.record.events.at(-1)?.reason;
  const resolveButton = useRef<HTMLButtonElement>(null);
  const dismissButton = useRef<HTMLButtonElement>(null);
  const openedFor = useRef<ReasonAction | null>(null);
  // A closed reason form hands focus back to the button that opened it (unless focus moved on).
  useEffect(() => {
    if (form) {
      openedFor.current = form.action;
      return;
    }
    const action = openedFor.current;
    openedFor.current = null;
    const lost = !document.activeElement || document.activeElement === document.body;
    if (action && lost) (action === 'resolve' ? resolveButton : dismissButton).current?.focus();
  }, [form]);

  return (
    <article className={`item item--${kind}`} aria-labelledby={nameId} aria-busy={busy}>
      <div className="item__line">
        <span id={nameId} className="item__name">
          {name}
        </span>
        <span className="item__phone">
          {item.phone ? formatPhone(item.phone) : t('popupPhoneUnknown')}
        </span>
        <span className="item__amount">{item.amount === null ? '' : formatWon(item.amount)}</span>
      </div>
      <div className="item__meta">
        {item.date && <span className="item__date">{item.date}</span>}
        <time
          className={overdue ? 'item__age item__age--overdue' : 'item__age'}
          dateTime={new Date(item.since).toISOString()}
          title={formatDateTime(item.since)}
        >
          {formatAge(item.since, now)}
        </time>
        {overdue && <span className="tag tag--overdue">{t('popupOverdue')}</span>}
        {item.state === 'in_progress' && <span className="tag">{t('popupInProgress')}</span>}
        {kind === 'recent' && (
          <span className={`tag tag--${item.state}`}>
            {t(item.state === 'resolved' ? 'popupStateResolved' : 'popupStateDismissed')}
          </span>
        )}
      </div>
      {kind === 'recent' && lastReason && <p className="item__reason">{lastReason}</p>}
      {!form && (
        <div className="item__actions">
          {kind === 'pending' && (
            <button
              type="button"
              className="btn btn--primary"
              disabled={busy}
              onClick={() => actions.start(item.id, name)}
            >
              {t('popupStart')}
            </button>
          )}
          {kind === 'unverified' && (
            <button
              type="button"
              className="btn btn--primary"
              disabled={busy}
              onClick={() => actions.start(item.id, name)}
            >
              {t('popupCheck')}
            </button>
          )}
          {(kind === 'pending' || kind === 'drift') && (
            <button
              ref={resolveButton}
              type="button"
              className="btn"
              disabled={busy}
              onClick={() => openForm(item.id, 'resolve')}
            >
              {t('popupResolve')}
            </button>
          )}
          {kind !== 'recent' && (
            <button
              ref={dismissButton}
              type="button"
              className="btn"
              disabled={busy}
              onClick={() => openForm(item.id, 'dismiss')}
            >
              {t('popupDismiss')}
            </button>
          )}
          {kind === 'recent' && legalActions(item.record).includes('undo') && (
            <button
              type="button"
              className="btn"
              disabled={busy}
              onClick={() => actions.undo(item.id, name)}
            >
              {t('popupUndo')}
            </button>
          )}
        </div>
      )}
      {form && (
        <ReasonForm
          action={form.action}
          reason={form.reason}
          invalid={form.invalid}
          busy={busy}
          onSubmit={() => actions.submitReason(name)}
        />
      )}
    </article>
  );
}

function ReasonForm({
  action,
  reason,
  invalid,
  busy,
  onSubmit,
}: {
  action: ReasonAction;
  reason: string;
  invalid: boolean;
  busy: boolean;
  onSubmit(): void;
}) {
  const inputId = useId();
  const errorId = useId();
  const setReason = usePopupUi((s) => s.setReason);
  const closeForm = usePopupUi((s) => s.closeForm);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      closeForm();
    }
  };
  return (
    <form
      className="reason"
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <label htmlFor={inputId} className="reason__label">
        {t(action === 'resolve' ? 'popupReasonResolve' : 'popupReasonDismiss')}
      </label>
      <input
        id={inputId}
        className="reason__input"
        type="text"
        value={reason}
        maxLength={500}
        // The user just asked for this field: take them to it.
        // biome-ignore lint/a11y/noAutofocus: focus follows the button the user pressed.
        autoFocus
        aria-invalid={invalid}
        aria-describedby={invalid ? errorId : undefined}
        placeholder={t(
          action === 'resolve' ? 'popupReasonPlaceholderResolve' : 'popupReasonPlaceholderDismiss',
        )}
        onChange={(event) => setReason(event.target.value)}
      />
      {invalid && (
        <p id={errorId} className="reason__error" role="alert">
          {t('popupReasonRequired')}
        </p>
      )}
      <div className="item__actions">
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {t(action === 'resolve' ? 'popupConfirmResolve' : 'popupConfirmDismiss')}
        </button>
        <button type="button" className="btn" onClick={closeForm}>
          {t('popupCancel')}
        </button>
      </div>
    </form>
  );
}
