// The portal's browser tests (issue #7, Quality): Debian's chromium, headless,
// driven by playwright-core against the real `tiltas serve` on a throwaway
// registry. Plain node:test, so no browser is ever downloaded.
//
// Usage: node run.mjs --tiltas BIN --source-dir REPO --screenshots DIR [--chromium PATH]
// Exit 77 (CTest's SKIP_RETURN_CODE) only when chromium is absent; any other
// problem is a failure.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { accessSync, constants, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { createRegistry, startServer, addAccount } from './lib/registry.mjs';
import { pageRoutes, downloadRoutes, concretePaths, SEARCH_WORD } from './lib/pages.mjs';
import { pngSize } from './lib/browser.mjs';
import journey from './specs/journey.mjs';
import accessibility, { typeaheadOpen } from './specs/accessibility.mjs';
import narrow from './specs/narrow.mjs';
import keyboard, { typeahead } from './specs/keyboard.mjs';
import xss from './specs/xss.mjs';
import editors from './specs/editors.mjs';
import downloads from './specs/downloads.mjs';

const { values: args } = parseArgs({
  options: {
    tiltas: { type: 'string' },
    'source-dir': { type: 'string' },
    screenshots: { type: 'string' },
    chromium: { type: 'string', default: process.env.TILTAS_CHROMIUM || '/usr/bin/chromium' },
  },
});
for (const name of ['tiltas', 'source-dir', 'screenshots']) {
  if (!args[name]) {
    console.error(`usage: node run.mjs --tiltas BIN --source-dir REPO --screenshots DIR [--chromium PATH] (--${name} is missing)`);
    process.exit(2);
  }
}

try {
  accessSync(args.chromium, constants.X_OK);
} catch {
  console.log(`SKIP: no chromium at ${args.chromium} (scripts/install-deps.sh test installs Debian's chromium); ` +
    'the portal was not tested in a browser');
  process.exit(77);
}

// playwright-core comes from `npm ci` (the CTest fixture); its absence is a
// broken install, not a reason to skip.
const { chromium } = await import('playwright-core');

// Old screenshots are removed first, so the final check sees only this run's.
rmSync(args.screenshots, { recursive: true, force: true });
mkdirSync(args.screenshots, { recursive: true });

const registry = createRegistry({ tiltas: args.tiltas, sourceDir: args['source-dir'] });
let server;
let browser;
try {
  server = await startServer({ tiltas: args.tiltas, db: registry.db });
  browser = await chromium.launch({
    executablePath: args.chromium,
    headless: true,
    // --no-sandbox: CI runs as root, where chromium refuses its sandbox.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--font-render-hinting=none'],
  });
} catch (e) {
  await browser?.close();
  await server?.stop().catch(() => {});
  registry.remove();
  throw e;
}

after(async () => {
  await browser.close();
  const stopped = await server.stop();
  registry.remove();
  // A server that crashed while the pages were browsed is a failure even if
  // every page had already been checked.
  if (stopped.code !== 0 && stopped.signal !== 'SIGTERM') {
    console.error(`tiltas serve ended with ${stopped.code ?? stopped.signal}:\n${server.output()}`);
    process.exitCode = 1;
  }
});

// Sample ids for the routes' parameters, found on the running portal the way
// a visitor would reach them: the first search hit for SEARCH_WORD (a project
// imported from a corpus page, so it has source text), its first partner and
// first partner country.
async function findSamples(baseUrl) {
  const get = async (path) => {
    const r = await fetch(baseUrl + path);
    if (r.status !== 200) throw new Error(`GET ${path} answered ${r.status} while looking for sample ids`);
    return r.text();
  };
  const search = await get(`/search?q=${encodeURIComponent(SEARCH_WORD)}`);
  const project = /href="\/projects\/(\d+)"/.exec(search)?.[1];
  if (!project) throw new Error(`the search for '${SEARCH_WORD}' links no project: the registry import went wrong`);
  const page = await get(`/projects/${project}`);
  const organisation = /href="\/organisations\/(\d+)"/.exec(page)?.[1];
  const country = /href="\/countries\/([A-Z]{2})"/.exec(page)?.[1];
  if (!organisation || !country) throw new Error(`project ${project} links no organisation or no country`);
  return { projects: project, organisations: organisation, countries: country };
}

const ctx = {
  tiltas: args.tiltas,
  baseUrl: server.baseUrl,
  browser,
  screenshotDir: args.screenshots,
  screenshots: [],
  samples: await findSamples(server.baseUrl),
};
ctx.pages = concretePaths(pageRoutes(args['source-dir']), ctx.samples);
ctx.downloads = downloadRoutes(args['source-dir']);
// Pages behind sign-in are checked signed in as an administrator.
if (ctx.pages.some((p) => p.signedIn)) ctx.account = addAccount({ tiltas: args.tiltas, db: registry.db });
console.log(`# ${server.baseUrl}: ${ctx.pages.length} page routes: ${ctx.pages.map((p) => p.path).join(' ')}`);

journey(ctx);
accessibility(ctx);
typeaheadOpen(ctx);
narrow(ctx);
keyboard(ctx);
typeahead(ctx);
xss(ctx);
editors(ctx);
downloads(ctx);

test('every screenshot was written as a non-empty PNG', () => {
  assert.ok(ctx.screenshots.length > 0, 'no screenshot was taken');
  const onDisk = new Set(readdirSync(ctx.screenshotDir).map((f) => join(ctx.screenshotDir, f)));
  for (const path of ctx.screenshots) {
    assert.ok(onDisk.has(path), `${path} was not written`);
    const { width, height } = pngSize(path);
    assert.ok(width > 0 && height > 0, `${path} is a ${width}x${height} PNG`);
  }
});
