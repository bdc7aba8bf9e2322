import { createRoot } from 'react-dom/client';
import { OptionsApp } from '@/components/options/OptionsApp';
import { t } from '@/lib/i18n';
import { openPageDbEarly } from '@/lib/store/queries';
import '@/components/options/options.css';

openPageDbEarly();
document.title = t('optTitle');
document.documentElement.lang = t('uiLocale');
const root = document.getElementById('root');
if (root) createRoot(root).render(<OptionsApp />);
