import { isMacgaiCancelled, mentionsForceCancel, observePayment, transition } from '@/lib/domain';
import type { MacgaiPayment, Reconciliation } from '@/lib/domain/model';
import { getMany } from './bulk';
import type { Handoff, Judgment, Payload, Responses } from './contract';
import { type BusinessRow, type ReconDb, type ReconRow, stateSinceOf } from './db';

/**
 * The background's side of every request. Each write runs in one IndexedDB transaction and is
 * committed before the reply leaves, so a worker killed right after loses nothing the page saw.
 */

export interface ServiceDeps {
  db: ReconDb;
  now(): number;
  /** Called after every committed change (badge, live flags in every tab). */
  changed(): void;
  /** Opens or focuses the manager site for a business. */
  openManager(business: BusinessRow | null): Promise<boolean>;
}

/** How long a pressed [강제취소] waits for its row's status to change before it is forgotten. */
export const INTENT_TTL_MS = 10 * 60_000;
/**
 * A press may reach the background after the cancelled row it caused (its message retried while
 * the worker restarted): a record made that recently from the row, of unknown cause, takes the
 * press's cause instead.
 */
export const LATE_INTENT_MS = 60_000;

const MARKS: Partial<Record<Reconciliation['state'], NonNullable<Judgment>['mark']>> = {
  pending: 'pending',
  in_progress: 'pending',
  resolved: 'resolved',
  drift: 'drift',
};

/** The mark a record puts on its MacGai row; unverified and dismissed records show none. */
export function judgmentOf(record: Reconciliation | undefined | null): Judgment {
  const mark = record ? MARKS[record.state] : undefined;
  return record && mark ? { mark, id: record.id, since: stateSinceOf(record) } : null;
}

export function toRow(record: Reconciliation): ReconRow {
  return { ...record, stateSince: stateSinceOf(record) };
}

export function businessIdFor(name: string, bizNo: string | null): string {
  const digits = bizNo?.replace(/\D/g, '') ?? '';
  return digits.length === 10 ? `b:${digits}` : `n:${name.trim()}`;
}

const PAYMENT_FIELDS = [
  'key',
  'businessId',
  'businessName',
  'customer',
  'phone',
  'amount',
  'date',
  'method',
  'status',
  'note',
  'cause',
] as const satisfies readonly (keyof MacgaiPayment)[];

/** Whether two payments hold the same values (every field is a string, number or null). */
export function samePayment(
  a: MacgaiPayment | null | undefined,
  b: MacgaiPayment | null | undefined,
) {
  if (!a || !b) return a === b;
  if (Object.keys(a).length !== Object.keys(b).length) return false;
  return PAYMENT_FIELDS.every((f) => a[f] === b[f]);
}

/** Merges what a new sighting adds (phone, business) without losing what an older one knew. */
function mergePayment(old: MacgaiPayment | undefined, seen: MacgaiPayment): MacgaiPayment {
  if (!old) return seen;
  return {
    ...seen,
    phone: seen.phone ?? old.phone,
    businessId: seen.businessId ?? old.businessId,
    businessName: seen.businessName ?? old.businessName,
    cause: seen.cause ?? old.cause,
  };
}

export function createService(deps: ServiceDeps) {
  const { db } = deps;

  /** Fills businessId from a 사업자명 the page showed, when that business is known. */
  async function resolveBusinesses(payments: MacgaiPayment[]) {
    const names = [
      ...new Set(
        payments
          .filter((p) => !p.businessId && p.businessName)
          .map((p) => p.businessName as string),
      ),
    ];
    if (names.length === 0) return;
    const known = await db.businesses.where('name').anyOf(names).toArray();
    const byName = new Map(known.map((b) => [b.name, b.id]));
    for (const p of payments)
      if (!p.businessId && p.businessName) p.businessId = byName.get(p.businessName) ?? null;
  }

  /** The cause of a cancelled row: the user's own press, the words on the row, or what we knew. */
  function causeOf(
    seen: MacgaiPayment,
    old: MacgaiPayment | undefined,
    intent: { action: string } | undefined,
  ) {
    if (!isMacgaiCancelled(seen.status)) return null;
    if (old && !isMacgaiCancelled(old.status) && intent) {
      return intent.action === 'force' ? 'force' : 'normal';
    }
    if (mentionsForceCancel(seen.status, seen.note)) return 'force';
    return old?.cause ?? 'unknown';
  }

  async function observePayments(
    payload: Payload<'payments.observe'>,
  ): Promise<Responses['payments.observe']> {
    const now = deps.now();
    const judgments: Record<string, Judgment> = {};
    let wrote = false;
    await db.transaction('rw', [db.payments, db.records, db.intents, db.businesses], async () => {
      await resolveBusinesses(payload.payments);
      const keys = payload.payments.map((p) => p.key);
      // Most calls have no pressed button waiting and no drift record: skip those reads then.
      const [anyIntent, anyDrift] = await Promise.all([
        db.intents.limit(1).count(),
        db.records.where('id').startsWith('d:').limit(1).count(),
      ]);
      const [stored, intents, records, drifts] = await Promise.all([
        getMany(db.payments, keys),
        anyIntent ? db.intents.bulkGet(keys) : keys.map(() => undefined),
        getMany(
          db.records,
          keys.map((k) => `p:${k}`),
        ),
        anyDrift ? db.records.where('payment.key').anyOf(keys).toArray() : [],
      ]);
      const driftByKey = new Map(
        drifts.filter((r) => r.id.startsWith('d:')).map((r) => [r.payment?.key, r]),
      );
      const paymentWrites: MacgaiPayment[] = [];
      const recordWrites: ReconRow[] = [];
      const spentIntents: string[] = [];
      payload.payments.forEach((seen, i) => {
        const existing = records[i];
        // What is known of the payment: its own row, else the copy its record keeps (v3).
        const old = stored[i] ?? existing?.payment ?? undefined;
        const intent = intents[i] && now - intents[i].at < INTENT_TTL_MS ? intents[i] : undefined;
        const cause = causeOf(seen, old, intent);
        const payment = mergePayment(old, { ...seen, cause });
        if (intent && cause) spentIntents.push(seen.key);
        const next = observePayment(existing ?? null, payment, now);
        if (next && next !== existing) recordWrites.push(toRow(next));
        // A payment gets its own row only when that adds something: not when the record written
        // (or kept) already holds exactly this payment.
        const held = samePayment((next ?? existing)?.payment, payment);
        if (stored[i] ? !samePayment(payment, stored[i]) : !held) paymentWrites.push(payment);
        judgments[seen.key] = judgmentOf(next ?? existing) ?? judgmentOf(driftByKey.get(seen.key));
      });
      if (paymentWrites.length) await db.payments.bulkPut(paymentWrites);
      if (recordWrites.length) await db.records.bulkPut(recordWrites);
      if (spentIntents.length) await db.intents.bulkDelete(spentIntents);
      wrote = recordWrites.length > 0;
    });
    if (wrote) deps.changed();
    return { judgments };
  }

  async function recordIntent(
    payload: Payload<'payments.intent'>,
  ): Promise<Responses['payments.intent']> {
    if (isMacgaiCancelled(payload.payment.status)) return { recorded: false };
    const now = deps.now();
    let wrote = false;
    await db.transaction('rw', [db.intents, db.payments, db.records, db.businesses], async () => {
      await resolveBusinesses([payload.payment]);
      await db.intents
        .where('at')
        .below(now - INTENT_TTL_MS)
        .delete();
      const record = await db.records.get(`p:${payload.payment.key}`);
      if (
        record?.state === 'unverified' &&
        record.payment &&
        now - record.stateSince < LATE_INTENT_MS
      ) {
        // The row was seen cancelled first: the press says why (the payment keeps its status).
        const cause = payload.action === 'force' ? 'force' : 'normal';
        const next = observePayment(record, { ...record.payment, cause }, now);
        if (next && next !== record) {
          await db.records.put(toRow(next));
          wrote = true;
        }
        return;
      }
      await db.intents.put({
        key: payload.payment.key,
        action: payload.action,
        at: now,
        payment: payload.payment,
      });
      const old = (await db.payments.get(payload.payment.key)) ?? record?.payment ?? undefined;
      await db.payments.put(mergePayment(old, { ...payload.payment, cause: null }));
    });
    if (wrote) deps.changed();
    return { recorded: true };
  }

  async function learnBusinesses(
    payload: Payload<'businesses.learn'>,
  ): Promise<Responses['businesses.learn']> {
    const now = deps.now();
    await db.transaction('rw', db.businesses, async () => {
      for (const seen of payload.businesses) {
        const id = businessIdFor(seen.name, seen.bizNo);
        const old = await db.businesses.get(id);
        await db.businesses.put({
          id,
          name: seen.name,
          bizNo: seen.bizNo?.replace(/\D/g, '') || old?.bizNo || null,
          smsPayStatus: seen.smsPayStatus ?? old?.smsPayStatus ?? null,
          managerUrl: old?.managerUrl ?? null,
          managerAccount: old?.managerAccount ?? null,
          passwordPolicy: old?.passwordPolicy ?? 'derive',
          updatedAt: now,
        });
      }
    });
    deps.changed();
    return { learned: payload.businesses.length };
  }

  async function act(
    id: string,
    action: Parameters<typeof transition>[1],
  ): Promise<Reconciliation> {
    let result: Reconciliation | null = null;
    await db.transaction('rw', db.records, async () => {
      const record = await db.records.get(id);
      if (!record) throw new Error(`No reconciliation "${id}".`);
      const next = transition(record, action, deps.now());
      if (!next.ok) throw new Error(next.error.message);
      result = next.value;
      await db.records.put(toRow(next.value));
    });
    deps.changed();
    if (!result) throw new Error(`No reconciliation "${id}".`);
    return result;
  }

  return {
    changed: deps.changed,
    observePayments,
    recordIntent,
    learnBusinesses,
    act,
    async reportPage(payload: Payload<'page.report'>): Promise<Responses['page.report']> {
      if (payload.pageKind !== 'unrecognized' || payload.missing.length === 0)
        return { recorded: false };
      const now = deps.now();
      await db.transaction('rw', db.diagnostics, async () => {
        const same = await db.diagnostics
          .filter((d) => d.url === payload.url && d.missing.join() === payload.missing.join())
          .first();
        if (same?.id !== undefined) await db.diagnostics.update(same.id, { at: now });
        else await db.diagnostics.add({ at: now, ...payload });
      });
      deps.changed();
      return { recorded: true };
    },
    async nextManagerBusiness(payload: Payload<'manager.nextBusiness'>) {
      const businessId = businessIdFor(payload.business.name, payload.business.bizNo);
      await learnBusinesses({ businesses: [payload.business] });
      await db.settings.put({ key: 'nextManagerBusiness', value: { businessId, at: deps.now() } });
      return { businessId };
    },
    async start(id: string): Promise<Responses['recon.start']> {
      // The start and the hand-over are one write and one notice: an open manager tab never
      // sees the record started without knowing it is the one to work on.
      const record = await db.transaction('rw', [db.records, db.settings], async () => {
        const found = await db.records.get(id);
        if (!found) throw new Error(`No reconciliation "${id}".`);
        if (found.state === 'pending') {
          const started = transition(found, { type: 'start' }, deps.now());
          if (!started.ok) throw new Error(started.error.message);
          await db.records.put(toRow(started.value));
        }
        const handoff: Handoff = {
          id,
          businessId: found.businessId,
          at: deps.now(),
          searched: null,
          pickedKey: null,
        };
        await db.settings.put({ key: 'handoff', value: handoff });
        return found;
      });
      deps.changed();
      const business = record.businessId
        ? ((await db.businesses.get(record.businessId)) ?? null)
        : null;
      return { opened: await deps.openManager(business) };
    },
  };
}

export type Service = ReturnType<typeof createService>;
