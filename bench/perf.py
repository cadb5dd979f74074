#!/usr/bin/env python3
"""How `consistency.check` scales: run from the project folder,

    python bench/perf.py --sizes 1000 10000

Each corpus of N articles is built in a temporary folder from real news sentences (the ECB+ clusters
under ../shared/bench/ecbplus-dev, read at run time, and articles/), recombined from a seed into
stories of six outlets with their own people and dates (see `corpus`). Each size is checked in a
fresh process, so its peak RSS is its own, three times: cold (an empty cache), warm (every
article cached) and after one article changed. Printed per
size: wall time, words/s, articles/s, peak RSS, seconds per stage and the cost exponent between
sizes (log(t2/t1) / log(n2/n1): 1 is linear). Then the naive alternatives, timed on the same
input: all-pairs matching without blocking, and dateparser's search_dates over whole texts.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
ECB = PROJECT.parent / "shared" / "bench" / "ecbplus-dev" / "clusters"
STAGES = ("ingest", "extract", "normalize", "match", "compare", "rest")
OUTLETS_PER_STORY = 6
SENTENCES_PER_ARTICLE = (12, 30)
# The facts of one story: the share of its source pool that its outlets draw their sentences from.
SENTENCES_PER_STORY = 40
FIRST = ["Maria", "John", "Ahmed", "Li", "Olga", "Pedro", "Fatima", "Kenji", "Anna", "David", "Sara", "Ivan",
         "Grace", "Omar", "Elena", "Tomas", "Aisha", "Marco", "Ingrid", "Yusuf", "Chloe", "Rafael", "Mei", "Samuel",
         "Nadia", "Viktor", "Lucia", "Kwame", "Helen", "Arjun", "Sofia", "Daniel", "Leila", "Hugo", "Priya", "Felix"]
# Surnames are drawn from syllables: tens of thousands of them, so that, as in real news, two
# unrelated stories rarely name the same person.
SYLLABLES = ["ka", "lo", "mi", "ren", "to", "va", "sel", "dor", "ni", "bra", "quin", "hal", "mar", "ost", "ve",
             "lun", "pe", "ric", "sa", "tor", "wen", "yal", "zo", "fen", "gar", "ber", "co", "dan", "el", "fi"]
# A capitalised word that does not open a sentence ("Manokwari", "McNeal", "O'Brien", "(AMD)",
# "MPs"), or two: a name, a place or a company.
_WORD = r"(?:[A-Z](?:'[A-Z])?[a-z]+[A-Za-z]{2,}|[A-Z]{3,}|[A-Z]{2,}s)"
_NAME = re.compile(rf"(?:(?<=[^.!?\s] )|(?<=[(\-'\"“‘]))\b{_WORD}(?: {_WORD})?\b")
_NUMBER = re.compile(r"\b\d{1,3}(?:,\d{3})*\b(?![-:]\d)")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-2]\d)\b")


def story_pools() -> list[list[str]]:
    """Sentences per source story: one ECB+ cluster, or one article of articles/."""
    pools = []
    for folder in sorted(p for p in ECB.iterdir() if p.is_dir()):
        pool = []
        for md in sorted(folder.glob("*.md")):
            body = md.read_text(encoding="utf-8").split("---", 2)[-1]
            pool += [line.strip() for line in body.splitlines()[1:] if len(line.split()) >= 6]
        pools.append(pool)
    for txt in sorted((PROJECT / "articles").glob("*.txt")):
        text = " ".join(txt.read_text(encoding="utf-8").split())
        pools.append([s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", text) if len(s.split()) >= 6])
    return [p for p in pools if len(p) >= 10]


def _surname(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()


def corpus(n: int, folder: Path, seed: int) -> int:
    """Write n articles to folder; return their word count.

    Made to look like a real news feed, not to be easy: stories of six outlets, each story about
    one real event (the sentences of one source pool, of which the story keeps its own share) with
    its own people and places (drawn from tens of thousands of names, so unrelated stories rarely
    share a person), its own figures, years and dates (spread over 25 years, outlets a day or two
    apart). Source sentences still recur across unrelated stories of one pool, with other names
    and figures: near-duplicate wording that matching must block and bound. One article in twenty
    misreports a figure or a year, so there are real findings. Deterministic from the seed.
    """
    rng = random.Random(seed)
    pools = story_pools()
    # The capitalised words a pool uses mid-sentence are its names and places; they are replaced
    # wherever else they stand too (a sentence's start, "Perth's", "A Perth man", after a quote),
    # so no person or place recurs across stories by the back door.
    proper = [{w for line in pool for m in _NAME.finditer(line) for w in m.group().split()} for pool in pools]
    anywhere = [re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")\b")
                if words else None for words in proper]
    words = 0
    for story in range((n + OUTLETS_PER_STORY - 1) // OUTLETS_PER_STORY):
        srng = random.Random(rng.random())
        which = story % len(pools)
        pool = srng.sample(pools[which], min(len(pools[which]), SENTENCES_PER_STORY))
        names: dict[str, str] = {}

        def name(m: re.Match[str]) -> str:
            if m.group() not in names:
                first = srng.choice(FIRST)
                names[m.group()] = f"{first} {_surname(srng)}" if " " in m.group() else _surname(srng)
            return names[m.group()]

        def rest(line: str) -> str:
            return anywhere[which].sub(name, line) if anywhere[which] else line
        published = date(2000, 1, 1) + timedelta(days=srng.randrange(25 * 365))
        for outlet in range(min(OUTLETS_PER_STORY, n - story * OUTLETS_PER_STORY)):
            arng = random.Random(srng.random())
            lines = arng.sample(pool, min(len(pool), arng.randint(*SENTENCES_PER_ARTICLE)))
            # One article in twenty misreports its figures and years: real findings to report.
            drift = 1 if arng.random() < 0.05 else 0
            text = []
            for line in lines:
                line = rest(_NAME.sub(name, line))
                if drift:
                    line = _NUMBER.sub(lambda m: f"{int(m.group().replace(',', '')) + drift:,}", line)
                    line = _YEAR.sub(lambda m: str(int(m.group()) + drift), line)
                text.append(line)
            title = text[0][:80].replace('"', "'")
            day = published + timedelta(days=arng.randint(0, 2))
            body = f'---\ntitle: "{title}"\npublished: {day}\nsource: outlet{outlet}\n---\n' + "\n".join(text) + "\n"
            (folder / f"s{story:05d}-{outlet}.md").write_text(body, encoding="utf-8")
            words += sum(len(line.split()) for line in text)
    return words


def run_check(folder: Path) -> dict:
    """Time one check of folder in a fresh process, with the cache in folder's parent; the
    process's peak RSS and its workers' are its own. The claim graph, built when first read (by
    the HTML report or a graph export, not by the JSON), is timed after the peak RSS is taken."""
    code = (
        "import json, resource, sys, time\n"
        "from consistency import check\n"
        "from consistency.cache import extractor_version\n"
        "t = time.perf_counter(); r = check(sys.argv[1], cache=True); wall = time.perf_counter() - t\n"
        "me, kids = (resource.getrusage(w).ru_maxrss for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))\n"
        "t = time.perf_counter(); r.graph; graph = time.perf_counter() - t\n"
        "print(json.dumps({'wall': wall, 'timings': r.timings, 'rss_main': me, 'rss_worker': kids, 'graph': graph,\n"
        "                  'version': extractor_version(),\n"
        "                  'articles': len(r.articles), 'claims': len(r.claims), 'findings': len(r.findings)}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(folder)], check=True, capture_output=True, text=True,
                         cwd=folder.parent)
    return json.loads(out.stdout)


def naive_matching(folder: Path, sample: int) -> tuple[float, float, str]:
    """(blocked matching s, all-pairs matching s, how measured): blocked matching as a run does it
    (articles related by the names they mention, taken before aliases are resolved), against
    rapidfuzz cdist of every claim's context against every other claim of its kind, on up to
    `sample` claims per kind, scaled by (claims / sample)^2 when sampled."""
    from rapidfuzz import fuzz, process

    from consistency import check
    from consistency.match import candidate_pairs
    from consistency.normalize import article_entities

    result = check(folder, cache=True)  # warm: run_check left the cache in folder's parent
    claims = result.claims
    names = {a.id: set(article_entities(a.text)) for a in result.articles}
    titles = {a.id: a.title for a in result.articles}
    t = time.perf_counter()
    candidate_pairs(claims, names, titles)
    blocked = time.perf_counter() - t
    naive, sampled = 0.0, []
    for kind in sorted({c.kind for c in claims}):
        texts = [" ".join(c.context) for c in claims if c.kind == kind]
        part = texts[:sample]
        t = time.perf_counter()
        process.cdist(part, part, scorer=fuzz.token_set_ratio, workers=-1)
        naive += (time.perf_counter() - t) * (len(texts) / max(1, len(part))) ** 2
        if len(part) < len(texts):
            sampled.append(f"{kind} {len(part)} of {len(texts)}")
    how = "sampled and scaled quadratically: " + ", ".join(sampled) if sampled else "all claims"
    return blocked, naive, how


def naive_dates(folder: Path, sample: int) -> tuple[float, float]:
    """(time kind's extraction s, dateparser.search_dates s) over the same `sample` articles."""
    from dateparser.search import search_dates

    from consistency.extract import analyse
    from consistency.ingest import read_articles
    from consistency.kinds import time as time_kind

    articles = read_articles([folder])[0][:sample]
    t = time.perf_counter()
    for a in articles:
        time_kind.extract(analyse(a))
    ours = time.perf_counter() - t
    t = time.perf_counter()
    for a in articles:
        search_dates(a.text, settings={"RELATIVE_BASE": datetime(2020, 1, 1)})
    return ours, time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--pairs-sample", type=int, default=3000, help="claims per kind for all-pairs matching")
    parser.add_argument("--dates-sample", type=int, default=50, help="articles for search_dates")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="consistency-perf-") as tmp:
        print(f"{'articles':>8} {'run':>8} {'words':>10} {'wall s':>7} {'words/s':>9} {'art/s':>6} {'RSS MB':>9} "
              + " ".join(f"{s:>9}" for s in STAGES) + f" {'claims':>8} {'findings':>8} {'graph s':>8}")
        for n in args.sizes:
            folder = Path(tmp) / str(n) / "articles"
            folder.mkdir(parents=True)
            words = corpus(n, folder, args.seed)
            for run in ("cold", "warm", "1 edited"):
                if run == "1 edited":
                    edited = sorted(folder.iterdir())[n // 2]
                    edited.write_text(edited.read_text(encoding="utf-8") + "A late paragraph was added.\n",
                                      encoding="utf-8")
                r = run_check(folder)
                if run == "cold":
                    rows.append((n, r["wall"], folder))
                elif r["version"] != version:
                    print(f"(the package's code changed since the previous run: this {run} run started afresh)")
                version = r["version"]
                rss = f"{r['rss_main'] // 1024}+{r['rss_worker'] // 1024}"
                print(f"{n:>8} {run:>8} {words:>10} {r['wall']:>7.2f} {words / r['wall']:>9,.0f} {n / r['wall']:>6,.0f} "
                      f"{rss:>9} " + " ".join(f"{r['timings'].get(s, 0.0):>9.2f}" for s in STAGES)
                      + f" {r['claims']:>8} {r['findings']:>8} {r['graph']:>8.2f}", flush=True)
        print("RSS MB: main process + largest worker (extraction, or a forked comparing process; ru_maxrss);\n"
              "stage columns in seconds (a warm run reads its whole result in `extract`, and skips the stages after it);\n"
              "graph s: building the claim graph on first read (report, export), not in wall s")
        for (n1, t1, _), (n2, t2, _) in zip(rows, rows[1:]):
            print(f"cost exponent {n1} -> {n2} (cold): {math.log(t2 / t1) / math.log(n2 / n1):.2f} "
                  f"(time ratio {t2 / t1:.1f} for {n2 / n1:.0f}x articles)")
        n, _, folder = rows[-1]
        os.chdir(folder.parent)
        blocked, naive, how = naive_matching(folder, args.pairs_sample)
        print(f"matching at {n}: blocked {blocked:.2f} s, all-pairs cdist {naive:.1f} s ({how}); "
              f"all-pairs / blocked = {naive / blocked:.0f}x")
        ours, theirs = naive_dates(folder, args.dates_sample)
        print(f"dates on {args.dates_sample} articles: time kind's extraction {ours:.3f} s, "
              f"dateparser.search_dates {theirs:.2f} s ({theirs / ours:.0f}x); "
              f"extrapolated to {n}: {theirs * n / args.dates_sample:.0f} s vs {ours * n / args.dates_sample:.1f} s")


if __name__ == "__main__":
    main()
