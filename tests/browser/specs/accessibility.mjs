// axe-core on every page type of the portal (every GET page route, in English
// and Lithuanian): zero serious or critical violations. Failures list each
// rule and element with axe's advice. Uncaught script errors fail too: the
// pages' JavaScript only enhances, and must not break.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { openPage, pagePool, visit, axeViolations, formatViolations } from '../lib/browser.mjs';

const BLOCKING = new Set(['serious', 'critical']);

export default function register(ctx) {
  test('axe: no serious or critical violations on any page type', async (t) => {
    const pool = await pagePool(ctx);
    try {
      for (const p of ctx.pages) {
        await t.test(`${p.path} (${p.route})`, async () => {
          const { page, errors } = await pool.for(p);
          errors.length = 0;
          await visit(page, ctx.baseUrl + p.path);
          assert.equal(await page.getAttribute('html', 'lang'), p.lang, `${p.path}: <html lang> is not ${p.lang}`);
          const violations = await axeViolations(page);
          const blocking = violations.filter((v) => BLOCKING.has(v.impact));
          const minor = violations.filter((v) => !BLOCKING.has(v.impact));
          if (minor.length > 0) t.diagnostic(`${p.path}: minor/moderate: ${minor.map((v) => `${v.id} (${v.impact})`).join(', ')}`);
          assert.equal(blocking.length, 0, `serious or critical accessibility violations:\n${formatViolations(p.path, blocking)}`);
          assert.deepEqual(errors, [], `${p.path}: uncaught script errors`);
        });
      }
      assert.deepEqual(pool.dialogs(), [], 'dialogs opened');
    } finally {
      await pool.close();
    }
  });
}

// The typeahead's list exists only while open; axe checks it then too.
export function typeaheadOpen(ctx) {
  test('axe: the search page with the typeahead open', async () => {
    const { page, errors, close } = await openPage(ctx);
    try {
      await visit(page, `${ctx.baseUrl}/search`);
      const input = page.locator('input[data-suggest]');
      assert.equal(await input.count(), 1, 'the search box has no typeahead (input[data-suggest])');
      await input.pressSequentially('stavang', { delay: 20 });
      await page.locator('[role="listbox"] [role="option"]').first().waitFor({ state: 'visible', timeout: 5000 });
      await page.keyboard.press('ArrowDown');
      const blocking = (await axeViolations(page)).filter((v) => BLOCKING.has(v.impact));
      assert.equal(blocking.length, 0, `serious or critical accessibility violations:\n${formatViolations('/search (typeahead open)', blocking)}`);
      assert.deepEqual(errors, [], 'uncaught script errors');
    } finally {
      await close();
    }
  });
}
