// Which pages the page-wide checks (axe, 360 px, skip link) visit: every GET
// route of the portal's route table (src/http/routes.cc, handlers in pages::),
// read from the source so that a page added there is checked here without
// anyone remembering to list it. Parameters get sample values found by
// walking the running portal; a parameter without a sample fails the run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const DOWNLOAD = /\.[a-z0-9]+$/i;
const ROW = /\{\s*"GET"\s*,\s*"([^"]+)"\s*,\s*pages::(\w+)\s*(?:,\s*Access::k(\w+)\s*)?\}/g;

// The portal's downloads: GET routes of pages:: handlers whose path ends in
// a file extension (/results.csv, /results.svg).
export function downloadRoutes(sourceDir) {
  const text = readFileSync(join(sourceDir, 'src/http/routes.cc'), 'utf8');
  return [...text.matchAll(ROW)].filter((m) => DOWNLOAD.test(m[1])).map((m) => ({ path: m[1], handler: m[2] }));
}

// Rows of the route table: {"GET", "/lt/projects/:id", pages::project_page}.
export function pageRoutes(sourceDir) {
  const file = join(sourceDir, 'src/http/routes.cc');
  const text = readFileSync(file, 'utf8');
  const routes = [];
  // An optional fourth column, Access::kEditor or Access::kAdmin, means the
  // page needs a signed-in account (the specs sign in for those).
  for (const m of text.matchAll(ROW)) {
    // Downloads (a file extension, such as /results.csv or /results.svg)
    // are files, not pages: no landmarks, skip link or layout to check.
    if (DOWNLOAD.test(m[1])) continue;
    const access = (m[3] || 'Public').toLowerCase();
    routes.push({ path: m[1], handler: m[2], signedIn: access !== 'public' });
  }
  if (routes.length === 0) throw new Error(`no GET page routes (pages::...) found in ${file}: has the table moved?`);
  return routes;
}

// The words the search is tried with: they occur in the extractor's corpus
// pages (tests/extract/corpus), which the registry imports.
export const SEARCH_WORD = 'library';

// Concrete URLs for the routes, given samples such as { projects: '12',
// organisations: '3', countries: 'NO' } keyed by the segment before the
// parameter. The search page is visited with a query so that it has results,
// facets and highlighted snippets.
export function concretePaths(routes, samples) {
  const out = [];
  const slugs = new Set();
  for (const route of routes) {
    const segments = route.path.split('/');
    const filled = segments.map((s, i) => {
      if (!s.startsWith(':')) return s;
      const owner = segments[i - 1];
      if (!(owner in samples)) {
        throw new Error(`route ${route.path} (${route.handler}): no sample value for ${s} after /${owner}/; ` +
          'add one to the samples in tests/browser/run.mjs');
      }
      return encodeURIComponent(samples[owner]);
    });
    let path = filled.join('/') || '/';
    if (route.handler === 'search_page') path += `?q=${encodeURIComponent(SEARCH_WORD)}`;
    const lang = route.path === '/lt' || route.path.startsWith('/lt/') ? 'lt' : 'en';
    let slug = `${lang}-${route.handler.replace(/_page$/, '')}`;
    for (let n = 2; slugs.has(slug); ++n) slug = `${lang}-${route.handler.replace(/_page$/, '')}-${n}`;
    slugs.add(slug);
    out.push({ route: route.path, handler: route.handler, path, lang, slug, signedIn: route.signedIn });
  }
  return out;
}
