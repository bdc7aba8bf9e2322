import { type FormEvent, useId, useState } from 'react';
import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n';
import { MACGAI_MATCHES, MANAGER_MATCHES } from '@/lib/sites/hosts';
import { call } from '@/lib/store/client';
import type { ReconDb } from '@/lib/store/db';
import type { ExtraHost } from '@/lib/store/extra-hosts';
import { useExtraHosts } from '@/lib/store/queries';
import { StatusLine, useStatus } from './status';

type Site = ExtraHost['site'];

const siteLabel = (site: Site) => t(site === 'macgai' ? 'optSiteMacgai' : 'optSiteManager');

/**
 * "academy.example.kr", "https://academy.example.kr/some/page" → "https://academy.example.kr".
 * Null when it is not an http(s) address the background would accept.
 */
export function normalizeOrigin(input: string): string | null {
  const s = input.trim();
  if (!s) return null;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : `https://${s}`);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    const origin = url.origin.toLowerCase();
    return /^https?:\/\/[a-z0-9.-]+(:\d+)?$/.test(origin) ? origin : null;
  } catch {
    return null;
  }
}

/** The permission pattern for an origin (match patterns carry no port). */
export const originPattern = (origin: string) => `${origin.replace(/:\d+$/, '')}/*`;

export function SitesSection({ db }: { db: ReconDb }) {
  const hosts = useExtraHosts(db);
  const [origin, setOrigin] = useState('');
  const [site, setSite] = useState<Site>('macgai');
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const { status, done, fail } = useStatus();
  const uid = useId();

  function add(event: FormEvent) {
    event.preventDefault();
    const normalized = normalizeOrigin(origin);
    if (!normalized) {
      setInvalid(true);
      return;
    }
    setBusy(true);
    // The permission prompt needs the user's click: ask first, before anything else is awaited.
    browser.permissions
      .request({ origins: [originPattern(normalized)] })
      .then(async (granted) => {
        if (!granted) {
          fail(new Error(t('errorNotGranted')));
          return;
        }
        await call('hosts.add', { origin: normalized, site });
        setOrigin('');
        done(t('optHostAdded', normalized));
      })
      .catch(fail)
      .finally(() => setBusy(false));
  }

  async function remove(h: ExtraHost) {
    try {
      await call('hosts.remove', { origin: h.origin });
      done(t('optHostRemoved', h.origin));
    } catch (error) {
      fail(error);
    }
  }

  return (
    <section id="sites" className="card" aria-labelledby="sites-title">
      <h2 id="sites-title">{t('optSites')}</h2>
      <p className="hint">{t('optSitesHint')}</p>
      <h3>{t('optBuiltInHosts')}</h3>
      <ul className="hosts">
        {(
          [
            ['macgai', MACGAI_MATCHES],
            ['manager', MANAGER_MATCHES],
          ] as const
        ).flatMap(([s, patterns]) =>
          patterns.map((p) => (
            <li key={p}>
              <code>{p}</code> <span className="muted">{siteLabel(s)}</span>
            </li>
          )),
        )}
      </ul>
      <h3>{t('optExtraHosts')}</h3>
      {hosts?.error && (
        <p role="alert" className="error">
          {t('popupDbError', hosts.error)}
        </p>
      )}
      {hosts && !hosts.error && hosts.data.length === 0 && (
        <p className="muted">{t('optExtraHostsEmpty')}</p>
      )}
      {hosts && hosts.data.length > 0 && (
        <ul className="hosts">
          {hosts.data.map((h) => (
            <li key={h.origin}>
              <code>{h.origin}</code> <span className="muted">{siteLabel(h.site)}</span>{' '}
              <button
                type="button"
                className="btn"
                aria-label={t('optRemoveHostLabel', h.origin)}
                onClick={() => remove(h)}
              >
                {t('optRemoveHost')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="form form--inline" onSubmit={add} noValidate>
        <div className="field">
          <label htmlFor={`${uid}-origin`}>{t('optFieldOrigin')}</label>
          <input
            id={`${uid}-origin`}
            value={origin}
            placeholder="https://academy.example.kr"
            inputMode="url"
            aria-invalid={invalid}
            aria-describedby={`${uid}-origin-hint${invalid ? ` ${uid}-origin-error` : ''}`}
            onChange={(e) => {
              setOrigin(e.target.value);
              setInvalid(false);
            }}
          />
          <p id={`${uid}-origin-hint`} className="hint">
            {t('optFieldOriginHint')}
          </p>
          {invalid && (
            <p id={`${uid}-origin-error`} className="field__error">
              {t('optErrOrigin')}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${uid}-site`}>{t('optFieldSiteType')}</label>
          <select id={`${uid}-site`} value={site} onChange={(e) => setSite(e.target.value as Site)}>
            <option value="macgai">{siteLabel('macgai')}</option>
            <option value="manager">{siteLabel('manager')}</option>
          </select>
        </div>
        <div className="form__actions">
          <button type="submit" className="btn btn--primary" disabled={busy}>
            {t('optAddHost')}
          </button>
        </div>
      </form>
      <StatusLine status={status} />
    </section>
  );
}
