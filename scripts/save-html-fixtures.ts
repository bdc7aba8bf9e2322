// `npx tsx scripts/save-html-fixtures.ts`: renders the replica pages in plain headless Chromium
// (no extension) and saves each page's DOM, scripts stripped, to tests/fixtures/html/ — the
// inputs of the adapter/engine unit tests (tests/unit/macgai-fixtures.test.ts). The replica is
// seeded deterministically, so re-running gives the same files (the ports are not in them).
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { launchChromium } from '../tests/e2e/browsers';
import { startReplica } from '../tests/replica/server';
import type { CaseRef } from '../tests/replica/types';

const OUT = resolve('tests/fixtures/html');
const MAX_BYTES = 300 * 1024;
const LINT_OFF =
  '<!-- biome-ignore-all lint: markup captured from the replica sites, as rendered -->';

const replica = await startReplica({ macgaiPort: 0, managerPort: 0 });
const browser = await launchChromium();

const saved: { file: string; bytes: number }[] = [];

/** The rendered DOM without scripts and without the replica's ephemeral origins. */
async function snapshot(page: Page): Promise<string> {
  const html = await page.evaluate(() => {
    for (const s of Array.from(document.querySelectorAll('script'))) s.remove();
    return document.documentElement.outerHTML;
  });
  // Captured markup is the sites', not ours: `npm run lint` must not hold it to our a11y rules.
  return `${LINT_OFF}\n${html.replaceAll(replica.macgaiUrl, '').replaceAll(replica.managerUrl, '')}\n`;
}

async function save(page: Page, name: string): Promise<void> {
  const html = await snapshot(page);
  const bytes = Buffer.byteLength(html);
  if (bytes > MAX_BYTES) throw new Error(`${name}: ${bytes} bytes (> ${MAX_BYTES})`);
  if (/<script\b/i.test(html)) throw new Error(`${name}: a <script> survived`);
  await writeFile(resolve(OUT, `${name}.html`), html);
  saved.push({ file: `${name}.html`, bytes });
}

/** Opens `url` and waits until the page's scripts have settled and `ready` is on the page. */
async function visit(page: Page, url: string, ready: string): Promise<void> {
  await page.goto(url, { waitUntil: 'networkidle0' });
  await page.waitForSelector(ready, { timeout: 10_000 });
}

const LIST = 'table.tbl-list, [role=grid]';

try {
  await mkdir(OUT, { recursive: true });
  const page = await browser.newPage();
  page.on('dialog', (d) => void d.dismiss());
  const m = replica.macgaiUrl;
  const { cases } = replica.state();

  const students: [string, CaseRef][] = [
    ['markup', cases.markupName],
    ['sibling-a', cases.siblingsSamePhone.members[0]],
    ['sibling-b', cases.siblingsSamePhone.members[1]],
    ['same-amount', cases.sameAmountTwiceInMonth.first],
    ['force-word', cases.forceCancelWordInStatus],
  ];

  for (const layout of ['default', 'grid'] as const) {
    const q = layout === 'grid' ? '&layout=grid' : '';
    const suffix = layout === 'grid' ? '-grid' : '';
    for (const [name, c] of students) {
      await visit(page, `${m}/Student/StudentMng.aspx?sidx=${c.studentId}&tab=pay${q}`, LIST);
      await save(page, `macgai-student-pay-${name}${suffix}`);
    }
    const info = cases.siblingsSamePhone.members[0];
    await visit(
      page,
      `${m}/Student/StudentMng.aspx?sidx=${info.studentId}&tab=info${q}`,
      '.tab-body',
    );
    await save(page, `macgai-student-info${suffix}`);
    for (const n of [1, 2]) {
      const url = `${m}/Account/SunapStatus.aspx?method=${encodeURIComponent('문자결제')}&page=${n}${q}`;
      await visit(page, url, LIST);
      await save(page, `macgai-sunap-sms-p${n}${suffix}`);
    }
    await visit(page, `${m}/Academy/AcademyInfo.aspx?m_idx=41${q}`, LIST);
    await save(page, `macgai-academy-info${suffix}`);
    await visit(page, `${m}/Academy/BizPopup.aspx${q ? `?${q.slice(1)}` : ''}`, LIST);
    await save(page, `macgai-biz-popup${suffix}`);
  }

  // The grid shell: header + menu + the content frame (the frame's document is saved separately).
  await visit(page, `${m}/c_index.aspx?m_idx=1&layout=grid`, 'iframe[name=ifrmContent]');
  await save(page, 'macgai-shell-grid');
  await visit(page, `${m}/c_index.aspx?m_idx=1`, '#content');
  await save(page, 'macgai-shell');

  // Manager site: login, then 청구서관리 as business 1, then the 결제취소 X password dialog.
  const who = replica.state().credentials[0];
  if (!who) throw new Error('no manager credentials');
  const g = replica.managerUrl;
  await visit(page, `${g}/login.do`, 'input[type=password]');
  await save(page, 'manager-login');
  await page.type('#userId', who.loginId);
  await page.type('#userPw', who.password);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  await visit(page, `${g}/bill/billList.do`, '#billTable');
  await save(page, 'manager-bills');
  await page.click('#billTable button.btn-x');
  await page.waitForSelector('[role=dialog] input[type=password]');
  await save(page, 'manager-bills-dialog');

  for (const s of saved) console.log(`${String(s.bytes).padStart(8)}  ${s.file}`);
  console.log(`${saved.length} fixtures in ${OUT}`);
} finally {
  await browser.close();
  await replica.close();
}
