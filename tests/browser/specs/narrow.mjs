// Readable from 360 px wide: no page type scrolls sideways on a 360 px
// viewport (document.scrollingElement.scrollWidth <= clientWidth). A failure
// names the elements that stick out. Each page gets a screenshot.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { pagePool, visit, screenshot } from '../lib/browser.mjs';

export default function register(ctx) {
  test('360 px wide: no horizontal scrolling on any page type', async (t) => {
    const pool = await pagePool(ctx, { width: 360, height: 740 });
    try {
      for (const p of ctx.pages) {
        await t.test(p.path, async () => {
          const { page } = await pool.for(p);
          await visit(page, ctx.baseUrl + p.path);
          const m = await page.evaluate(() => {
            const root = document.scrollingElement;
            const limit = root.clientWidth;
            const wide = [];
            for (const el of document.body.querySelectorAll('*')) {
              const r = el.getBoundingClientRect();
              if (r.right > limit + 0.5 && r.width > 0) {
                const name = el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '') +
                  (el.classList.length ? `.${[...el.classList].join('.')}` : '');
                wide.push(`${name} (right edge ${Math.round(r.right)} px)`);
              }
            }
            return { scrollWidth: root.scrollWidth, clientWidth: limit, wide: wide.slice(0, 10) };
          });
          await screenshot(ctx, page, `narrow-${p.slug}`);
          assert.ok(m.scrollWidth <= m.clientWidth,
            `${p.path} is ${m.scrollWidth} px wide in a ${m.clientWidth} px viewport; wider elements: ${m.wide.join(', ')}`);
        });
      }
    } finally {
      await pool.close();
    }
  });
}
