// Small behaviours every page shares; each page works without them.
(function () {
  // The account menu closes on Escape (focus back on its button) and on a click outside it.
  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Escape') return;
    document.querySelectorAll('details.menu[open]').forEach(function (d) {
      d.open = false;
      d.querySelector('summary').focus();
    });
  });
  document.addEventListener('click', function (e) {
    document.querySelectorAll('details.menu[open]').forEach(function (d) {
      if (!d.contains(e.target)) d.open = false;
    });
  });

  // After a refused form, focus starts on the first field to fix; its message goes once it is edited.
  var invalid = document.querySelector('main [aria-invalid="true"]');
  if (invalid) invalid.focus();
  document.addEventListener('input', function (e) {
    var field = e.target;
    if (!field.getAttribute || field.getAttribute('aria-invalid') !== 'true') return;
    field.removeAttribute('aria-invalid');
    var error = document.getElementById(field.id + '-error');
    if (error) error.remove();
  });

  // A page still working (data-refresh="seconds") updates its [data-live] parts in place; without
  // script, a <noscript> refresh reloads the whole page instead.
  var refresh = document.querySelector('[data-refresh]');
  if (!refresh || !window.fetch) return;
  var seconds = Number(refresh.getAttribute('data-refresh')) || 2;
  function update() {
    fetch(location.href, { credentials: 'same-origin' })
      .then(function (r) {
        return r.text();
      })
      .then(function (html) {
        var next = new DOMParser().parseFromString(html, 'text/html');
        document.querySelectorAll('[data-live]').forEach(function (part) {
          var fresh = next.getElementById(part.id);
          if (fresh) part.replaceWith(document.importNode(fresh, true));
        });
        if (next.querySelector('[data-refresh]')) setTimeout(update, seconds * 1000);
      })
      .catch(function () {
        setTimeout(update, seconds * 4000);
      });
  }
  setTimeout(update, seconds * 1000);
})();
