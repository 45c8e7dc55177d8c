"""Throughput benchmark: BBC articles replicated to N, end to end through the real flow.

Prints, for each size: articles/s end to end (read -> extract -> validate -> load, via
`newsfacts run`) with Prefect's temporary server and against a running `prefect server`
(what scheduled runs use), the same load without Prefect (to get Prefect's overhead share),
and the peak memory of the whole process tree, the running server included (RSS and PSS
sums); then extraction alone per core, the
analyst queries timed on the largest lake, and the peer glue (dateparser + quantulum3 +
spaCy's small English pipeline; `pip install -e '.[bench]'`) on a sample, as a ratio.

    python bench/throughput.py --sizes 10000 100000
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing
sys.path.insert(0, str(ROOT / "bench"))

from bbc import read_articles  # noqa: E402 (the folder is put on sys.path just above)
from peer_spacy import load_small_pipeline  # noqa: E402

from newsfacts.settings import DEFAULT_BATCH_SIZE  # noqa: E402

QUERIES = {
    "facts per place per month": "select * from place_month order by mentions desc limit 20",
    "top KILL counts by country": "select * from kill_counts_by_country order by total desc limit 20",
    "articles within 50 km of London": "select count(distinct article_id) from places_within(51.5074, -0.1278, 50)",
    "dates per month": "select date_trunc('month', start_date) m, count(*) from dates where precision = 'day' group by m order by m",
}


def write_replicas(texts: list[str], count: int, target: Path) -> Path:
    """`count` articles cycling through the corpus, each made distinct by a replica line."""
    target.mkdir(parents=True, exist_ok=True)
    path = target / f"bbc-{count}.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for index in range(count):
            text = texts[index % len(texts)]
            if index >= len(texts):
                text = f"{text}\n(replica {index // len(texts)})"
            out.write(json.dumps({"id": f"bbc-{index}", "text": text}) + "\n")
    return path


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class TreeUsage:
    """One look at a process tree: memory summed now, and CPU seconds per process so far."""

    rss_mb: float = 0.0
    pss_mb: float = 0.0
    cpu_s: dict[int, float] = field(default_factory=dict)


def tree_usage(pid: int) -> TreeUsage:
    """RSS, PSS and CPU time of a process and all its descendants (Linux /proc).

    The RSS sum counts a shared page once per process that maps it (the fork-server workers
    share the gazetteer), so it overstates the tree; PSS splits each shared page between
    its sharers and sums to what the tree really occupies. Both are reported. CPU time is
    kept per process so that a sampler can sum each one's last value, children included.
    """
    usage = TreeUsage()
    children: dict[int, list[int]] = {}
    cpu: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(stat[1]), []).append(int(entry.name))
            cpu[int(entry.name)] = (int(stat[11]) + int(stat[12])) / CLOCK_TICKS
        except (OSError, IndexError, ValueError):
            continue
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    usage.rss_mb += int(line.split()[1]) / 1024
                elif line.startswith("Pss:"):
                    usage.pss_mb += int(line.split()[1]) / 1024
        except OSError:
            pass
        if current in cpu:
            usage.cpu_s[current] = cpu[current]
        stack.extend(children.get(current, []))
    return usage


@dataclass
class RunFigures:
    """What one timed command cost: wall seconds, peak tree memory, CPU seconds of the tree."""

    seconds: float
    peak_rss_mb: float
    peak_pss_mb: float
    cpu_s: float
    output: str


def timed_run(
    command: list[str], env: dict[str, str], also: int | None = None, also_idle: float = 0.0
) -> RunFigures:
    """Run a command, sampling its process tree every half second.

    `also`: another process tree counted in the peak memory and the CPU time (the running
    Prefect server: its work for this run is Prefect's cost too; only what it spends during
    the run counts, less `also_idle` CPU seconds per second it spends anyway). A process's
    CPU time after its last sample (up to half a second) is not seen: the same small
    undercount in every mode, so shares are unaffected.
    """
    start = time.perf_counter()
    before_also = sum(tree_usage(also).cpu_s.values()) if also is not None else 0.0
    proc = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    peak = {"rss": 0.0, "pss": 0.0}
    cpu_seen: dict[int, float] = {}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            usage = tree_usage(proc.pid)
            cpu_seen.update(usage.cpu_s)
            rss, pss = usage.rss_mb, usage.pss_mb
            if also is not None:
                extra = tree_usage(also)
                rss, pss = rss + extra.rss_mb, pss + extra.pss_mb
            peak["rss"], peak["pss"] = max(peak["rss"], rss), max(peak["pss"], pss)
            time.sleep(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = proc.communicate()
    done.set()
    sampler.join()
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{output[-3000:]}")
    cpu = sum(cpu_seen.values())
    if also is not None:  # the server outlives the run: what it spent meanwhile, less idling
        spent = sum(tree_usage(also).cpu_s.values()) - before_also
        cpu += max(0.0, spent - also_idle * seconds)
    return RunFigures(seconds, peak["rss"], peak["pss"], cpu, output)


@contextmanager
def prefect_server(scratch: Path) -> Iterator[dict[str, str]]:
    """A real `prefect server start` on loopback, as scheduled runs have; yields its env."""
    port = _free_port()
    home = scratch / "prefect-home"
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    command = ["prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)]
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / command[0]), *command[1:]],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/api"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                with urllib.request.urlopen(f"{url}/health", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("prefect server did not start within 180 s")
            time.sleep(0.5)
        yield {
            "PREFECT_API_URL": url,
            "PREFECT_HOME": str(home),
            "server_pid": str(server.pid),
            "server_idle_cpu_per_s": str(idle_cpu_rate(server.pid)),
        }
    finally:
        server.terminate()
        server.wait(timeout=60)


def idle_cpu_rate(pid: int, seconds: float = 20.0) -> float:
    """CPU seconds per second a process tree spends with nothing to do.

    A running Prefect server polls its services (schedules, late runs, ...) whether or not
    a flow runs; that part of its CPU time is not the cost of the run being measured.
    """
    before = sum(tree_usage(pid).cpu_s.values())
    time.sleep(seconds)
    return (sum(tree_usage(pid).cpu_s.values()) - before) / seconds


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# The same load as `newsfacts run` minus Prefect: workers started early as the CLI does.
PLAIN_LOAD = """
import sys
from newsfacts.workers import start_workers_early
if __name__ == "__main__":
    source, warehouse, workers, batch = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    start_workers_early(workers, [source], batch)
    from newsfacts.load import run_load
    from newsfacts.settings import Warehouse
    run_load([source], Warehouse.at(warehouse), run_id="plain", flow_name="bench",
             batch_size=batch, max_bytes=10**7, workers=workers)
"""


def end_to_end(
    source: Path,
    scratch: Path,
    workers: int,
    batch_size: int,
    count: int,
    with_plain: bool,
    server: dict[str, str] | None,
    repeat: int = 1,
) -> dict[str, object]:
    """One size: the flow with a temporary Prefect server, with a running one, and plain.

    With `repeat` > 1 the modes run in turn that many times and the median is reported
    (with every run's seconds): on this 2-core machine one load varies by several percent
    from run to run, as much as the Prefect share being measured.
    """
    env = {**os.environ, "PREFECT_LOGGING_LEVEL": "WARNING"}
    newsfacts = [sys.executable, "-m", "newsfacts"]
    options = ["--workers", str(workers), "--batch-size", str(batch_size)]
    server_pid = int(server["server_pid"]) if server is not None else None
    server_idle = float(server["server_idle_cpu_per_s"]) if server is not None else 0.0
    # mode -> (command, environment, other process tree counted in its memory, lake folder)
    commands: dict[str, tuple[list[str], dict[str, str], int | None, Path]] = {}
    for mode in ("temporary_server", "running_server"):
        if mode == "running_server" and server is None:
            continue
        mode_env = (
            env
            if server is None or mode == "temporary_server"
            else {**env, **{k: v for k, v in server.items() if k.startswith("PREFECT_")}}
        )
        wh = scratch / f"flow-{count}-{mode}"
        also = server_pid if mode == "running_server" else None
        command = [*newsfacts, "run", str(source), "-w", str(wh), *options]
        commands[mode] = (command, mode_env, also, wh)
    if with_plain:
        script = scratch / "plain_load.py"
        script.write_text(PLAIN_LOAD)
        wh = scratch / f"plain-{count}"
        command = [sys.executable, str(script), str(source), str(wh), str(workers), str(batch_size)]
        commands["plain"] = (command, {**env, "PYTHONPATH": str(ROOT)}, None, wh)

    seconds: dict[str, list[float]] = {mode: [] for mode in commands}
    cpu: dict[str, list[float]] = {mode: [] for mode in commands}
    peaks: dict[str, dict[str, float]] = {mode: {"rss": 0.0, "pss": 0.0} for mode in commands}
    for _ in range(repeat):
        for mode, (command, mode_env, also, wh) in commands.items():
            shutil.rmtree(wh, ignore_errors=True)  # every run loads the whole input anew
            figures = timed_run(command, mode_env, also=also, also_idle=server_idle)
            seconds[mode].append(figures.seconds)
            cpu[mode].append(figures.cpu_s)
            peaks[mode]["rss"] = max(peaks[mode]["rss"], figures.peak_rss_mb)
            peaks[mode]["pss"] = max(peaks[mode]["pss"], figures.peak_pss_mb)
    shutil.rmtree(scratch / f"plain-{count}", ignore_errors=True)

    result: dict[str, object] = {"articles": count}
    for mode, runs in seconds.items():
        median = statistics.median(runs)
        result[f"{mode}_seconds"] = median
        result[f"{mode}_articles_per_s"] = count / median
        result[f"{mode}_cpu_seconds"] = statistics.median(cpu[mode])
        if repeat > 1:
            result[f"{mode}_seconds_runs"] = [round(s, 1) for s in runs]
            result[f"{mode}_cpu_seconds_runs"] = [round(s, 1) for s in cpu[mode]]
        result[f"{mode}_peak_rss_sum_mb"] = peaks[mode]["rss"]
        result[f"{mode}_peak_pss_sum_mb"] = peaks[mode]["pss"]
    if with_plain:
        plain_s = statistics.median(seconds["plain"])
        plain_cpu = statistics.median(cpu["plain"])
        for mode in commands:
            if mode != "plain":
                flow_s = statistics.median(seconds[mode])
                result[f"{mode}_prefect_overhead_share"] = max(0.0, (flow_s - plain_s) / flow_s)
                # The same share counted in CPU seconds (flow process, workers and server):
                # what Prefect costs, less blurred by the machine's run-to-run wall noise.
                flow_cpu = statistics.median(cpu[mode])
                result[f"{mode}_prefect_cpu_share"] = max(0.0, (flow_cpu - plain_cpu) / flow_cpu)
    return result


def extraction_per_core(texts: list[str]) -> dict[str, float]:
    """Extraction alone on one core: a first pass over the corpus, then a second one.

    As in an extraction worker, the extractors first run once on a one-sentence text (the
    one-time compiling of patterns and reading of word lists, ~70 ms, is not a per-article
    cost). The first pass starts with empty name caches (the place extractor remembers name
    lookups); the second is the steady state of a long run, where the caches are warm. The
    corpus repeats exactly in the second pass, which flatters the caches somewhat, so both
    figures are reported.
    """
    from newsfacts.extract.article import warm_up
    from newsfacts.extract.gazetteer import load_gazetteer

    start = time.perf_counter()
    gazetteer = load_gazetteer()
    load_s = time.perf_counter() - start
    warm_up(gazetteer)  # what every worker does once before its first batch
    result = _extraction_pass(texts, gazetteer, "")
    result.update(_extraction_pass(texts, gazetteer, "warm_"))
    result["gazetteer_load_s"] = load_s
    return result


def _extraction_pass(texts: list[str], gazetteer: object, prefix: str) -> dict[str, float]:
    from newsfacts.extract.counts import extract_counts
    from newsfacts.extract.dates import extract_dates
    from newsfacts.extract.places import extract_places
    from newsfacts.extract.text import split_sentences

    parts = {"sentences": 0.0, "dates": 0.0, "counts": 0.0, "places": 0.0}
    for text in texts:
        t0 = time.perf_counter()
        sentences = split_sentences(text)
        t1 = time.perf_counter()
        extract_dates(text, None, sentences)
        t2 = time.perf_counter()
        extract_counts(text, sentences)
        t3 = time.perf_counter()
        extract_places(text, sentences, gazetteer)  # type: ignore[arg-type]
        t4 = time.perf_counter()
        parts["sentences"] += t1 - t0
        parts["dates"] += t2 - t1
        parts["counts"] += t3 - t2
        parts["places"] += t4 - t3
    total = sum(parts.values())
    result = {f"{prefix}{k}_ms_per_article": 1000 * v / len(texts) for k, v in parts.items()}
    result[f"{prefix}extract_ms_per_article"] = 1000 * total / len(texts)
    result[f"{prefix}extract_articles_per_s_per_core"] = len(texts) / total
    return result


def peer_glue(texts: list[str]) -> dict[str, object] | None:
    """dateparser + quantulum3 + spaCy's small English pipeline, as people glue them today.

    Each tool is timed on the same articles; spaCy's part is left out (and said so) only
    when spaCy itself is missing. See peer_spacy.py for the stand-in used when the trained
    small model cannot be installed.
    """
    try:
        import dateparser.search  # type: ignore[import-not-found]
        from quantulum3 import parser as quantulum  # type: ignore[import-not-found]
    except ImportError:
        return None
    spacy_pipeline = load_small_pipeline()
    nlp, spacy_what = spacy_pipeline if spacy_pipeline is not None else (None, "")
    timings = {"dateparser": 0.0, "quantulum3": 0.0, "spacy_sm": 0.0}
    for text in texts:
        t0 = time.perf_counter()
        dateparser.search.search_dates(text, languages=["en"])
        t1 = time.perf_counter()
        quantulum.parse(text)
        t2 = time.perf_counter()
        if nlp is not None:
            nlp(text)
        t3 = time.perf_counter()
        timings["dateparser"] += t1 - t0
        timings["quantulum3"] += t2 - t1
        timings["spacy_sm"] += t3 - t2
    result: dict[str, object] = {
        f"{k}_ms_per_article": 1000 * v / len(texts) for k, v in timings.items()
    }
    if nlp is None:  # spaCy not installed: leave it out rather than count 0 ms
        del result["spacy_sm_ms_per_article"]
        spacy_what = "not installed (pip install -e '.[bench]')"
    result["spacy_pipeline"] = spacy_what
    return result


def query_times(warehouse: Path) -> dict[str, float]:
    import duckdb

    con = duckdb.connect(str(warehouse / "newsfacts.duckdb"), read_only=True)
    out = {}
    try:
        for name, sql in QUERIES.items():
            start = time.perf_counter()
            con.execute(sql).fetchall()
            out[name] = time.perf_counter() - start
    finally:
        con.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "bbc-news"
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--peer-sample", type=int, default=200)
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="Run every mode this many times, in turn, and report medians (runs vary).",
    )
    parser.add_argument(
        "--scratch", type=Path, default=None, help="Where to write (default: a temp dir)."
    )
    parser.add_argument("--keep", action="store_true", help="Keep the generated lakes.")
    parser.add_argument(
        "--plain-at-every-size",
        action="store_true",
        help="Run the load without Prefect at every size (default: the smallest only).",
    )
    parser.add_argument(
        "--no-running-server",
        action="store_true",
        help="Only measure runs with Prefect's temporary server (no `prefect server start`).",
    )
    parser.add_argument(
        "--extraction-only",
        action="store_true",
        help="Only extraction per core and the peer glue (no loads, no queries): a minute.",
    )
    args = parser.parse_args()

    texts = read_articles(args.corpus)
    if not texts:
        raise SystemExit(f"no BBC articles under {args.corpus}")
    scratch = args.scratch or Path(tempfile.mkdtemp(prefix="newsfacts-bench-"))
    report: dict[str, object] = {"corpus_articles": len(texts), "workers": args.workers}
    mean_chars = sum(map(len, texts)) / len(texts)
    report["mean_article_chars"] = round(mean_chars)

    report["extraction"] = extraction_per_core(texts)
    runs = []
    if args.extraction_only:
        args.sizes = []
    with ExitStack() as stack:
        server = (
            None
            if args.no_running_server or not args.sizes
            else stack.enter_context(prefect_server(scratch))
        )
        if server is not None:
            report["prefect_server_idle_cpu_per_s"] = float(server["server_idle_cpu_per_s"])
        for size in args.sizes:
            source = write_replicas(texts, size, scratch / "inputs")
            plain = args.plain_at_every_size or size == min(args.sizes)
            runs.append(
                end_to_end(
                    source, scratch, args.workers, args.batch_size, size, plain, server, args.repeat
                )
            )
            print(json.dumps(runs[-1]), flush=True)
    report["end_to_end"] = runs
    if args.sizes:
        report["queries_s"] = query_times(scratch / f"flow-{max(args.sizes)}-temporary_server")
    peer = peer_glue(texts[: args.peer_sample])
    if peer is not None:
        glue = sum(
            float(v)  # type: ignore[arg-type]
            for k, v in peer.items()
            if k.endswith("_ms_per_article")
        )
        ours = report["extraction"]["extract_ms_per_article"]  # type: ignore[index]
        warm = report["extraction"]["warm_extract_ms_per_article"]  # type: ignore[index]
        peer["speedup_vs_glue_warm"] = glue / warm
        peer["glue_ms_per_article"] = glue
        peer["speedup_vs_glue"] = glue / ours
    report["peer_glue"] = peer
    print(json.dumps(report, indent=2))
    if not args.keep and args.scratch is None:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
