// Helpers over playwright-core for the specs: pages that record what went
// wrong in the browser (uncaught errors, dialogs), screenshots that the run
// checks at the end, and axe-core runs reported readably.
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// A new browser context and page. Every page records its uncaught script
// errors and dismisses (and records) any dialog, so a spec can assert that
// none fired. bypassCSP is for the XSS check: escaping alone must keep a
// payload inert, whatever Content-Security-Policy the server adds.
export async function openPage(ctx, { width = 1280, height = 900, bypassCSP = false, locale = 'en-GB' } = {}) {
  const context = await ctx.browser.newContext({ viewport: { width, height }, bypassCSP, locale });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  const errors = [];
  const dialogs = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  return { page, errors, dialogs, close: () => context.close() };
}

// Navigates and fails with the status and URL when the server does not
// answer 200 (a page type that is missing shows up here as its 404).
export async function visit(page, url) {
  const response = await page.goto(url, { waitUntil: 'load' });
  if (!response) throw new Error(`no response for ${url}`);
  if (response.status() !== 200) {
    throw new Error(`${url} answered ${response.status()} ${response.statusText()}, expected 200`);
  }
  // A page that needs an account redirects to the sign-in form: that would
  // check the form instead of the page.
  if (new URL(page.url()).pathname !== new URL(url).pathname) {
    throw new Error(`${url} redirected to ${page.url()}`);
  }
  return response;
}

// Signs the page's browser context in with the run's account through the
// sign-in form, as an editor would.
export async function signIn(ctx, page) {
  if (!ctx.account) throw new Error('this page needs an account, but the run made none');
  await visit(page, `${ctx.baseUrl}/login`);
  await page.locator('input[name="email"]').fill(ctx.account.email);
  await page.locator('input[name="password"]').fill(ctx.account.password);
  await Promise.all([page.waitForNavigation(), page.locator('form.login-form button[type="submit"]').click()]);
  if (await page.locator('input[name="password"]').count() > 0) {
    throw new Error(`signing in as ${ctx.account.email} failed: ${await page.locator('main').innerText()}`);
  }
}

// Pages for the page-wide checks: one anonymous page for public routes and,
// made on first use, one signed in for the routes that need an account.
export async function pagePool(ctx, options = {}) {
  const anonymous = await openPage(ctx, options);
  let signedIn = null;
  return {
    async for(p) {
      if (!p.signedIn) return anonymous;
      if (!signedIn) {
        signedIn = await openPage(ctx, options);
        await signIn(ctx, signedIn.page);
      }
      return signedIn;
    },
    dialogs: () => [...anonymous.dialogs, ...(signedIn?.dialogs ?? [])],
    async close() {
      await anonymous.close();
      await signedIn?.close();
    },
  };
}

// Saves a full-page PNG into the run's screenshot folder and remembers it,
// so the last test can check that every screenshot was written.
// fullPage: false for documents that are not HTML (an SVG opened on its
// own), whose page size chromium cannot measure.
export async function screenshot(ctx, page, name, { fullPage = true } = {}) {
  mkdirSync(ctx.screenshotDir, { recursive: true });
  const path = join(ctx.screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage });
  ctx.screenshots.push(path);
  return path;
}

// Width and height of a PNG file, or an error saying why it is not one.
export function pngSize(path) {
  const size = statSync(path).size;
  if (size === 0) throw new Error(`${path} is empty`);
  const bytes = readFileSync(path);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature) || bytes.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error(`${path} (${size} bytes) is not a PNG`);
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), bytes: size };
}

// Runs axe-core on the loaded page (every rule axe enables by default:
// WCAG 2.0/2.1 A and AA plus best practices) and returns its violations.
// axe is evaluated through the DevTools protocol, so no CSP can block it.
export async function axeViolations(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations;
}

// One violation per paragraph: rule, impact, what it asks, and each element
// with axe's own summary of how to fix it.
export function formatViolations(url, violations) {
  const lines = [];
  for (const v of violations) {
    lines.push(`${url}: ${v.id} (${v.impact}) ${v.help}`);
    for (const node of v.nodes.slice(0, 8)) {
      lines.push(`    at ${node.target.join(' ')}`);
      lines.push(`       ${node.html.replace(/\s+/g, ' ').slice(0, 200)}`);
      for (const l of (node.failureSummary || '').split('\n')) if (l.trim()) lines.push(`       ${l.trim()}`);
    }
    if (v.nodes.length > 8) lines.push(`    ... and ${v.nodes.length - 8} more elements`);
  }
  return lines.join('\n');
}

// Subtests that depend on each other: after the first failure the remaining
// steps are skipped (and say why) instead of failing on the wrong page.
export function stepper(t) {
  let failed = null;
  return (name, fn) => t.test(name, { skip: failed ? `skipped: the step '${failed}' failed` : false }, async () => {
    try {
      await fn();
    } catch (e) {
      failed = name;
      throw e;
    }
  });
}
