import { createRoot } from 'react-dom/client';
import { PopupApp } from '@/components/popup/PopupApp';
import { t } from '@/lib/i18n';
import { openPageDbEarly } from '@/lib/store/queries';
import '@/components/popup/popup.css';

openPageDbEarly();
document.title = t('extName');
document.documentElement.lang = t('uiLocale');
const root = document.getElementById('root');
if (root) createRoot(root).render(<PopupApp />);
