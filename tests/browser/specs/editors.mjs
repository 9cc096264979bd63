// The editors' journey of issue 9, in a real browser: sign in, correct a
// period by selecting its text in the source, merge two organisations,
// publish, see the project on the public page, sign out and see the drafts
// disappear. It runs on a registry of its own (the portal's registry is all
// published): one page imported as drafts by the real binary, an editor's
// account made with `tiltas user add` (the password on stdin).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { openPage, visit, screenshot, stepper } from '../lib/browser.mjs';
import { startServer } from '../lib/registry.mjs';

const EDITOR = 'editor@tiltas.test';
const PASSWORD = 'a browser test secret';
const NEW_END = '2023-12-31';

// Two pages: the one the editor reviews (two partners, a period, a later
// date to select), and another draft that must stay hidden.
const HARBOUR = [
  'Harbour cooperation between Kaunas and Bergen',
  '',
  'Project period: 2021-06-01 – 2022-08-31.',
  `The activities were extended until ${NEW_END}.`,
  'Project promoter: Kaunas Harbour Association (Lithuania).',
  'Project partner: Bergen Port Authority (Norway).',
  'Project budget: 50 000 EUR.',
  '',
].join('\n');
const HIDDEN = [
  'Lighthouse keepers exchange in Klaipėda',
  '',
  'Project period: 2020-01-01 – 2020-12-31.',
  'Project promoter: Klaipėda Lighthouse Society (Lithuania).',
  '',
].join('\n');

function tiltas(bin, db, args, input) {
  const r = spawnSync(bin, ['--db', db, ...args], { encoding: 'utf8', input });
  if (r.error) throw new Error(`could not run ${bin}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`tiltas ${args.join(' ')} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

export default function register(ctx) {
  test('editors: sign in, correct from the source, merge, publish, sign out', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'tiltas-editors-'));
    const db = join(dir, 'registry.db');
    writeFileSync(join(dir, 'harbour.txt'), HARBOUR);
    writeFileSync(join(dir, 'lighthouse.txt'), HIDDEN);
    tiltas(ctx.tiltas, db, ['init']);
    tiltas(ctx.tiltas, db, ['import', '--progress', 'none', join(dir, 'harbour.txt'), join(dir, 'lighthouse.txt')]);
    tiltas(ctx.tiltas, db, ['user', 'add', EDITOR, '--role', 'editor'], `${PASSWORD}\n`);
    const drafts = JSON.parse(tiltas(ctx.tiltas, db, ['list', '--json', '--state', 'draft']));
    const harbour = drafts.find((p) => /Harbour/.test(p.title));
    const hidden = drafts.find((p) => /Lighthouse/.test(p.title));
    assert.ok(harbour && hidden, `both pages became drafts: ${JSON.stringify(drafts)}`);
    const server = await startServer({ tiltas: ctx.tiltas, db });
    after(async () => {
      await server.stop().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    });
    const base = server.baseUrl;
    const { page, errors, close } = await openPage(ctx);
    const step = stepper(t);
    const reviewUrl = `${base}/review/projects/${harbour.id}`;
    try {
      await step('a draft is not public', async () => {
        const r = await page.goto(`${base}/projects/${harbour.id}`);
        assert.equal(r.status(), 404);
      });

      await step('sign in', async () => {
        await visit(page, `${base}/login`);
        await page.fill('#login-email', EDITOR);
        await page.fill('#login-password', PASSWORD);
        await Promise.all([page.waitForURL(`${base}/review`), page.click('form.login-form button[type="submit"]')]);
        assert.ok(await page.locator('table.queue a', { hasText: 'Harbour' }).count() === 1, 'the draft is queued');
        await screenshot(ctx, page, 'editors-1-queue');
      });

      await step('correct the period by selecting it in the source', async () => {
        await visit(page, reviewUrl);
        const end = page.locator('#field-period input[name="end"]');
        await end.click();
        // Select the later date in the source text, as a mouse would.
        await page.evaluate((text) => {
          const pre = document.getElementById('review-source-text');
          const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.data.indexOf(text);
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + text.length);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
            pre.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
            return;
          }
          throw new Error(`'${text}' is not in the source`);
        }, NEW_END);
        assert.equal(await end.inputValue(), NEW_END, 'the selection filled the field');
        await page.fill('#field-period input[name="note"]', 'extended, says the page');
        await Promise.all([page.waitForURL(reviewUrl), page.click('#field-period button[value="correct"]')]);
        assert.equal(await page.locator('#field-period input[name="end"]').inputValue(), NEW_END);
        await screenshot(ctx, page, 'editors-2-corrected');
      });

      await step('merge the two organisations', async () => {
        const forms = page.locator('#field-organisations form.merge-form');
        assert.ok(await forms.count() >= 1, 'a merge form per organisation');
        await Promise.all([page.waitForURL(reviewUrl), forms.first().locator('button').click()]);
        const links = await page.locator('#field-organisations ol.items a[href^="/organisations/"]').allTextContents();
        assert.equal(new Set(links).size, 1, `one organisation after the merge: ${links}`);
      });

      await step('publish and see the project on the public page', async () => {
        await Promise.all([page.waitForURL(reviewUrl), page.click('form.state-form button[value="publish"]')]);
        await visit(page, `${base}/projects/${harbour.id}`);
        assert.match(await page.locator('h1').textContent(), /Harbour/);
        assert.match(await page.locator('dd.period').textContent(), new RegExp(NEW_END));
        await screenshot(ctx, page, 'editors-3-public');
      });

      await step('the history lists every change', async () => {
        await visit(page, `${reviewUrl}/history`);
        assert.ok(await page.locator('table.history-table tbody tr').count() >= 3, 'period, merge, publish');
      });

      await step('sign out: the drafts disappear', async () => {
        await visit(page, reviewUrl);
        await Promise.all([page.waitForURL(`${base}/`), page.click('.editor-bar button[type="submit"]')]);
        await page.goto(`${base}/review/projects/${hidden.id}`);
        assert.match(page.url(), /\/login\?next=/, 'the review page asks for a login again');
        const r = await page.goto(`${base}/projects/${hidden.id}`);
        assert.equal(r.status(), 404, 'the other draft stays hidden');
        await visit(page, `${base}/projects/${harbour.id}`);
      });
      assert.deepEqual(errors, [], 'no script error on the editors\' pages');
    } finally {
      await close();
    }
  });
}
