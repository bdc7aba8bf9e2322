/** Minimal request/response plumbing over node:http (no framework). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ReplicaStore } from './state';

export interface Req {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Form fields (urlencoded) or the keys of a JSON object body. */
  form: URLSearchParams;
  json: unknown;
  cookies: Record<string, string>;
  headers: IncomingMessage['headers'];
  /** The URL as the browser asked for it (path + query). */
  url: string;
}

export interface Res {
  status: number;
  headers: Record<string, string | string[]>;
  body: string | Buffer;
}

export interface SiteCtx {
  store: ReplicaStore;
  macgaiUrl: string;
  managerUrl: string;
}

export type Handler = (req: Req, ctx: SiteCtx) => Res | Promise<Res>;

export function htmlRes(
  body: string,
  status = 200,
  headers: Record<string, string | string[]> = {},
): Res {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8', ...headers }, body };
}

export function jsonRes(data: unknown, status = 200): Res {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(data),
  };
}

export function redirect(location: string, headers: Record<string, string | string[]> = {}): Res {
  return { status: 302, headers: { location, ...headers }, body: '' };
}

export function notFound(): Res {
  return htmlRes(
    '<!DOCTYPE html><html lang="ko"><meta charset="utf-8"><title>404</title><h1>페이지를 찾을 수 없습니다.</h1></html>',
    404,
  );
}

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > 1_000_000) throw new Error('body too large');
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function parseReq(req: IncomingMessage): Promise<Req> {
  const u = new URL(req.url ?? '/', 'http://replica.invalid');
  const text = req.method === 'POST' ? await readBody(req) : '';
  const type = req.headers['content-type'] ?? '';
  let json: unknown = null;
  let form = new URLSearchParams();
  if (type.includes('application/json') && text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    if (json && typeof json === 'object') {
      for (const [k, v] of Object.entries(json)) form.set(k, String(v));
    }
  } else if (text) {
    form = new URLSearchParams(text);
  }
  return {
    method: req.method ?? 'GET',
    path: u.pathname,
    query: u.searchParams,
    form,
    json,
    cookies: parseCookies(req.headers.cookie),
    headers: req.headers,
    url: u.pathname + u.search,
  };
}

export function send(res: ServerResponse, r: Res): void {
  res.writeHead(r.status, { 'cache-control': 'no-store', ...r.headers });
  res.end(r.body);
}

/** Integer query/form value, or fallback. */
export function intParam(v: string | null, fallback = 0): number {
  const n = Number.parseInt(v ?? '', 10);
  return Number.isFinite(n) ? n : fallback;
}
