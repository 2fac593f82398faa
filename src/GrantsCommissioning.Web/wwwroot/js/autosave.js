// Progressive enhancement for application sections: posts the form (with its antiforgery token) as an autosave every
// 20 seconds and when a field loses focus after a change, and shows the "Saved at" text the server returns. Without
// JavaScript the "Save and continue" and "Save and come back later" buttons do the same job.
(function () {
    'use strict';
    function setUp(form) {
        if (form.dataset.autosaveReady) { return; }
        form.dataset.autosaveReady = '1';
        var dirty = false, busy = false, again = false;
        function status(text) {
            var el = document.getElementById('autosave-status');
            if (el && text) { el.textContent = text; }
        }
        function save() {
            // A change made while a save is on its way is saved as soon as that one returns, not left for the timer.
            if (busy) { again = true; return; }
            if (!dirty || !document.body.contains(form)) { return; }
            busy = true; dirty = false; again = false;
            status('Saving your answers…');
            var data = new FormData(form);
            data.set('Intent', 'autosave');
            fetch(form.getAttribute('action') || window.location.pathname, { method: 'POST', body: data, credentials: 'same-origin' })
                .then(function (r) { return r.text().then(function (t) { return { ok: r.ok, text: t }; }); })
                .then(function (r) {
                    var el = new DOMParser().parseFromString(r.text, 'text/html').getElementById('autosave-status');
                    if (r.ok && el) { status(el.textContent.trim()); } else { dirty = true; status('Not saved automatically. Use a save button to save your answers.'); }
                })
                .catch(function () { dirty = true; status('Could not save automatically: check your connection. Your answers are still on this page.'); })
                .then(function () { busy = false; if (again) { save(); } });
        }
        form.addEventListener('input', function () { dirty = true; });
        form.addEventListener('change', function () { dirty = true; });
        form.addEventListener('focusout', save);
        var timer = window.setInterval(function () {
            if (!document.body.contains(form)) { window.clearInterval(timer); return; }
            save();
        }, 20000);
    }
    function init() { document.querySelectorAll('form[data-autosave]').forEach(setUp); }
    if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', init); } else { init(); }
    if (window.Blazor && window.Blazor.addEventListener) { window.Blazor.addEventListener('enhancedload', init); }
})();
