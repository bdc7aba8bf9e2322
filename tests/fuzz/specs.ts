/**
 * What the fuzzer knows about the lists it builds: each family's fields (taken from the real
 * adapters in lib/sites, so renamed headers use the adapter's own synonyms), what kind of value
 * each field holds, and the documented header rule (lib/engine/text.ts `assignFields`: a header
 * matches a field when its folded text contains one of the field's words; the strongest claim
 * wins — exact word, then earlier word, then earlier field; two different headers claiming a field
 * equally take it from both; the same header repeated gives the leftmost).
 */
import { academyPayments, businessPopup, studentPayments } from '@/lib/sites/macgai';
import { invoiceList } from '@/lib/sites/manager';
import type { ListSpec } from '@/lib/sites/types';

export type Site = 'macgai' | 'manager';
export type Family = 'macgai-payments' | 'macgai-businesses' | 'manager-invoices';

/** How a field's cells are written and read. */
export type ValueType =
  | 'date' // MacGai 납부일자: a day, time ignored
  | 'datetime' // manager 등록일자: a day and an optional time
  | 'amount'
  | 'name'
  | 'phone'
  | 'text' // read as shown (trimmed)
  | 'dash' // read as shown, '-' or '' → null
  | 'cancel'; // the manager's 결제취소 X button cell

export interface FieldDef {
  name: string;
  type: ValueType;
  words: readonly string[];
}

export interface FamilyDef {
  family: Family;
  site: Site;
  fields: readonly FieldDef[];
  /** The list specs a page of this family is checked against, in the adapter's order. */
  specs: readonly ListSpec<string>[];
  /** Every word of the site's adapters: junk headers and layout text must contain none. */
  siteWords: readonly string[];
}

/** The engine's fold (lib/engine/text.ts): NFKC, no whitespace, lower case. */
export function fold(text: string | null | undefined): string {
  return (text ?? '').normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** How the engine reads a cell's text: whitespace runs collapsed, trimmed. */
export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const TYPES: Record<Family, Record<string, ValueType>> = {
  'macgai-payments': {
    date: 'date',
    amount: 'amount',
    method: 'text',
    status: 'text',
    note: 'text',
    name: 'name',
    phone: 'phone',
    business: 'text',
  },
  'macgai-businesses': { name: 'text', bizNo: 'text', smsPay: 'text' },
  'manager-invoices': {
    customer: 'name',
    phone: 'phone',
    reason: 'text',
    amount: 'amount',
    paidAt: 'dash',
    registeredAt: 'datetime',
    status: 'text',
    method: 'dash',
    cardCompany: 'dash',
    approvalNo: 'dash',
    cancel: 'cancel',
  },
};

function fieldsOf(family: Family, spec: ListSpec<string>): FieldDef[] {
  const types = TYPES[family];
  return Object.entries(spec.fields).map(([name, words]) => {
    const type = types[name];
    if (!type) throw new Error(`fuzz: no value type for ${family}.${name}`);
    return { name, type, words: words as readonly string[] };
  });
}

function wordsOf(...specs: ListSpec<string>[]): string[] {
  const out = new Set<string>();
  for (const s of specs) {
    for (const ws of Object.values(s.fields) as (readonly string[])[])
      for (const w of ws) out.add(w);
    for (const w of s.excludes ?? []) out.add(w);
  }
  return [...out];
}

const macgaiWords = [
  ...wordsOf(academyPayments.list, studentPayments.list, businessPopup.list),
  ...Object.values(studentPayments.context?.labels ?? {}).flat(),
];

export const FAMILIES: Record<Family, FamilyDef> = {
  'macgai-payments': {
    family: 'macgai-payments',
    site: 'macgai',
    fields: fieldsOf('macgai-payments', academyPayments.list),
    specs: [academyPayments.list, studentPayments.list],
    siteWords: macgaiWords,
  },
  'macgai-businesses': {
    family: 'macgai-businesses',
    site: 'macgai',
    fields: fieldsOf('macgai-businesses', businessPopup.list),
    specs: [businessPopup.list],
    siteWords: macgaiWords,
  },
  'manager-invoices': {
    family: 'manager-invoices',
    site: 'manager',
    fields: fieldsOf('manager-invoices', invoiceList.list),
    specs: [invoiceList.list],
    siteWords: wordsOf(invoiceList.list),
  },
};

/** The student 결제 탭's context labels (학생명, 학부모HP …). */
export const CONTEXT_LABELS = studentPayments.context?.labels ?? { name: [], phone: [] };

/** True when the folded text contains any of the words. */
export function containsAny(text: string, words: readonly string[]): boolean {
  const t = fold(text);
  return t !== '' && words.some((w) => t.includes(fold(w)));
}

/** The fields of `spec` whose words the header text contains. */
export function claimsOf(label: string | null, spec: ListSpec<string>): string[] {
  const h = fold(label);
  if (!h) return [];
  return Object.entries(spec.fields)
    .filter(([, words]) => (words as readonly string[]).some((w) => h.includes(fold(w))))
    .map(([f]) => f);
}

/**
 * The documented header rule, as the oracle's prediction of which column each field gets, and of
 * the fields no column is taken for because two different headers claim them equally.
 * (The fuzzer checks the engine's choice by the *data* the column holds, not by this index.)
 */
export function expectedColumns(
  labels: readonly (string | null)[],
  spec: ListSpec<string>,
): { columns: Map<string, number>; ambiguous: string[] } {
  const claims: { field: string; column: number; strength: number; order: number }[] = [];
  Object.entries(spec.fields).forEach(([field, words], order) => {
    labels.forEach((label, column) => {
      const strength = claimStrength(label, words as readonly string[]);
      if (strength !== null) claims.push({ field, column, strength, order });
    });
  });
  // Strongest first; for one strength, the field declared first.
  claims.sort((a, b) => b.strength - a.strength || a.order - b.order || a.column - b.column);
  const columns = new Map<string, number>();
  const ambiguous: string[] = [];
  const used = new Set<number>();
  for (const c of claims) {
    if (columns.has(c.field) || ambiguous.includes(c.field) || used.has(c.column)) continue;
    const rivals = claims.filter(
      (d) => d.field === c.field && d.strength === c.strength && !used.has(d.column),
    );
    const same = rivals.every((d) => fold(labels[d.column]) === fold(labels[c.column]));
    if (same) columns.set(c.field, c.column);
    else ambiguous.push(c.field);
    for (const d of rivals) used.add(d.column);
  }
  return { columns, ambiguous };
}

/** A claim's strength for one field (higher is stronger), or null when the text does not claim it. */
export function claimStrength(label: string | null, words: readonly string[]): number | null {
  const h = fold(label);
  if (!h) return null;
  let best: number | null = null;
  words.forEach((w, i) => {
    const f = fold(w);
    if (!h.includes(f)) return;
    const s = (h === f ? 1000 : 0) + (100 - i);
    if (best === null || s > best) best = s;
  });
  return best;
}
