import { createRoot } from 'react-dom/client';
import { AuditApp } from '@/components/audit/AuditApp';
import { t } from '@/lib/i18n';
import '@/components/common/base.css';
import '@/components/audit/audit.css';

document.title = `${t('auditTitle')} · ${t('extName')}`;
document.documentElement.lang = t('uiLocale');
const root = document.getElementById('root');
if (root) createRoot(root).render(<AuditApp />);
