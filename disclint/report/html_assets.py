"""The HTML report's own style sheet and script, inlined into every page (the page's
Content-Security-Policy allows exactly these two by their SHA-256 hash)."""

import base64
import hashlib

# Big documents: the text is cut into chunks with ``content-visibility:auto`` (off-screen chunks are
# not laid out), and findings are ``display:block`` rather than list items - hiding many list items
# is quadratic in Chromium (ordinal re-numbering): 2,400 findings took 5 s to filter, now 0.1 s.
CSS = """
:root{--err:#c62828;--warn:#e08a00;--info:#2f6fde;--ink:#1d2330;--mute:#5d6675;--line:#dde1e8;--bg:#f6f7f9}
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans CJK JP","Noto Sans JP","Hiragino Kaku Gothic ProN","Yu Gothic",Meiryo,sans-serif;color:var(--ink);background:var(--bg);line-height:1.6;font-size:14px}
header{background:#1d2330;color:#fff;padding:14px 24px}
header h1{margin:0;font-size:20px}
header .path{color:#c8d0dc;font-size:12px;word-break:break-all}
main{padding:16px 24px;max-width:1500px;margin:0 auto}
section.file{margin-bottom:40px}
h2{font-size:17px;border-left:4px solid var(--info);padding-left:8px;margin:22px 0 10px}
.summary{font-size:15px;margin:6px 0 12px}
.badge{display:inline-block;border-radius:3px;padding:0 6px;color:#fff;font-size:12px;margin-right:4px;white-space:nowrap}
.b-error{background:var(--err)}.b-warning{background:var(--warn)}.b-info{background:var(--info)}
.charts{display:flex;flex-wrap:wrap;gap:18px}
.chart{background:#fff;border:1px solid var(--line);border-radius:6px;padding:10px}
.chart h3{font-size:14px;margin:0 0 4px}
.note{color:var(--mute);font-size:12px;max-width:760px}
table.cov{border-collapse:collapse;background:#fff;width:100%;max-width:1100px}
table.cov th,table.cov td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
table.cov th{background:#eef1f5;font-weight:600}
table.cov tbody th,table.cov td[class^="st-"]{white-space:nowrap}
.st-covered{color:#1b7f3b;font-weight:600}.st-weak{color:#a06000;font-weight:600}.st-missing{color:var(--err);font-weight:600}
.cols{display:grid;grid-template-columns:minmax(320px,34%) 1fr;gap:18px;align-items:start}
@media (max-width:900px){.cols{grid-template-columns:1fr}}
.side{position:sticky;top:8px;height:calc(100vh - 16px);overflow:auto;background:#fff;border:1px solid var(--line);border-radius:6px;padding:10px}
form.filters fieldset{border:1px solid var(--line);border-radius:4px;margin:0 0 8px;padding:4px 8px}
form.filters legend{font-size:12px;color:var(--mute)}
form.filters label{display:inline-block;margin-right:10px;font-size:13px;white-space:nowrap}
ol.findings{list-style:none;padding:0;margin:0}
li.fd{display:block;content-visibility:auto;contain-intrinsic-size:auto 90px;border-left:4px solid var(--info);padding:4px 8px;margin:6px 0;background:#fafbfc}
li.fd.lv-error{border-color:var(--err)}li.fd.lv-warning{border-color:var(--warn)}
li.fd.off{display:none}
li.fd.focus{outline:2px solid var(--info)}
li.fd .where{font-size:12px;color:var(--mute)}
li.fd .rule{font-size:11px;color:var(--mute);font-family:monospace}
li.fd .hint{font-size:13px;color:#2c4a1c}
.doc{background:#fff;border:1px solid var(--line);border-radius:6px;padding:8px 14px}
.pg{margin:14px 0 4px;padding-top:6px;border-top:2px dashed var(--line);color:var(--mute);font-size:12px;font-weight:600}
.b{margin:4px 0;display:flex;gap:8px}
.b .loc{flex:0 0 auto;min-width:64px;color:var(--mute);font-size:11px;padding-top:3px;text-align:right}
.b .tx{white-space:pre-wrap;word-break:break-word;flex:1}
.k-heading .tx{font-weight:700;font-size:15px}
.k-caption .tx{font-style:italic;color:var(--mute)}
table.dt{border-collapse:collapse;margin:6px 0 6px 72px}
table.dt td{border:1px solid var(--line);padding:2px 6px;vertical-align:top;white-space:pre-wrap;font-size:13px}
table.dt caption{caption-side:top;text-align:left;color:var(--mute);font-size:11px}
mark{background:rgba(47,111,222,.16);border-bottom:2px solid var(--info);color:inherit;padding:0;cursor:pointer}
mark.lv-warning{background:rgba(224,138,0,.18);border-bottom-color:var(--warn)}
mark.lv-error{background:rgba(198,40,40,.16);border-bottom-color:var(--err)}
mark.off{background:transparent;border-bottom-color:transparent;cursor:auto}
.chunk{content-visibility:auto;contain-intrinsic-size:auto 900px}
mark.focus{outline:2px solid var(--ink)}
dl.profile{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;background:#fff;border:1px solid var(--line);border-radius:6px;padding:10px}
dl.profile dt{color:var(--mute)}dl.profile dd{margin:0;word-break:break-all}
ul.rules{columns:3 260px;font-family:monospace;font-size:12px;margin:4px 0}
"""

JS = """
(function(){
  'use strict';
  function checked(form, name){
    var out = {};
    Array.prototype.forEach.call(form.querySelectorAll('input[name="' + name + '"]'), function(i){ if (i.checked) out[i.value] = true; });
    return out;
  }
  function apply(form){
    var root = form.closest('section.file');
    var lv = checked(form, 'level'), q = checked(form, 'quality'), d = checked(form, 'directive');
    var hidden = {}, shown = 0;
    Array.prototype.forEach.call(root.querySelectorAll('li.fd'), function(li){
      var ds = (li.getAttribute('data-d') || '0').split(' ');
      var ok = !!lv[li.getAttribute('data-level')] && !!q[li.getAttribute('data-quality')] && ds.some(function(x){ return !!d[x]; });
      li.classList.toggle('off', !ok);
      if (ok) { shown++; } else { hidden[li.getAttribute('data-f')] = true; }
    });
    Array.prototype.forEach.call(root.querySelectorAll('mark[data-f]'), function(m){
      m.classList.toggle('off', !!hidden[m.getAttribute('data-f')]);
    });
    var counter = root.querySelector('.shown-count');
    if (counter) counter.textContent = String(shown);
  }
  function focus(root, f){
    Array.prototype.forEach.call(root.querySelectorAll('.focus'), function(e){ e.classList.remove('focus'); });
    var li = root.querySelector('li.fd[data-f="' + f + '"]');
    if (li) { li.classList.add('focus'); li.scrollIntoView({block: 'nearest'}); }
    Array.prototype.forEach.call(root.querySelectorAll('mark[data-f="' + f + '"]'), function(m){ m.classList.add('focus'); });
  }
  Array.prototype.forEach.call(document.querySelectorAll('form.filters'), function(form){
    form.addEventListener('change', function(){ apply(form); });
    apply(form);
  });
  document.addEventListener('click', function(ev){
    var m = ev.target.closest ? ev.target.closest('mark[data-f]:not(.off)') : null;
    if (m) { focus(m.closest('section.file'), m.getAttribute('data-f')); return; }
    var a = ev.target.closest ? ev.target.closest('li.fd a.go') : null;
    if (a) { var li = a.closest('li.fd'); focus(li.closest('section.file'), li.getAttribute('data-f')); }
  });
  document.documentElement.setAttribute('data-ready', '1');
})();
"""


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


# no network at all; only the page's own style and script
CSP = (
    f"default-src 'none'; img-src data:; style-src {_csp_hash(CSS)}; script-src {_csp_hash(JS)}; "
    "base-uri 'none'; form-action 'none'"
)
