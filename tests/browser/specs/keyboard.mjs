// Keyboard use: on every page type the first Tab stop is the skip link, it is
// visible when focused, and following it moves focus to #content.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { openPage, pagePool, visit } from '../lib/browser.mjs';

export default function register(ctx) {
  test('keyboard: the skip link is the first tab stop and focuses #content', async (t) => {
    const pool = await pagePool(ctx);
    try {
      for (const p of ctx.pages) {
        await t.test(p.path, async () => {
          const { page } = await pool.for(p);
          await visit(page, ctx.baseUrl + p.path);
          await page.keyboard.press('Tab');
          const first = await page.evaluate(() => {
            const el = document.activeElement;
            const r = el.getBoundingClientRect();
            return {
              tag: el.tagName.toLowerCase(),
              className: el.className,
              href: el.getAttribute('href'),
              text: el.textContent.trim(),
              visible: r.width > 1 && r.height > 1 && r.bottom > 0 && r.right > 0 &&
                r.top < window.innerHeight && r.left < window.innerWidth,
            };
          });
          assert.equal(first.href, '#content',
            `the first tab stop is <${first.tag} class="${first.className}" href="${first.href}">${first.text}, not the skip link`);
          assert.ok(first.visible, 'the skip link is not visible when it has focus');
          await page.keyboard.press('Enter');
          const focused = await page.evaluate(() => document.activeElement?.id);
          assert.equal(focused, 'content', 'following the skip link did not move focus to #content');
        });
      }
    } finally {
      await pool.close();
    }
  });
}

// The search box's typeahead (a WAI-ARIA combobox) works from the keyboard:
// typing opens the list, ArrowDown marks an option (aria-activedescendant),
// Enter puts it into the box, Escape closes the list.
export function typeahead(ctx) {
  test('keyboard: the typeahead is a combobox usable without a mouse', async () => {
    const { page, close } = await openPage(ctx);
    try {
      await visit(page, `${ctx.baseUrl}/search`);
      const input = page.locator('input[data-suggest]');
      assert.equal(await input.count(), 1, 'the search box has no typeahead (input[data-suggest])');
      await input.focus();
      await input.pressSequentially('stavang', { delay: 20 });
      await page.locator('[role="listbox"] [role="option"]').first().waitFor({ state: 'visible', timeout: 5000 });
      assert.equal(await input.getAttribute('aria-expanded'), 'true');
      await page.keyboard.press('ArrowDown');
      const activeId = await input.getAttribute('aria-activedescendant');
      assert.ok(activeId, 'ArrowDown marked no option (no aria-activedescendant)');
      const option = page.locator(`[id="${activeId}"]`);
      assert.equal(await option.getAttribute('aria-selected'), 'true');
      const text = (await option.evaluate((el) => el.firstChild.textContent)).trim();
      await page.keyboard.press('Enter');
      assert.ok((await input.inputValue()).includes(text), `Enter did not put '${text}' into the box`);
      assert.equal(await input.getAttribute('aria-expanded'), 'false', 'the list stayed open after Enter');
      assert.equal(await page.evaluate(() => document.activeElement?.id), await input.getAttribute('id'), 'focus left the box');
    } finally {
      await close();
    }
  });
}
