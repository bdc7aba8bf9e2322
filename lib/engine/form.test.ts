import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { manager } from '@/lib/sites/manager';
import {
  buttonLabel,
  buttonOf,
  fill,
  findButton,
  findField,
  findPasswordDialog,
  isVisible,
  labelIs,
  nextField,
} from './form';
import { OWN_HOST_TAG } from './watch';

/** A saved replica page (tests/fixtures/html, scripts/save-html-fixtures.ts) as the document. */
function load(name: string): void {
  const file = join(import.meta.dirname, '../../tests/fixtures/html', `${name}.html`);
  document.documentElement.innerHTML = readFileSync(file, 'utf8').replace(/<link\b[^>]*>/gi, '');
}

describe('on the manager replica pages', () => {
  it('finds the 청구서관리 search fields and button by their words', () => {
    load('manager-bills');
    const from = findField(document, manager.search.from);
    expect(from?.id).toBe('startDate');
    expect(nextField(from!)?.id).toBe('endDate');
    expect(findField(document, manager.search.customer)?.id).toBe('custNm');
    expect(findField(document, manager.search.phone)?.id).toBe('hpNo');
    expect(findButton(document, manager.search.submit)?.className).toBe('btn-search');
  });

  it('finds the 결제취소 password dialog, and only when it is open', () => {
    load('manager-bills');
    expect(findPasswordDialog(document, manager.cancelDialog.words)).toBeNull();
    load('manager-bills-dialog');
    const found = findPasswordDialog(document, manager.cancelDialog.words)!;
    expect(found.input.id).toBe('cancelPw');
    expect(found.dialog.getAttribute('role')).toBe('dialog');
    expect(findButton(found.dialog, manager.cancelDialog.confirm)?.textContent).toBe('확인');
    expect(findButton(found.dialog, manager.cancelDialog.dismiss)?.textContent).toBe('취소');
  });

  it('does not take the login form for a password dialog', () => {
    load('manager-login');
    expect(document.querySelector('input[type=password]')).not.toBeNull();
    expect(findPasswordDialog(document, ['비밀번호'])).toBeNull();
    expect(findField(document, ['비밀번호'])?.id).toBe('userPw');
  });
});

describe('findField', () => {
  it('reads th + td, a span followed by its field, a wrapping label, and nothing else', () => {
    document.body.innerHTML = `
      <table><tr><th>고객 :</th><td><input id="a"></td></tr></table>
      <div><span>핸드폰번호*</span> <select id="b"><option>010</option></select></div>
      <label>메모 <textarea id="c"></textarea></label>
      <p>비고</p>`;
    expect(findField(document, ['고객'])?.id).toBe('a');
    expect(findField(document, ['핸드폰번호'])?.id).toBe('b');
    expect(findField(document, ['메모'])?.id).toBe('c');
    expect(findField(document, ['비고'])).toBeNull();
    expect(findField(document, ['없는 말'])).toBeNull();
  });

  it('skips hidden inputs, checkboxes and buttons', () => {
    document.body.innerHTML = `<div><b>고객</b><input type="hidden"><input type="checkbox">
      <input type="button" value="x"><input type="text" id="real"></div>`;
    expect(findField(document, ['고객'])?.id).toBe('real');
  });

  it('has no next field for a field without a container', () => {
    expect(nextField(document.createElement('input'))).toBeNull();
    document.body.innerHTML = '<span><input id="only"></span>';
    expect(nextField(document.getElementById('only')!)).toBeNull();
  });
});

describe('fill', () => {
  it('sets the value and fires input then change, bubbling', () => {
    document.body.innerHTML =
      '<form><input id="hp"><select id="s"><option>a</option><option>b</option></select></form>';
    const seen: string[] = [];
    const form = document.querySelector('form')!;
    form.addEventListener('input', (e) =>
      seen.push(`input:${(e.target as HTMLInputElement).value}`),
    );
    form.addEventListener('change', (e) =>
      seen.push(`change:${(e.target as HTMLInputElement).value}`),
    );
    fill(document.getElementById('hp') as HTMLInputElement, '01012345678');
    fill(document.getElementById('s') as HTMLSelectElement, 'b');
    expect(seen).toEqual(['input:01012345678', 'change:01012345678', 'input:b', 'change:b']);
  });

  it('assigns the value when the prototype has no setter', () => {
    const field = { value: '', dispatchEvent: vi.fn() } as unknown as HTMLInputElement;
    fill(field, '20261126');
    expect(field.value).toBe('20261126');
    expect(field.dispatchEvent).toHaveBeenCalledTimes(2);
  });
});

describe('buttons', () => {
  it('labels a button by its value, text, aria-label or title', () => {
    document.body.innerHTML = `<input type="button" id="a" value="검색">
      <button id="b"> 확인 </button><button id="c" aria-label="닫기"></button>
      <a id="d" title="결제취소"></a><span id="e"></span>`;
    const label = (id: string) => buttonLabel(document.getElementById(id)!);
    expect(['a', 'b', 'c', 'd', 'e'].map(label)).toEqual(['검색', '확인', '닫기', '결제취소', '']);
    expect(labelIs(document.getElementById('b')!, ['확 인'])).toBe(true);
    expect(labelIs(document.getElementById('b')!, ['확인하기'])).toBe(false);
    expect(labelIs(document.getElementById('e')!, [''])).toBe(false);
  });

  it('finds only visible buttons with exactly that label', () => {
    document.body.innerHTML = `<button style="visibility:hidden">검색</button>
      <button>상세검색</button><a role="button" id="ok">검색</a>`;
    expect(findButton(document, ['검색'])?.id).toBe('ok');
    expect(findButton(document, ['조회'])).toBeNull();
    expect(isVisible(document.getElementById('ok')!)).toBe(true);
  });

  it('tells which button an event went through, never one inside its own hosts', () => {
    document.body.innerHTML = `<div id="row"><button id="x"><span id="in">X</span></button></div>`;
    const host = document.createElement(OWN_HOST_TAG);
    host.attachShadow({ mode: 'open' }).innerHTML = '<button id="mine">처리하기</button>';
    document.getElementById('row')!.append(host);
    const via = (target: Element) => {
      let found: HTMLElement | null | undefined;
      document.addEventListener(
        'click',
        (e) => {
          found = buttonOf(e, [OWN_HOST_TAG]);
        },
        { once: true, capture: true },
      );
      target.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      return found;
    };
    expect(via(document.getElementById('in')!)?.id).toBe('x');
    expect(via(document.getElementById('row')!)).toBeNull();
    expect(via(host.shadowRoot!.getElementById('mine')!)).toBeNull();
  });
});

describe('findPasswordDialog', () => {
  it('wants a visible password field inside a dialog that says one of the words', () => {
    document.body.innerHTML = `
      <dialog open><p>로그인</p><input type="password"></dialog>
      <div aria-modal="true" style="visibility:hidden"><p>비밀번호</p><input type="password"></div>
      <div role="alertdialog"><p>취소 비밀번호를 입력하세요</p><input type="password" id="pw"></div>`;
    const found = findPasswordDialog(document, ['비밀번호']);
    expect(found?.input.id).toBe('pw');
    expect(found?.dialog.getAttribute('role')).toBe('alertdialog');
  });
});
