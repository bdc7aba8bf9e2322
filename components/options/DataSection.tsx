import { type ChangeEvent, useId, useState } from 'react';
import { t } from '@/lib/i18n';
import { makeBackup } from '@/lib/store/backup';
import { call } from '@/lib/store/client';
import { recordsToCsv } from '@/lib/store/csv';
import type { ReconDb } from '@/lib/store/db';
import { useDiagnostics } from '@/lib/store/queries';
import { fileStamp, saveFile } from './download';
import { StatusLine, useStatus } from './status';

/** The bookkeeper's CSV (UTF-8 with BOM, Korean headers), built from the page's own read. */
export async function buildCsv(db: ReconDb): Promise<Blob> {
  const [records, businesses] = await db.transaction(
    'r',
    [db.records, db.businesses],
    async () => [await db.records.toArray(), await db.businesses.toArray()] as const,
  );
  return new Blob([recordsToCsv(records, businesses)], { type: 'text/csv;charset=utf-8' });
}

/** The backup (everything but the cancel passwords) as a JSON file. */
export async function buildBackup(db: ReconDb, now: number): Promise<Blob> {
  const backup = await makeBackup(db, now);
  return new Blob([JSON.stringify(backup, null, 1)], { type: 'application/json' });
}

export function DataSection({ db, clock = Date.now }: { db: ReconDb; clock?: () => number }) {
  const diagnostics = useDiagnostics(db, 1);
  const [confirmClear, setConfirmClear] = useState(false);
  const [busy, setBusy] = useState(false);
  const { status, done, fail } = useStatus();
  const uid = useId();

  async function run(task: () => Promise<void>) {
    setBusy(true);
    try {
      await task();
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  }

  const exportCsv = () =>
    run(async () => {
      const name = `macgai-reconcile-${fileStamp(clock())}.csv`;
      saveFile(name, await buildCsv(db));
      done(t('optExported', name));
    });

  const exportJson = () =>
    run(async () => {
      const now = clock();
      const name = `macgai-reconcile-backup-${fileStamp(now)}.json`;
      saveFile(name, await buildBackup(db, now));
      done(t('optExported', name));
    });

  const importFile = (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    void run(async () => {
      try {
        const text = await file.text();
        let backup: unknown;
        try {
          backup = JSON.parse(text);
        } catch (error) {
          throw new Error(
            t('optErrNotJson', file.name, error instanceof Error ? error.message : String(error)),
          );
        }
        const report = await call('data.import', { backup });
        done(
          t('optImportReport', report.added, report.merged, report.unchanged, report.businesses),
        );
      } finally {
        input.value = '';
      }
    });
  };

  const clearAll = () =>
    run(async () => {
      await call('data.clear', { confirm: true });
      setConfirmClear(false);
      done(t('optCleared'));
    });

  const clearDiagnostics = () =>
    run(async () => {
      const { cleared } = await call('diagnostics.clear', {});
      done(t('optDiagnosticsCleared', cleared));
    });

  return (
    <section id="data" className="card" aria-labelledby="data-title">
      <h2 id="data-title">{t('optData')}</h2>

      <h3>{t('optExport')}</h3>
      <p className="hint">{t('optExportHint')}</p>
      <div className="form__actions">
        <button type="button" className="btn" disabled={busy} onClick={exportCsv}>
          {t('optExportCsv')}
        </button>
        <button type="button" className="btn" disabled={busy} onClick={exportJson}>
          {t('optExportJson')}
        </button>
      </div>

      <h3>{t('optImport')}</h3>
      <p id={`${uid}-import-hint`} className="hint">
        {t('optImportHint')}
      </p>
      <div className="field">
        <label htmlFor={`${uid}-import`} className="file">
          {t('optImportFile')}
        </label>
        <input
          id={`${uid}-import`}
          type="file"
          accept=".json,application/json"
          disabled={busy}
          aria-describedby={`${uid}-import-hint`}
          onChange={importFile}
        />
      </div>

      <h3>{t('optDiagnostics')}</h3>
      <p className="hint">{t('optDiagnosticsCount', diagnostics?.data.total ?? 0)}</p>
      <div className="form__actions">
        <button
          type="button"
          className="btn"
          disabled={busy || !diagnostics?.data.total}
          onClick={clearDiagnostics}
        >
          {t('optClearDiagnostics')}
        </button>
      </div>

      <h3>{t('optClearAll')}</h3>
      {confirmClear ? (
        <div className="danger">
          <p className="danger__text">{t('optClearWarning')}</p>
          <div className="form__actions">
            <button type="button" className="btn btn--danger" disabled={busy} onClick={clearAll}>
              {t('optClearConfirm')}
            </button>
            <button type="button" className="btn" onClick={() => setConfirmClear(false)}>
              {t('optCancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className="form__actions">
          <button type="button" className="btn" onClick={() => setConfirmClear(true)}>
            {t('optClearAll')}
          </button>
        </div>
      )}
      <StatusLine status={status} />
    </section>
  );
}
