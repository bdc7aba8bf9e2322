import { t } from '@/lib/i18n';
import { BackgroundError } from '@/lib/store/client';

/** What went wrong, in words for the user: known refusals get their own sentence. */
export function errorText(error: unknown): string {
  if (error instanceof BackgroundError) {
    switch (error.code) {
      case 'unreachable':
      case 'no_reply':
        return t('errorUnreachable');
      case 'db_closed':
        return t('errorDbClosed');
      case 'not_granted':
        return t('errorNotGranted');
      case 'forbidden_sender':
        return t('errorForbidden');
      case 'invalid_backup':
        return t('errorInvalidBackup', error.message);
      case 'invalid_payload':
        return t('errorInvalid', error.message);
      default:
        return t('errorGeneric', error.message, error.code);
    }
  }
  return error instanceof Error ? error.message : String(error);
}
