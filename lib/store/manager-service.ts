import {
  bizNoPasswordDefault,
  buildInvoiceIndex,
  buildPaymentIndex,
  explainDifference,
  isAllTalkPay,
  isMacgaiCancelled,
  isManagerCancelled,
  type ManagerInvoice,
  matchInvoice,
  matchPayment,
  observeDrift,
  observeInvoice,
  type Reconciliation,
  transition,
} from '@/lib/domain';
import type { Handoff, ManagerSession, ManagerView, Payload, QueueItem } from './contract';
import type { ReconDb, ReconRow } from './db';
import { toRow } from './service';

/**
 * The background's side of the manager site: which business a tab is, the work queue, the
 * hand-over from a [매니저] button, matching the visible invoices, settling records, drift, and
 * the cancel password (which never leaves this file except in the reply to the one fill).
 */

const NEXT_BUSINESS_TTL = 30 * 60_000;
const HANDOFF_TTL = 4 * 3_600_000;
const QUEUE_LIMIT = 300;

interface Deps {
  db: ReconDb;
  now(): number;
  changed(): void;
}

function queueItem(r: Reconciliation): QueueItem {
  return {
    id: r.id,
    state: r.state,
    customer: r.payment?.customer ?? r.invoice?.customer ?? '',
    phone: r.payment?.phone ?? r.invoice?.phone ?? null,
    amount: r.payment?.amount ?? r.invoice?.amount ?? 0,
    date: r.payment?.date ?? r.invoice?.registeredAt.slice(0, 10) ?? '',
    businessName: r.payment?.businessName ?? null,
  };
}

const belongs = (r: Reconciliation, businessId: string | null) =>
  businessId === null || r.businessId === null || r.businessId === businessId;

export function createManagerService({ db, now, changed }: Deps) {
  async function setting<T>(key: string): Promise<T | undefined> {
    return (await db.settings.get(key))?.value as T | undefined;
  }

  async function whichBusiness(tabId: number | null, pageText: string) {
    const businesses = await db.businesses.toArray();
    const tabs = (await setting<Record<string, string>>('managerTabs')) ?? {};
    const next = await setting<{ businessId: string; at: number }>('nextManagerBusiness');
    let id: string | undefined;
    if (next && now() - next.at < NEXT_BUSINESS_TTL) {
      id = next.businessId;
      await db.settings.delete('nextManagerBusiness');
    }
    if (!id) {
      const shown = businesses.filter((b) => b.name && pageText.includes(b.name));
      const longest = shown.sort((a, b) => b.name.length - a.name.length);
      const unique = longest.filter(
        (b) => !longest.some((o) => o !== b && o.name.includes(b.name)),
      );
      if (unique.length === 1) id = unique[0]?.id;
    }
    if (!id && tabId !== null) id = tabs[String(tabId)];
    if (!id && businesses.length === 1) id = businesses[0]?.id;
    const business = businesses.find((b) => b.id === id) ?? null;
    if (business && tabId !== null && tabs[String(tabId)] !== business.id) {
      await db.settings.put({
        key: 'managerTabs',
        value: { ...tabs, [String(tabId)]: business.id },
      });
    }
    return business;
  }

  async function activeHandoff(
    businessId: string | null,
  ): Promise<{ handoff: Handoff; record: ReconRow } | null> {
    const handoff = await setting<Handoff>('handoff');
    if (!handoff || now() - handoff.at > HANDOFF_TTL) return null;
    const record = await db.records.get(handoff.id);
    if (!record || !['pending', 'in_progress'].includes(record.state)) return null;
    if (!belongs(record, businessId)) return null;
    return { handoff, record };
  }

  async function session(
    payload: Payload<'manager.session'>,
    tabId: number | null,
  ): Promise<ManagerSession> {
    const business = await whichBusiness(tabId, payload.pageText);
    const businessId = business?.id ?? null;
    const open = await db.records.where('state').anyOf(['pending', 'in_progress']).toArray();
    const queue = open
      .filter((r) => belongs(r, businessId))
      .sort((a, b) => a.stateSince - b.stateSince)
      .slice(0, QUEUE_LIMIT)
      .map(queueItem);
    const active = await activeHandoff(businessId);
    return {
      business: business ? { id: business.id, name: business.name } : null,
      queue,
      handoff: active?.handoff ?? null,
      active: active ? queueItem(active.record) : null,
    };
  }

  /** Records of this business the visible list can settle: cancelled there → resolved; live → pending. */
  function settle(records: ReconRow[], invoices: ManagerInvoice[], t: number): ReconRow[] {
    const index = buildInvoiceIndex(invoices);
    const writes: ReconRow[] = [];
    for (const record of records) {
      if (!record.payment) continue;
      const match = matchPayment(index, record.payment, { purpose: 'settle' });
      if (match.kind !== 'unique') continue;
      const next = observeInvoice(record, match.invoice, t);
      if (next !== record && next.state !== record.state) writes.push(toRow(next));
    }
    return writes;
  }

  async function drift(
    invoices: ManagerInvoice[],
    businessId: string | null,
    t: number,
  ): Promise<ReconRow[]> {
    const cancelled = invoices.filter((i) => isManagerCancelled(i.status));
    if (cancelled.length === 0) return [];
    const live = await db.payments
      .filter(
        (p) =>
          !isMacgaiCancelled(p.status) &&
          isAllTalkPay(p.method) !== false &&
          (businessId === null || p.businessId === null || p.businessId === businessId),
      )
      .toArray();
    if (live.length === 0) return [];
    const index = buildPaymentIndex(live);
    const writes: ReconRow[] = [];
    for (const invoice of cancelled) {
      const match = matchInvoice(index, invoice, { purpose: 'settle' });
      if (match.kind !== 'unique') continue;
      const existing = (await db.records.get(`d:${invoice.key}`)) ?? null;
      const alreadyTracked = await db.records.get(`p:${match.payment.key}`);
      if (alreadyTracked && alreadyTracked.state !== 'dismissed') continue;
      const next = observeDrift(existing, invoice, match.payment, t);
      if (next && next !== existing) writes.push(toRow(next));
    }
    return writes;
  }

  async function observe(payload: Payload<'manager.observe'>): Promise<ManagerView> {
    const t = now();
    const view: ManagerView = {
      target: null,
      candidates: [],
      none: false,
      settled: 0,
      drift: 0,
      resolvedId: null,
    };
    const { businessId, invoices } = payload;
    const writes: ReconRow[] = [];
    await db.transaction(
      'rw',
      [db.records, db.invoices, db.payments, db.businesses, db.settings],
      async () => {
        if (businessId) {
          const url = new URL(payload.listUrl);
          await db.businesses.update(businessId, { managerUrl: `${url.origin}${url.pathname}` });
        }
        if (invoices.length) await db.invoices.bulkPut(invoices);
        const active = await activeHandoff(businessId);
        if (active?.record.payment) {
          const { handoff, record } = active;
          const picked = handoff.pickedKey
            ? invoices.find((i) => i.key === handoff.pickedKey)
            : undefined;
          const match = picked
            ? ({ kind: 'unique', invoice: picked } as const)
            : matchPayment(
                buildInvoiceIndex(invoices),
                record.payment as NonNullable<typeof record.payment>,
              );
          if (match.kind === 'unique') {
            view.target = { key: match.invoice.key, recordId: record.id };
            const next = observeInvoice(record, match.invoice, t);
            if (next !== record) {
              writes.push(toRow(next));
              if (next.state === 'resolved') view.resolvedId = record.id;
            }
          } else if (match.kind === 'ambiguous') {
            view.candidates = explainDifference(match.candidates).map((d) => ({
              key: d.key,
              fields: d.fields.map(({ label, value }) => ({ label, value })),
            }));
          } else if (handoff.searched) {
            view.none = true;
          }
        }
        const open = await db.records
          .where('state')
          .anyOf(['pending', 'in_progress', 'unverified'])
          .toArray();
        const others = open.filter((r) => belongs(r, businessId) && r.id !== active?.record.id);
        const settled = settle(others, invoices, t);
        view.settled = settled.filter((r) => r.state === 'resolved').length;
        const drifted = await drift(invoices, businessId, t);
        view.drift = drifted.length;
        writes.push(...settled, ...drifted);
        if (writes.length) await db.records.bulkPut(writes);
      },
    );
    if (writes.length) changed();
    return view;
  }

  async function handoff(
    payload: Payload<'manager.handoff'>,
  ): Promise<{ handoff: Handoff | null }> {
    const current = await setting<Handoff>('handoff');
    let next: Handoff | null = current ?? null;
    switch (payload.action) {
      case 'select': {
        const record = payload.id ? await db.records.get(payload.id) : undefined;
        if (!record) throw new Error('No such reconciliation.');
        if (record.state === 'pending') {
          const started = transition(record, { type: 'start' }, now());
          if (started.ok) await db.records.put(toRow(started.value));
          changed();
        }
        next = {
          id: record.id,
          businessId: record.businessId,
          at: now(),
          searched: null,
          pickedKey: null,
        };
        break;
      }
      case 'searched':
        if (next) next = { ...next, searched: payload.mode ?? 'normal', pickedKey: null };
        break;
      case 'widen':
        if (next) next = { ...next, searched: null };
        break;
      case 'pick':
        if (next) next = { ...next, pickedKey: payload.invoiceKey ?? null };
        break;
      case 'close':
        next = null;
        break;
    }
    if (next) await db.settings.put({ key: 'handoff', value: next });
    else await db.settings.delete('handoff');
    return { handoff: next };
  }

  /** Only for the business this very tab was recognised as; never for another tab or business. */
  async function password(
    businessId: string,
    tabId: number | null,
  ): Promise<{ password: string | null; source: 'stored' | 'derived' | null }> {
    const tabs = (await setting<Record<string, string>>('managerTabs')) ?? {};
    if (tabId === null || tabs[String(tabId)] !== businessId)
      throw new Error('This tab is not that business.');
    const business = await db.businesses.get(businessId);
    if (!business || business.passwordPolicy === 'ask') return { password: null, source: null };
    const stored = await db.secrets.get(businessId);
    if (stored) return { password: stored.cancelPassword, source: 'stored' };
    const derived = business.bizNo ? bizNoPasswordDefault(business.bizNo) : null;
    return derived ? { password: derived, source: 'derived' } : { password: null, source: null };
  }

  async function storePassword(businessId: string, secret: string) {
    if (!(await db.businesses.get(businessId))) throw new Error('Unknown business.');
    await db.transaction('rw', [db.secrets, db.businesses], async () => {
      await db.secrets.put({ businessId, cancelPassword: secret });
      await db.businesses.update(businessId, { passwordPolicy: 'stored', updatedAt: now() });
    });
    return { stored: true };
  }

  async function log(payload: Payload<'manager.log'>, tabId: number | null) {
    const tabs = (await setting<Record<string, string>>('managerTabs')) ?? {};
    const businessId = tabId === null ? null : (tabs[String(tabId)] ?? null);
    await db.log.add({ at: now(), type: payload.type, businessId, detail: payload.detail });
    return { logged: true };
  }

  return { session, observe, handoff, password, storePassword, log };
}
