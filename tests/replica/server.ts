/**
 * One process, two origins, one shared state:
 * - MacGai replica on http://127.0.0.1:<macgaiPort>
 * - AllTalkPay manager replica on http://localhost:<managerPort> (bound on 127.0.0.1 and ::1)
 * Test-only control path on both: POST /__replica/reset {seed?}, GET /__replica/state.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type Handler,
  htmlRes,
  jsonRes,
  notFound,
  parseReq,
  type Req,
  type Res,
  type SiteCtx,
  send,
} from './http';
import { macgaiRoutes, macgaiStatic } from './macgai/routes';
import { managerRoutes, managerStatic } from './manager/routes';
import { DEFAULT_SEED } from './seed';
import { ReplicaStore } from './state';
import type { ReplicaState } from './types';

export interface ReplicaHandle {
  macgaiUrl: string;
  managerUrl: string;
  state(): ReplicaState;
  reset(seed?: number): void;
  close(): Promise<void>;
}

export interface ReplicaOptions {
  /** 0 (default) = ephemeral */
  macgaiPort?: number;
  /** 0 (default) = ephemeral */
  managerPort?: number;
  seed?: number;
}

const CLIENT_DIR = new URL('./client/', import.meta.url);
const TYPES: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
};

async function serveStatic(file: string): Promise<Res> {
  const body = await readFile(new URL(file, CLIENT_DIR), 'utf8');
  const ext = file.slice(file.lastIndexOf('.') + 1);
  return {
    status: 200,
    headers: { 'content-type': TYPES[ext] ?? 'text/plain; charset=utf-8' },
    body,
  };
}

function control(req: Req, ctx: SiteCtx): Res | undefined {
  if (req.path === '/__replica/state' && req.method === 'GET') return jsonRes(ctx.store.snapshot());
  if (req.path === '/__replica/reset' && req.method === 'POST') {
    const raw = req.form.get('seed');
    const seed = raw === null || raw === '' ? undefined : Number(raw);
    if (seed !== undefined && !Number.isInteger(seed))
      return jsonRes({ ok: false, error: 'seed must be an integer' }, 400);
    ctx.store.reset(seed);
    return jsonRes({ ok: true, seed: ctx.store.state.seed });
  }
  return undefined;
}

function app(
  routes: Record<string, Handler>,
  statics: Record<string, string>,
  ctx: SiteCtx,
): RequestListener {
  return async (req, res) => {
    let out: Res;
    try {
      const r = await parseReq(req);
      const method = r.method === 'HEAD' ? 'GET' : r.method;
      const route = routes[`${method} ${r.path}`];
      const file = method === 'GET' ? statics[r.path] : undefined;
      out =
        control(r, ctx) ??
        (route ? await route(r, ctx) : file ? await serveStatic(file) : notFound());
    } catch (e) {
      console.error('[replica]', e);
      out = htmlRes('<!DOCTYPE html><meta charset="utf-8"><h1>서버 오류가 발생했습니다.</h1>', 500);
    }
    send(res, out);
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

/** Bind 127.0.0.1 and, where the machine has IPv6 loopback, ::1 on the same port. */
async function listenLocalhost(
  handler: RequestListener,
  port: number,
): Promise<{ servers: Server[]; port: number }> {
  for (let attempt = 0; ; attempt++) {
    const v4 = createServer(handler);
    const actual = await listen(v4, port, '127.0.0.1');
    const v6 = createServer(handler);
    try {
      await listen(v6, actual, '::1');
      return { servers: [v4, v6], port: actual };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EADDRINUSE') return { servers: [v4], port: actual }; // no IPv6 loopback here
      await closeServer(v4);
      if (port !== 0 || attempt >= 9) throw e;
    }
  }
}

export async function startReplica(opts: ReplicaOptions = {}): Promise<ReplicaHandle> {
  const store = new ReplicaStore(opts.seed ?? DEFAULT_SEED);
  const ctx: SiteCtx = { store, macgaiUrl: '', managerUrl: '' };
  const macgai = createServer(app(macgaiRoutes, macgaiStatic, ctx));
  const macgaiPort = await listen(macgai, opts.macgaiPort ?? 0, '127.0.0.1');
  let manager: { servers: Server[]; port: number };
  try {
    manager = await listenLocalhost(app(managerRoutes, managerStatic, ctx), opts.managerPort ?? 0);
  } catch (e) {
    await closeServer(macgai);
    throw e;
  }
  ctx.macgaiUrl = `http://127.0.0.1:${macgaiPort}`;
  ctx.managerUrl = `http://localhost:${manager.port}`;
  const all = [macgai, ...manager.servers];
  return {
    macgaiUrl: ctx.macgaiUrl,
    managerUrl: ctx.managerUrl,
    state: () => store.snapshot(),
    reset: (seed?: number) => store.reset(seed),
    close: async () => {
      await Promise.all(all.map(closeServer));
    },
  };
}
