/**
 * Cell contents with their ground truth: every cell the generator writes knows what a correct
 * reader must get from it — a day, an amount, a base name, a phone number — or that it is junk
 * (the row must then be skipped, never read as 0 or as some other day).
 */
import type { Rng } from './rng';
import { collapse, containsAny, type ValueType } from './specs';

export type Truth =
  | { t: 'date'; date: string; time: string | null }
  | { t: 'amount'; value: number }
  | { t: 'name'; base: string }
  | { t: 'phone'; digits: string }
  /** Not a value of the column's type: a reader must not make one out of it. */
  | { t: 'junk' }
  /** Free text: read as shown. */
  | { t: 'text' };

export interface Cell {
  html: string;
  /** What the engine's cellText must give (visible text, input value, chosen option). */
  text: string;
  /** What the cell adds to its row's textContent (isDataRow looks at it). */
  raw: string;
  truth: Truth;
  /** Columns this cell covers (colspan); 1 for most. */
  span: number;
}

export const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function textCell(text: string, truth: Truth = { t: 'text' }): Cell {
  return { html: esc(text), text: collapse(text), raw: text, truth, span: 1 };
}

/** A cell made of pieces: [html, visible text] pairs. */
export function markupCell(parts: readonly (readonly [string, string])[], truth: Truth): Cell {
  const raw = parts.map(([, t]) => t).join('');
  return { html: parts.map(([h]) => h).join(''), text: collapse(raw), raw, truth, span: 1 };
}

// ---------------------------------------------------------------- markup that must stay text

/** HTML-looking text, written into cells as TEXT (escaped). */
export const MARKUP_TEXT = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '<svg onload=alert(1)>',
  '"><img src=x onerror=alert(document.domain)>',
  '<b>굵게</b>',
  '&lt;img src=x onerror=alert(1)&gt;',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<!-- 주석 -->',
] as const;

/** The markup text that leaves no letters once stripped (safe around a name). */
export const MARKUP_TEXT_NO_LETTERS = MARKUP_TEXT.filter((m) => m !== '<b>굵게</b>');

/** Real markup put inside cells: [html, the text it adds]. None of it may be multiplied. */
export const MARKUP_REAL: readonly (readonly [string, string])[] = [
  ['<img src="x" onerror="alert(1)">', ''],
  ['<svg onload="alert(1)"><circle r="1"></circle></svg>', ''],
  ['<b></b>', ''],
  ['<span class="ico"></span>', ''],
  ['<br>', ''],
  ['<input type="hidden" value="1">', ''],
  ['<i class="fa fa-check" aria-hidden="true"></i>', ''],
];

// ---------------------------------------------------------------- names

const SURNAMES = [
  ...'김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허남심노하곽성차주우구민진엄채원천방공현함변염여추도석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부가복태목형계피두감음빈동온호범좌팽승간시갈',
];
const GIVEN = [
  ...'민서지하윤준도현우예수은아연진유성재훈영호원희빈율린나다소채주건태찬혁석규정경미선혜인환철기용',
];

/** Safe Hangul names: none contains a header word of the site (a name is never a header). */
export function hangulName(rng: Rng, siteWords: readonly string[]): string {
  for (;;) {
    let n = rng.pick(SURNAMES);
    const given = rng.weighted([
      [1, 1],
      [2, 8],
      [3, 1],
    ] as const);
    for (let i = 0; i < given; i++) n += rng.pick(GIVEN);
    if (!containsAny(n, siteWords)) return n;
  }
}

const LATIN = ['John Smith', 'Emma Kim', 'Lee Minho', 'Anna', 'Park Jisoo'];

/** A name cell whose base the reader must find: plain, decorated, or with markup around it. */
export function nameCell(rng: Rng, base: string, allowMarkup: boolean): Cell {
  const truth: Truth = { t: 'name', base };
  const style = rng.weighted([
    ['plain', 10],
    ['suffix', 4],
    ['prefix', 3],
    ['markup-text', allowMarkup ? 3 : 0],
    ['markup-real', allowMarkup ? 3 : 0],
    ['link', 2],
    ['spaces', 2],
    ['emoji', 1],
  ] as const);
  switch (style) {
    case 'suffix':
      return textCell(
        base +
          rng.pick([
            '(형)',
            '(클라리넷)',
            ' (형)',
            '/치과진료비12,900원포함',
            '-중2',
            '[초6]',
            ' 🎹',
          ]),
        truth,
      );
    case 'prefix':
      return textCell(rng.pick(['[영어]', '(초등)', '중2 ', '2학년 ', '★ ', '1. ']) + base, truth);
    case 'markup-text': {
      const m = rng.pick(MARKUP_TEXT_NO_LETTERS);
      return textCell(rng.chance(0.5) ? base + m : `${m}${base}`, truth);
    }
    case 'markup-real': {
      const [h, t] = rng.pick(MARKUP_REAL);
      const wrap = rng.pick(['b', 'span', 'a href="#"', 'strong']);
      const tag = wrap.split(' ')[0];
      return markupCell(
        rng.chance(0.5)
          ? [
              [`<${wrap}>${esc(base)}</${tag}>`, base],
              [h, t],
            ]
          : [
              [h, t],
              [esc(base), base],
            ],
        truth,
      );
    }
    case 'link':
      return markupCell(
        [[`<a href="/Student/StudentMng.aspx?sidx=1">${esc(base)}</a>`, base]],
        truth,
      );
    case 'spaces':
      return textCell(`\n\t ${base}\u00a0 `, truth);
    case 'emoji':
      return textCell(`🙂${base}`, truth);
    default:
      return textCell(base, truth);
  }
}

export function latinName(rng: Rng): string {
  return rng.pick(LATIN);
}

// ---------------------------------------------------------------- dates

const KO_WEEKDAY = '일월화수목금토';
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export interface Day {
  y: number;
  m: number;
  d: number;
}

export function randomDay(rng: Rng): Day {
  const y = rng.int(2024, 2027);
  const m = rng.int(1, 12);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { y, m, d: rng.int(1, last) };
}

export const iso = (d: Day): string => `${d.y}-${pad(d.m)}-${pad(d.d)}`;
const weekday = (d: Day): string =>
  KO_WEEKDAY[new Date(Date.UTC(d.y, d.m - 1, d.d)).getUTCDay()] as string;

/** The day written as the sites (or a redesign) might write it. */
export function formatDay(rng: Rng, d: Day): string {
  const s = rng.weighted([
    [`${iso(d)}`, 10],
    [`${d.y}.${pad(d.m)}.${pad(d.d)}`, 3],
    [`${d.y}/${pad(d.m)}/${pad(d.d)}`, 2],
    [`${d.y}. ${pad(d.m)}. ${pad(d.d)}.`, 2],
    [`${String(d.y).slice(2)}.${pad(d.m)}.${pad(d.d)}`, 1],
    [`${d.y}-${d.m}-${d.d}`, 1],
    [`${d.y}년 ${d.m}월 ${d.d}일`, 1],
    [`${d.y}${pad(d.m)}${pad(d.d)}`, 1],
  ] as const);
  return rng.chance(0.2) ? `${s} (${weekday(d)})` : s;
}

export interface Time {
  h: number;
  min: number;
}

/** A time of day as written after a date, and the 'HH:MM' it means. */
export function formatTime(rng: Rng, t: Time): string {
  return rng.weighted([
    [`${pad(t.h)}:${pad(t.min)}:${pad(rng.int(0, 59))}`, 6],
    [`${pad(t.h)}:${pad(t.min)}`, 3],
    [`${t.h < 12 ? '오전' : '오후'} ${t.h % 12 === 0 ? 12 : t.h % 12}:${pad(t.min)}`, 2],
  ] as const);
}

export function dateCell(rng: Rng, d: Day, withTime: boolean): Cell {
  const day = formatDay(rng, d);
  if (!withTime) {
    // 납부일자 may carry a time too; the reader keeps the day.
    const text = rng.chance(0.1) ? `${day} ${formatTime(rng, { h: 15, min: 5 })}` : day;
    return textCell(text, { t: 'date', date: iso(d), time: null });
  }
  if (rng.chance(0.15)) return textCell(day, { t: 'date', date: iso(d), time: null });
  const time = { h: rng.int(0, 23), min: rng.int(0, 59) };
  return textCell(`${day} ${formatTime(rng, time)}`, {
    t: 'date',
    date: iso(d),
    time: `${pad(time.h)}:${pad(time.min)}`,
  });
}

// ---------------------------------------------------------------- amounts

const grouped = (n: number): string => String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const fullWidth = (s: string): string =>
  s.replace(/[0-9,]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

export function randomAmount(rng: Rng): number {
  const n = rng.weighted([
    [rng.int(1, 60) * 5_000, 8],
    [rng.int(1, 999) * 1_000, 3],
    [rng.int(1, 2_000_000), 1],
    [0, 0.2],
  ] as const);
  return rng.chance(0.05) ? -n : n;
}

export function amountCell(rng: Rng, n: number): Cell {
  const g = grouped(n);
  let text: string;
  if (n < 0) {
    text = rng.pick([`-${g}`, `(${g})`, `△${g}`, `\u2212${g}`, `-${g}원`, `₩-${g}`]);
  } else {
    text = rng.weighted([
      [g, 8],
      [`${g}원`, 6],
      [`₩${g}`, 1],
      [String(n), 2],
      [`KRW ${g}`, 1],
      [`${g} 원`, 1],
      [fullWidth(g), 1],
      [`+${g}`, 0.5],
      [`${n}.00`, 0.5],
    ] as const);
  }
  return textCell(text, { t: 'amount', value: n === 0 ? 0 : n });
}

// ---------------------------------------------------------------- phones

export function randomMobile(rng: Rng): string {
  return `010${pad(rng.int(0, 9999), 4)}${pad(rng.int(0, 9999), 4)}`;
}

export function phoneText(rng: Rng, digits: string): string {
  const a = digits.slice(0, 3);
  const b = digits.slice(3, 7);
  const c = digits.slice(7);
  return rng.weighted([
    [`${a}-${b}-${c}`, 8],
    [digits, 3],
    [`${a} ${b} ${c}`, 1],
    [`${a}.${b}.${c}`, 1],
    [`+82 ${a.slice(1)}-${b}-${c}`, 1],
    [`(${a})${b}-${c}`, 1],
  ] as const);
}

export function phoneCell(rng: Rng, digits: string): Cell {
  return textCell(phoneText(rng, digits), { t: 'phone', digits });
}

// ---------------------------------------------------------------- junk

const LOREM = '가나다라마바사아자차카타파하 결제 내역 메모 참고 학원 수업 안내 ';

/** Long text of about `n` characters (no digits: it must never read as an amount). */
export function longText(n: number): string {
  return LOREM.repeat(Math.ceil(n / LOREM.length)).slice(0, n);
}

/**
 * Junk common to every column. For a name column only text without letters counts as junk
 * ('없음' or a 300-character text would be a name to the reader, and rightly so).
 */
function commonJunk(rng: Rng, type: ValueType | 'any'): string {
  const name = type === 'name';
  const lengths = name ? [600, 2500] : [150, 300, 600, 2500];
  const markup = name ? MARKUP_TEXT_NO_LETTERS : MARKUP_TEXT;
  return rng.weighted([
    ['', 3],
    ['-', 3],
    [' ', 1],
    ['\u00a0', 1],
    ['  \n ', 1],
    ['🙂', 1],
    ['👍🏻✨', 1],
    ['N/A', name ? 0 : 1],
    ['없음', name ? 0 : 1],
    [rng.pick(markup), 2],
    [longText(rng.pick(lengths)), 1],
  ] as const);
}

/** Text in a date/amount/name/phone cell that must not read as that type. */
export function junkText(rng: Rng, type: ValueType): string {
  if (rng.chance(0.45)) return commonJunk(rng, type);
  switch (type) {
    case 'date':
    case 'datetime':
      return rng.pick([
        '180,000',
        '180,000원',
        '010-1234-5678',
        '2026-13-45',
        '2026-02-30',
        '오후 3:05',
        '합계',
        '11/16',
        '12:30',
        'No.3',
        '결제완료',
        '2026년',
      ]);
    case 'amount':
      return rng.pick([
        '2026-11-16',
        '010-1234-5678',
        '12.000',
        '1,2,3,4',
        '무료',
        '오천원',
        '합계',
        '180,000원 (할인)',
        '10%',
        '1.5',
        '결제완료',
        '--1000',
      ]);
    case 'name':
      return rng.pick(['12345', '2026-11-16', '010-1234-5678', '(형)', '[영어]', '123,000', '#']);
    case 'phone':
      return rng.pick(['02-555-1234', '010-1234', '1588-0000', '없음', '010-1234-56789']);
    default:
      return commonJunk(rng, type);
  }
}

/** A junk cell for a typed column (its truth says so), sometimes with real markup in it. */
export function junkCell(rng: Rng, type: ValueType): Cell {
  const text = junkText(rng, type);
  if (rng.chance(0.15)) {
    const [h, t] = rng.pick(MARKUP_REAL);
    return markupCell(
      [
        [esc(text), text],
        [h, t],
      ],
      { t: 'junk' },
    );
  }
  return textCell(text, { t: 'junk' });
}

/** Free text for a text column: usual values, and sometimes junk or numbers from elsewhere. */
export function freeTextCell(rng: Rng, usual: readonly string[]): Cell {
  const text = rng.weighted([
    [rng.pick(usual), 20],
    [commonJunk(rng, 'any'), 2],
    [rng.pick(['180,000', '2026-11-16', '010-1234-5678', '12345']), 1],
  ] as const);
  if (rng.chance(0.1)) {
    const [h, t] = rng.pick(MARKUP_REAL);
    return markupCell(
      [
        [`<span class="st">${esc(text)}</span>`, text],
        [h, t],
      ],
      { t: 'text' },
    );
  }
  return textCell(text);
}

/** Values per text field. */
export const USUAL: Record<string, readonly string[]> = {
  method: [
    '문자결제',
    '문자결제',
    '문자결제',
    '현금',
    '카드',
    '카드POS',
    '가상계좌',
    'CMS카드',
    '문자 결제',
  ],
  status: ['결제완료', '결제완료', '결제대기', '대기취소', '결제취소', '강제취소', ' 결제완료 ✅'],
  note: [
    '[문자결제] 삼성카드 일시불',
    '[문자결제] 알림톡 발송 11/16',
    '강제취소 처리',
    '',
    '12월분 선납',
    '형제 할인 10%',
  ],
  business: ['해솔수학학원', '해솔아트앤뮤직', '해솔영어', ''],
  reason: ['11월 수강료', '11월 교재비', '특강비', '치과진료비12,900원포함', '12월 레슨비'],
  invoiceStatus: ['발송완료', '결제완료', '결제중단', '발송실패', '결제취소', '파기'],
  invoiceMethod: ['신용카드', '계좌이체', '-', ''],
  cardCompany: ['현대카드', '삼성카드', 'KB국민카드', 'NH농협카드', '-'],
  approvalNo: ['76103591', '15191586', '-', ''],
  bizName: ['해솔수학학원', '해솔아트앤뮤직', '해솔영어교습소', '(주)해솔에듀'],
  bizNo: ['220-81-62517', '105-87-04281', '123-45-67890', '2208162517'],
  smsPay: ['사용가능', '사용불가', '신청중', '-'],
  extra: ['1', '알림톡', '학부모', '발행', '-', '초6', '11월 레슨비', 'Y', ''],
};
