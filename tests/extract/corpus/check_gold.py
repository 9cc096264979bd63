#!/usr/bin/env python3
"""Sanity check for the Tiltas test pages in this folder.

usage: python3 check_gold.py [DIR]

Every NAME.txt must have a NAME.gold.json that parses and follows the gold
format of the shared corpus GUIDELINES.md: top-level "tests" (one line),
"language" and "records"; every record carries all the GUIDELINES keys; dates
are ISO 8601 at year, month or day precision; countries are ISO 3166-1
alpha-2; roles, kinds and statuses come from the allowed sets. Prints one line
per problem and exits non-zero if there is any.
"""
import datetime
import json
import re
import sys
from pathlib import Path

ISO_COUNTRIES = set("""
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS
BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE
EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM
HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC
LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
""".split())
LANGUAGES = {"en", "lt", "lv", "pl", "nb"}
RECORD_KEYS = ["title", "programme", "period", "amounts", "organisations",
               "activities", "events", "indicators", "places"]
ITEM_KEYS = {
    "amounts": {"value", "currency", "kind"},
    "organisations": {"name", "country", "role"},
    "activities": {"code", "title"},
    "events": {"title", "place", "country", "start", "end"},
    "indicators": {"value", "unit", "status"},
    "places": {"name", "country"},
}
ROLES = {"promoter", "partner", "funder", "other"}
KINDS = {"budget", "granted", "other"}
STATUSES = {"planned", "achieved", "unknown"}
CURRENCIES = {"EUR", "NOK", "PLN", "USD", "ISK", "CHF", "SEK", "DKK"}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def check_date(value, where, problems):
    if value is None:
        return
    if not isinstance(value, str) or not DATE.match(value):
        problems.append(f"{where}: not an ISO date: {value!r}")
        return
    parts = [int(p) for p in value.split("-")]
    try:
        datetime.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        problems.append(f"{where}: impossible date {value!r}")


def check_order(start, end, where, problems):
    if start and end and DATE.match(start) and DATE.match(end):
        n = min(len(start), len(end))
        if start[:n] > end[:n]:
            problems.append(f"{where}: start {start} after end {end}")


def check_country(value, where, problems):
    if value is not None and value not in ISO_COUNTRIES:
        problems.append(f"{where}: country {value!r} is not ISO 3166-1 alpha-2")


def check_record(rec, where, problems):
    if not isinstance(rec, dict):
        problems.append(f"{where}: record is not an object")
        return
    missing = [k for k in RECORD_KEYS if k not in rec]
    extra = [k for k in rec if k not in RECORD_KEYS + ["notes"]]
    if missing:
        problems.append(f"{where}: missing keys {missing}")
    if extra:
        problems.append(f"{where}: unknown keys {extra}")
    for key in ("title", "programme", "notes"):
        if rec.get(key) is not None and not isinstance(rec[key], str):
            problems.append(f"{where}: {key} must be a string or null")
    period = rec.get("period")
    if period is not None:
        if not isinstance(period, dict) or set(period) != {"start", "end"}:
            problems.append(f"{where}: period must be null or {{start, end}}")
        else:
            check_date(period["start"], f"{where}.period.start", problems)
            check_date(period["end"], f"{where}.period.end", problems)
            check_order(period["start"], period["end"], f"{where}.period", problems)
    for field, keys in ITEM_KEYS.items():
        items = rec.get(field, [])
        if not isinstance(items, list):
            problems.append(f"{where}: {field} must be a list")
            continue
        for i, item in enumerate(items):
            w = f"{where}.{field}[{i}]"
            if not isinstance(item, dict) or set(item) != keys:
                problems.append(f"{w}: keys must be {sorted(keys)}")
                continue
            if "country" in item:
                check_country(item["country"], w, problems)
            if field == "amounts":
                if not isinstance(item["value"], (int, float)) or item["currency"] not in CURRENCIES \
                        or item["kind"] not in KINDS:
                    problems.append(f"{w}: bad amount {item}")
            elif field == "organisations":
                if item["role"] not in ROLES or not item["name"]:
                    problems.append(f"{w}: bad organisation {item}")
            elif field == "indicators":
                if not isinstance(item["value"], (int, float)) or item["status"] not in STATUSES or not item["unit"]:
                    problems.append(f"{w}: bad indicator {item}")
            elif field == "events":
                check_date(item["start"], f"{w}.start", problems)
                check_date(item["end"], f"{w}.end", problems)
                check_order(item["start"], item["end"], w, problems)
                if not (item["place"] or item["start"]):
                    problems.append(f"{w}: an event needs a place or a date")
            elif field == "activities":
                if not item["code"] or not item["title"]:
                    problems.append(f"{w}: activity needs code and title")


def check_dir(folder):
    problems = []
    texts = sorted(folder.glob("*.txt"))
    golds = sorted(folder.glob("*.gold.json"))
    names = {t.name[:-4] for t in texts}
    for gold in golds:
        if gold.name[:-10] not in names:
            problems.append(f"{gold.name}: no matching .txt")
    for text in texts:
        name = text.name[:-4]
        raw = text.read_bytes()
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"{text.name}: not UTF-8")
        gold = folder / f"{name}.gold.json"
        if not gold.exists():
            problems.append(f"{text.name}: no {gold.name}")
            continue
        try:
            data = json.loads(gold.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            problems.append(f"{gold.name}: does not parse: {exc}")
            continue
        if list(data) != ["tests", "language", "records"]:
            problems.append(f"{gold.name}: top-level keys must be tests, language, records (got {list(data)})")
        tests = data.get("tests")
        if not isinstance(tests, str) or not tests.strip() or "\n" in tests:
            problems.append(f"{gold.name}: 'tests' must be one non-empty line")
        if data.get("language") not in LANGUAGES:
            problems.append(f"{gold.name}: language {data.get('language')!r}")
        records = data.get("records")
        if not isinstance(records, list):
            problems.append(f"{gold.name}: records must be a list")
            continue
        for i, rec in enumerate(records):
            check_record(rec, f"{gold.name}: records[{i}]", problems)
    return len(texts), problems


def main():
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    count, problems = check_dir(folder)
    for p in problems:
        print(p)
    print(f"{count} pages checked, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
