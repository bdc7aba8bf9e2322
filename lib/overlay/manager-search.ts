import { addDays, detectDateStyle, detectPhoneStyle, formatDate, formatPhone } from '@/lib/domain';
import { fill, findButton, findField, nextField } from '@/lib/engine/form';
import { manager } from '@/lib/sites/manager';
import type { QueueItem } from '@/lib/store/contract';

/**
 * Fills 청구서관리's search form for one reconciliation — a date window around the payment's
 * day, the phone in the form's own format (else the name) — and submits it. Searching changes
 * nothing on the site, so this is the one thing the extension submits by itself.
 */

export type SearchMode = keyof typeof manager.searchWindows;

type Field = NonNullable<ReturnType<typeof findField>>;

function dateFor(field: Field, day: string): string {
  if (field instanceof HTMLInputElement && field.type === 'date') return day;
  const sample = field.value || (field instanceof HTMLInputElement ? field.placeholder : '');
  return formatDate(day, detectDateStyle(sample));
}

function phoneFor(field: Field, digits: string): string {
  const placeholder = field instanceof HTMLInputElement ? field.placeholder : '';
  if (manager.search.digitsOnly.some((w) => placeholder.includes(w))) return digits;
  return formatPhone(digits, detectPhoneStyle(field.value || placeholder));
}

/** Returns false when the form is not there (nothing was filled or submitted). */
export function fillSearch(root: Document, item: QueueItem, mode: SearchMode): boolean {
  const s = manager.search;
  const from = findField(root, s.from);
  const to = findField(root, s.to) ?? (from ? nextField(from) : null);
  const customer = findField(root, s.customer);
  const phone = findField(root, s.phone);
  if (!phone && !customer) return false;
  const [before, after] = manager.searchWindows[mode];
  if (from) fill(from, dateFor(from, addDays(item.date, -before)));
  if (to && to !== from) fill(to, dateFor(to, addDays(item.date, after)));
  // By phone whenever it is known (siblings and renamed customers still show); 'phone' mode is
  // the same with the widest window, and drops the name even when the phone is not known.
  const usePhone = Boolean(phone && item.phone);
  if (phone) fill(phone, usePhone && item.phone ? phoneFor(phone, item.phone) : '');
  if (customer) fill(customer, usePhone ? '' : item.customer);
  const form = (phone ?? customer)?.closest('form') ?? root;
  const submit = findButton(form, s.submit);
  if (submit) submit.click();
  else (phone ?? customer)?.closest('form')?.requestSubmit();
  return true;
}
