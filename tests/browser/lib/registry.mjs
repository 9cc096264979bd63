// A throwaway registry for the browser tests: a temporary directory holding a
// SQLite database made by the real tiltas binary (init, import, publish), and
// `tiltas serve --port 0` on it. Nothing here fakes the server or its data.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The payloads of the XSS check. They are imported as data, like any page a
// crawler might bring in; the portal must show them as text.
export const XSS_TITLE = '<img src=x onerror=alert(1)>';
export const XSS_DESCRIPTION = '<script>alert(2)</script> onerror payloads stay text';
export const XSS_ORGANISATION = '"><svg onload=alert(3)>';
export const XSS_UNIT = '</text><script>alert(4)</script> persons';

function run(tiltas, db, args) {
  const r = spawnSync(tiltas, ['--db', db, ...args], { encoding: 'utf8' });
  if (r.error) throw new Error(`could not run ${tiltas}: ${r.error.message}`);
  if (r.status !== 0) {
    throw new Error(`tiltas ${args.join(' ')} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  }
  return r.stdout;
}

// Creates the registry: the demo records (data/demo, records JSON with
// partners, countries and amounts), the extractor's corpus pages
// (tests/extract/corpus/*.txt: plain text, so their projects keep the source
// text and the spans of each extracted field) and one record whose texts are
// XSS payloads. Everything is published.
export function createRegistry({ tiltas, sourceDir }) {
  const dir = mkdtempSync(join(tmpdir(), 'tiltas-browser-'));
  const db = join(dir, 'registry.db');
  const xss = join(dir, 'xss.json');
  writeFileSync(xss, JSON.stringify({
    language: 'en',
    source: 'https://example.org/xss-check',
    records: [{
      title: XSS_TITLE,
      description: XSS_DESCRIPTION,
      kind: 'project',
      programme: 'Active Citizens Fund',
      period: { start: '2024-01-01', end: '2024-12-31' },
      organisations: [{ name: XSS_ORGANISATION, country: 'LT', role: 'promoter' }],
      indicators: [{ value: 12, unit: XSS_UNIT, status: 'achieved' }],
    }],
  }, null, 2));
  // The pages are copied under a long directory name with nothing to break
  // at, as crawled paths and URLs often are: the Source view and the review
  // page show that path, and the 360 px check must see it wrap wherever the
  // checkout happens to live.
  const corpus = join(sourceDir, 'tests/extract/corpus');
  const crawl = join(dir, 'crawl', 'eea_grants_active_citizens_fund_lithuania_project_pages_2021_2024');
  mkdirSync(crawl, { recursive: true });
  const pages = readdirSync(corpus).filter((f) => f.endsWith('.txt')).map((f) => {
    copyFileSync(join(corpus, f), join(crawl, f));
    return join(crawl, f);
  });
  run(tiltas, db, ['init']);
  run(tiltas, db, ['import', '--progress', 'none', join(sourceDir, 'data/demo'), ...pages, xss]);
  run(tiltas, db, ['publish', '--all']);
  return { dir, db, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

// An administrator account for the pages behind sign-in (tiltas user add
// reads the password from standard input).
export function addAccount({ tiltas, db }) {
  const account = { email: 'browser-test@example.org', password: 'browser-test-password-1' };
  const r = spawnSync(tiltas, ['--db', db, 'user', 'add', account.email, '--role', 'admin'],
    { input: `${account.password}\n`, encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(`tiltas user add exited ${r.status}: ${r.error?.message ?? ''}\n${r.stdout}\n${r.stderr}`);
  }
  return account;
}

// Starts `tiltas serve --port 0` and resolves with its base URL once the
// server has said where it listens (it listens before it says so).
export function startServer({ tiltas, db, timeoutMs = 20000 }) {
  const child = spawn(tiltas, ['--db', db, 'serve', '--host', '127.0.0.1', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`tiltas serve did not report its URL within ${timeoutMs} ms; it printed:\n${output}`));
    }, timeoutMs);
    const onData = (chunk) => {
      output += chunk;
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', onData);
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`tiltas serve exited (${code ?? signal}) before reporting its URL:\n${output}`));
    });
  });
  return ready.then((baseUrl) => ({
    baseUrl,
    output: () => output,
    // SIGTERM is the server's clean stop; a server that ignores it is a
    // failure of its own, so the caller hears about it.
    async stop(timeoutMs2 = 10000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = new Promise((resolve) => setTimeout(() => resolve(null), timeoutMs2));
      const result = await Promise.race([exited, timer]);
      if (result === null) {
        child.kill('SIGKILL');
        throw new Error(`tiltas serve did not stop within ${timeoutMs2} ms of SIGTERM`);
      }
      return result;
    },
  }));
}
