import { useId, useRef, useState } from 'react';
import { type AuditRunner, workerRunner } from '@/lib/audit/client';
import type { AuditSite } from '@/lib/audit/headers';
import type { AuditProgress } from '@/lib/audit/run';
import { addDays, toSeoulDay } from '@/lib/domain';
import { t } from '@/lib/i18n';
import { useBusinesses, useDb } from '@/lib/store/queries';
import { problemText, siteName } from './labels';
import { ReportView } from './ReportView';
import { useAudit } from './store';

/**
 * The month-end audit page (audit.html): drop both sites' exports, pick the business and the
 * period, run the audit in a Web Worker, read the report, confirm what goes to the store.
 */
export function AuditApp({
  runner = workerRunner,
  clock = Date.now,
}: {
  runner?: AuditRunner;
  clock?: () => number;
}) {
  const db = useDb();
  const businesses = useBusinesses(db);
  const ui = useAudit();
  const business = businesses?.data.find((b) => b.id === ui.businessId) ?? null;
  const ready = ui.files.manager.length > 0 && ui.files.macgai.length > 0;
  const running = ui.status === 'running';

  const start = () => {
    void ui.start(runner, {
      period: { from: ui.from || null, to: ui.to || null },
      business: business ? { id: business.id, name: business.name } : null,
    });
  };

  return (
    <div className="audit">
      <header className="audit__header">
        <h1>{t('auditTitle')}</h1>
        <p className="muted">{t('auditIntro')}</p>
      </header>
      <main className="audit__main">
        <section className="audit__section" aria-labelledby="audit-files">
          <h2 id="audit-files">{t('auditFilesHeading')}</h2>
          <div className="audit__slots">
            <FileSlot site="manager" hint={t('auditSlotManagerHint')} />
            <FileSlot site="macgai" hint={t('auditSlotMacgaiHint')} />
          </div>
        </section>

        <section className="audit__section" aria-labelledby="audit-options">
          <h2 id="audit-options">{t('auditOptionsHeading')}</h2>
          <div className="audit__options">
            <label className="audit__field">
              <span>{t('auditBusiness')}</span>
              <select
                value={ui.businessId}
                onChange={(e) => ui.setBusiness(e.target.value)}
                disabled={running}
              >
                <option value="">{t('auditBusinessNone')}</option>
                {businesses?.data.map((b) => (
                  <option key={b.id} value={b.id}>
                    {b.name}
                  </option>
                ))}
              </select>
            </label>
            <Period clock={clock} disabled={running} />
          </div>
          <p className="hint">{t('auditBusinessHint')}</p>
        </section>

        <div className="audit__run">
          <button
            type="button"
            className="btn btn--primary"
            onClick={start}
            disabled={!ready || running}
          >
            {t('auditRun')}
          </button>
          {running && (
            <button type="button" className="btn" onClick={() => ui.cancel()}>
              {t('auditCancel')}
            </button>
          )}
          {!ready && <span className="hint">{t('auditRunNeedsFiles')}</span>}
        </div>

        <div aria-live="polite" className="audit__status">
          {running && <Progress progress={ui.progress} />}
          {ui.status === 'cancelled' && <p>{t('auditCancelled')}</p>}
          {ui.status === 'failed' && (
            <p className="error" role="alert">
              {t('auditFailed', ui.error ?? '')}
            </p>
          )}
        </div>

        {ui.result && <Problems />}
        {ui.result?.report && (
          <ReportView
            report={ui.result.report}
            files={ui.result.files}
            names={ui.names}
            clock={clock}
          />
        )}
      </main>
    </div>
  );
}

const ACCEPT =
  '.xlsx,.csv,.xls,.htm,.html,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

function FileSlot({ site, hint }: { site: AuditSite; hint: string }) {
  const files = useAudit((s) => s.files[site]);
  const add = useAudit((s) => s.addFiles);
  const remove = useAudit((s) => s.removeFile);
  const running = useAudit((s) => s.status === 'running');
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const id = `audit-file-${site}`;
  const hintId = useId();
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a drop target for the mouse; the file input inside is the keyboard and screen-reader path
    <div
      className={`audit__slot${over ? ' audit__slot--over' : ''}`}
      data-slot={site}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        if (!running && e.dataTransfer.files.length) add(site, Array.from(e.dataTransfer.files));
      }}
    >
      <h3>{siteName(site)}</h3>
      <p className="hint" id={hintId}>
        {hint}
      </p>
      <p className="audit__drop">
        {t('auditDropHere')}{' '}
        <label htmlFor={id} className="btn">
          {t('auditChooseFiles')}
        </label>
        <input
          id={id}
          ref={input}
          className="visually-hidden"
          type="file"
          multiple
          accept={ACCEPT}
          aria-describedby={hintId}
          disabled={running}
          onChange={(e) => {
            const chosen = Array.from(e.target.files ?? []);
            if (chosen.length) add(site, chosen);
            if (input.current) input.current.value = '';
          }}
        />
      </p>
      {files.length === 0 ? (
        <p className="muted">{t('auditNoFiles')}</p>
      ) : (
        <ul className="audit__files">
          {files.map((f, i) => (
            <li key={fileKey(f)}>
              <span>{f.name}</span> <span className="muted">{formatBytes(f.size)}</span>{' '}
              <button
                type="button"
                className="btn btn--quiet"
                aria-label={t('auditRemoveFileLabel', f.name)}
                onClick={() => remove(site, i)}
                disabled={running}
              >
                {t('auditRemoveFile')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const fileKeys = new WeakMap<File, number>();
let nextFileKey = 0;
/** A key per File object (the same file may be chosen twice). */
function fileKey(f: File): number {
  let k = fileKeys.get(f);
  if (k === undefined) {
    k = ++nextFileKey;
    fileKeys.set(f, k);
  }
  return k;
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function monthBounds(day: string, offset: number): [string, string] {
  const [y, m] = day.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 1 + offset, 1));
  const from = first.toISOString().slice(0, 10);
  const next = new Date(Date.UTC(y, m + offset, 1)).toISOString().slice(0, 10);
  return [from, addDays(next, -1)];
}

function Period({ clock, disabled }: { clock: () => number; disabled: boolean }) {
  const from = useAudit((s) => s.from);
  const to = useAudit((s) => s.to);
  const setPeriod = useAudit((s) => s.setPeriod);
  const today = toSeoulDay(clock());
  return (
    <fieldset className="audit__period" disabled={disabled}>
      <legend>{t('auditPeriod')}</legend>
      <label className="audit__field">
        <span>{t('auditPeriodFrom')}</span>
        <input
          type="date"
          value={from}
          max={to || undefined}
          onChange={(e) => setPeriod(e.target.value, to)}
        />
      </label>
      <label className="audit__field">
        <span>{t('auditPeriodTo')}</span>
        <input
          type="date"
          value={to}
          min={from || undefined}
          onChange={(e) => setPeriod(from, e.target.value)}
        />
      </label>
      <span className="audit__quick">
        <button
          type="button"
          className="btn"
          onClick={() => setPeriod('', '')}
          aria-pressed={!from && !to}
        >
          {t('auditPeriodAll')}
        </button>
        <button type="button" className="btn" onClick={() => setPeriod(...monthBounds(today, -1))}>
          {t('auditPeriodLastMonth')}
        </button>
        <button type="button" className="btn" onClick={() => setPeriod(...monthBounds(today, 0))}>
          {t('auditPeriodThisMonth')}
        </button>
      </span>
      <p className="hint">{t('auditPeriodHint')}</p>
    </fieldset>
  );
}

/** Read: files done of all (60%); match: payments matched (40%). */
export function progressValue(p: AuditProgress | null): number {
  if (!p) return 0;
  const read = p.totalFiles ? p.files / p.totalFiles : 1;
  if (p.phase === 'read') return Math.round(read * 60);
  if (p.phase === 'done') return 100;
  return 60 + Math.round((p.toMatch ? p.matched / p.toMatch : 1) * 40);
}

function progressText(p: AuditProgress | null): string {
  if (!p || p.phase === 'read') {
    return t(
      'auditProgressRead',
      p?.files ?? 0,
      p?.totalFiles ?? 0,
      (p?.rows.macgai ?? 0).toLocaleString(),
      (p?.rows.manager ?? 0).toLocaleString(),
    );
  }
  return t('auditProgressMatch', p.matched.toLocaleString(), p.toMatch.toLocaleString());
}

function Progress({ progress }: { progress: AuditProgress | null }) {
  const value = progressValue(progress);
  const shown = progressText(progress);
  return (
    <div className="audit__progress">
      <div
        role="progressbar"
        aria-label={t('auditProgressLabel')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        aria-valuetext={shown}
        className="audit__bar"
      >
        <div className="audit__bar-fill" style={{ width: `${value}%` }} />
      </div>
      <p className="audit__progress-text">{shown}</p>
    </div>
  );
}

function Problems() {
  const result = useAudit((s) => s.result);
  const files = result?.files ?? [];
  const failed = files.filter((f) => f.problem);
  if (failed.length === 0) return null;
  return (
    <section
      className="audit__section audit__problems"
      aria-labelledby="audit-problems"
      role="alert"
    >
      <h2 id="audit-problems">{t('auditProblemsHeading')}</h2>
      <ul>
        {failed.map((f) => (
          <li key={`${f.slot}-${f.name}-${f.bytes}`}>
            <strong>{f.name}</strong> ({siteName(f.slot)}):{' '}
            {problemText(f.problem as NonNullable<typeof f.problem>)}
          </li>
        ))}
      </ul>
      <p className="hint">{t('auditProblemsHint')}</p>
    </section>
  );
}
