// Text from pages is escaped everywhere it is shown: a record imported with
// an <img onerror> title, a <script> description and an <svg onload>
// organisation name renders those as text on the search, project (both
// languages), organisation and home pages and in the typeahead's
// suggestions, and no dialog fires. The browser
// context bypasses any Content-Security-Policy, so escaping alone is tested.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { openPage, visit, screenshot, stepper } from '../lib/browser.mjs';
import { XSS_TITLE, XSS_DESCRIPTION, XSS_ORGANISATION } from '../lib/registry.mjs';

// Elements or attributes that only exist if a payload was parsed as markup.
async function injected(page) {
  return page.evaluate(() => {
    const found = [];
    for (const el of document.querySelectorAll('img[src="x"], [onerror], [onload]')) found.push(el.outerHTML);
    for (const s of document.querySelectorAll('script')) if (s.textContent.includes('alert(')) found.push(s.outerHTML);
    return found;
  });
}

export default function register(ctx) {
  test('XSS: payloads in imported records render as text', async (t) => {
    const { page, dialogs, close } = await openPage(ctx, { bypassCSP: true });
    const step = stepper(t);
    try {
      let projectPath;
      await step('search results', async () => {
        await visit(page, `${ctx.baseUrl}/search?q=onerror`);
        const hit = page.locator('.results .project-list > li a', { hasText: 'onerror' });
        assert.equal(await hit.count(), 1, 'the search for "onerror" does not list the payload record');
        assert.equal((await hit.textContent()).trim(), XSS_TITLE);
        assert.deepEqual(await injected(page), []);
        projectPath = new URL(await hit.getAttribute('href'), ctx.baseUrl).pathname;
        await screenshot(ctx, page, 'xss-search');
      });
      for (const prefix of ['', '/lt']) {
        await step(`project page ${prefix || '/'}`, async () => {
          await visit(page, ctx.baseUrl + prefix + projectPath);
          assert.equal((await page.locator('h1').textContent()).trim(), XSS_TITLE);
          assert.ok((await page.locator('main').textContent()).includes(XSS_DESCRIPTION), 'the description is not shown as text');
          const partner = page.locator('table.partners a', { hasText: 'svg' });
          assert.equal((await partner.textContent()).trim(), XSS_ORGANISATION);
          assert.deepEqual(await injected(page), []);
        });
      }
      await step('organisation page', async () => {
        await visit(page, ctx.baseUrl + projectPath);
        await page.locator('table.partners a', { hasText: 'svg' }).click();
        await page.waitForURL(/\/organisations\/\d+$/);
        assert.equal((await page.locator('h1').textContent()).trim(), XSS_ORGANISATION);
        assert.equal(await page.title().then((s) => s.includes(XSS_ORGANISATION)), true, 'the <title> does not show the name as text');
        assert.deepEqual(await injected(page), []);
        await screenshot(ctx, page, 'xss-organisation');
      });
      await step('typeahead suggestions', async () => {
        // The organisation's name comes back from /api/v1/suggest and is
        // put into the page by the portal's script.
        await visit(page, `${ctx.baseUrl}/search`);
        const input = page.locator('input[data-suggest]');
        assert.equal(await input.count(), 1, 'the search box has no typeahead (input[data-suggest])');
        await input.pressSequentially('svg onload', { delay: 20 });
        const option = page.locator('[role="option"]', { hasText: 'svg' });
        await option.first().waitFor({ state: 'visible', timeout: 5000 });
        assert.ok((await option.first().textContent()).startsWith(XSS_ORGANISATION),
          `the suggestion shows '${await option.first().textContent()}'`);
        assert.deepEqual(await injected(page), []);
        await screenshot(ctx, page, 'xss-typeahead');
      });
      await step('home page', async () => {
        await visit(page, ctx.baseUrl + '/');
        assert.deepEqual(await injected(page), []);
      });
      await page.waitForLoadState('networkidle');
      assert.deepEqual(dialogs, [], 'a payload opened a dialog');
    } finally {
      await close();
    }
  });
}
