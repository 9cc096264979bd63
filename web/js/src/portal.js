// Progressive enhancements of the portal. Every page works without this
// script: it adds a typeahead to search boxes, an interactive layout of the
// partnership network, and field highlighting in the Source view. Bundled
// at build time (esbuild) into /static/portal.js; no request leaves the site.
import { typeahead } from './typeahead.js';
import { enhanceNetwork } from './network.js';
import { enhanceSource } from './source.js';

function start() {
  document.querySelectorAll('input[data-suggest]').forEach((input) => typeahead(input));
  document.querySelectorAll('svg.network').forEach((svg) => enhanceNetwork(svg));
  document.querySelectorAll('.source-view').forEach((view) => enhanceSource(view));
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', start);
} else {
  start();
}
