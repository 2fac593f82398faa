// Renders every [data-mermaid] element (workflow diagrams) with mermaid.js, on first load, after Blazor's enhanced
// navigation, and when an interactive component asks. The SVG goes inside an element Blazor renders empty, so the two
// never fight over the same DOM.
(function () {
    let counter = 0;
    let initialised = false;

    async function render(target) {
        if (!window.mermaid) {
            return;
        }
        if (!initialised) {
            window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
            initialised = true;
        }
        const elements = target ? [target] : document.querySelectorAll('[data-mermaid]');
        for (const element of elements) {
            const source = element.getAttribute('data-mermaid');
            if (!source || element.getAttribute('data-rendered') === source) {
                continue;
            }
            const { svg } = await window.mermaid.render('workflow-diagram-' + (++counter), source);
            element.innerHTML = svg;
            element.setAttribute('data-rendered', source);
        }
    }

    window.grantsWorkflow = { render: render };
    document.addEventListener('DOMContentLoaded', function () {
        render();
        if (window.Blazor && window.Blazor.addEventListener) {
            window.Blazor.addEventListener('enhancedload', function () { render(); });
        }
    });
})();
