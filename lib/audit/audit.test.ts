import { beforeAll, describe, expect, it } from 'vitest';
import {
  BUSINESS,
  MESSY_XLSX,
  PLAIN_CSV,
  type Scenario,
  SMALL,
  scenario,
  writeMacgai,
  writeManager,
} from '../../tests/fixtures/audit/generate';
import type { AuditOptions, AuditReport } from './model';
import { CancelledError } from './report';
import { type AuditFile, type AuditProgress, runAudit } from './run';

/**
 * The whole audit over generated exports of both sites (tests/fixtures/audit/generate.ts): a year
 * of tuition with a backlog of 200 force-cancels from before install, siblings sharing a phone,
 * twin invoices, re-sends after 결제중단, free-text 고객명, and the file mess of SITES.md.
 * Every group's count is known by construction.
 */

let sc: Scenario;
let managerXlsx: Uint8Array;
let macgaiXlsx: Uint8Array;
let macgaiCsv: Uint8Array;
let managerCsv: Uint8Array;

beforeAll(async () => {
  sc = scenario(SMALL);
  [managerXlsx, macgaiXlsx, macgaiCsv, managerCsv] = await Promise.all([
    writeManager(sc.manager, MESSY_XLSX),
    writeMacgai(sc.macgai, MESSY_XLSX),
    writeMacgai(sc.macgai, PLAIN_CSV),
    writeManager(sc.manager, { ...PLAIN_CSV, phonesAsNumbers: true, amountsAsText: true }),
  ]);
}, 60_000);

const ALL: AuditOptions = { period: { from: null, to: null }, business: BUSINESS };
const file = (name: string, data: Uint8Array): AuditFile => ({ name, data });

function groups(report: AuditReport | null) {
  if (!report) throw new Error('no report');
  const { counts } = report;
  return {
    pending: counts.pending,
    drift: counts.drift,
    paidOneSide: counts.paidOneSide,
    ambiguous: counts.ambiguous,
    unmatchedMacgai: counts.unmatchedMacgai,
    unmatchedManager: counts.unmatchedManager,
    consistent: counts.consistent,
    otherMethods: counts.otherMethods,
    payments: counts.payments,
    invoices: counts.invoices,
  };
}

function expected(period?: { from: string | null; to: string | null }) {
  const { pendingForce: _, ...rest } = sc.expected(period);
  return rest;
}

describe('audit of generated exports', () => {
  it('finds every group with exact counts in messy .xlsx files (titles, serials, text amounts, lost 0s, sheets)', async () => {
    const { report, files } = await runAudit({
      manager: [file('청구서관리목록.xlsx', managerXlsx)],
      macgai: [file('수납목록.xlsx', macgaiXlsx)],
      options: ALL,
    });
    expect(files.map((f) => f.problem)).toEqual([null, null]);
    expect(groups(report)).toEqual(expected());
    expect(report?.pending.filter((x) => x.cause === 'force')).toHaveLength(
      sc.expected().pendingForce,
    );
    // Two sheets of data each, the summary sheet skipped; the header is under the title rows.
    const manager = files[0];
    expect(manager?.sheets.map((s) => s.headerRow)).toEqual([null, 4, 4]);
    expect(manager?.rows).toBe(sc.manager.length);
    // Totals and repeated headers are counted as skipped rows, never read as data.
    expect(manager?.sheets.reduce((n, s) => n + s.unreadable, 0)).toBeGreaterThan(0);
  }, 60_000);

  it('reads a .csv the same (UTF-8 BOM, text dates, phones as numbers)', async () => {
    const { report } = await runAudit({
      manager: [file('billing.csv', managerCsv)],
      macgai: [file('sunap.csv', macgaiCsv)],
      options: ALL,
    });
    expect(groups(report)).toEqual(expected());
  }, 60_000);

  it('finds the backlog of 200 force-cancels from before install', async () => {
    const { report } = await runAudit({
      manager: [file('m.xlsx', managerXlsx)],
      macgai: [file('g.csv', macgaiCsv)],
      options: { ...ALL, period: { from: null, to: '2026-09-30' } },
    });
    const before = report?.pending.filter((x) => x.payment.payment.date < SMALL.installDay) ?? [];
    expect(before).toHaveLength(SMALL.forceBacklog);
    expect(report?.counts.pending).toBe(sc.expected({ from: null, to: '2026-09-30' }).pending);
    // None of them says 강제취소: the cause is unknown, the manager side is live.
    expect(before.every((x) => x.cause === 'unknown')).toBe(true);
    expect(before.every((x) => /발송완료|결제완료/.test(x.invoice.invoice.status))).toBe(true);
  }, 60_000);

  it('reports one month: pairs and rows by their own dates, matching over the whole files', async () => {
    const period = { from: '2026-11-01', to: '2026-11-30' };
    const { report } = await runAudit({
      manager: [file('m.xlsx', managerXlsx)],
      macgai: [file('g.xlsx', macgaiXlsx)],
      options: { ...ALL, period },
    });
    expect(groups(report)).toEqual(expected(period));
    expect(report?.span).toEqual({ from: '2025-10-01', to: '2026-11-25' });
  }, 60_000);

  it('shows a twin invoice as an ambiguous pair, side by side, never guessed; siblings are told apart', async () => {
    const { report } = await runAudit({
      manager: [file('m.xlsx', managerXlsx)],
      macgai: [file('g.xlsx', macgaiXlsx)],
      options: ALL,
    });
    const twins = sc.stories.filter((s) => s.story === 'twinInvoice');
    expect(report?.ambiguous).toHaveLength(twins.length);
    for (const g of report?.ambiguous ?? []) {
      expect(g.why).toBe('candidates');
      expect(g.payments).toHaveLength(1);
      const [a, b] = g.invoices;
      expect(a?.invoice.customerRaw).toBe(b?.invoice.customerRaw);
      expect(a?.invoice.amount).toBe(b?.invoice.amount);
      expect(a?.invoice.key).not.toBe(b?.invoice.key); // twins numbered by withOccurrences
    }
    // Siblings share the parent's phone: none of them ends up ambiguous or unmatched.
    const phones = new Map<string, number>();
    for (const s of sc.students) phones.set(s.phone, (phones.get(s.phone) ?? 0) + 1);
    expect([...phones.values()].some((n) => n >= 2)).toBe(true);
    const twinNames = new Set(twins.map((t) => sc.students[t.student]?.name));
    for (const g of report?.ambiguous ?? []) {
      expect(twinNames.has(g.payments[0]?.payment.customer)).toBe(true);
    }
  }, 60_000);

  it('merges several files per site and counts a row exported twice once', async () => {
    const older = sc.macgai.filter((p) => p.date < '2026-06-01');
    const newer = sc.macgai.filter((p) => p.date >= '2026-05-01'); // May is in both files
    const [a, b] = await Promise.all([
      writeMacgai(older, { format: 'xlsx' }),
      writeMacgai(newer, { format: 'csv' }),
    ]);
    const { report, files } = await runAudit({
      manager: [file('m.xlsx', managerXlsx)],
      macgai: [file('older.xlsx', a), file('newer.csv', b)],
      options: ALL,
    });
    const may = sc.macgai.filter((p) => p.date >= '2026-05-01' && p.date < '2026-06-01').length;
    expect(files[2]?.duplicates).toBe(may);
    expect(groups(report)).toEqual(expected());
  }, 60_000);

  it('reads only the picked business’s rows of a MacGai list of several', async () => {
    const other = sc.macgai.slice(0, 30).map((p) => ({ ...p, business: '다른학원' }));
    const data = await writeMacgai([...sc.macgai, ...other], { format: 'csv' });
    const { report, files } = await runAudit({
      manager: [file('m.xlsx', managerXlsx)],
      macgai: [file('g.csv', data)],
      options: ALL,
    });
    expect(files[1]?.otherBusiness).toBe(30);
    expect(groups(report)).toEqual(expected());
  }, 60_000);

  it('reads a 사업자명 written with markup as the business it names', async () => {
    const marked = sc.macgai.map((p) => ({ ...p, business: `<b>${p.business}</b>` }));
    const data = await writeMacgai(marked, { format: 'csv' });
    const { report, files } = await runAudit({
      manager: [file('m.xlsx', managerXlsx)],
      macgai: [file('g.csv', data)],
      options: ALL,
    });
    expect(files[1]?.otherBusiness).toBe(0);
    expect(groups(report)).toEqual(expected());
  }, 60_000);

  it('reports progress and stops when cancelled', async () => {
    const seen: AuditProgress[] = [];
    await runAudit(
      {
        manager: [file('m.xlsx', managerXlsx)],
        macgai: [file('g.csv', macgaiCsv)],
        options: ALL,
      },
      { progress: (p) => seen.push(p) },
    );
    expect(seen[0]?.phase).toBe('read');
    expect(seen.some((p) => p.phase === 'match')).toBe(true);
    const last = seen[seen.length - 1];
    expect(last).toMatchObject({ phase: 'done', files: 2, totalFiles: 2 });
    expect(last?.rows).toEqual({ manager: sc.manager.length, macgai: sc.macgai.length });

    let calls = 0;
    await expect(
      runAudit(
        {
          manager: [file('m.xlsx', managerXlsx)],
          macgai: [file('g.csv', macgaiCsv)],
          options: ALL,
        },
        { cancelled: () => ++calls > 2 },
      ),
    ).rejects.toBeInstanceOf(CancelledError);
  }, 60_000);
});

describe('files that are not what they should be', () => {
  const run = (manager: AuditFile, macgai: AuditFile = file('g.csv', macgaiCsv)) =>
    runAudit({ manager: [manager], macgai: [macgai], options: ALL });

  it('names a file dropped in the wrong slot', async () => {
    const { report, files } = await runAudit({
      manager: [file('g.xlsx', macgaiXlsx)],
      macgai: [file('m.xlsx', managerXlsx)],
      options: ALL,
    });
    expect(report).toBeNull();
    expect(files[0]?.problem).toMatchObject({ code: 'wrong_site', site: 'macgai' });
    expect(files[1]?.problem).toMatchObject({ code: 'wrong_site', site: 'manager' });
  }, 60_000);

  it('names the missing columns when no header row is found', async () => {
    const csv = '\uFEFF고객명,금액,비고\r\n홍길동,10000,x\r\n';
    const { files } = await run(file('m.csv', new TextEncoder().encode(csv)));
    expect(files[0]?.problem?.code).toBe('no_header');
    expect(files[0]?.problem?.missing).toEqual(['청구핸드폰', '상태', '등록일자']);
  });

  it('refuses an empty file, 10 MB of junk, a legacy .xls and a broken .xlsx', async () => {
    const junk = new Uint8Array(10 * 1024 * 1024);
    let x = 12345;
    for (let i = 0; i < junk.length; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      junk[i] = x >>> 24;
    }
    const xls = new Uint8Array(4096);
    xls.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const broken = managerXlsx.slice(0, 2000);
    const cases: [AuditFile, string][] = [
      [file('empty.xlsx', new Uint8Array(0)), 'empty'],
      [file('junk.xlsx', junk), 'not_spreadsheet'],
      [file('old.xls', xls), 'xls_binary'],
      [file('broken.xlsx', broken), 'invalid_xlsx'],
    ];
    for (const [f, code] of cases) {
      const { files, report } = await run(f);
      expect(report).toBeNull();
      expect(files[0]?.problem?.code, f.name).toBe(code);
    }
  }, 60_000);

  it('says so when a file has a header but no row', async () => {
    const csv = '고객명,청구핸드폰,청구금액,등록일자,상태\r\n';
    const { files } = await run(file('m.csv', new TextEncoder().encode(csv)));
    expect(files[0]?.problem?.code).toBe('no_rows');
  });
});

describe('the report as CSV', () => {
  it('writes one line per row of each group, for Excel, with where each row is', async () => {
    const { reportToCsv } = await import('./export');
    const { report } = await runAudit({
      manager: [file('m.xlsx', managerXlsx)],
      macgai: [file('g.csv', macgaiCsv)],
      options: ALL,
    });
    if (!report) throw new Error('no report');
    const names = { macgai: ['g.csv'], manager: ['m.xlsx'] };
    const label = (s: string) => s;
    const csv = reportToCsv(report, {
      columns: Object.fromEntries(
        [
          'group',
          'customer',
          'date',
          'amount',
          'macgaiStatus',
          'note',
          'invoiceCustomer',
          'phone',
          'registeredAt',
          'managerStatus',
          'paidAt',
          'approvalNo',
          'macgaiAt',
          'managerAt',
          'detail',
        ].map((c) => [c, c]),
      ) as never,
      groups: {
        pending: 'P',
        drift: 'D',
        paidOneSide: 'O',
        ambiguous: 'A',
        unmatchedMacgai: 'G',
        unmatchedManager: 'M',
      },
      paidIn: label,
      candidateOf: (n) => `${n}`,
      force: 'force',
      files: names,
    });
    expect(csv.startsWith('\uFEFFgroup,customer,')).toBe(true);
    const lines = csv.trimEnd().split('\r\n').slice(1);
    const ambiguousLines = report.ambiguous.reduce(
      (n, g) => n + g.payments.length + g.invoices.length,
      0,
    );
    const c = report.counts;
    expect(lines).toHaveLength(
      c.pending + c.drift + c.paidOneSide + ambiguousLines + c.unmatchedMacgai + c.unmatchedManager,
    );
    const first = lines[0]?.split(',') ?? [];
    expect(first[0]).toBe('P');
    expect(first[12]).toMatch(/^g\.csv:CSV:\d+$/);
    expect(first[13]).toMatch(/^m\.xlsx:청구서관리목록 [12]:\d+$/);
    expect(lines.filter((l) => l.endsWith(',force'))).toHaveLength(sc.expected().pendingForce);
  }, 60_000);
});
