import { type FormEvent, useId, useState } from 'react';
import { formatBizNo } from '@/lib/domain';
import { t } from '@/lib/i18n';
import { call } from '@/lib/store/client';
import type { BusinessRow, PasswordPolicy, ReconDb } from '@/lib/store/db';
import { useBusinesses, useStoredPasswords } from '@/lib/store/queries';
import {
  type BusinessDraft,
  bizNoError,
  draftOf,
  EMPTY_DRAFT,
  type FieldErrors,
  validateBusiness,
} from './business-form';
import { StatusLine, useStatus } from './status';

const POLICIES: { value: PasswordPolicy; label: () => string }[] = [
  { value: 'derive', label: () => t('optPolicyDerive') },
  { value: 'stored', label: () => t('optPolicyStored') },
  { value: 'ask', label: () => t('optPolicyAsk') },
];

const policyLabel = (p: PasswordPolicy) => POLICIES.find((x) => x.value === p)?.label() ?? p;

export function BusinessesSection({ db }: { db: ReconDb }) {
  const businesses = useBusinesses(db);
  const stored = useStoredPasswords(db);
  const [draft, setDraft] = useState<BusinessDraft | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const { status, done, fail, clear } = useStatus();

  async function remove(b: BusinessRow) {
    try {
      await call('business.delete', { id: b.id });
      setConfirmDelete(null);
      if (draft?.id === b.id) setDraft(null);
      done(t('optBusinessDeleted', b.name));
    } catch (error) {
      fail(error);
    }
  }

  const list = businesses?.data ?? [];
  return (
    <section id="businesses" className="card" aria-labelledby="businesses-title">
      <h2 id="businesses-title">{t('optBusinesses')}</h2>
      <p className="hint">{t('optBusinessesHint')}</p>
      {businesses?.error && (
        <p role="alert" className="error">
          {t('popupDbError', businesses.error)}
        </p>
      )}
      {businesses && !businesses.error && list.length === 0 && (
        <p className="muted">{t('optBusinessesEmpty')}</p>
      )}
      {list.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">{t('optBusinesses')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('optFieldName')}</th>
              <th scope="col">{t('optFieldBizNo')}</th>
              <th scope="col">{t('optFieldManagerUrl')}</th>
              <th scope="col">{t('optFieldManagerAccount')}</th>
              <th scope="col">{t('optFieldPolicy')}</th>
              <th scope="col">{t('optColActions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((b) => (
              <tr key={b.id}>
                <th scope="row">{b.name}</th>
                <td>{b.bizNo ? formatBizNo(b.bizNo) : '—'}</td>
                <td className="table__url">{b.managerUrl ?? '—'}</td>
                <td>{b.managerAccount ?? '—'}</td>
                <td>
                  {policyLabel(b.passwordPolicy)}
                  {b.passwordPolicy === 'stored' && (
                    <span className="tag">
                      {stored?.data.has(b.id) ? t('optPasswordStored') : t('optPasswordNone')}
                    </span>
                  )}
                </td>
                <td className="table__actions">
                  {confirmDelete === b.id ? (
                    <>
                      <button type="button" className="btn btn--danger" onClick={() => remove(b)}>
                        {t('optDeleteConfirm', b.name)}
                      </button>
                      <button type="button" className="btn" onClick={() => setConfirmDelete(null)}>
                        {t('optCancel')}
                      </button>
                    </>
                  ) : (
                    <>
                      <button
                        type="button"
                        className="btn"
                        aria-label={t('optEditLabel', b.name)}
                        onClick={() => {
                          clear();
                          setDraft(draftOf(b));
                        }}
                      >
                        {t('optEdit')}
                      </button>
                      <button
                        type="button"
                        className="btn"
                        aria-label={t('optDeleteLabel', b.name)}
                        onClick={() => setConfirmDelete(b.id)}
                      >
                        {t('optDelete')}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {draft ? (
        <BusinessForm
          key={draft.id ?? 'new'}
          initial={draft}
          hasStoredPassword={draft.id ? (stored?.data.has(draft.id) ?? false) : false}
          onDone={(name) => {
            setDraft(null);
            done(t('optBusinessSaved', name));
          }}
          onCancel={() => setDraft(null)}
        />
      ) : (
        <button
          type="button"
          className="btn btn--primary"
          onClick={() => {
            clear();
            setDraft({ ...EMPTY_DRAFT });
          }}
        >
          {t('optAddBusiness')}
        </button>
      )}
      <StatusLine status={status} />
    </section>
  );
}

function BusinessForm({
  initial,
  hasStoredPassword,
  onDone,
  onCancel,
}: {
  initial: BusinessDraft;
  hasStoredPassword: boolean;
  onDone(name: string): void;
  onCancel(): void;
}) {
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const { status, fail } = useStatus();
  const uid = useId();
  const ids = {
    name: `${uid}-name`,
    bizNo: `${uid}-bizno`,
    managerUrl: `${uid}-url`,
    managerAccount: `${uid}-account`,
    password: `${uid}-password`,
    title: `${uid}-title`,
  };
  const set = <K extends keyof BusinessDraft>(key: K, value: BusinessDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    if (key in errors) setErrors((e) => ({ ...e, [key]: undefined }));
  };
  const describedBy = (field: keyof FieldErrors, hint?: string) =>
    [errors[field] ? `${ids[field]}-error` : '', hint ?? ''].filter(Boolean).join(' ') || undefined;
  const fieldError = (field: keyof FieldErrors) =>
    errors[field] ? (
      <p id={`${ids[field]}-error`} className="field__error">
        {errors[field]}
      </p>
    ) : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = validateBusiness(draft, hasStoredPassword);
    if (!checked.ok) {
      setErrors(checked.errors);
      const first = (['name', 'bizNo', 'managerUrl', 'password'] as const).find(
        (f) => checked.errors[f],
      );
      if (first) document.getElementById(ids[first])?.focus();
      return;
    }
    setSaving(true);
    try {
      await call('business.save', checked.payload);
      onDone(checked.payload.name);
    } catch (error) {
      fail(error);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="form" aria-labelledby={ids.title} onSubmit={submit} noValidate>
      <h3 id={ids.title}>
        {initial.id ? t('optEditBusiness', initial.name) : t('optAddBusiness')}
      </h3>
      <div className="field">
        <label htmlFor={ids.name}>{t('optFieldName')}</label>
        <input
          id={ids.name}
          value={draft.name}
          required
          maxLength={300}
          aria-invalid={Boolean(errors.name)}
          aria-describedby={describedBy('name')}
          onChange={(e) => set('name', e.target.value)}
        />
        {fieldError('name')}
      </div>
      <div className="field">
        <label htmlFor={ids.bizNo}>{t('optFieldBizNo')}</label>
        <input
          id={ids.bizNo}
          value={draft.bizNo}
          inputMode="numeric"
          placeholder="000-00-00000"
          maxLength={20}
          aria-invalid={Boolean(errors.bizNo)}
          aria-describedby={describedBy('bizNo', `${ids.bizNo}-hint`)}
          onChange={(e) => set('bizNo', e.target.value)}
          onBlur={() => {
            if (draft.bizNo.trim()) {
              const problem = bizNoError(draft.bizNo);
              setErrors((e) => ({ ...e, bizNo: problem ?? undefined }));
            }
          }}
        />
        <p id={`${ids.bizNo}-hint`} className="hint">
          {t('optFieldBizNoHint')}
        </p>
        {fieldError('bizNo')}
      </div>
      <div className="field">
        <label htmlFor={ids.managerUrl}>{t('optFieldManagerUrl')}</label>
        <input
          id={ids.managerUrl}
          type="url"
          value={draft.managerUrl}
          placeholder="https://alltalkpay.co.kr/"
          maxLength={500}
          aria-invalid={Boolean(errors.managerUrl)}
          aria-describedby={describedBy('managerUrl')}
          onChange={(e) => set('managerUrl', e.target.value)}
        />
        {fieldError('managerUrl')}
      </div>
      <div className="field">
        <label htmlFor={ids.managerAccount}>{t('optFieldManagerAccount')}</label>
        <input
          id={ids.managerAccount}
          value={draft.managerAccount}
          autoComplete="off"
          maxLength={300}
          onChange={(e) => set('managerAccount', e.target.value)}
        />
      </div>
      <fieldset className="field">
        <legend>{t('optFieldPolicy')}</legend>
        {POLICIES.map((p) => (
          <label key={p.value} className="radio">
            <input
              type="radio"
              name={`${uid}-policy`}
              value={p.value}
              checked={draft.passwordPolicy === p.value}
              onChange={() => set('passwordPolicy', p.value)}
            />
            {p.label()}
          </label>
        ))}
      </fieldset>
      {draft.passwordPolicy === 'stored' && (
        <div className="field">
          <label htmlFor={ids.password}>{t('optFieldPassword')}</label>
          <input
            id={ids.password}
            type="password"
            value={draft.password}
            autoComplete="new-password"
            maxLength={64}
            aria-invalid={Boolean(errors.password)}
            aria-describedby={describedBy('password', `${ids.password}-hint`)}
            onChange={(e) => set('password', e.target.value)}
          />
          <p id={`${ids.password}-hint`} className="hint">
            {hasStoredPassword ? t('optPasswordKeepHint') : t('optPasswordNewHint')}
          </p>
          {fieldError('password')}
        </div>
      )}
      <div className="form__actions">
        <button type="submit" className="btn btn--primary" disabled={saving}>
          {t('optSave')}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('optCancel')}
        </button>
      </div>
      <StatusLine status={status} />
    </form>
  );
}
