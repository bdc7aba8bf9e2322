/**
 * `npm run bench`: runs every section in order, prints one table (name | measured | target |
 * pass/fail) and writes it, with the date, the machine and the method, to docs/BENCHMARKS.md.
 *
 * Adding a bench = adding a Section (bench/table.ts) to SECTIONS. A missed target shows as FAIL;
 * the exit code is non-zero only when a section crashes (then docs/BENCHMARKS.md is not written).
 * `npm run bench -- <word>…` runs only the sections whose title contains one of the words (case
 * ignored) and prints their table without writing the report: every target is measured in one run.
 */
import { resolve } from 'node:path';
import { auditSection } from '../bench/audit';
import { browserSection } from '../bench/browser';
import { matcherSection, parserSection } from '../bench/domain';
import { macgaiListSection, macgaiLoadSection } from '../bench/macgai';
import { actionsSection, popupSection } from '../bench/pages';
import {
  describeMachine,
  formatTable,
  machineLine,
  type Row,
  type Section,
  writeReport,
} from '../bench/table';
import { CHROMIUM_PATH } from '../tests/e2e/browsers';

const SECTIONS: Section[] = [
  matcherSection,
  parserSection,
  browserSection,
  macgaiListSection,
  macgaiLoadSection,
  auditSection,
  popupSection,
  actionsSection,
];
const REPORT = resolve('docs/BENCHMARKS.md');

async function main(): Promise<number> {
  const only = process.argv.slice(2).map((w) => w.toLowerCase());
  const sections = only.length
    ? SECTIONS.filter((s) => only.some((w) => s.title.toLowerCase().includes(w)))
    : SECTIONS;
  if (sections.length === 0) {
    console.error(
      `no section matches ${only.join(', ')}: ${SECTIONS.map((s) => s.title).join(' | ')}`,
    );
    return 1;
  }
  const machine = describeMachine(CHROMIUM_PATH);
  console.log(`bench ${machine.date} · ${machineLine(machine)}\n`);
  const rows: Row[] = [];
  const started = performance.now();
  for (const section of sections) {
    const t0 = performance.now();
    console.error(`[bench] ${section.title}…`);
    try {
      rows.push(...(await section.run()));
    } catch (error) {
      console.log(formatTable(rows));
      console.error(`\n[bench] ${section.title} crashed:`, error);
      return 1;
    }
    console.error(
      `[bench] ${section.title} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  }
  console.log(formatTable(rows));
  if (only.length) return 0;
  await writeReport(REPORT, rows, machine, SECTIONS);
  const failed = rows.filter((r) => r.pass === false).length;
  console.log(
    `\n${failed === 0 ? 'All targets met' : `${failed} target(s) missed (FAIL)`}; ` +
      `${((performance.now() - started) / 1000).toFixed(0)} s; written to ${REPORT}`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
