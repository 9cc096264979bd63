// The visitor's journey of issue #7: home -> search for a word -> a facet
// narrows the results -> a project -> the same project in Lithuanian -> its
// Source view with the extracted fields highlighted. Each step takes a
// screenshot.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { openPage, visit, screenshot, stepper } from '../lib/browser.mjs';
import { SEARCH_WORD } from '../lib/pages.mjs';

const countOf = (text) => Number(/\((\d+)\)/.exec(text)?.[1]);

export default function register(ctx) {
  test('journey: search, facet, project, Lithuanian, Source view', async (t) => {
    const { page, errors, dialogs, close } = await openPage(ctx);
    const step = stepper(t);
    try {
      let projectId;

      await step('home page', async () => {
        await visit(page, ctx.baseUrl + '/');
        assert.equal(await page.getAttribute('html', 'lang'), 'en');
        assert.ok(await page.locator('h1').count() === 1, 'home has one h1');
        await screenshot(ctx, page, 'journey-1-home');
      });

      await step(`search for '${SEARCH_WORD}'`, async () => {
        // A search box on the home page is used when there is one; otherwise
        // the navigation's link to the search page.
        if (await page.locator('main input[name="q"]').count() === 0) {
          await page.locator('header nav a[href="/search"]').click();
          await page.waitForURL(/\/search$/);
        }
        await page.locator('main input[name="q"]').first().fill(SEARCH_WORD);
        await page.locator('main input[name="q"]').first().press('Enter');
        await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === SEARCH_WORD);
        assert.ok(await page.locator('.results .project-list > li').count() > 0, `no hit for '${SEARCH_WORD}'`);
        assert.ok(await page.locator('.results mark').count() > 0, 'no highlighted match in the hits');
        await screenshot(ctx, page, 'journey-2-search');
      });

      await step('a facet narrows the results', async () => {
        const summary = page.locator('.results p.summary');
        const before = (await summary.textContent()).trim();
        const hitsBefore = await page.locator('.results .project-list > li').count();
        // The first facet value that selects fewer projects than the search
        // found: clicking it must change the count.
        const links = page.locator('.facets a:not(.selected)');
        const n = await links.count();
        assert.ok(n > 0, 'the search page shows no facet links');
        let chosen = null;
        for (let i = 0; i < n; ++i) {
          const text = (await links.nth(i).textContent()).trim();
          if (countOf(text) < hitsBefore) {
            chosen = { index: i, text, count: countOf(text), href: await links.nth(i).getAttribute('href') };
            break;
          }
        }
        assert.ok(chosen, `no facet value narrows the ${hitsBefore} hits for '${SEARCH_WORD}'`);
        await links.nth(chosen.index).click();
        await page.waitForURL((url) => url.href.endsWith(chosen.href) || url.pathname + url.search === chosen.href);
        const after = (await summary.textContent()).trim();
        assert.notEqual(after, before, 'the count text did not change after the facet click');
        assert.equal(await page.locator('.results .project-list > li').count(), chosen.count,
          `the facet said (${chosen.count}) but the page lists another number of hits`);
        // The clicked value is now shown as active.
        const name = chosen.text.replace(/\s*\(\d+\)\s*$/, '');
        const active = page.locator('.facets a.selected[aria-current="true"]', { hasText: name });
        assert.equal(await active.count(), 1, `the facet value '${name}' is not shown as active`);
        assert.ok(await page.locator('.active-filters li', { hasText: name }).count() === 1,
          `'${name}' is not listed among the active filters`);
        await screenshot(ctx, page, 'journey-3-facet');
      });

      await step('open a project', async () => {
        await page.locator('.results .project-list > li a').first().click();
        await page.waitForURL(/\/projects\/\d+$/);
        projectId = /\/projects\/(\d+)$/.exec(new URL(page.url()).pathname)[1];
        assert.equal((await page.locator('dd.id').textContent()).trim(), projectId);
        assert.ok((await page.locator('h1').textContent()).trim().length > 0, 'the project has an empty title');
        await screenshot(ctx, page, 'journey-4-project');
      });

      await step('switch to Lithuanian', async () => {
        await page.locator('a.language-switch').click();
        await page.waitForURL(new RegExp(`/lt/projects/${projectId}$`));
        assert.equal(await page.getAttribute('html', 'lang'), 'lt');
        assert.equal((await page.locator('dd.id').textContent()).trim(), projectId, 'another project after the switch');
        await screenshot(ctx, page, 'journey-5-project-lt');
      });

      await step('the Source view highlights the extracted fields', async () => {
        const link = page.locator(`a[href="/lt/projects/${projectId}/source"]`);
        assert.ok(await link.count() > 0,
          `the project page /lt/projects/${projectId} has no link to its Source view ` +
          `(/lt/projects/${projectId}/source), which issue #7 asks for`);
        await link.first().click();
        await page.waitForURL(new RegExp(`/lt/projects/${projectId}/source$`));
        assert.equal(await page.getAttribute('html', 'lang'), 'lt');
        const marks = await page.locator('main mark').count();
        assert.ok(marks > 0, 'the Source view highlights nothing (no <mark> in the page)');
        await screenshot(ctx, page, 'journey-6-source-lt');
      });

      assert.deepEqual(errors, [], 'uncaught script errors during the journey');
      assert.deepEqual(dialogs, [], 'dialogs opened during the journey');
    } finally {
      await close();
    }
  });
}
