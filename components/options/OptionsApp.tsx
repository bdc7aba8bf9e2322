import { t } from '@/lib/i18n';
import { useDb } from '@/lib/store/queries';
import { BadgeSection } from './BadgeSection';
import { BusinessesSection } from './BusinessesSection';
import { DataSection } from './DataSection';
import { SitesSection } from './SitesSection';

const SECTIONS = [
  ['businesses', 'optBusinesses'],
  ['sites', 'optSites'],
  ['badge', 'optBadge'],
  ['data', 'optData'],
] as const;

export function OptionsApp({ clock }: { clock?: () => number }) {
  const db = useDb();
  return (
    <div className="options">
      <header className="options__header">
        <h1>{t('optTitle')}</h1>
        <p className="muted">{t('extName')}</p>
        <nav aria-label={t('optNavLabel')}>
          <ul className="options__nav">
            {SECTIONS.map(([id, key]) => (
              <li key={id}>
                <a href={`#${id}`}>{t(key)}</a>
              </li>
            ))}
            <li>
              <a href="/audit.html">{t('optAuditLink')}</a>
            </li>
          </ul>
        </nav>
      </header>
      <main className="options__main">
        <BusinessesSection db={db} />
        <SitesSection db={db} />
        <BadgeSection db={db} />
        <DataSection db={db} clock={clock} />
      </main>
    </div>
  );
}
