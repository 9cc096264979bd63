#!/usr/bin/python3
"""Reference speed: python3-dateparser's search_dates over the extractor
benchmark's texts.

usage: /usr/bin/python3 dateparser_reference.py DIR [--max-seconds=N]

(/usr/bin/python3: the Debian interpreter that has python3-dateparser.)

DIR holds the texts written by `extract_bench --write_texts=DIR`
(extract_1k.txt, extract_100k.txt, extract_10m.txt). For each file it runs
dateparser.search.search_dates over the whole text (languages en and lt, the
languages of the generated pages) and prints MB/s, as Google Benchmark counts
them (bytes / wall seconds, one thread). A file whose first run exceeds
--max-seconds (default 600) is measured on its first 100 KiB only, and the
line says so: the rate is per byte either way.
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
    runs, start = 0, time.perf_counter()
    found = 0
    while True:
        found = len(search_dates(text, languages=LANGS, settings=SETTINGS) or [])
        runs += 1
        elapsed = time.perf_counter() - start
        if elapsed >= repeat_until:
            break
    return len(data) * runs / elapsed / 1e6, found, runs, elapsed


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    if len(args) != 1:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    max_seconds = 600.0
    for a in argv[1:]:
        if a.startswith("--max-seconds="):
            max_seconds = float(a.split("=", 1)[1])
    folder = Path(args[0])
    for name in ("extract_1k.txt", "extract_100k.txt", "extract_10m.txt"):
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
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
