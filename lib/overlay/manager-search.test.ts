import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { QueueItem } from '@/lib/store/contract';
import { fillSearch } from './manager-search';

/** A saved replica page (tests/fixtures/html, scripts/save-html-fixtures.ts) as the document. */
function load(name: string): void {
  const file = join(import.meta.dirname, '../../tests/fixtures/html', `${name}.html`);
  document.documentElement.innerHTML = readFileSync(file, 'utf8').replace(/<link\b[^>]*>/gi, '');
}

const ITEM: QueueItem = {
  id: 'r1',
  state: 'pending',
  customer: '고나은',
  phone: '01059296244',
  amount: 450000,
  date: '2026-11-24',
  businessName: '해솔수학학원',
};

const input = (id: string) => document.getElementById(id) as HTMLInputElement;

/** Every input/change event the page's own scripts would hear, as "id:type=value". */
let heard: string[];
/** Submits the page would have sent (prevented: happy-dom must not navigate). */
let submitted: number;
let searchClicks: number;
let listening: AbortController;

function listen(): void {
  const { signal } = listening;
  heard = [];
  submitted = 0;
  searchClicks = 0;
  for (const type of ['input', 'change']) {
    document.addEventListener(
      type,
      (e) => {
        const t = e.target as HTMLInputElement;
        heard.push(`${t.id}:${type}=${t.value}`);
      },
      { signal },
    );
  }
  document.addEventListener(
    'submit',
    (e) => {
      submitted++;
      e.preventDefault();
    },
    { signal },
  );
  for (const b of Array.from(document.querySelectorAll('button'))) {
    if (b.textContent === '검색') b.addEventListener('click', () => searchClicks++);
  }
}

beforeEach(() => {
  heard = [];
  listening = new AbortController();
});
afterEach(() => {
  listening.abort();
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

describe('fillSearch on the saved 청구서관리 page', () => {
  beforeEach(() => {
    load('manager-bills');
    listen();
  });

  it('fills 40 days before to 3 days after, the phone as digits, clears 고객, and presses 검색', () => {
    input('custNm').value = '이전 검색';
    expect(fillSearch(document, ITEM, 'normal')).toBe(true);
    expect(input('startDate').value).toBe('2026-10-15');
    expect(input('endDate').value).toBe('2026-11-27');
    expect(input('hpNo').value).toBe('01059296244'); // the placeholder says 숫자만 입력
    expect(input('custNm').value).toBe('');
    expect(searchClicks).toBe(1);
    expect(submitted).toBe(1);
  });

  it('fires input then change on every field it fills, as typing would', () => {
    fillSearch(document, ITEM, 'normal');
    expect(heard).toEqual([
      'startDate:input=2026-10-15',
      'startDate:change=2026-10-15',
      'endDate:input=2026-11-27',
      'endDate:change=2026-11-27',
      'hpNo:input=01059296244',
      'hpNo:change=01059296244',
      'custNm:input=',
      'custNm:change=',
    ]);
  });

  it('widens the window: 120 days before and 30 after (wide), a year before and 60 days after (phone)', () => {
    fillSearch(document, ITEM, 'wide');
    expect([input('startDate').value, input('endDate').value]).toEqual([
      '2026-07-27',
      '2026-12-24',
    ]);
    fillSearch(document, ITEM, 'phone');
    expect([input('startDate').value, input('endDate').value]).toEqual([
      '2025-11-24',
      '2027-01-23',
    ]);
    expect(input('hpNo').value).toBe('01059296244');
    expect(searchClicks).toBe(2);
  });

  it('searches by name when the record has no phone, and clears the phone', () => {
    input('hpNo').value = '01000000000';
    fillSearch(document, { ...ITEM, phone: null }, 'normal');
    expect(input('custNm').value).toBe('고나은');
    expect(input('hpNo').value).toBe('');
    expect(heard).toContain('custNm:change=고나은');
    expect(submitted).toBe(1);
  });

  it('crosses month and year ends', () => {
    fillSearch(document, { ...ITEM, date: '2026-01-02' }, 'normal');
    expect([input('startDate').value, input('endDate').value]).toEqual([
      '2025-11-23',
      '2026-01-05',
    ]);
  });
});

describe('fillSearch on other forms', () => {
  it('writes dates in a text field in the style already there, and the phone 3-4-4', () => {
    document.body.innerHTML = `<form id="f"><div><span>시작일</span><input id="from" value="2026.11.01"></div>
<div><span>종료일</span><input id="to" value="2026.11.30"></div>
<div><span>휴대폰</span><input id="hp" placeholder="010-0000-0000"></div>
<div><span>고객명</span><input id="name"></div>
<button type="button">조회</button></form>`;
    listen();
    const clicked = vi.fn();
    document.querySelector('button')?.addEventListener('click', clicked);
    expect(fillSearch(document, ITEM, 'normal')).toBe(true);
    expect(input('from').value).toBe('2026.10.15');
    expect(input('to').value).toBe('2026.11.27');
    expect(input('hp').value).toBe('010-5929-6244');
    expect(input('name').value).toBe('');
    expect(clicked).toHaveBeenCalledOnce();
  });

  it('takes the style from a placeholder when the date field is empty, and 3-4-4 by default', () => {
    document.body.innerHTML = `<form><table><tr><th>기간</th><td><input id="from" placeholder="2026/01/01"> ~ <input id="to" placeholder="2026/12/31"></td>
<th>연락처</th><td><input id="hp"></td><td><button>검색</button></td></tr></table></form>`;
    listen();
    fillSearch(document, ITEM, 'normal');
    expect(input('from').value).toBe('2026/10/15');
    expect(input('to').value).toBe('2026/11/27');
    expect(input('hp').value).toBe('010-5929-6244');
    expect(searchClicks).toBe(1);
    expect(submitted).toBe(1);
  });

  it('fills a form with only a 고객 field by name, without dates', () => {
    document.body.innerHTML = `<form><label for="c">고객</label><input id="c"><button>검색</button></form>`;
    listen();
    expect(fillSearch(document, ITEM, 'normal')).toBe(true);
    expect(input('c').value).toBe('고나은');
    expect(heard).toEqual(['c:input=고나은', 'c:change=고나은']);
    expect(searchClicks).toBe(1);
  });

  it('submits the form itself when it has no 검색 button', () => {
    document.body.innerHTML = `<form><label for="hp">핸드폰번호</label><input id="hp" placeholder="숫자만"></form>`;
    listen();
    expect(fillSearch(document, ITEM, 'normal')).toBe(true);
    expect(input('hp').value).toBe('01059296244');
    expect(submitted).toBe(1);
  });

  it('looks for the 검색 button in the whole page when the fields are in no form', () => {
    document.body.innerHTML = `<div><span>핸드폰</span><input id="hp"></div><div><button id="go">검색</button></div>`;
    listen();
    expect(fillSearch(document, ITEM, 'normal')).toBe(true);
    expect(input('hp').value).toBe('010-5929-6244');
    expect(searchClicks).toBe(1);
  });

  it('does nothing and says so when there is no phone or customer field', () => {
    document.body.innerHTML = `<form><label for="d">날짜</label><input id="d" type="date"><button>검색</button></form>`;
    listen();
    expect(fillSearch(document, ITEM, 'normal')).toBe(false);
    expect(input('d').value).toBe('');
    expect(heard).toEqual([]);
    expect(searchClicks).toBe(0);
    expect(submitted).toBe(0);
  });
});
