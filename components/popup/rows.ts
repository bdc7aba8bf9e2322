import type { ReconState } from '@/lib/domain/model';
import type { BusinessRow, ReconRow } from '@/lib/store/db';

/** What the popup shows of one record, with what the search looks at precomputed. */
export interface ItemView {
  id: string;
  state: ReconState;
  name: string;
  /** Normalised digits, when known. */
  phone: string | null;
  amount: number | null;
  /** 'YYYY-MM-DD': 납부일자 (MacGai), else the invoice's 등록일자. */
  date: string;
  since: number;
  groupKey: string;
  /** The business's name, or null when unknown. */
  groupName: string | null;
  record: ReconRow;
  /** Lower-cased name and business, for the search. */
  text: string;
}

export function itemOf(row: ReconRow, businesses: ReadonlyMap<string, BusinessRow>): ItemView {
  const p = row.payment;
  const i = row.invoice;
  const known = row.businessId ? businesses.get(row.businessId) : undefined;
  const groupName = known?.name ?? p?.businessName ?? null;
  const groupKey = known ? known.id : groupName ? `name:${groupName}` : '';
  const name = p?.customer || i?.customerRaw || i?.customer || '';
  return {
    id: row.id,
    state: row.state,
    name,
    phone: p?.phone ?? i?.phone ?? null,
    amount: p?.amount ?? i?.amount ?? null,
    date: p?.date ?? i?.registeredAt.slice(0, 10) ?? '',
    since: row.stateSince,
    groupKey,
    groupName,
    record: row,
    text: `${name} ${groupName ?? ''}`.toLowerCase(),
  };
}

/**
 * The search: a name (or business) containing the text, or — when the text is a number — a
 * phone number or amount containing its digits ("1234", "010-1234", "280,000", "280000원").
 */
export function matcher(query: string): (item: ItemView) => boolean {
  const q = query.trim().toLowerCase();
  if (!q) return () => true;
  const numeric = /^[\d\s,.\-₩원+]+$/.test(q);
  const digits = numeric ? q.replace(/\D/g, '') : '';
  return (item) =>
    item.text.includes(q) ||
    (digits.length > 0 &&
      ((item.phone?.includes(digits) ?? false) ||
        (item.amount !== null && String(Math.abs(item.amount)).includes(digits))));
}

export type FlatRow =
  | { kind: 'group'; key: string; name: string | null; count: number }
  | { kind: 'item'; item: ItemView };

/**
 * Items grouped by business (known names in order, the unknown business last), each group's
 * items in the order given, flattened with one header row per group for the virtual list.
 */
export function groupRows(items: readonly ItemView[]): FlatRow[] {
  const groups = new Map<string, ItemView[]>();
  for (const item of items) {
    const list = groups.get(item.groupKey);
    if (list) list.push(item);
    else groups.set(item.groupKey, [item]);
  }
  const keys = [...groups.keys()].sort((a, b) => {
    if (a === '') return 1;
    if (b === '') return -1;
    const na = groups.get(a)?.[0]?.groupName ?? '';
    const nb = groups.get(b)?.[0]?.groupName ?? '';
    return na.localeCompare(nb, 'ko');
  });
  const out: FlatRow[] = [];
  for (const key of keys) {
    const list = groups.get(key) ?? [];
    out.push({ kind: 'group', key, name: list[0]?.groupName ?? null, count: list.length });
    for (const item of list) out.push({ kind: 'item', item });
  }
  return out;
}
