/* MacGai replica — shared page helpers (window.MG) */
(() => {
  const pageQuery = new URLSearchParams(window.location.search);

  /** Build a same-origin URL, carrying the current layout. */
  function url(path, params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) {
      if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
    }
    if (pageQuery.get('layout') === 'grid') q.set('layout', 'grid');
    const s = q.toString();
    return s ? `${path}?${s}` : path;
  }

  /** Form fields as a plain object. */
  function formData(form) {
    const out = {};
    for (const [k, v] of new FormData(form)) out[k] = String(v);
    return out;
  }

  async function getText(path, params) {
    const res = await fetch(url(path, params), { credentials: 'same-origin' });
    return res.text();
  }

  async function postForm(path, data) {
    const res = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
      body: new URLSearchParams(data),
    });
    return res.json();
  }

  window.MG = { url, formData, getText, postForm };
})();
