#!/usr/bin/env python3
"""Peers of the CreatorMatch benchmarks, side by side in one run.

1. An idiomatic, vectorized numpy implementation of the same ranking pass (the compiled plan and
   the table's columns come from `creatormatch-bench --export-peer-data`), checked against our
   scores to 1e-6 and our top 50.
2. pandas.read_csv on the same creator CSV.
3. datasketch HyperLogLog (p = 14) and MinHash (num_perm = 256) on the same follower ids, with
   accuracy next to ours.

It prints the ratios and exits non-zero when the numpy results disagree with ours.

    python3 benchmarks/peers/run_peers.py            # 1M creators (about 5 minutes)
    python3 benchmarks/peers/run_peers.py --quick    # 100k creators
"""
import argparse
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def ensure_packages():
    missing = []
    for name in ["numpy", "pandas", "datasketch", "scipy"]:
        try:
            __import__(name)
        except ImportError:
            missing.append(name)
    if missing:
        print("installing", " ".join(missing), file=sys.stderr)
        subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", *missing])


def best_of(function, runs=5):
    times = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    times.sort()
    return times[len(times) // 2], result


def load(directory):
    import numpy as np

    def array(name, dtype):
        return np.fromfile(os.path.join(directory, name + ".bin"), dtype=dtype)

    table = {
        "platforms": array("platforms", np.uint8), "tiers": array("tiers", np.uint8),
        "followers": array("followers", np.float64), "countries": array("countries", np.uint16),
        "languages": array("languages", np.uint16), "sponsored": array("sponsored", np.float32),
        "authenticity": array("authenticity", np.float64),
        "log_engagement": array("log_engagement", np.float64),
        "log_authenticity": array("log_authenticity", np.float64),
        "category_masks": array("category_masks", np.uint64), "female": array("female", np.float32),
        "ages": array("ages", np.float32), "log_impressions": array("log_impressions", np.float64),
        "log_real_share": array("log_real_share", np.float64), "lift_log": array("lift_log", np.float64),
        "log_price": array("log_price", np.float64), "creator_variance": array("creator_variance", np.float64),
        "price_kind": array("price_kind", np.uint8),
        "log_estimated_cpm": array("log_estimated_cpm", np.float64), "market_kind": array("market_kind", np.uint8),
        "id_ranks": array("id_ranks", np.uint32),
        "postings_offsets": array("postings_offsets", np.int64), "postings_rows": array("postings_rows", np.uint32),
        "postings_weights": array("postings_weights", np.float32), "our_scores": array("our_scores", np.float64),
    }
    for name in ["aud_countries", "aud_languages", "aud_interests"]:
        table[name] = (
            array(name + "_offsets", np.uint32).astype(np.int64), array(name + "_keys", np.uint16),
            array(name + "_shares", np.float32))
    with open(os.path.join(directory, "plan.json")) as handle:
        plan = json.load(handle)
    with open(os.path.join(directory, "top.json")) as handle:
        top = json.load(handle)["top_rows"]
    return table, plan, top


def segment_sums(csr, weights, n):
    """Per-row sums of weight[key] * share over a CSR column; also which rows are empty."""
    import numpy as np
    offsets, keys, shares = csr
    values = weights[keys] * shares.astype(np.float64)
    counts = np.diff(offsets)
    rows = np.repeat(np.arange(n), counts)
    totals = np.bincount(rows, weights=values, minlength=n)
    return totals, counts == 0


def numpy_rank(table, plan, k=50):
    """The ranking pass of one brief, vectorized over every creator."""
    import numpy as np
    from scipy.special import ndtr

    n = len(table["followers"])
    floor = plan["floor"]
    log_floor = np.log(floor)
    # Hard constraints.
    eligible = ((plan["platform_mask"] >> table["platforms"].astype(np.int64)) & 1) == 1
    if plan["min_followers"] is not None:
        eligible &= table["followers"] >= plan["min_followers"]
    if plan["max_followers"] is not None:
        eligible &= table["followers"] <= plan["max_followers"]
    eligible &= ((plan["tier_mask"] >> table["tiers"].astype(np.int64)) & 1) == 1
    if plan["country_allowed"] is not None:
        eligible &= np.isin(table["countries"], plan["country_allowed"])
    if plan["min_authenticity"] is not None:
        eligible &= table["authenticity"] >= plan["min_authenticity"]
    if plan["max_sponsored"] is not None:
        sponsored = table["sponsored"]
        eligible &= ~(~np.isnan(sponsored) & (sponsored > np.float32(plan["max_sponsored"])))
    if plan["excluded_rows"]:
        eligible[plan["excluded_rows"]] = False
    offsets, prows, pweights = table["postings_offsets"], table["postings_rows"], table["postings_weights"]
    for phrase in plan["exclude_term_ids"]:
        hits = np.zeros(n, dtype=np.int32)
        for term in set(phrase):
            hits[prows[offsets[term]:offsets[term + 1]]] += 1
        eligible &= hits != len(set(phrase))
    # Niche: TF-IDF cosine over the query terms' postings, then the category floor.
    cosine = np.zeros(n)
    for term in plan["query_terms"]:
        start, end = offsets[term["id"]], offsets[term["id"] + 1]
        cosine[prows[start:end]] += term["weight"] * pweights[start:end].astype(np.float64)
    niche = np.clip(cosine, 0, 1)
    category = (table["category_masks"] & np.uint64(int(plan["category_mask"]))) != 0
    niche = np.where(category, np.maximum(niche, plan["niche_category_floor"]), niche)
    # Audience: gender × age × min(country, language) × min(interests, 1).
    audience_plan = plan["audience"]
    share = np.ones(n)
    if not audience_plan["empty"]:
        if audience_plan["gender"] is not None:
            female = table["female"].astype(np.float64)
            value = female if audience_plan["gender"] == "female" else 1 - female
            share = share * np.where(np.isnan(female), audience_plan["gender_prior"], value)
        if any(audience_plan["age_mask"]):
            ages = table["ages"].reshape(6, n).T.astype(np.float64)  # bucket-major
            total = np.zeros(n)
            for bucket, flag in enumerate(audience_plan["age_mask"]):
                total = total + (1.0 if flag else 0.0) * ages[:, bucket]
            total = np.minimum(total, 1.0)
            share = share * np.where(np.isnan(ages[:, 0]), audience_plan["age_prior"], total)
        geography = None
        for name, own in [("countries", "countries"), ("languages", "languages")]:
            if audience_plan[name] is None:
                continue
            weights = np.zeros(677)
            weights[audience_plan[name]] = 1.0
            totals, empty = segment_sums(table["aud_" + name], weights, n)
            in_target, outside, unknown = audience_plan[name + "_missing"]
            own_codes = table[own].astype(np.int64)
            home = weights[own_codes]
            estimate = np.where(own_codes == 0, unknown, np.where(home > 0, in_target, outside))
            totals = np.where(empty, estimate, totals)
            geography = totals if geography is None else np.minimum(geography, totals)
        if geography is not None:
            share = share * np.minimum(1.0, geography)
        if audience_plan["interests"] is not None:
            weights = np.zeros(max(len(table["aud_interests"][1]) and int(table["aud_interests"][1].max()) + 1, 1))
            for key in audience_plan["interests"]:
                if key < len(weights):
                    weights[key] = 1.0
            totals, empty = segment_sums(table["aud_interests"], weights, n)
            totals = np.where(empty, audience_plan["interest_prior"], totals)
            share = share * np.minimum(totals, 1.0)
    # Value: P(ROI > 0) from the log-space funnel.
    weights_list = plan["weights"]
    value = np.zeros(n)
    kernel = plan["value"]
    if kernel is not None:
        log_i = table["log_impressions"]
        views_based = (table["price_kind"] & 0x80) != 0
        if kernel["log_brief_reach"] is not None:
            log_i = np.where(views_based, log_i, np.log(table["followers"]) + kernel["log_brief_reach"])
        with np.errstate(divide="ignore"):
            log_share = np.log(share)
        log_profit = kernel["log_constant"] + log_i + table["log_real_share"] + table["lift_log"] + log_share
        factors = np.array([np.nan if f is None else f for f in kernel["log_currency_factor"]])
        factor = factors[table["price_kind"] & 0x7F]
        quoted = table["log_price"]
        estimated = np.isnan(quoted) | np.isnan(factor)
        market = table["market_kind"]
        estimate = (table["log_estimated_cpm"] + np.where(market & 3 == 0, kernel["log_brief_market_ratio"], 0.0)
                    + kernel["log_usd_per_mille"])
        log_price = np.where(estimated, estimate + log_i, quoted + factor)
        variances = np.array(kernel["estimated_price_variance"])
        cost_variance = np.where(estimated, variances[market & 0x0F], 0.0)
        if kernel["fixed_cost"] == 0:
            log_cost = kernel["log_posts"] + log_price
        else:
            log_cost = np.log(kernel["posts"] * np.exp(log_price) + kernel["fixed_cost"])
        sd = np.sqrt(kernel["shared_variance"] + table["creator_variance"] + cost_variance)
        value = ndtr((log_profit - log_cost) / sd)
    components = [table["log_engagement"], np.log(np.maximum(share, floor)), np.log(np.maximum(niche, floor)),
                  table["log_authenticity"], np.log(np.maximum(value, floor))]
    log_sum = np.zeros(n)
    for weight, log_component in zip(weights_list, components):
        if weight > 0:
            log_sum = log_sum + weight * log_component
    score = np.where(eligible, 100 * np.exp(log_sum), np.nan)
    # Top k by (score desc, id rank asc).
    candidates = np.flatnonzero(eligible)
    if len(candidates) > k:
        kth = np.partition(score[candidates], len(candidates) - k)[len(candidates) - k]
        candidates = candidates[score[candidates] >= kth]
    order = np.lexsort((table["id_ranks"][candidates], -score[candidates]))
    return score, candidates[order][:k]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="100k creators instead of 1M")
    parser.add_argument("--data", default=None, help="reuse an exported data directory")
    arguments = parser.parse_args()
    ensure_packages()
    import numpy as np
    import pandas as pd
    from datasketch import HyperLogLog, MinHash

    directory = arguments.data or os.path.join("/tmp", "creatormatch-peers" + ("-quick" if arguments.quick else ""))
    if arguments.data is None:
        subprocess.check_call(["swift", "build", "-c", "release", "--product", "creatormatch-bench"], cwd=ROOT)
        command = [os.path.join(ROOT, ".build", "release", "creatormatch-bench"), "--export-peer-data", directory]
        if arguments.quick:
            command.append("--quick")
        subprocess.check_call(command, cwd=ROOT)
    with open(os.path.join(directory, "ours.json")) as handle:
        ours = {scenario["name"]: scenario for scenario in json.load(handle)["scenarios"]}

    table, plan, our_top = load(directory)
    n = len(table["followers"])
    numpy_seconds, (scores, top) = best_of(lambda: numpy_rank(table, plan))
    reference = table["our_scores"]
    same_mask = np.array_equal(np.isnan(scores), np.isnan(reference))
    difference = np.nanmax(np.abs(scores - reference)) if same_mask else float("inf")
    agree = same_mask and difference <= 1e-6 and list(top) == list(our_top)
    print(f"numpy ranking of {n:,} creators agrees with ours: {agree} (max |score difference| {difference:.2e}, "
          f"top 50 identical: {list(top) == list(our_top)})")

    csv = os.path.join(directory, "creators.csv")
    pandas_seconds, frame = best_of(lambda: pd.read_csv(csv), runs=3)
    ingest = ours["csv-ingest-1m" if n >= 1_000_000 else "csv-ingest-100k"]

    with open(os.path.join(directory, "ids.txt"), "rb") as handle:
        ids = handle.read().split(b"\n")[:-1]
    count = ours["hll-build"]["items"]
    ids = ids[:count]

    def build_hll():
        sketch = HyperLogLog(p=14)
        for value in ids:
            sketch.update(value)
        return sketch

    hll_seconds, hll = best_of(build_hll, runs=1)
    hll_error = abs(hll.count() / len(ids) - 1)

    def build_minhash():
        sketch = MinHash(num_perm=256)
        sketch.update_batch(ids)
        return sketch

    minhash_seconds, _ = best_of(build_minhash, runs=1)
    errors = []
    for index, jaccard in enumerate([[0.05, 0.1, 0.2, 0.3, 0.5][i % 5] for i in range(40)]):
        shared = int(jaccard * 20_000)
        half = (20_000 - shared) // 2
        a, b = MinHash(num_perm=256), MinHash(num_perm=256)
        members = [f"pair{index}-{member}".encode() for member in range(20_000)]
        a.update_batch([m for i, m in enumerate(members) if i < shared + half])
        b.update_batch([m for i, m in enumerate(members) if i < shared or i >= shared + half])
        errors.append(abs(a.jaccard(b) - jaccard))
    minhash_error = sum(errors) / len(errors)

    rows = [
        ("rank, one brief, 1 thread", ours["rank-1t"]["median_seconds"], numpy_seconds, 5.0),
        ("rank, one brief, all cores", ours["rank-all"]["median_seconds"], numpy_seconds, 5.0),
        ("CSV ingest", ingest["median_seconds"] * len(frame) / ingest["items"], pandas_seconds, 2.0),
        ("HyperLogLog build", ours["hll-build"]["median_seconds"], hll_seconds, 20.0),
        ("MinHash build", ours["minhash-build"]["median_seconds"], minhash_seconds, 20.0),
    ]
    print(f"\n{'scenario':<28}{'ours':>12}{'peer':>12}{'ratio':>9}{'target':>9}")
    for name, mine, peer, target in rows:
        ratio = peer / mine
        verdict = "met" if ratio >= target else "missed"
        print(f"{name:<28}{mine * 1000:>10.1f}ms{peer * 1000:>10.1f}ms{ratio:>8.1f}×{target:>7.0f}×  {verdict}")
    print(f"\naccuracy: HyperLogLog relative error ours {ours['hll-build']['extra']['relative_error']:.5f} "
          f"vs datasketch {hll_error:.5f}; MinHash Jaccard mean |error| ours "
          f"{ours['minhash-build']['extra']['jaccard_mean_abs_error']:.4f} vs datasketch {minhash_error:.4f}")
    scan = ours["memory-scan"]["median_seconds"] * ours["rank-1t"]["extra"]["hot_bytes_per_creator"] * \
        ours["rank-1t"]["items"] / ours["memory-scan"]["items"]
    print(f"ranking at {scan / ours['rank-1t']['median_seconds']:.0%} of the memory-scan limit (1 thread); "
          f"table {ours['rank-1t']['extra']['table_bytes_per_creator']:.0f} bytes per creator "
          f"({ours['rank-1t']['extra']['resident_bytes_per_creator']:.0f} resident)")
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
