import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { SHORT_TEXT_MAX, TEXT_MAX } from '@/lib/domain';
import { rowCells } from '@/lib/engine/lists';
import { type Recognized, recognize } from '@/lib/engine/recognize';
import { startMacgaiOverlay } from '@/lib/overlay/macgai';
import { readPayments } from '@/lib/overlay/macgai-read';
import { readInvoices } from '@/lib/overlay/manager-read';
import { type MacgaiField, macgai, type StudentContext } from '@/lib/sites/macgai';
import { manager } from '@/lib/sites/manager';
import { call } from '@/lib/store/client';
import { requests } from '@/lib/store/contract';
import { checkPage } from '../fuzz/check';
import { openWindow } from '../fuzz/dom';
import { type FuzzPage, generatePage } from '../fuzz/generate';
import { describeFailure, pageSeedOf, type RunStats, runFuzz } from '../fuzz/run';
import type { Site } from '../fuzz/specs';
import type { Truth } from '../fuzz/values';

/**
 * The CI-sized fuzz run (tests/fuzz; `npm run fuzz` is the large one): 1,000 mutated list pages
 * per site plus one 20,000-row list, each read by the real pipeline and checked against the
 * generator's ground truth. A failure prints its page seed: `npm run fuzz -- --replay <site>:<seed>`
 * writes that page to artifacts/fuzz/ and checks it again. FUZZ_SEED / FUZZ_PAGES change the run.
 * Below, a minimal reproducer of each issue the fuzzer found (issue #7), now fixed.
 */

vi.mock('@/lib/store/client', () => ({ call: vi.fn() }));

const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
const PAGES = Number(process.env.FUZZ_PAGES ?? 1000);

function report(stats: RunStats): string {
  const tags = [...stats.byTag].sort((a, b) => b[1].pages - a[1].pages);
  return [
    `fuzz ${stats.site}: seed ${SEED}, ${stats.pages} pages in ${(stats.ms / 1000).toFixed(1)} s; ` +
      `${stats.total.recognized} recognised, ${stats.total.unrecognized} not, ` +
      `${stats.total.rows} rows read, ${stats.total.flagged} flag-worthy`,
    `  read as: ${[...stats.byKind].map(([k, n]) => `${k} ${n}`).join(', ')}`,
    `  mutations: ${tags.map(([t, n]) => `${t} ${n.pages}`).join(', ')}`,
  ].join('\n');
}

describe('fuzz: mutated list pages through the real pipeline', () => {
  it.each<Site>(['macgai', 'manager'])(
    '%s: 1,000 pages and a 20,000-row list — no exception, no false read, no injected element',
    async (site) => {
      // PAGES mutated pages, plus one huge list (the last page).
      const stats = await runFuzz({
        site,
        seed: SEED,
        pages: PAGES + 1,
        hugePages: 1,
        hugeTable: true,
      });
      console.log(report(stats));
      expect(stats.failures.map(describeFailure)).toEqual([]);
      // The run covered what it claims to.
      expect(stats.pages).toBe(PAGES + 1);
      expect(stats.byTag.get('huge')?.pages).toBe(1);
      expect(stats.total.recognized).toBeGreaterThan(PAGES / 2);
      expect(stats.total.unrecognized).toBeGreaterThan(PAGES / 20);
      if (PAGES < 500) return; // too few pages to have met every mutation
      const sources = [...stats.bySource.keys()];
      for (const s of ['fixture:', 'synthetic', 'host:'])
        expect(sources.some((x) => x.startsWith(s))).toBe(true);
      for (const tag of [
        'shuffle-columns',
        'drop-required',
        'drop-optional',
        'duplicate-column',
        'rename-synonym',
        'rename-junk',
        'decoy-column',
        'junk-cells',
        'junk-text',
        'twin-rows',
        'markup-names',
        'colspans',
        'summary-row',
        'header-only',
        'all-input-row',
        'decoy-ambiguous',
        'aria-colspan',
        'nested-cell-table',
        'template-list',
        'duplicate-list',
      ])
        expect(stats.byTag.get(tag)?.pages ?? 0, tag).toBeGreaterThan(0);
    },
    240_000,
  );

  it('a page is a pure function of its seed', () => {
    const seed = pageSeedOf(SEED, 7);
    for (const site of ['macgai', 'manager'] as const) {
      const a = generatePage(site, seed);
      const b = generatePage(site, seed);
      expect(b.html).toBe(a.html);
      expect(b.tags).toEqual(a.tags);
      expect(generatePage(site, seed + 1).html).not.toBe(a.html);
    }
  });

  it('the oracle is not vacuous: a misread the generator did not write is caught', async () => {
    const win = openWindow();
    try {
      // A fixture-like page with readable rows: claim one amount was something else.
      let page: FuzzPage | null = null;
      for (let i = 0; !page; i++) {
        const p = generatePage('macgai', pageSeedOf(SEED, 10_000 + i));
        const r = checkPage(win.document, p);
        if (p.family === 'macgai-payments' && r.failures.length === 0 && r.rows >= 2) page = p;
      }
      // Every amount cell of the list's own amount column(s), in every data row.
      const list = page.lists[0];
      if (!list) throw new Error('no list');
      const amountColumns = list.columns.flatMap((c, j) =>
        c.field === 'amount' && c.role !== 'decoy' ? [j] : [],
      );
      const plant = (truth: (value: number) => Truth) => {
        for (const row of list.rows) {
          if (row.kind !== 'data') continue;
          for (const j of amountColumns) {
            const cell = row.cells[j];
            if (cell?.truth.t === 'amount')
              row.cells[j] = { ...cell, truth: truth(cell.truth.value) };
          }
        }
      };
      plant((value) => ({ t: 'amount', value: value + 1 }));
      expect(checkPage(win.document, page).failures.map((f) => f.property)).toContain(
        'wrong-value',
      );
      plant(() => ({ t: 'junk' }));
      expect(checkPage(win.document, page).failures.map((f) => f.property)).toContain('junk-read');
    } finally {
      await win.close();
    }
  });
});

// ---------------------------------------------------------------- issues found, fixed

type Page = Recognized<MacgaiField, StudentContext>;

function macgaiPage(html: string): Page {
  document.body.innerHTML = html;
  const r = recognize(document, macgai.pages);
  if (!r.recognized) throw new Error(`not recognised: ${r.missing}`);
  return r;
}

const LIST_HEAD =
  '<tr><th>납부일자</th><th>학생명</th><th>납부금액</th><th>결제수단</th><th>결제상태</th><th>참고사항</th><th>사업자명</th></tr>';

describe('issues the fuzzer found (fixed in lib/)', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('contract-length: over-long cells are cut to the contract limits; the page is accepted', () => {
    const long = (word: string) => `${word} `.repeat(4000);
    const page = macgaiPage(
      `<table>${LIST_HEAD}<tr><td>2026-11-16</td><td>이수아</td><td>180,000</td><td>${long('문자결제')}</td><td>${long('결제취소')}</td><td>${long('메모')}</td><td>${long('해솔')}</td></tr>
<tr><td>2026-11-17</td><td>정민서</td><td>220,000</td><td>문자결제</td><td>강제취소</td><td></td><td>해솔학원</td></tr></table>`,
    );
    const payments = readPayments(page).rows.map((r) => r.payment);
    expect(payments.map((p) => p.customer)).toEqual(['이수아', '정민서']);
    const [first] = payments;
    expect(first?.note).toHaveLength(TEXT_MAX);
    expect(first?.note.startsWith('메모 메모')).toBe(true);
    expect(first?.status.length).toBeLessThanOrEqual(SHORT_TEXT_MAX);
    expect(first?.method?.length).toBeLessThanOrEqual(SHORT_TEXT_MAX);
    expect(first?.businessName?.length).toBeLessThanOrEqual(SHORT_TEXT_MAX);
    // The second row's 강제취소 is no longer lost with the first row's long cells.
    expect(requests['payments.observe'].payload.safeParse({ payments }).success).toBe(true);
  });

  it('contract-length: a name cell too long to be a name stays unreadable (never cut into one)', () => {
    const page = macgaiPage(
      `<table>${LIST_HEAD}<tr><td>2026-11-16</td><td>${'이수아'.repeat(200)}</td><td>180,000</td><td>문자결제</td><td>결제취소</td><td></td><td></td></tr></table>`,
    );
    expect(readPayments(page)).toMatchObject({ rows: [], unreadable: 1 });
  });

  it('contract-length: manager.observe accepts a 청구서관리 row with 10,000-character cells', () => {
    const long = '치과진료비 '.repeat(2000);
    document.body.innerHTML = `<table><tr><th>등록일자</th><th>고객명</th><th>청구핸드폰</th><th>청구사유</th><th>청구금액</th><th>상태</th><th>카드사</th></tr>
<tr><td>2026-11-24 19:48:07</td><td>고나은</td><td>010-5929-6244</td><td>${long}</td><td>450,000원</td><td>${long}</td><td>${long}</td></tr></table>`;
    const r = recognize(document, manager.pages);
    if (!r.recognized) throw new Error('not recognised');
    const invoices = readInvoices(r, null).map((x) => x.invoice);
    expect(invoices).toHaveLength(1);
    expect(invoices[0]?.reason.length).toBeLessThanOrEqual(SHORT_TEXT_MAX);
    const payload = { businessId: null, listUrl: 'https://alltalkpay.co.kr/', invoices };
    expect(requests['manager.observe'].payload.safeParse(payload).success).toBe(true);
  });

  it('fixed (was contract-batch): a 5,001-row 청구서관리 list is accepted by manager.observe', () => {
    const row =
      '<tr><td>2026-11-24 19:48:07</td><td>고나은</td><td>010-5929-6244</td><td>450,000원</td><td>결제완료</td></tr>';
    document.body.innerHTML = `<table><tr><th>등록일자</th><th>고객명</th><th>청구핸드폰</th><th>청구금액</th><th>상태</th></tr>${row.repeat(5001)}</table>`;
    const r = recognize(document, manager.pages);
    if (!r.recognized) throw new Error('not recognised');
    const invoices = readInvoices(r, null).map((x) => x.invoice);
    expect(invoices).toHaveLength(5001);
    const payload = { businessId: null, listUrl: 'https://alltalkpay.co.kr/', invoices };
    expect(requests['manager.observe'].payload.safeParse(payload).success).toBe(true);
  });

  it('aria-colspan: an ARIA grid cell spanning two columns keeps every later column in place', () => {
    const page = macgaiPage(`<div role="grid">
<div role="row"><div role="columnheader">납부일자</div><div role="columnheader">납부금액</div><div role="columnheader" aria-colspan="2">학생명</div><div role="columnheader">결제상태</div></div>
<div role="row"><div role="gridcell">2026-11-16</div><div role="gridcell">180,000</div><div role="gridcell">이수아</div><div role="gridcell">초6</div><div role="gridcell">결제취소</div></div>
</div>`);
    // 학생명 spans the name and the 학년 cells: 결제상태 is the fifth cell, not the 학년 one.
    const [row] = readPayments(page).rows;
    expect(row?.payment).toMatchObject({
      date: '2026-11-16',
      amount: 180000,
      customer: '이수아',
      status: '결제취소',
    });
  });

  it.each([
    ['0', 1],
    ['-2', 1],
    ['2.5', 1],
    ['two', 1],
    ['', 1],
    [' 3 ', 3],
    ['1000', 50],
  ])('aria-colspan="%s" spans %i column(s)', (span, n) => {
    document.body.innerHTML = `<div role="row"><div role="gridcell" aria-colspan="${span}">a</div><div role="gridcell">b</div></div>`;
    const cells = rowCells(document.querySelector('[role=row]') as Element);
    expect(cells).toHaveLength(n + 1);
  });

  it('input-rows: a row whose every cell is an <input> is read from the values shown', () => {
    const v = (s: string) => `<td><input type="text" value="${s}" readonly></td>`;
    const page = macgaiPage(
      `<table>${LIST_HEAD}<tr>${v('2026-11-16')}${v('이수아')}${v('180,000')}${v('문자결제')}${v('강제취소')}${v('-')}${v('')}</tr>
<tr>${v('')}${v('')}${v(' ')}${v('')}${v('')}${v('')}${v('')}</tr></table>`,
    );
    expect(page.lists[0]?.rows).toHaveLength(2);
    const { rows, unreadable } = readPayments(page);
    expect(unreadable).toBe(0); // the empty row of inputs is no data row
    expect(rows.map((r) => r.payment)).toMatchObject([
      { date: '2026-11-16', customer: '이수아', amount: 180000, status: '강제취소', note: '-' },
    ]);
  });

  it('fixed (was ambiguous-header): 발송상태 left of 결제상태 — 결제상태 is the payment status', () => {
    const page = macgaiPage(
      `<table><tr><th>납부일자</th><th>학생명</th><th>납부금액</th><th>발송상태</th><th>결제상태</th></tr>
<tr><td>2026-11-16</td><td>이수아</td><td>180,000</td><td>취소</td><td>결제완료</td></tr></table>`,
    );
    // The 알림톡 was withdrawn, the payment was not: the row is read as paid.
    expect(readPayments(page).rows[0]?.payment.status).toBe('결제완료');
  });

  it('ambiguous-header: two headers claiming the status equally — no guess, the page is reported', () => {
    document.body.innerHTML = `<table><tr><th>납부일자</th><th>학생명</th><th>납부금액</th><th>발송상태</th><th>처리상태</th></tr>
<tr><td>2026-11-16</td><td>이수아</td><td>180,000</td><td>취소</td><td>결제완료</td></tr></table>`;
    // Neither column is more the status than the other: nothing is read, nothing flagged.
    expect(recognize(document, macgai.pages)).toEqual({
      recognized: false,
      kind: 'unrecognized',
      missing: ['결제상태'],
    });
  });

  it('ambiguous-header: an optional field claimed equally is no guess either (결제수단 → 문자결제 …)', () => {
    document.body.innerHTML = `<table><tr><th>납부일자</th><th>학생명</th><th>납부금액</th><th>결제상태</th><th>현금수단</th><th>카드수단</th></tr>
<tr><td>2026-11-16</td><td>이수아</td><td>180,000</td><td>결제취소</td><td>현금</td><td>-</td></tr></table>`;
    // Without a 결제수단 column every payment would count as 문자결제: the list is refused instead.
    const r = recognize(document, macgai.pages);
    expect(r.recognized).toBe(false);
    expect(!r.recognized && r.missing).toContain('결제수단');
  });

  it('business-name-markup: a 사업자명 is read as the text a person sees (as names are)', () => {
    const page = macgaiPage(
      `<table><tr><th>납부일자</th><th>학생명</th><th>납부금액</th><th>결제상태</th><th>사업자명</th></tr>
<tr><td>2026-11-16</td><td>이수아&lt;b&gt;</td><td>180,000</td><td>결제완료</td><td>&lt;img src=x onerror=alert(1)&gt;해솔수학학원</td></tr>
<tr><td>2026-11-17</td><td>정민서</td><td>180,000</td><td>결제완료</td><td>&lt;b&gt;해솔&lt;/b&gt; &amp;  수학</td></tr></table>`,
    );
    const [a, b] = readPayments(page).rows.map((r) => r.payment);
    expect(a?.customer).toBe('이수아');
    expect(a?.businessName).toBe('해솔수학학원');
    expect(b?.businessName).toBe('해솔 & 수학');
  });

  describe('the overlay learns only real rows of the 결제 사업자 popup, as shown', () => {
    let ctx: ContentScriptContext;
    beforeEach(() => {
      fakeBrowser.reset();
      vi.mocked(call).mockReset();
      vi.mocked(call).mockResolvedValue({} as never);
      vi.spyOn(console, 'debug').mockImplementation(() => {});
      vi.spyOn(fakeBrowser.i18n, 'getMessage').mockReturnValue('');
      ctx = new ContentScriptContext('fuzz-test');
    });
    afterEach(() => {
      ctx.notifyInvalidated();
      document.documentElement.removeAttribute('data-reconcile-page');
      vi.restoreAllMocks();
    });

    it('fixed: an empty popup\'s "no results" row is not learned as a business', () => {
      document.body.innerHTML = `<h1>결제 사업자 관리</h1><table>
<thead><tr><th>선택</th><th>사업자명</th><th>사업자 등록번호</th><th>문자결제</th></tr></thead>
<tbody><tr><td colspan="4">등록된 사업자가 없습니다.</td></tr></tbody></table>`;
      startMacgaiOverlay(ctx);
      const learned = vi.mocked(call).mock.calls.filter(([type]) => type === 'businesses.learn');
      expect(learned).toEqual([]);
      expect(document.documentElement.getAttribute('data-reconcile-page')).toBe(
        'macgai-businesses',
      );
    });

    it('business-name-markup, contract-length: names learned as shown, cut to the contract', () => {
      document.body.innerHTML = `<h1>결제 사업자 관리</h1><table>
<thead><tr><th>사업자명</th><th>사업자 등록번호</th><th>문자결제</th></tr></thead>
<tbody><tr><td>&lt;img src=x onerror=alert(1)&gt;해솔수학학원</td><td>123-45-67890</td><td>사용</td></tr>
<tr><td>&lt;script&gt;alert(1)&lt;/script&gt;</td><td>123-45-67891</td><td>사용</td></tr>
<tr><td>${'해솔영어학원 '.repeat(2000)}</td><td>123-45-67892</td><td>${'사용 '.repeat(2000)}</td></tr></tbody></table>`;
      startMacgaiOverlay(ctx);
      const learned = vi.mocked(call).mock.calls.filter(([type]) => type === 'businesses.learn');
      expect(learned).toHaveLength(1);
      const payload = learned[0]?.[1] as { businesses: { name: string }[] };
      // A name that is only markup is no business.
      expect(payload.businesses.map((b) => b.name.slice(0, 6))).toEqual([
        '해솔수학학원',
        '해솔영어학원',
      ]);
      expect(requests['businesses.learn'].payload.safeParse(payload).success).toBe(true);
    });
  });
});
