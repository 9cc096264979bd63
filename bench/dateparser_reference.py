#!/usr/bin/python3
"""Reference speed: python3-dateparser's search_dates over the extractor
benchmark's texts.

usage: /usr/bin/python3 dateparser_reference.py DIR [--max-seconds=N] [--pages=PAGES_DIR]...

(/usr/bin/python3: the Debian interpreter that has python3-dateparser.)

DIR holds the texts written by `extract_bench --write_texts=DIR`
(extract_1k.txt, extract_3k.txt, extract_100k.txt, extract_10m.txt). For each file it runs
dateparser.search.search_dates over the whole text (languages en and lt, the
languages of the generated pages) and prints MB/s, as Google Benchmark counts
them (bytes / CPU seconds of this process, one thread: on a busy machine
wall time would count other processes' work). A file whose first run exceeds
--max-seconds (default 600) is measured on its first 100 KiB only, and the
line says so: the rate is per byte either way.

--pages=PAGES_DIR (repeatable) measures whole pages as extract_bench's
BM_ExtractPages does: search_dates once per .txt page under PAGES_DIR
(recursively), all bytes over all the time.
"""
import sys
import time
from pathlib import Path

from dateparser.search import search_dates

SETTINGS = {"RETURN_AS_TIMEZONE_AWARE": False}
LANGS = ["en", "lt"]


def rate(text, repeat_until=1.0):
    """Runs search_dates until at least `repeat_until` seconds have passed."""
    data = text.encode("utf-8")
    runs, start = 0, time.process_time()
    found = 0
    while True:
        found = len(search_dates(text, languages=LANGS, settings=SETTINGS) or [])
        runs += 1
        elapsed = time.process_time() - start
        if elapsed >= repeat_until:
            break
    return len(data) * runs / elapsed / 1e6, found, runs, elapsed


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    page_dirs = [a.split("=", 1)[1] for a in argv[1:] if a.startswith("--pages=")]
    if len(args) != 1:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    max_seconds = 600.0
    for a in argv[1:]:
        if a.startswith("--max-seconds="):
            max_seconds = float(a.split("=", 1)[1])
    folder = Path(args[0])
    for name in ("extract_1k.txt", "extract_3k.txt", "extract_100k.txt", "extract_10m.txt"):
        path = folder / name
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        note = ""
        # Estimate from the first 100 KiB before committing to the whole file.
        if len(text) > 100 * 1024:
            head = text[: 100 * 1024]
            mbs, _, _, _ = rate(head, 0.0)
            if len(text.encode("utf-8")) / 1e6 / mbs > max_seconds:
                text = head
                note = " (first 100 KiB: the whole file would exceed --max-seconds)"
        mbs, found, runs, elapsed = rate(text)
        print(f"{name}: {mbs:.4f} MB/s  ({len(text.encode('utf-8'))} bytes x {runs} runs in {elapsed:.2f} s, "
              f"{found} dates found){note}")
    for d in page_dirs:
        pages = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(Path(d).rglob("*.txt"))]
        if not pages:
            continue
        nbytes = sum(len(p.encode("utf-8")) for p in pages)
        runs, found, start = 0, 0, time.process_time()
        while True:
            found = sum(len(search_dates(p, languages=LANGS, settings=SETTINGS) or []) for p in pages)
            runs += 1
            elapsed = time.process_time() - start
            if elapsed >= 1.0:
                break
        print(f"pages {d}: {nbytes * runs / elapsed / 1e6:.4f} MB/s  ({len(pages)} pages, {nbytes} bytes x {runs} "
              f"runs in {elapsed:.2f} s, {found} dates found)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
