import { browser } from 'wxt/browser';
import { CHANNEL, type Envelope } from './channel';
import type { Payload, Reply, RequestType, Responses } from './contract';

/** Thrown when the background refuses or fails a request; `code` says why. */
export class BackgroundError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'BackgroundError';
  }
}

/**
 * Calls the background. A sleeping MV3 worker or event page is woken by the message itself; a
 * rare "receiving end does not exist" while it restarts is retried a few times.
 */
export async function call<T extends RequestType>(
  type: T,
  payload: Payload<T>,
): Promise<Responses[T]> {
  const envelope: Envelope = { channel: CHANNEL, type, payload };
  let lastError: unknown;
  // ~6 s in all: a stopped MV3 worker restarts within that even on a loaded machine.
  for (let attempt = 0; attempt < 6; attempt++) {
    try {
      const reply = (await browser.runtime.sendMessage(envelope)) as Reply<T> | undefined;
      if (!reply) throw new BackgroundError('no_reply', 'The background did not answer.');
      if (!reply.ok) throw new BackgroundError(reply.error.code, reply.error.message);
      return reply.data;
    } catch (error) {
      if (error instanceof BackgroundError) throw error;
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(150 * 2 ** attempt, 2_000)));
    }
  }
  throw new BackgroundError('unreachable', String(lastError));
}
