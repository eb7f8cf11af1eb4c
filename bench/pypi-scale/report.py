#!/usr/bin/env python3
"""Prints bench/run's results as a table and writes them into docs/benchmarks.md between the pypi-scale markers.

Usage: report.py DOCS_FILE   (the figures come in the environment, as bench/run exports them)
"""
import datetime
import os
import platform
import statistics
import subprocess
import sys

START, END = "<!-- pypi-scale:start -->", "<!-- pypi-scale:end -->"
# scenario name prefix -> the lowest Sluice/nginx req/s ratio accepted (issue 25; the root list's from issue 8)
TARGETS = [("small pages", 0.6), ("big page", 0.8), ("root list", 0.5), ("proxy cache hit: big", 0.8),
           ("core metadata", 0.6), ("1 MiB", 0.9), ("100 MiB", 1.0), ("proxy cache hit: 1 MiB", 0.9)]
RSS_TARGET_MB = 320
START_TARGET_S = 1.0
USAGE_TARGET = 0.9


def target(name):
    for prefix, ratio in sorted(TARGETS, key=lambda t: -len(t[0])):
        if name.startswith(prefix):
            return ratio
    return None


def rows():
    by = {}
    order = []
    with open(os.environ["ROWS"]) as f:
        for line in f:
            name, server, figures = line.rstrip("\n").split("\t")
            rps, p50, p99 = map(float, figures.split())
            if name not in by:
                order.append(name)
                by[name] = {"sluice": [], "nginx": []}
            by[name][server].append((rps, p50, p99))
    return order, by


def med(values, i):
    return statistics.median(v[i] for v in values)


def table():
    order, by = rows()
    out = ["| scenario | Sluice req/s | nginx req/s | ratio (target) | Sluice p50 / p99 ms | nginx p50 / p99 ms | p99 ratio |",
           "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    misses = []
    for name in order:
        s, n = by[name]["sluice"], by[name]["nginx"]
        ratio = med(s, 0) / med(n, 0)
        p99_ratio = med(s, 2) / med(n, 2)
        t = target(name)
        verdict = "" if t is None else f" (≥ {t})" + ("" if ratio >= t else " **missed**")
        if t is not None and ratio < t:
            misses.append(f"{name}: {ratio:.3f} against {t}")
        if p99_ratio > 3:
            misses.append(f"{name}: p99 {p99_ratio:.1f}× nginx's against 3×")
        out.append(f"| {name} | {med(s, 0):,.0f} | {med(n, 0):,.0f} | {ratio:.3f}{verdict} | {med(s, 1):.2f} / {med(s, 2):.2f}"
                   f" | {med(n, 1):.2f} / {med(n, 2):.2f} | {p99_ratio:.1f}{' **missed**' if p99_ratio > 3 else ''} |")
    return out, misses


def pip_line():
    times = {"sluice": [], "nginx": []}
    with open(os.environ["PIP_TIMES"]) as f:
        for line in f:
            server, seconds = line.split()
            times[server].append(float(seconds))
    s, n = statistics.median(times["sluice"]), statistics.median(times["nginx"])
    return f"pip install of a 20-package chain (`chain-01` … `chain-20`, no cache), median of 5: Sluice {s:.2f} s, nginx {n:.2f} s ({n / s:.2f} of nginx's speed)"


def usage_line(usage, misses):
    """bench/usage-load's three summary lines (joined by |), or why it did not run.

    The verdict is the CPU time per request (from /proc), log off over log on: Sluice is pinned to one core and busy,
    so that is the throughput it keeps, and it is the steadier of the two measures the issue names (the throughput
    pairs compare separately started JVMs, whose compilations differ; they are printed too)."""
    if "|" not in usage:
        return f"Usage log's cost: {usage}."
    throughput, cpu, writer = usage.split("|")
    kept = 1 / float(cpu.rsplit("median", 1)[1].strip(" ;"))
    if kept < USAGE_TARGET:
        misses.append(f"usage log keeps {kept:.3f} of the log-off throughput (by CPU per request) against {USAGE_TARGET}")
    return (f"Usage log's cost (`bench/usage-load`, Sluice on core 0, log on and off in alternation): by CPU time per"
            f" request the log keeps {kept:.3f} of the log-off throughput (target ≥ {USAGE_TARGET}"
            f"{'' if kept >= USAGE_TARGET else ', **missed**'}); {cpu}; {throughput}; {writer}.")


def main(docs):
    e = os.environ
    java = subprocess.run([os.path.join(e.get("JAVA_HOME", ""), "bin", "java"), "-version"], capture_output=True,
                          text=True).stderr.splitlines()[0]
    nginx = subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr.strip()
    cpus = os.cpu_count()
    lines, misses = table()
    starts = [float(x) for x in e["STARTS"].split()]
    ttfb_ms = float(e["ROOT_TTFB"]) * 1000
    body = [f"## PyPI scale, side by side with nginx — {datetime.date.today()}", "",
            f"`bench/run` (DURATION={e['DURATION']} per run after a {e['WARMUP']} warm-up, {e['ROUNDS']} rounds S N S N …, medians shown)."
            f" Machine: {cpus} cores, {platform.machine()}, {platform.release()}; {java}; {nginx}. Sluice from"
            f" `target/sluice.jar` with `-Xmx{e['HEAP']}`{' ' + e['JAVA_OPTS'] if e.get('JAVA_OPTS') else ''} and the embedded default (SQLite), nginx with one worker,"
            " `sendfile`, `open_file_cache` and `gzip_static` over a static export of what Sluice serves (same bytes,"
            " gzip included). Both servers on core 0, wrk (2 threads, 32 connections) on core 1.", "",
            "Data: `bigproj` with 2,000 wheels over 500 versions, 5,000 small projects, a 1 MiB and a 100 MiB wheel,"
            " a 20-project dependency chain (all uploaded through the API: " + e["LOAD"].replace("uploaded ", "") + "),"
            " and 600,000 name-only projects in the root list.", ""] + lines + [""]
    cold_ms = float(e["ROOT_COLD_TTFB"]) * 1000
    body += [f"- Root list of 600,000 names ({int(e['ROOT_SIZE']) / 1e6:.1f} MB of HTML), streamed as it is rendered:"
             f" the request that renders it has its first byte after {ttfb_ms:.0f} ms and all of it after"
             f" {float(e['ROOT_TOTAL']) * 1000:.0f} ms (target: first byte < 100 ms{'' if ttfb_ms < 100 else ', **missed**'});"
             f" as the very first request after a start (the JVM loading the request path), first byte after {cold_ms:.0f} ms.",
             f"- {pip_line()}.",
             f"- 100 uploads with twine (one process): {e['TWINE_SECONDS']} s.",
             f"- Sluice peak RSS: {e['RSS_UNDER_LOAD']} MB after the wrk scenarios, {e['RSS_PEAK']} MB after the clients"
             f" (target ≤ {RSS_TARGET_MB} MB{'' if int(e['RSS_PEAK']) <= RSS_TARGET_MB else ', **missed**'}); heap capped at -Xmx{e['HEAP']} throughout."
             f" Where it goes (each scenario again under native memory tracking, committed): {e['MEMORY']}.",
             f"- Big file: {e['BIG_RESULT']}.",
             f"- Start to first 200 on `/simple/` with the embedded default and the README's ahead-of-time cache, fresh data directory: {', '.join(f'{s:.2f}' for s in starts)} s"
             f" (median {statistics.median(starts):.2f} s; target ≤ {START_TARGET_S} s{'' if statistics.median(starts) <= START_TARGET_S else ', **missed**'}).",
             f"- {usage_line(e['USAGE_LOG'], misses)}", ""]
    if int(e['RSS_PEAK']) > RSS_TARGET_MB:
        misses.append(f"peak RSS {e['RSS_PEAK']} MB against {RSS_TARGET_MB}")
    if statistics.median(starts) > START_TARGET_S:
        misses.append(f"start {statistics.median(starts):.2f} s against {START_TARGET_S}")
    if misses:
        body += ["Missed targets in this run: " + "; ".join(misses) + ".", ""]
    text = "\n".join(body)
    print(text)
    with open(docs) as f:
        current = f.read()
    block = f"{START}\n{text}{END}"
    if START in current:
        before, rest = current.split(START, 1)
        current = before + block + rest.split(END, 1)[1]
    else:
        current = current.rstrip("\n") + "\n\n" + block + "\n"
    with open(docs, "w") as f:
        f.write(current)


if __name__ == "__main__":
    main(sys.argv[1])
