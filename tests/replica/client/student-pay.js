/* MacGai replica — 학생관리 결제 탭: row selection, filters and cancel buttons.
 * The list is re-rendered in place (like an ASP.NET UpdatePanel): #upPayList gets new innerHTML. */
(() => {
  const MG = window.MG;
  const panel = document.getElementById('upPayList');
  const detail = document.getElementById('pnlPayDetail');
  const form = document.getElementById('frmPaySearch');
  const guide = detail.innerHTML;
  let selected = 0;

  async function loadDetail(pidx) {
    const text = await MG.getText('/Student/PayDetail.ashx', { pidx });
    if (selected === pidx) detail.innerHTML = text;
  }

  window.fnSelectPay = (row, pidx) => {
    for (const r of panel.querySelectorAll('.pay-row')) {
      r.classList.remove('selected');
      if (r.getAttribute('role') === 'row') r.setAttribute('aria-selected', 'false');
    }
    row.classList.add('selected');
    if (row.getAttribute('role') === 'row') row.setAttribute('aria-selected', 'true');
    selected = pidx;
    loadDetail(pidx);
  };

  async function loadList() {
    const params = MG.formData(form);
    delete params.tab;
    panel.innerHTML = await MG.getText('/Student/PayList.ashx', params);
    selected = 0;
    detail.innerHTML = guide;
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    loadList();
  });
  document.getElementById('ddlPayStatus').addEventListener('change', () => loadList());

  const CONFIRM = {
    cancel:
      '선택한 결제를 취소하시겠습니까?\n문자결제(올톡페이) 건은 결제대기이면 청구서가 파기되고, 결제완료이면 결제가 취소됩니다.',
    force:
      '선택한 결제를 강제취소 하시겠습니까?\n강제취소는 결제 연동사(올톡페이)에 반영되지 않습니다.\n올톡페이 매니저 사이트에서 별도로 취소해야 합니다.',
  };

  async function cancel(mode) {
    if (!selected) {
      alert('결제 내역을 선택하세요.');
      return;
    }
    if (!confirm(CONFIRM[mode])) return;
    const r = await MG.postForm('/Student/PayCancel.ashx', { pidx: String(selected), mode });
    if (r.result !== 'OK') {
      alert(r.message);
      return;
    }
    await loadList();
  }

  document.getElementById('btnPayCancel').addEventListener('click', () => cancel('cancel'));
  document.getElementById('btnForceCancel').addEventListener('click', () => cancel('force'));
  document.getElementById('btnUnpaidImport').addEventListener('click', () => {
    alert(selected ? '가져올 미납내역이 없습니다.' : '결제 내역을 선택하세요.');
  });
})();
