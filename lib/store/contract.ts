import { z } from 'zod';
import type { Judgment } from './channel';

export type { Judgment } from './channel';

/**
 * The one typed API between content scripts / extension pages and the background. Every request
 * is validated here on arrival; anything that does not parse is rejected with a clear error.
 */

const text = z.string().max(2000);
const shortText = z.string().max(300);

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
  'recon.act': {
    from: 'page',
    payload: z.object({
      id: shortText,
      action: z.enum(['resolve', 'dismiss', 'undo']),
      reason: text.optional(),
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
}

export type Reply<T extends RequestType> =
  | { ok: true; data: Responses[T] }
  | { ok: false; error: { code: string; message: string } };
