import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A plain MacGai-like academy-wide list (수납현황 columns) with generated rows, served on
 * 127.0.0.1 (a MacGai replica host in the test build) for load tests: `/list?n=500&seed=a`.
 */
export function academyListHtml(n: number, seed: string, note = '강제취소'): string {
  const rows: string[] = [];
  for (let i = 0; i < n; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    rows.push(
      `<tr><td>${i + 1}</td><td>2026-11-${day}</td><td>${seed}학생${i}</td><td>${(100_000 + i * 10).toLocaleString('en-US')}</td><td>문자결제</td><td>결제취소</td><td>해솔수학학원</td><td>${note}</td></tr>`,
    );
  }
  return `<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>수납현황</title></head><body>
<h2>수납현황</h2><table border="1"><thead><tr><th>No</th><th>납부일자</th><th>학생명</th><th>납부금액</th><th>결제수단</th><th>결제상태</th><th>사업자명</th><th>참고사항</th></tr></thead>
<tbody>${rows.join('')}</tbody></table></body></html>`;
}

export async function startSynthetic(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const n = Math.min(Number(u.searchParams.get('n') ?? 50), 20_000);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      academyListHtml(
        n,
        u.searchParams.get('seed') ?? 'a',
        u.searchParams.get('note') ?? '강제취소',
      ),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
