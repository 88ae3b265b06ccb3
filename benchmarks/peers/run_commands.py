#!/usr/bin/env python3
"""Whole commands side by side: creatormatch against DuckDB and polars, from the same files, in one run.

Each job starts from a file on disk and ends with a written result:

  validate  read and check every row            (ours only: the reading floor of `fit`)
  fit       read + per-platform engagement curve + document frequencies of the text
  rank      read + score every creator for datasets/briefs/pl-skincare.json + top 50 written
  batch     read once + the six committed briefs, top 50 of each written
  sketch    follower edges (creator_id<TAB>follower_id) + distinct followers per creator

Ours runs the release `creatormatch` binary, one process per run, timed from start to exit with
the process's peak memory from wait4. Each peer runs in a fresh Python process with its engine
imported before the clock starts (so interpreter start-up and imports are not charged to it), its
default CSV reader, and reports its wall time, the time of the query alone on the loaded data,
and its process's peak memory. The peers' scoring is our formula's shape written in SQL and in
polars expressions (filters, a per-platform log-linear engagement curve, audience shares,
keyword hits, a weighted sum), not a copy of every rule, so the ranked rows are not compared.

    python3 benchmarks/peers/run_commands.py --quick      # 100k creators, 1,000 creators' edges
    python3 benchmarks/peers/run_commands.py              # 1M creators, 4,000 creators' edges
    python3 benchmarks/peers/run_commands.py --jobs sketch  # only the listed jobs (or --job NAME, repeated)
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.path.join(ROOT, ".build", "release", "creatormatch")
BRIEFS = os.path.join(ROOT, "datasets", "briefs")


JOBS = ["validate", "fit", "rank", "rank-snapshot", "batch", "sketch"]
DEFAULT_JOBS = ["validate", "fit", "rank", "batch", "sketch"]


def ensure_packages():
    # Found, not imported: this process stays small, since Linux reports a vfork-started child's
    # peak memory as at least its parent's high-water mark.
    import importlib.util
    missing = [name for name in ["duckdb", "polars"] if importlib.util.find_spec(name) is None]
    if missing:
        print("installing", " ".join(missing), file=sys.stderr)
        subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", *missing])


def run_ours(binary, arguments, output):
    """Wall seconds and peak resident bytes of one creatormatch process."""
    start = time.perf_counter()
    with open(output, "wb") as out:
        process = subprocess.Popen([binary, *arguments], stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"creatormatch {' '.join(arguments)} failed ({status})")
    return seconds, usage.ru_maxrss * 1024


def brief_parameters(path):
    with open(path) as handle:
        brief = json.load(handle)
    audience = brief.get("audience", {})
    constraints = brief.get("constraints", {})
    keywords = brief.get("niche", {}).get("keywords", {})
    if isinstance(keywords, list):
        keywords = {k: 1.0 for k in keywords}
    return {
        "id": brief["id"],
        "platforms": brief.get("platforms", ["instagram", "tiktok", "youtube"]),
        "country": (audience.get("countries") or [""])[0],
        "language": (audience.get("languages") or [""])[0],
        "female": {"female": 1.0, "male": 0.0}.get(audience.get("gender"), None),
        "keywords": {k.lower(): float(v) for k, v in keywords.items()},
        "min_followers": float(constraints.get("min_followers", 0)),
        "max_followers": float(constraints.get("max_followers", 1e18)),
        "max_sponsored": float(constraints.get("max_sponsored_share", 1.0)),
    }


# ---------------------------------------------------------------- the peer jobs (child side)

def polars_score(pl, frame, brief):
    """The scoring as polars expressions over a loaded frame; the top 50 as a frame."""
    text = (pl.col("bio").fill_null("") + " " + pl.col("hashtags").fill_null("") + " "
            + pl.col("categories").fill_null("")).str.to_lowercase()
    interactions = (pl.col("avg_likes").fill_null(0) + pl.col("avg_comments").fill_null(0)
                    + pl.col("avg_shares").fill_null(0))
    base = pl.when(pl.col("platform") == "instagram").then(pl.col("followers")).otherwise(
        pl.col("avg_views").fill_null(pl.col("followers")))
    scored = frame.filter(
        pl.col("platform").is_in(brief["platforms"])
        & pl.col("followers").is_between(brief["min_followers"], brief["max_followers"])
        & (pl.col("sponsored_share").fill_null(0) <= brief["max_sponsored"])
    ).with_columns(
        log_rate=(interactions.clip(lower_bound=0.5) / base.clip(lower_bound=1)).log(),
        log_followers=pl.col("followers").clip(lower_bound=1).log(),
        niche=pl.sum_horizontal(
            [text.str.contains(k, literal=True).cast(pl.Float64) * w
             for k, w in brief["keywords"].items()]),
        country=pl.col("aud_countries").str.extract(brief["country"] + r":([0-9.]+)").cast(
            pl.Float64).fill_null(0),
        language=pl.col("aud_languages").str.extract(brief["language"] + r":([0-9.]+)").cast(
            pl.Float64).fill_null(0),
    )
    # Per-platform least-squares curve log rate = a + b·log followers; the residual is the
    # engagement signal, as our peer curves.
    curve = scored.group_by("platform").agg(
        b=pl.cov("log_rate", "log_followers") / pl.col("log_followers").var(),
        mean_rate=pl.col("log_rate").mean(), mean_followers=pl.col("log_followers").mean())
    scored = scored.join(curve, on="platform").with_columns(
        residual=pl.col("log_rate") - pl.col("mean_rate")
        - pl.col("b") * (pl.col("log_followers") - pl.col("mean_followers")))
    female = (pl.lit(0.5) if brief["female"] is None else
              1 - (pl.col("aud_female").fill_null(0.5) - brief["female"]).abs())
    score = (0.35 * pl.col("niche") / max(sum(brief["keywords"].values()), 1e-9)
             + 0.25 * (pl.col("country") + pl.col("language")) / 2
             + 0.15 * female + 0.25 * (1 / (1 + (-pl.col("residual")).exp())))
    return scored.with_columns(score=score).sort(
        ["score", "id"], descending=[True, False]).head(50).select(["id", "score"])


DUCK_SCORE = """
WITH f AS (
  SELECT id, platform, followers, aud_female,
    ln(greatest(coalesce(avg_likes, 0) + coalesce(avg_comments, 0) + coalesce(avg_shares, 0), 0.5)
       / greatest(CASE WHEN platform = 'instagram' THEN followers
                       ELSE coalesce(avg_views, followers) END, 1)) AS log_rate,
    ln(greatest(followers, 1)) AS log_followers,
    {niche} AS niche,
    coalesce(TRY_CAST(regexp_extract(aud_countries, '{country}:([0-9.]+)', 1) AS DOUBLE), 0) AS country,
    coalesce(TRY_CAST(regexp_extract(aud_languages, '{language}:([0-9.]+)', 1) AS DOUBLE), 0) AS language
  FROM {table}
  WHERE platform IN ({platforms}) AND followers BETWEEN {min_followers} AND {max_followers}
    AND coalesce(sponsored_share, 0) <= {max_sponsored}
), c AS (
  SELECT platform, covar_pop(log_rate, log_followers) / var_pop(log_followers) AS b,
    avg(log_rate) AS mean_rate, avg(log_followers) AS mean_followers
  FROM f GROUP BY platform
)
SELECT id, 0.35 * niche / {keyword_total} + 0.25 * (country + language) / 2
  + 0.15 * {female} + 0.25 / (1 + exp(-(log_rate - mean_rate - b * (log_followers - mean_followers)))) AS score
FROM f JOIN c USING (platform)
ORDER BY score DESC, id LIMIT 50
"""


def duck_query(brief, table):
    text = "lower(coalesce(bio, '') || ' ' || coalesce(hashtags, '') || ' ' || coalesce(categories, ''))"
    niche = " + ".join(
        f"CASE WHEN contains({text}, '{k}') THEN {w} ELSE 0 END" for k, w in brief["keywords"].items()
    ) or "0"
    female = "0.5" if brief["female"] is None else f"(1 - abs(coalesce(aud_female, 0.5) - {brief['female']}))"
    return DUCK_SCORE.format(
        niche=niche, country=brief["country"], language=brief["language"], table=table,
        platforms=", ".join(f"'{p}'" for p in brief["platforms"]),
        min_followers=brief["min_followers"], max_followers=brief["max_followers"],
        max_sponsored=brief["max_sponsored"], keyword_total=max(sum(brief["keywords"].values()), 1e-9),
        female=female)


def child(job, engine, arguments):
    """Runs one peer job in this (fresh) process; prints seconds, query seconds and peak bytes."""
    out = arguments["out"]
    if engine == "polars":
        import polars as pl
    else:
        import duckdb
    briefs = [brief_parameters(os.path.join(BRIEFS, name))
              for name in sorted(os.listdir(BRIEFS)) if name.endswith(".json")]
    pl_skincare = next(b for b in briefs if b["id"] == "pl-skincare-launch")
    start = time.perf_counter()
    query_start = start
    if engine == "polars":
        if job == "sketch":
            edges = pl.read_csv(arguments["edges"], separator="\t", comment_prefix="#")
            query_start = time.perf_counter()
            result = edges.group_by("creator_id").agg(pl.col("follower_id").approx_n_unique())
            result.write_csv(out)
        else:
            frame = pl.read_csv(arguments["creators"])
            query_start = time.perf_counter()
            if job == "fit":
                words = frame.select(
                    (pl.col("bio").fill_null("") + " " + pl.col("hashtags").fill_null(""))
                    .str.to_lowercase().str.extract_all(r"\w\w+").list.unique().alias("w")
                ).explode("w").group_by("w").len()
                interactions = pl.col("avg_likes").fill_null(0) + pl.col("avg_comments").fill_null(0)
                curve = frame.with_columns(
                    x=pl.col("followers").clip(lower_bound=1).log(),
                    y=(interactions.clip(lower_bound=0.5) / pl.col("followers").clip(lower_bound=1)).log(),
                ).group_by("platform").agg(
                    b=pl.cov("y", "x") / pl.col("x").var(), a=pl.col("y").mean(), n=pl.len())
                with open(out, "w") as handle:
                    handle.write(curve.write_json() + "\n" + str(words.height))
            else:
                chosen = [pl_skincare] if job == "rank" else briefs
                for index, brief in enumerate(chosen):
                    polars_score(pl, frame, brief).write_csv(f"{out}.{index}")
    else:
        con = duckdb.connect()
        if job == "sketch":
            con.execute(f"CREATE TABLE e AS SELECT * FROM read_csv('{arguments['edges']}')")
            query_start = time.perf_counter()
            con.execute(
                "COPY (SELECT creator_id, approx_count_distinct(follower_id) AS n FROM e "
                f"GROUP BY creator_id) TO '{out}' (HEADER)")
        else:
            con.execute(f"CREATE TABLE c AS SELECT * FROM read_csv('{arguments['creators']}')")
            query_start = time.perf_counter()
            if job == "fit":
                con.execute(
                    "COPY (SELECT platform, regr_slope(ln(greatest(coalesce(avg_likes,0)+coalesce(avg_comments,0),0.5)"
                    "/greatest(followers,1)), ln(greatest(followers,1))) AS b, count(*) AS n FROM c GROUP BY platform) "
                    f"TO '{out}' (HEADER)")
                con.execute(
                    "COPY (SELECT w, count(*) AS df FROM (SELECT DISTINCT rowid AS r, unnest("
                    "regexp_extract_all(lower(coalesce(bio,'') || ' ' || coalesce(hashtags,'')), '\\w\\w+')) AS w FROM c) "
                    f"GROUP BY w) TO '{out}.df' (HEADER)")
            else:
                chosen = [pl_skincare] if job == "rank" else briefs
                for index, brief in enumerate(chosen):
                    con.execute(f"COPY ({duck_query(brief, 'c')}) TO '{out}.{index}' (HEADER)")
    end = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"seconds": end - start, "query": end - query_start, "peak": peak}))


def run_peer(job, engine, arguments):
    text = subprocess.check_output(
        [sys.executable, os.path.abspath(__file__), "--child", job, engine, json.dumps(arguments)])
    return json.loads(text.decode().strip().splitlines()[-1])


def median(values):
    values = sorted(values)
    return values[len(values) // 2]


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], json.loads(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="100k creators instead of 1M")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each job (median)")
    parser.add_argument("--data", default=None, help="directory for the generated files (kept)")
    parser.add_argument("--json", default=None, help="also write the results here")
    parser.add_argument("--binary", default=BINARY, help="the creatormatch to measure")
    parser.add_argument("--compare", default=None,
                        help="another creatormatch build (say, main's) timed in the same run")
    parser.add_argument("--jobs", default=None,
                        help="comma-separated jobs to run, of " + ", ".join(JOBS) + " (default: "
                             + ", ".join(DEFAULT_JOBS) + "); a peer runs a job's query (rank for rank-snapshot)")
    parser.add_argument("--job", action="append", default=None,
                        help="one job to run (repeatable; joins --jobs)")
    options = parser.parse_args()
    jobs = [job for job in (options.jobs or "").split(",") if job] + (options.job or [])
    if options.jobs is None and not options.job:
        jobs = list(DEFAULT_JOBS)
    unknown = [job for job in jobs if job not in JOBS]
    if unknown or not jobs:
        parser.error(f"--jobs: unknown {', '.join(unknown) or 'empty list'}; expected some of {', '.join(JOBS)}")
    ensure_packages()
    if not os.path.exists(options.binary):
        raise SystemExit("build creatormatch first: swift build -c release --product creatormatch")
    creators_count, edge_creators = (100_000, 1_000) if options.quick else (1_000_000, 4_000)
    data = options.data or tempfile.mkdtemp(prefix="creatormatch-commands-")
    os.makedirs(data, exist_ok=True)
    creators = os.path.join(data, f"creators-{creators_count}.csv")
    edges = os.path.join(data, f"edges-{edge_creators}.tsv")
    if not os.path.exists(creators) and jobs != ["sketch"]:
        subprocess.check_call([options.binary, "generate", "--creators", str(creators_count), "--seed", "11",
                               "--out", creators], stderr=subprocess.DEVNULL)
    if not os.path.exists(edges):
        subprocess.check_call([options.binary, "generate", "--creators", str(edge_creators), "--seed", "11",
                               "--out", os.path.join(data, "edge-creators.csv"), "--followers", edges],
                              stderr=subprocess.DEVNULL)
    out = os.path.join(data, "out")
    brief = os.path.join(BRIEFS, "pl-skincare.json")
    ours = {
        "validate": ["validate", "--creators", creators],
        "fit": ["fit", "--creators", creators, "--out", os.path.join(data, "model.json")],
        "rank": ["rank", "--creators", creators, "--brief", brief, "--top", "50"],
        "batch": ["batch", "--creators", creators, "--briefs", BRIEFS, "--out",
                  os.path.join(data, "batch"), "--top", "50", "--quiet"],
        "sketch": ["sketch", "--followers", edges, "--out", os.path.join(data, "sketch.bin")],
    }
    # rank from the snapshot `prepare` wrote from the same CSV (prepared once, untimed); the
    # peers' figure to compare it with is their rank query alone on the loaded data.
    snapshot = os.path.join(data, f"creators-{creators_count}.snapshot")
    ours["rank-snapshot"] = ["rank", "--creators", snapshot, "--brief", brief, "--top", "50"]
    ours = {job: arguments for job, arguments in ours.items() if job in jobs}
    if "rank-snapshot" in jobs:
        subprocess.check_call([options.binary, "prepare", "--creators", creators, "--out", snapshot],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    results = {}
    builds = [("creatormatch", options.binary)]
    if options.compare:
        builds.append(("compared", options.compare))
    for label, binary in builds:
        for job, arguments in ours.items():
            if job not in jobs:
                continue
            runs = []
            for _ in range(options.runs):
                subprocess.run(["rm", "-rf", os.path.join(data, "batch")])
                runs.append(run_ours(binary, arguments, out))
            results[(label, job)] = {
                "seconds": median([r[0] for r in runs]), "peak": max(r[1] for r in runs), "query": None}
            print(f"{label} {job}: {results[(label, job)]['seconds']:.2f} s", file=sys.stderr)
    peer_jobs = [job for job in ["fit", "rank", "batch", "sketch"]
                 if job in jobs or (job == "rank" and "rank-snapshot" in jobs)]
    for engine in ["polars", "duckdb"]:
        for job in peer_jobs:
            runs = [run_peer(job, engine, {"creators": creators, "edges": edges, "out": out})
                    for _ in range(options.runs)]
            results[(engine, job)] = {
                "seconds": median([r["seconds"] for r in runs]),
                "query": median([r["query"] for r in runs]), "peak": max(r["peak"] for r in runs)}
            print(f"{engine} {job}: {results[(engine, job)]['seconds']:.2f} s", file=sys.stderr)

    size = os.path.getsize(creators) / 1e6 if os.path.exists(creators) else 0
    print(f"\n{creators_count:,} creators ({size:.0f} MB CSV), follower edges of {edge_creators:,} creators "
          f"({os.path.getsize(edges) / 1e6:.0f} MB); median of {options.runs} runs\n")
    compared = "| compared build " if options.compare else ""
    print(f"| job {compared}| creatormatch | polars (query alone) | DuckDB (query alone) | polars ÷ ours | DuckDB ÷ ours |")
    print("| --- " + ("| ---: " if options.compare else "") + "| ---: | ---: | ---: | ---: | ---: |")
    for job in jobs:
        mine = results[("creatormatch", job)]
        cells = [f"{mine['seconds']:.2f} s, {mine['peak'] / 1e9:.2f} GB"]
        if options.compare:
            other = results[("compared", job)]
            cells.insert(0, f"{other['seconds']:.2f} s, {other['peak'] / 1e9:.2f} GB")
        ratios = []
        for engine in ["polars", "duckdb"]:
            peer = results.get((engine, "rank" if job == "rank-snapshot" else job))
            if peer is None:
                cells.append("–")
                ratios.append("–")
                continue
            cells.append(f"{peer['seconds']:.2f} s ({peer['query']:.2f} s), {peer['peak'] / 1e9:.2f} GB")
            # From a snapshot the data is loaded already: compare with the query alone.
            against = peer["query"] if job == "rank-snapshot" else peer["seconds"]
            ratios.append(f"{against / mine['seconds']:.2f}×")
        print(f"| {job} | " + " | ".join(cells + ratios) + " |")
    if options.json:
        with open(options.json, "w") as handle:
            json.dump({f"{engine}/{job}": value for (engine, job), value in results.items()}, handle, indent=2)


if __name__ == "__main__":
    main()
