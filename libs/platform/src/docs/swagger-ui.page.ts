import { escapeHtml } from './html';

export const DOCS_ASSETS_PREFIX = '/docs/assets/';

/** Swagger UI rendering the committed contract served at `contractUrl`; scripts come from /docs/assets (no inline script). */
export function swaggerUiPage(title: string, contractUrl: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${DOCS_ASSETS_PREFIX}swagger-ui.css">
</head>
<body>
<div id="swagger-ui" data-contract-url="${escapeHtml(contractUrl)}"></div>
<script src="${DOCS_ASSETS_PREFIX}swagger-ui-bundle.js"></script>
<script src="${DOCS_ASSETS_PREFIX}weft-docs-init.js"></script>
</body>
</html>
`;
}

/** Started by the page above: reads the contract URL from the DOM, so the script is static. */
export const SWAGGER_UI_INIT = `window.addEventListener('load', function () {
  var root = document.getElementById('swagger-ui');
  window.ui = SwaggerUIBundle({
    url: root.getAttribute('data-contract-url'),
    dom_id: '#swagger-ui',
    deepLinking: true,
    docExpansion: 'list',
    defaultModelsExpandDepth: 0,
    presets: [SwaggerUIBundle.presets.apis],
  });
});
`;
