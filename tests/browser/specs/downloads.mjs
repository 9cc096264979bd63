// The portal's downloads (routes of the table with a file extension, such
// as the results as CSV and as an SVG image): each is linked from the page
// of the same name, answers with the media type of its extension and is not
// empty; an SVG opens in the browser as an image (screenshot taken).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { openPage, visit, screenshot } from '../lib/browser.mjs';

const TYPES = { csv: 'text/csv', svg: 'image/svg+xml', json: 'application/json', xml: 'application/xml' };

export default function register(ctx) {
  test('downloads: linked from their page, of the right type, not empty', async (t) => {
    if (ctx.downloads.length === 0) {
      t.skip('the route table has no downloads');
      return;
    }
    const { page, errors, close } = await openPage(ctx);
    try {
      for (const d of ctx.downloads) {
        await t.test(d.path, async () => {
          const extension = d.path.split('.').pop();
          const pagePath = d.path.slice(0, -(extension.length + 1));
          if (ctx.pages.some((p) => p.path === pagePath)) {
            await visit(page, ctx.baseUrl + pagePath);
            assert.ok(await page.locator(`a[href^="${d.path}"]`).count() > 0, `${pagePath} has no link to ${d.path}`);
          }
          const r = await page.request.get(ctx.baseUrl + d.path);
          assert.equal(r.status(), 200, `${d.path} answered ${r.status()}`);
          const type = r.headers()['content-type'] ?? '';
          if (TYPES[extension]) assert.ok(type.startsWith(TYPES[extension]), `${d.path} is served as '${type}'`);
          const body = await r.text();
          assert.ok(body.length > 0, `${d.path} is empty`);
          if (extension === 'csv') {
            const lines = body.trim().split(/\r?\n/);
            assert.ok(lines.length >= 2 && lines[0].includes(','), `${d.path} has no header and rows:\n${body.slice(0, 300)}`);
          }
          if (extension === 'svg') {
            await visit(page, ctx.baseUrl + d.path);
            const root = await page.evaluate(() => document.documentElement.localName);
            assert.equal(root, 'svg', `${d.path} does not open as an SVG image`);
            await screenshot(ctx, page, `download-${d.path.replace(/^\//, '').replace(/[/.]/g, '-')}`, { fullPage: false });
          }
        });
      }
      assert.deepEqual(errors, [], 'uncaught script errors');
    } finally {
      await close();
    }
  });
}
