#!/usr/bin/env python3
"""Writes N realistic project pages (English and Lithuanian, ~3 KB each) for
import benchmarks and crash tests.

usage: gen_pages.py OUT_DIR N [--seed S]

Every page is different (titles, partners, places, periods, amounts,
activities, indicators) and written in the genre's shapes; the texts are our
own templates, not copies of real pages.
"""
import argparse
import os
import random
import sys

EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July",
             "August", "September", "October", "November", "December"]
LT_MONTHS_GEN = ["sausio", "vasario", "kovo", "balandžio", "gegužės", "birželio", "liepos",
                 "rugpjūčio", "rugsėjo", "spalio", "lapkričio", "gruodžio"]
TOPICS_EN = ["youth participation", "civic education", "green schoolyards", "media literacy",
             "volunteering in care homes", "local heritage", "safe cycling", "inclusive sport",
             "community radio", "digital skills for seniors", "river clean-ups", "open municipal data"]
TOPICS_LT = ["jaunimo dalyvavimas", "pilietinis ugdymas", "žalieji mokyklų kiemai", "medijų raštingumas",
             "savanorystė globos namuose", "vietos paveldas", "saugus dviračių eismas", "įtraukus sportas",
             "bendruomenės radijas", "skaitmeniniai įgūdžiai senjorams", "upių valymas", "atviri savivaldybės duomenys"]
LT_ORGS = ["VšĮ Bendruomenių tiltai", "Asociacija „Jaunimo balsas“", "Kauno miesto savivaldybė",
           "Vilniaus miesto savivaldybė", "VšĮ Jūrinio paveldo centras", "Šiaulių jaunimo centras",
           "Panevėžio bendruomenių rūmai", "Alytaus kultūros centras", "Klaipėdos universitetas"]
FOREIGN = [("Bergen kommune", "Norway"), ("Stiftelsen Samfunnsbro", "Norway"), ("Tromsø kommune", "Norway"),
           ("Samtök um borgaravitund", "Iceland"), ("Reykjavíkurborg", "Iceland"),
           ("Verein Brücken Vaduz", "Liechtenstein"), ("Oslo City Municipality", "Norway")]
CITIES = ["Vilnius", "Kaunas", "Klaipėda", "Šiauliai", "Panevėžys", "Alytus", "Oslo", "Bergen", "Reykjavík"]
PROGRAMMES = ["Active Citizens Fund", "Fund for Bilateral Relations", "Europe for Citizens"]


def money(rng, lt):
    v = rng.randint(5000, 250000)
    c = rng.randint(0, 99)
    whole = f"{v:,}".replace(",", " ")
    return f"{whole},{c:02d} EUR" if lt else f"{whole},{c:02d} EUR"


def en_page(rng, n):
    y = rng.randint(2015, 2023)
    m1, m2 = rng.randint(1, 12), rng.randint(1, 12)
    topic = rng.choice(TOPICS_EN)
    title = f"{topic.capitalize()} across borders {n}"
    lt_org = rng.choice(LT_ORGS)
    partners = rng.sample(FOREIGN, 2)
    city = rng.choice(CITIES)
    acts = "\n".join(f"Activity No. 1.{i}: {w} in {rng.choice(CITIES)}" for i, w in
                     enumerate(rng.sample(["Study visit", "Workshop", "Conference", "Summer camp", "Exhibition",
                                           "Training course"], 4), start=1))
    body = f"""{title}

The project "{title}" brings together organisations from Lithuania and the donor states to work on {topic}.
It is implemented by {lt_org} together with partners {partners[0][0]} ({partners[0][1]}) and {partners[1][0]} ({partners[1][1]}).
The project implementation period is 1st {EN_MONTHS[m1 - 1]} {y} – 30th {EN_MONTHS[m2 - 1]} {y + 1}.
Project budget: {money(rng, False)}. Granted amount: {money(rng, False)}.

Main activities:
{acts}

An international networking event took place in {city} on {rng.randint(1, 28)} {EN_MONTHS[rng.randint(0, 11)]} {y + 1}.
Main results: {rng.randint(20, 400)} persons trained, {rng.randint(2, 12)} events, {rng.randint(50, 900)} participants.
The project will also prepare {rng.randint(2, 9)} methodological publications for schools and municipalities.
The project is funded by the {rng.choice(PROGRAMMES)} of the EEA and Norway Grants 2014–2021.
"""
    filler = ("The partners shared experience on how local communities can take part in decisions that "
              "concern them, and discussed the results with residents, teachers and municipal staff. ")
    while len(body.encode()) < 2900:
        body += filler
    return body


def lt_page(rng, n):
    y = rng.randint(2015, 2023)
    m1, m2 = rng.randint(1, 12), rng.randint(1, 12)
    topic = rng.choice(TOPICS_LT)
    title = f"{topic.capitalize()} be sienų {n}"
    lt_org = rng.choice(LT_ORGS)
    city = rng.choice(CITIES[:6])
    body = f"""Projektas „{title}“

Projekto vykdytojas: {lt_org}
Partneris: {rng.choice(FOREIGN)[0]}
Projekto įgyvendinimo laikotarpis: {y} m. {LT_MONTHS_GEN[m1 - 1]} 1 d. – {y + 1} m. {LT_MONTHS_GEN[m2 - 1]} 28 d.
Projekto vertė: {money(rng, True)}. Skirta suma: {money(rng, True)}.

Veikla Nr. 1.1. Mokymai {city}
Veikla Nr. 1.2. Tarptautinė konferencija
Veikla Nr. 2.1. Patirties sklaida

Projekto metu bus apmokyta {rng.randint(20, 300)} mokytojų, dalyvavo {rng.randint(30, 500)} jaunuolių.
Projektas finansuojamas Aktyvių piliečių fondo lėšomis.
"""
    filler = ("Projekto partneriai dalijosi patirtimi, kaip vietos bendruomenės gali dalyvauti priimant "
              "sprendimus, ir aptarė rezultatus su gyventojais, mokytojais bei savivaldybės darbuotojais. ")
    while len(body.encode()) < 2900:
        body += filler
    return body


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("out_dir")
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv[1:])
    out, n, seed = args.out_dir, args.n, args.seed
    rng = random.Random(seed)
    os.makedirs(out, exist_ok=True)
    per_dir = 1000
    for i in range(n):
        sub = os.path.join(out, f"{i // per_dir:04d}")
        if i % per_dir == 0:
            os.makedirs(sub, exist_ok=True)
        text = lt_page(rng, i) if rng.random() < 0.4 else en_page(rng, i)
        with open(os.path.join(sub, f"page-{i:07d}.txt"), "w", encoding="utf-8") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
