// Keyboard use: on every page type the first Tab stop is the skip link, it is
// visible when focused, and following it moves focus to #content.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { pagePool, visit } from '../lib/browser.mjs';

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
