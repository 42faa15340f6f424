
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
