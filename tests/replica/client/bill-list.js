/* 올톡페이 매니저 replica — 청구서관리: 결제취소 X (password layer), 알림톡 재발송, 파기. */
(() => {
  async function post(url, data) {
    const res = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'content-type': 'application/x-www-form-urlencoded; charset=UTF-8',
        'X-Requested-With': 'XMLHttpRequest',
      },
      body: new URLSearchParams(data),
    });
    return res.json();
  }

  /** Re-render the result area (count, table, paging) from the same URL. */
  async function refreshList() {
    const res = await fetch(window.location.href, { credentials: 'same-origin' });
    const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    const fresh = doc.getElementById('listArea');
    const current = document.getElementById('listArea');
    if (fresh && current) current.replaceWith(document.adoptNode(fresh));
  }

  function el(tag, props, text) {
    const node = document.createElement(tag);
    Object.assign(node, props || {});
    if (text !== undefined) node.textContent = text;
    return node;
  }

  let layer = null;
  function closeLayer() {
    if (layer) layer.remove();
    layer = null;
  }

  window.fnCancelPop = (btn, billIdx) => {
    closeLayer();
    const cells = btn.closest('tr').cells;
    const name = cells[1] ? cells[1].textContent : '';
    const amount = cells[4] ? cells[4].textContent : '';

    const dim = el('div', { className: 'layer-dim' });
    const box = el('div', { className: 'layer-pop' });
    box.setAttribute('role', 'dialog');
    box.setAttribute('aria-modal', 'true');
    box.setAttribute('aria-labelledby', 'cancelPopTitle');
    box.append(el('h3', { id: 'cancelPopTitle', className: 'layer-tit' }, '결제취소'));
    box.append(el('p', { className: 'layer-msg' }, '결제취소 비밀번호를 입력해 주세요.'));
    const info = el('dl', { className: 'layer-info' });
    info.append(
      el('dt', {}, '고객명'),
      el('dd', {}, name),
      el('dt', {}, '청구금액'),
      el('dd', {}, amount),
    );
    box.append(info);
    const row = el('div', { className: 'layer-row' });
    row.append(el('label', { htmlFor: 'cancelPw' }, '비밀번호'));
    const input = el('input', {
      type: 'password',
      id: 'cancelPw',
      name: 'cancelPw',
      autocomplete: 'off',
    });
    row.append(input);
    box.append(row);
    const err = el('p', { className: 'layer-err' });
    err.setAttribute('role', 'alert');
    box.append(err);
    const btns = el('div', { className: 'layer-btns' });
    const ok = el('button', { type: 'button', className: 'btn-search' }, '확인');
    const no = el('button', { type: 'button', className: 'btn-s gray' }, '취소');
    btns.append(ok, no);
    box.append(btns);
    dim.append(box);
    document.body.append(dim);
    layer = dim;

    async function submit() {
      if (!input.value) {
        err.textContent = '비밀번호를 입력해 주세요.';
        input.focus();
        return;
      }
      ok.disabled = true;
      try {
        const r = await post('/bill/billCancel.do', {
          billIdx: String(billIdx),
          cancelPw: input.value,
        });
        if (r.result !== 'SUCCESS') {
          err.textContent = r.msg;
          input.value = '';
          input.focus();
          return;
        }
        closeLayer();
        await refreshList();
      } finally {
        ok.disabled = false;
      }
    }
    ok.addEventListener('click', submit);
    no.addEventListener('click', closeLayer);
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') submit();
      if (e.key === 'Escape') closeLayer();
    });
    input.focus();
  };

  window.fnResend = async (_btn, billIdx) => {
    if (!confirm('알림톡을 재발송하시겠습니까?')) return;
    const r = await post('/bill/billResend.do', { billIdx: String(billIdx) });
    if (r.result !== 'SUCCESS') alert(r.msg);
    await refreshList();
  };

  window.fnDestroy = async (_btn, billIdx) => {
    if (!confirm('청구서를 파기하시겠습니까?\n파기된 청구서는 복구할 수 없습니다.')) return;
    const r = await post('/bill/billDestroy.do', { billIdx: String(billIdx) });
    if (r.result !== 'SUCCESS') alert(r.msg);
    await refreshList();
  };
})();
