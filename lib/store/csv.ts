import type { Reconciliation } from '@/lib/domain';
import type { BusinessRow } from './db';

/**
 * The bookkeeper's export: one row per reconciliation with its whole history, Korean headers,
 * UTF-8 with a BOM and CRLF so Excel opens it correctly. No password is ever part of a record.
 */

export const CSV_HEADERS = [
  '구분',
  '상태',
  '사업자',
  '학생/고객명',
  '핸드폰',
  '금액',
  '납부일자',
  '결제수단',
  '맥가이 결제상태',
  '청구서 고객명',
  '청구서 등록일자',
  '청구서 상태',
  '승인번호',
  '생성',
  '최근 변경',
  '이력',
] as const;

const STATE_KO: Record<Reconciliation['state'], string> = {
  pending: '매니저 취소 필요',
  in_progress: '처리 중',
  resolved: '처리 완료',
  dismissed: '제외',
  unverified: '확인 필요',
  drift: '매니저에서만 취소됨',
};

const seoul = new Intl.DateTimeFormat('ko-KR', {
  timeZone: 'Asia/Seoul',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

export function seoulTime(ms: number): string {
  return seoul.format(ms);
}

/** A spreadsheet cell: quoted when needed; a leading = + - @ is neutralised (no formula injection). */
export function csvCell(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d[\d,]*$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function history(r: Reconciliation): string {
  return r.events
    .map(
      (e) =>
        `${seoulTime(e.at)} ${e.type} ${e.from ? STATE_KO[e.from] : '-'}→${STATE_KO[e.to]}${e.reason ? ` (${e.reason})` : ''}`,
    )
    .join(' | ');
}

export function recordsToCsv(
  records: readonly Reconciliation[],
  businesses: readonly BusinessRow[],
): string {
  const names = new Map(businesses.map((b) => [b.id, b.name]));
  const rows = records.map((r) => {
    const p = r.payment;
    const i = r.invoice;
    return [
      r.id.startsWith('d:') ? '매니저에서만 취소' : '맥가이 강제취소',
      STATE_KO[r.state],
      (r.businessId && names.get(r.businessId)) || p?.businessName || '',
      p?.customer ?? i?.customerRaw ?? '',
      p?.phone ?? i?.phone ?? '',
      p?.amount ?? i?.amount ?? '',
      p?.date ?? '',
      p?.method ?? '',
      p?.status ?? '',
      i?.customerRaw ?? '',
      i?.registeredAt.replace('T', ' ') ?? '',
      i?.status ?? '',
      i?.approvalNo ?? '',
      seoulTime(r.createdAt),
      seoulTime(r.updatedAt),
      history(r),
    ].map(csvCell);
  });
  return `\uFEFF${[CSV_HEADERS.map(csvCell), ...rows].map((row) => row.join(',')).join('\r\n')}\r\n`;
}
