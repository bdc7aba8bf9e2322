/**
 * The matcher's outcomes on the bench's seeded data (bench/data.ts), pinned: every payment's
 * match (and, the other way, invoices' payments) written one line each to a snapshot file. A
 * speed-up of the index or the lookups must leave every line as it is; a change of the rule shows
 * up here line by line (update with `npx vitest run --project unit -u` after checking the diff).
 *
 * Besides the bench's clean data, a perturbed copy walks the rarer paths: rows without a phone
 * or a business, names with markup, full-width letters or notes, undated rows, other amounts' signs.
 */
import { describe, expect, it } from 'vitest';
import { matchData, rng } from '../../bench/data';
import {
  buildInvoiceIndex,
  buildPaymentIndex,
  type InvoiceMatch,
  type MatchOptions,
  matchInvoice,
  matchPayment,
  type PaymentMatch,
} from './match';
import type { MacgaiPayment, ManagerInvoice } from './model';

const SEED = 20261126;

/** Reasons, shortened for the snapshot ('amount,date:-2d,phone:equal' → 'd-2d,p=equal'). */
const short = (reasons: readonly string[]): string =>
  reasons
    .join(',')
    .replace(/^amount,/, '')
    .replace(/date:/g, 'd')
    .replace(/phone:/g, 'p=')
    .replace(/name:/g, 'n=')
    .replace(/business:equal/g, 'b')
    .replace(/status:/g, 's=');

/** One line: kind, then the match's (or each candidate's) row number, score and reasons. */
function line(
  m: InvoiceMatch | PaymentMatch,
  number: ReadonlyMap<unknown, number>,
  item: (c: object) => unknown,
): string {
  if (m.kind === 'none') return 'none';
  if (m.kind === 'unique') {
    return `unique #${number.get(item(m))} ${m.score} m${m.margin} ${short(m.reasons)}`;
  }
  return `ambiguous ${m.candidates
    .map((c) => `#${number.get(item(c))} ${c.score} ${short(c.reasons)}`)
    .join(' | ')}`;
}

const numbered = <T>(xs: readonly T[]): Map<T, number> => new Map(xs.map((x, i) => [x, i]));
const invoiceOf = (c: object): unknown => (c as { invoice: ManagerInvoice }).invoice;
const paymentOf = (c: object): unknown => (c as { payment: MacgaiPayment }).payment;

function outcomes(
  invoices: readonly ManagerInvoice[],
  payments: readonly MacgaiPayment[],
  opts?: MatchOptions,
): string {
  const invoiceIndex = buildInvoiceIndex(invoices);
  const paymentIndex = buildPaymentIndex(payments);
  const invoiceNo = numbered(invoices);
  const paymentNo = numbered(payments);
  const lines: string[] = [];
  payments.forEach((p, i) => {
    lines.push(`p${i} ${line(matchPayment(invoiceIndex, p, opts), invoiceNo, invoiceOf)}`);
  });
  invoices.forEach((inv, i) => {
    // The drift direction, for every fourth invoice (and every cancelled one).
    if (i % 4 === 0 || inv.status === '결제취소') {
      lines.push(`i${i} ${line(matchInvoice(paymentIndex, inv, opts), paymentNo, paymentOf)}`);
    }
  });
  return `${lines.join('\n')}\n`;
}

/** The bench's data with a share of rows made awkward (deterministically). */
function perturbed(seed: number) {
  const data = matchData(seed, 2_000, 1_200);
  const r = rng(seed ^ 0x5eed);
  const invoices = data.invoices.map((inv): ManagerInvoice => {
    const x = r();
    if (x < 0.08) return { ...inv, phone: null };
    if (x < 0.12) return { ...inv, businessId: null };
    if (x < 0.15) return { ...inv, customerRaw: `<b>${inv.customerRaw}</b>` };
    if (x < 0.17) return { ...inv, customerRaw: `[영어]${inv.customerRaw}` };
    if (x < 0.19) return { ...inv, customerRaw: `중2 ${inv.customer}` };
    if (x < 0.2) return { ...inv, customerRaw: inv.customer.replace(/^(.)/, '$1 ') };
    if (x < 0.21) return { ...inv, customerRaw: ' ' };
    if (x < 0.22) return { ...inv, customerRaw: 'ＫＩＭ　Ｍｉｎ' };
    if (x < 0.23) return { ...inv, registeredAt: '미정' };
    if (x < 0.24) return { ...inv, registeredAt: inv.registeredAt.slice(0, 10).replace(/-/g, '.') };
    if (x < 0.25) return { ...inv, amount: -inv.amount };
    if (x < 0.26) return { ...inv, businessId: '' };
    return inv;
  });
  const payments = data.payments.map((p): MacgaiPayment => {
    const x = r();
    if (x < 0.1) return { ...p, phone: null, businessId: null };
    if (x < 0.13) return { ...p, customer: `${p.customer}(피아노)` };
    if (x < 0.15) return { ...p, customer: p.customer.slice(1) };
    if (x < 0.16) return { ...p, method: null };
    if (x < 0.17) return { ...p, date: '어제' };
    return p;
  });
  return { invoices, payments };
}

describe('matcher outcomes on the bench data (pinned)', () => {
  it('are unchanged on the seeded 2k-invoice set', async () => {
    const data = matchData(SEED, 2_000, 1_200);
    await expect(outcomes(data.invoices, data.payments)).toMatchFileSnapshot(
      './__snapshots__/match.outcomes.bench.txt',
    );
  });

  it('are unchanged on a perturbed copy, with the default and other options', async () => {
    const data = perturbed(SEED + 7);
    const text = [
      outcomes(data.invoices, data.payments),
      outcomes(data.invoices, data.payments, {
        purpose: 'settle',
        windowBefore: 20,
        minMargin: 0.1,
      }),
    ].join('--- settle, 20 days, margin 0.1\n');
    await expect(text).toMatchFileSnapshot('./__snapshots__/match.outcomes.perturbed.txt');
  });
});
