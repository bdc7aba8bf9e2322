import { z } from 'zod';
import { SHORT_TEXT_MAX, TEXT_MAX } from '@/lib/domain/limits';

// MV3's CSP forbids eval anyway: tell zod not to even try its compiled (eval) fast path.
z.config({ jitless: true });

import type { Judgment } from './channel';

export type { Judgment } from './channel';

/**
 * The one typed API between content scripts / extension pages and the background. Every request
 * is validated here on arrival; anything that does not parse is rejected with a clear error.
 */

const text = z.string().max(TEXT_MAX);
const shortText = z.string().max(SHORT_TEXT_MAX);

export const paymentSchema = z.object({
  key: shortText.min(1),
  businessId: shortText.nullable(),
  businessName: shortText.nullable(),
  customer: shortText,
  phone: z
    .string()
    .regex(/^\d{9,11}$/)
    .nullable(),
  amount: z.number().int().safe(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  method: shortText.nullable(),
  status: shortText,
  note: text,
  cause: z.enum(['normal', 'force', 'unknown']).nullable(),
});

export const invoiceSchema = z.object({
  key: shortText.min(1),
  businessId: shortText.nullable(),
  customer: shortText,
  customerRaw: shortText,
  phone: z
    .string()
    .regex(/^\d{9,11}$/)
    .nullable(),
  reason: shortText,
  amount: z.number().int().safe(),
  registeredAt: z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/),
  status: shortText,
  paidAt: shortText.nullable(),
  method: shortText.nullable(),
  cardCompany: shortText.nullable(),
  approvalNo: shortText.nullable(),
});

const site = z.enum(['macgai', 'manager']);

const businessSeen = z.object({
  name: shortText.min(1),
  bizNo: shortText.nullable(),
  smsPayStatus: shortText.nullable(),
});

/** Each request: its payload schema and who may send it. */
export const requests = {
  'page.report': {
    from: 'content',
    payload: z.object({
      site,
      url: text,
      pageKind: shortText,
      missing: z.array(shortText).max(50),
    }),
  },
  'payments.observe': {
    from: 'macgai',
    payload: z.object({ payments: z.array(paymentSchema).max(50_000) }),
  },
  'payments.intent': {
    from: 'macgai',
    payload: z.object({ action: z.enum(['force', 'normal']), payment: paymentSchema }),
  },
  'businesses.learn': {
    from: 'macgai',
    payload: z.object({ businesses: z.array(businessSeen).max(100) }),
  },
  'manager.nextBusiness': {
    from: 'macgai',
    payload: z.object({ business: businessSeen }),
  },
  'recon.start': {
    from: 'any',
    payload: z.object({ id: shortText }),
  },
  'manager.session': {
    from: 'manager',
    payload: z.object({ url: text, pageText: z.string().max(20_000) }),
  },
  'manager.observe': {
    from: 'manager',
    payload: z.object({
      businessId: shortText.nullable(),
      listUrl: text,
      invoices: z.array(invoiceSchema).max(50_000),
    }),
  },
  'manager.handoff': {
    from: 'manager',
    payload: z.object({
      action: z.enum(['searched', 'pick', 'select', 'widen', 'close']),
      id: shortText.optional(),
      invoiceKey: shortText.optional(),
      mode: z.enum(['normal', 'wide', 'phone']).optional(),
    }),
  },
  'manager.password': {
    from: 'manager',
    payload: z.object({ businessId: shortText }),
  },
  'manager.password.store': {
    from: 'manager',
    payload: z.object({ businessId: shortText, password: z.string().min(1).max(64) }),
  },
  'manager.log': {
    from: 'manager',
    payload: z.object({
      type: z.enum(['warning.resend', 'warning.destroy', 'password.rejected']),
      detail: text,
    }),
  },
  'business.save': {
    from: 'page',
    payload: z.object({
      id: shortText.optional(),
      name: shortText.min(1),
      bizNo: z
        .string()
        .regex(/^\d{3}-?\d{2}-?\d{5}$/)
        .nullable(),
      managerUrl: z.url().max(500).nullable(),
      managerAccount: shortText.nullable(),
      passwordPolicy: z.enum(['derive', 'stored', 'ask']),
      /** A new cancel password to store (policy 'stored'); null clears a stored one; absent keeps it. */
      password: z.string().min(1).max(64).nullable().optional(),
    }),
  },
  'business.delete': {
    from: 'page',
    payload: z.object({ id: shortText }),
  },
  'settings.set': {
    from: 'page',
    payload: z.discriminatedUnion('key', [
      z.object({ key: z.literal('overdueDays'), value: z.number().int().min(1).max(365) }),
    ]),
  },
  'hosts.add': {
    from: 'page',
    payload: z.object({ origin: z.string().regex(/^https?:\/\/[a-z0-9.-]+(:\d+)?$/i), site: site }),
  },
  'hosts.remove': {
    from: 'page',
    payload: z.object({ origin: text }),
  },
  'data.import': {
    from: 'page',
    payload: z.object({ backup: z.unknown() }),
  },
  'data.clear': {
    from: 'page',
    payload: z.object({ confirm: z.literal(true) }),
  },
  'diagnostics.clear': {
    from: 'page',
    payload: z.object({}),
  },
  'recon.act': {
    from: 'page',
    payload: z.object({
      id: shortText,
      action: z.enum(['resolve', 'dismiss', 'undo']),
      reason: text.optional(),
    }),
  },
  /** The month-end audit's findings the user confirmed: pending cancels and drift. */
  'audit.commit': {
    from: 'page',
    payload: z.object({
      pending: z.array(z.object({ payment: paymentSchema, invoice: invoiceSchema })).max(50_000),
      drift: z.array(z.object({ payment: paymentSchema, invoice: invoiceSchema })).max(50_000),
    }),
  },
} as const;

export type RequestType = keyof typeof requests;
export type Payload<T extends RequestType> = z.infer<(typeof requests)[T]['payload']>;

export interface Responses {
  'page.report': { recorded: boolean };
  'payments.observe': { judgments: Record<string, Judgment> };
  'payments.intent': { recorded: boolean };
  'businesses.learn': { learned: number };
  'manager.nextBusiness': { businessId: string };
  'recon.start': { opened: boolean };
  'recon.act': { state: string };
  'audit.commit': AuditCommitReport;
  'business.save': { id: string };
  'business.delete': { deleted: boolean };
  'settings.set': { saved: boolean };
  'hosts.add': { registered: boolean };
  'hosts.remove': { removed: boolean };
  'data.import': ImportReport;
  'data.clear': { cleared: boolean };
  'diagnostics.clear': { cleared: number };
  'manager.session': ManagerSession;
  'manager.observe': ManagerView;
  'manager.handoff': { handoff: Handoff | null };
  'manager.password': { password: string | null; source: 'stored' | 'derived' | null };
  'manager.password.store': { stored: boolean };
  'manager.log': { logged: boolean };
}

/**
 * What an audit commit did: `added` records now pending (new, or unverified ones the audit
 * confirmed), `alreadyKnown` items the store already tracked (kept as they were), `driftAdded`
 * new drift records.
 */
export interface AuditCommitReport {
  added: number;
  alreadyKnown: number;
  driftAdded: number;
}

/** What an import did: new records, records merged into existing ones, rows refused (and why). */
export interface ImportReport {
  added: number;
  merged: number;
  unchanged: number;
  businesses: number;
}

/** The reconciliation the manager tab is working on: set by [매니저] buttons, kept in the DB. */
export interface Handoff {
  id: string;
  businessId: string | null;
  at: number;
  /** The search the tab submitted for it ('normal' window, 'wide' window, 'phone' only). */
  searched: 'normal' | 'wide' | 'phone' | null;
  /** The invoice the user picked among candidates. */
  pickedKey: string | null;
}

export interface QueueItem {
  id: string;
  state: string;
  customer: string;
  phone: string | null;
  amount: number;
  date: string;
  businessName: string | null;
}

export interface ManagerSession {
  business: { id: string; name: string } | null;
  queue: QueueItem[];
  handoff: Handoff | null;
  /** What the active record is, for filling the search form. */
  active: QueueItem | null;
}

export interface ManagerView {
  /** The row to point at (one match, or the user's pick). */
  target: { key: string; recordId: string } | null;
  /** Several plausible rows: the user must pick; `fields` tell them apart. */
  candidates: { key: string; fields: { label: string; value: string }[] }[];
  /** Whether the active record's search found nothing plausible. */
  none: boolean;
  settled: number;
  drift: number;
  /** The active record, when this view resolved it (its row turned 결제취소/파기). */
  resolvedId: string | null;
}

export type Reply<T extends RequestType> =
  | { ok: true; data: Responses[T] }
  | { ok: false; error: { code: string; message: string } };
