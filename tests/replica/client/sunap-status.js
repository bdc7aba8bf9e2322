/* MacGai replica — 수납현황: 조회 and page links re-render #upSunap without a page reload. */
(() => {
  const MG = window.MG;
  const panel = document.getElementById('upSunap');
  const form = document.getElementById('frmSunap');

  async function load(params) {
    panel.innerHTML = await MG.getText('/Account/SunapList.ashx', params);
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    load(MG.formData(form));
  });

  panel.addEventListener('click', (e) => {
    const a = e.target.closest('.paging a');
    if (!a) return;
    e.preventDefault();
    const params = {};
    for (const [k, v] of new URL(a.href).searchParams) params[k] = v;
    load(params);
  });
})();
