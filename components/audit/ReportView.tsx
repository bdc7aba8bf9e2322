import { useLiveQuery } from 'dexie-react-hooks';
import { type ReactNode, useState } from 'react';
import { errorText } from '@/components/common/errors';
import { formatWon } from '@/components/format';
import { reportToCsv } from '@/lib/audit/export';
import {
  type AmbiguousGroup,
  type AuditReport,
  type FileSummary,
  type InvoiceRow,
  type Pair,
  type PaymentRow,
  REPORT_GROUPS,
  type ReportGroup,
  type SourceRef,
} from '@/lib/audit/model';
import { driftRecordId, formatPhone, paymentRecordId, type ReconState } from '@/lib/domain';
import { t } from '@/lib/i18n';
import { call } from '@/lib/store/client';
import { useDb } from '@/lib/store/queries';
import { csvLabels, groupHint, groupName, siteName } from './labels';
import { useAudit } from './store';

type Names = { macgai: string[]; manager: string[] };

/** What the store already has for each pending and drift item (live: follows every commit). */
function useKnown(report: AuditReport) {
  const db = useDb();
  return useLiveQuery(async () => {
    const pending = await db.records.bulkGet(
      report.pending.map((x) => paymentRecordId(x.payment.payment)),
    );
    const drift = await db.records.bulkGet(
      report.drift.map((x) => driftRecordId(x.invoice.invoice)),
    );
    const keys = report.drift.map((x) => x.payment.payment.key);
    const related = keys.length ? await db.records.where('payment.key').anyOf(keys).toArray() : [];
    const tracked = new Set(
      related
        .filter((r) => r.id.startsWith('d:') || r.state !== 'dismissed')
        .map((r) => r.payment?.key),
    );
    return {
      pending: pending.map((r) => r?.state ?? null),
      drift: drift.map((r, k) => (r ? r.state : tracked.has(keys[k]) ? ('drift' as const) : null)),
    };
  }, [report, db]);
}

export function ReportView({
  report,
  files,
  names,
  clock,
}: {
  report: AuditReport;
  files: FileSummary[];
  names: Names;
  clock: () => number;
}) {
  const known = useKnown(report);
  const busy = useAudit((s) => s.busy);
  const setBusy = useAudit((s) => s.setBusy);
  const notice = useAudit((s) => s.notice);
  const setNotice = useAudit((s) => s.setNotice);
  const c = report.counts;
  const toAdd = report.pending.filter((_, k) => {
    const state = known?.pending[k];
    return state === null || state === 'unverified';
  });
  const driftToAdd = report.drift.filter((_, k) => known?.drift[k] === null);

  const commit = async (which: 'pending' | 'drift') => {
    setBusy(which);
    setNotice(null);
    try {
      const items = (which === 'pending' ? toAdd : driftToAdd).map((x) => ({
        payment: x.payment.payment,
        invoice: x.invoice.invoice,
      }));
      const r = await call('audit.commit', {
        pending: which === 'pending' ? items : [],
        drift: which === 'drift' ? items : [],
      });
      setNotice({
        kind: 'done',
        text:
          which === 'pending'
            ? t('auditAdded', r.added, r.alreadyKnown)
            : t('auditDriftAdded', r.driftAdded, r.alreadyKnown),
      });
    } catch (error) {
      setNotice({ kind: 'error', text: errorText(error) });
    } finally {
      setBusy(null);
    }
  };

  const exportCsv = () => {
    const csv = reportToCsv(report, csvLabels(names));
    const stamp = new Date(clock()).toISOString().slice(0, 10);
    download(`audit-${stamp}.csv`, new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  };

  const range = (p: { from: string | null; to: string | null }) =>
    p.from === null && p.to === null
      ? t('auditPeriodAll')
      : `${p.from ?? t('auditOpenEnd')} ~ ${p.to ?? t('auditOpenEnd')}`;

  return (
    <section className="audit__section audit__report" aria-labelledby="audit-report">
      <h2 id="audit-report">{t('auditReportHeading')}</h2>
      <p className="muted">
        {t(
          'auditReportScope',
          range(report.period),
          c.payments.toLocaleString(),
          c.invoices.toLocaleString(),
          range(report.span),
        )}
      </p>
      <ul className="audit__counts" aria-label={t('auditCountsLabel')}>
        {REPORT_GROUPS.map((g) => (
          <li key={g}>
            <a
              href={`#audit-group-${g}`}
              className={`audit__count audit__count--${g}`}
              data-group={g}
            >
              <span className="audit__count-n">{c[g].toLocaleString()}</span>
              <span>{groupName(g)}</span>
            </a>
          </li>
        ))}
      </ul>
      <p className="muted">
        {t('auditConsistent', c.consistent.toLocaleString(), c.otherMethods.toLocaleString())}
      </p>
      <div className="audit__actions">
        <button type="button" className="btn" onClick={exportCsv}>
          {t('auditExportCsv')}
        </button>
      </div>
      <div aria-live="polite">
        {notice && (
          <p className={notice.kind === 'error' ? 'error' : 'audit__notice'} role="status">
            {notice.text}
          </p>
        )}
      </div>

      <FileTable files={files} />

      <Group id="pending" count={c.pending}>
        <div className="audit__actions">
          <button
            type="button"
            className="btn btn--primary"
            data-action="add-pending"
            disabled={busy !== null || toAdd.length === 0 || known === undefined}
            onClick={() => void commit('pending')}
          >
            {t('auditAddPending', toAdd.length.toLocaleString())}
          </button>
          {known !== undefined && toAdd.length === 0 && c.pending > 0 && (
            <span className="hint">{t('auditNothingToAdd')}</span>
          )}
        </div>
        <PairTable
          rows={report.pending}
          names={names}
          extra={{
            head: t('auditColStore'),
            cell: (x, k) => (
              <>
                <StoreState state={known?.pending[k]} />
                {'cause' in x && x.cause === 'force' && (
                  <span className="tag">{t('auditForce')}</span>
                )}
              </>
            ),
          }}
        />
      </Group>

      <Group id="drift" count={c.drift}>
        <div className="audit__actions">
          <button
            type="button"
            className="btn"
            data-action="add-drift"
            disabled={busy !== null || driftToAdd.length === 0 || known === undefined}
            onClick={() => void commit('drift')}
          >
            {t('auditAddDrift', driftToAdd.length.toLocaleString())}
          </button>
        </div>
        <PairTable
          rows={report.drift}
          names={names}
          extra={{
            head: t('auditColStore'),
            cell: (_, k) => <StoreState state={known?.drift[k]} />,
          }}
        />
      </Group>

      <Group id="paidOneSide" count={c.paidOneSide}>
        <PairTable
          rows={report.paidOneSide}
          names={names}
          extra={{
            head: t('auditColPaidIn'),
            cell: (x) => ('paidIn' in x ? siteName(x.paidIn) : ''),
          }}
        />
      </Group>

      <Group id="ambiguous" count={c.ambiguous}>
        <Paged
          items={report.ambiguous}
          render={(g) => (
            <Ambiguous
              key={`${g.payments[0]?.payment.key ?? ''}|${g.invoices[0]?.invoice.key ?? ''}`}
              group={g}
              names={names}
            />
          )}
        />
      </Group>

      <Group id="unmatchedMacgai" count={c.unmatchedMacgai}>
        <PaymentTable rows={report.unmatchedMacgai} names={names.macgai} />
      </Group>

      <Group id="unmatchedManager" count={c.unmatchedManager}>
        <InvoiceTable rows={report.unmatchedManager} names={names.manager} />
      </Group>
    </section>
  );
}

function download(name: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function StoreState({ state }: { state: ReconState | null | undefined }) {
  if (state === undefined) return <span className="muted">…</span>;
  if (state === null) return <span className="tag">{t('auditStoreNew')}</span>;
  if (state === 'unverified') return <span className="tag">{t('auditStoreUnverified')}</span>;
  if (state === 'pending' || state === 'in_progress') {
    return <span className="tag tag--overdue">{t('auditStoreOpen')}</span>;
  }
  if (state === 'resolved')
    return <span className="tag tag--resolved">{t('auditStoreResolved')}</span>;
  if (state === 'dismissed')
    return <span className="tag tag--dismissed">{t('auditStoreDismissed')}</span>;
  return <span className="tag">{t('auditStoreDrift')}</span>;
}

function Group({ id, count, children }: { id: ReportGroup; count: number; children: ReactNode }) {
  const headingId = `audit-group-${id}-heading`;
  return (
    <section
      id={`audit-group-${id}`}
      className="audit__group"
      aria-labelledby={headingId}
      data-group-section={id}
    >
      <h3 id={headingId}>
        {groupName(id)} <span className="audit__group-n">{count.toLocaleString()}</span>
      </h3>
      <p className="hint">{groupHint(id)}</p>
      {count === 0 ? <p className="muted">{t('auditEmptyGroup')}</p> : children}
    </section>
  );
}

const FIRST_PAGE = 50;
const MORE = 200;

/** Shows the first rows of a long list, and more on request (a 50,000-row group stays light). */
function Paged<T>({
  items,
  render,
}: {
  items: readonly T[];
  render: (x: T, k: number) => ReactNode;
}) {
  const [limit, setLimit] = useState(FIRST_PAGE);
  const rest = items.length - limit;
  return (
    <>
      {items.slice(0, limit).map(render)}
      {rest > 0 && (
        <button type="button" className="btn btn--quiet" onClick={() => setLimit(limit + MORE)}>
          {t('auditShowMore', Math.min(MORE, rest).toLocaleString(), rest.toLocaleString())}
        </button>
      )}
    </>
  );
}

function PagedRows<T>({
  items,
  columns,
  render,
}: {
  items: readonly T[];
  columns: number;
  render: (x: T, k: number) => ReactNode;
}) {
  const [limit, setLimit] = useState(FIRST_PAGE);
  const rest = items.length - limit;
  return (
    <>
      {items.slice(0, limit).map(render)}
      {rest > 0 && (
        <tr>
          <td colSpan={columns}>
            <button type="button" className="btn btn--quiet" onClick={() => setLimit(limit + MORE)}>
              {t('auditShowMore', Math.min(MORE, rest).toLocaleString(), rest.toLocaleString())}
            </button>
          </td>
        </tr>
      )}
    </>
  );
}

const where = (names: string[], at: SourceRef) =>
  t('auditWhere', names[at.file] ?? String(at.file + 1), at.sheet, at.row);

const day = (s: string) => s.replace('T', ' ');

function PaymentCells({ p, names }: { p: PaymentRow; names: string[] }) {
  const x = p.payment;
  return (
    <>
      <td>{x.customer}</td>
      <td>{x.date}</td>
      <td className="num">{formatWon(x.amount)}</td>
      <td>{x.status}</td>
      <td className="audit__note" title={x.note}>
        {x.note}
      </td>
      <td className="muted">{where(names, p.at)}</td>
    </>
  );
}

function InvoiceCells({ i, names }: { i: InvoiceRow; names: string[] }) {
  const x = i.invoice;
  return (
    <>
      <td>{x.customerRaw}</td>
      <td>{x.phone ? formatPhone(x.phone) : ''}</td>
      <td className="num">{formatWon(x.amount)}</td>
      <td>{day(x.registeredAt)}</td>
      <td>{x.status}</td>
      <td>{x.approvalNo ?? ''}</td>
      <td className="muted">{where(names, i.at)}</td>
    </>
  );
}

const PAYMENT_HEAD = () => [
  t('auditColStudent'),
  t('auditColDate'),
  t('auditColAmount'),
  t('auditColMacgaiStatus'),
  t('auditColNote'),
  t('auditColMacgaiAt'),
];
const INVOICE_HEAD = () => [
  t('auditColCustomer'),
  t('auditColPhone'),
  t('auditColAmount'),
  t('auditColRegistered'),
  t('auditColManagerStatus'),
  t('auditColApproval'),
  t('auditColManagerAt'),
];

function PairTable<T extends Pair>({
  rows,
  names,
  extra,
}: {
  rows: readonly T[];
  names: Names;
  extra: { head: string; cell: (x: T, k: number) => ReactNode };
}) {
  const pHead = PAYMENT_HEAD();
  const iHead = INVOICE_HEAD();
  return (
    <div className="audit__scroll">
      <table className="audit__table">
        <thead>
          <tr>
            <th colSpan={pHead.length} scope="colgroup">
              {siteName('macgai')}
            </th>
            <th colSpan={iHead.length} scope="colgroup">
              {siteName('manager')}
            </th>
            <th rowSpan={2} scope="col">
              {extra.head}
            </th>
          </tr>
          <tr>
            {[...pHead.map((h) => `p:${h}`), ...iHead.map((h) => `i:${h}`)].map((h) => (
              <th key={h} scope="col">
                {h.slice(2)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <PagedRows
            items={rows}
            columns={pHead.length + iHead.length + 1}
            render={(x, k) => (
              <tr key={x.payment.payment.key}>
                <PaymentCells p={x.payment} names={names.macgai} />
                <InvoiceCells i={x.invoice} names={names.manager} />
                <td>{extra.cell(x, k)}</td>
              </tr>
            )}
          />
        </tbody>
      </table>
    </div>
  );
}

/** One site's rows under that site's column heads. */
function SideTable<T>({
  head,
  rows,
  rowKey,
  cells,
}: {
  head: string[];
  rows: readonly T[];
  rowKey: (x: T) => string;
  cells: (x: T) => ReactNode;
}) {
  return (
    <div className="audit__scroll">
      <table className="audit__table">
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <PagedRows
            items={rows}
            columns={head.length}
            render={(x) => <tr key={rowKey(x)}>{cells(x)}</tr>}
          />
        </tbody>
      </table>
    </div>
  );
}

function PaymentTable({ rows, names }: { rows: readonly PaymentRow[]; names: string[] }) {
  return (
    <SideTable
      head={PAYMENT_HEAD()}
      rows={rows}
      rowKey={(p) => p.payment.key}
      cells={(p) => <PaymentCells p={p} names={names} />}
    />
  );
}

function InvoiceTable({ rows, names }: { rows: readonly InvoiceRow[]; names: string[] }) {
  return (
    <SideTable
      head={INVOICE_HEAD()}
      rows={rows}
      rowKey={(i) => i.invoice.key}
      cells={(i) => <InvoiceCells i={i} names={names} />}
    />
  );
}

function Ambiguous({ group, names }: { group: AmbiguousGroup; names: Names }) {
  const why =
    group.why === 'conflict' ? t('auditWhyConflict') : t('auditCandidates', group.invoices.length);
  return (
    <article className="audit__pair" aria-label={why}>
      <p className="hint">{why}</p>
      <div className="audit__side-by-side">
        <PaymentTable rows={group.payments} names={names.macgai} />
        <InvoiceTable rows={group.invoices} names={names.manager} />
      </div>
    </article>
  );
}

function FileTable({ files }: { files: FileSummary[] }) {
  return (
    <details className="audit__file-summary">
      <summary>{t('auditFilesRead', files.length)}</summary>
      <div className="audit__scroll">
        <table className="audit__table">
          <thead>
            <tr>
              <th scope="col">{t('auditColFile')}</th>
              <th scope="col">{t('auditColSheet')}</th>
              <th scope="col">{t('auditColHeaderRow')}</th>
              <th scope="col">{t('auditColRows')}</th>
              <th scope="col">{t('auditColUnreadable')}</th>
            </tr>
          </thead>
          <tbody>
            {files.flatMap((f, n) =>
              f.sheets.map((s, k) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list (files × sheets), never reordered
                <tr key={`${n}-${k}`}>
                  <td>
                    {k === 0 ? (
                      <>
                        {f.name} <span className="muted">({siteName(f.slot)})</span>
                        {f.duplicates > 0 && (
                          <div className="hint">{t('auditDuplicates', f.duplicates)}</div>
                        )}
                        {f.otherBusiness > 0 && (
                          <div className="hint">{t('auditOtherBusiness', f.otherBusiness)}</div>
                        )}
                      </>
                    ) : null}
                  </td>
                  <td>{s.name}</td>
                  <td>{s.headerRow ?? t('auditNoHeaderInSheet')}</td>
                  <td className="num">{s.rows.toLocaleString()}</td>
                  <td>
                    {s.unreadable > 0
                      ? t('auditUnreadable', s.unreadable, s.unreadableRows.slice(0, 5).join(', '))
                      : ''}
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>
    </details>
  );
}
