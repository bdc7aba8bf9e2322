/* MacGai replica — 결제 사업자 관리 popup: select a business, open its manager site. */
(() => {
  window.fnSelectBiz = (row, bidx) => {
    for (const r of document.querySelectorAll('.biz-row')) {
      r.classList.remove('selected');
      if (r.getAttribute('role') === 'row') r.setAttribute('aria-selected', 'false');
    }
    row.classList.add('selected');
    if (row.getAttribute('role') === 'row') row.setAttribute('aria-selected', 'true');
    const radio = row.querySelector(`input[name="rdoBiz"][value="${bidx}"]`);
    if (radio) radio.checked = true;
  };

  document.getElementById('btnGoManager').addEventListener('click', () => {
    const radio = document.querySelector('input[name="rdoBiz"]:checked');
    if (!radio) {
      alert('사업자를 선택하세요.');
      return;
    }
    window.open(
      `/Academy/GoManager.aspx?bidx=${encodeURIComponent(radio.value)}`,
      'AllTalkPayManager',
    );
  });
})();
