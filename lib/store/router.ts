import { CHANNEL } from './channel';
import { type Reply, type RequestType, type Responses, requests } from './contract';
import {
  allowed,
  classifySender,
  type SenderInfo,
  type SenderKind,
  type SenderRules,
} from './senders';

/** What the background does for each request; implemented by the store service. */
export type Handlers = {
  [T in RequestType]: (
    payload: import('./contract').Payload<T>,
    sender: { kind: SenderKind; tabId: number | null; url: string },
  ) => Promise<Responses[T]>;
};

function refuse(code: string, message: string): Reply<RequestType> {
  return { ok: false, error: { code, message } };
}

function isEnvelope(
  message: unknown,
): message is { channel: string; type: string; payload: unknown } {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { channel?: unknown }).channel === CHANNEL &&
    typeof (message as { type?: unknown }).type === 'string'
  );
}

/**
 * Validates a message (envelope, sender, payload) and dispatches it. Returns undefined for
 * messages that are not ours, so other listeners may answer them.
 */
export async function route(
  rules: SenderRules,
  handlers: Handlers,
  message: unknown,
  sender: SenderInfo,
): Promise<Reply<RequestType> | undefined> {
  if (!isEnvelope(message)) return undefined;
  const kind = classifySender(rules, sender);
  if (!kind) return refuse('forbidden_sender', 'This sender may not talk to the extension.');
  if (!Object.hasOwn(requests, message.type)) {
    return refuse('unknown_request', `Unknown request "${message.type}".`);
  }
  const type = message.type as RequestType;
  const spec = requests[type];
  if (!allowed(spec.from, kind)) {
    return refuse('forbidden_sender', `"${type}" may not be sent from a ${kind} context.`);
  }
  const parsed = spec.payload.safeParse(message.payload);
  if (!parsed.success) {
    return refuse('invalid_payload', `"${type}": ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  }
  try {
    const handler = handlers[type] as (p: unknown, s: unknown) => Promise<unknown>;
    const data = await handler(parsed.data, {
      kind,
      tabId: sender.tab?.id ?? null,
      url: sender.url ?? '',
    });
    return { ok: true, data } as Reply<RequestType>;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const code =
      error instanceof Error && error.name === 'DatabaseClosedError'
        ? 'db_closed'
        : typeof (error as { code?: unknown })?.code === 'string'
          ? (error as { code: string }).code
          : 'failed';
    return refuse(code, message);
  }
}
