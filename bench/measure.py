#!/usr/bin/env python3
"""Run a command RUNS times and report its median wall time and peak RSS.

    measure.py [--runs N] [--rss-runs N] [--warmup N] [--rss-from-timed] [--ok 0,1] \
        [--json FILE] --label LABEL -- CMD...

The wall time of a run is perf_counter around spawning the command and reaping it.
The peak RSS is the largest of the --warmup runs (untimed) and --rss-runs more runs,
all under GNU time (`/usr/bin/time -f %M`), kept apart from the timed runs: GNU time costs milliseconds of its own, and a
child spawned straight from Python inherits Python's memory high-water mark in its
rusage (Linux records the parent's at exec), so neither can serve for both. stdout and
stderr go to /dev/null; an exit status outside --ok fails the measurement (and prints
the command's stderr of that run). One line per command on stdout:

    LABEL: median 12.3 ms (min 11.9 ms, max 14.0 ms) over 50 runs, CPU 10.1 ms, peak RSS 10.2 MB

(CPU: the median user + system time of the timed runs, from wait4; it is less disturbed
than the wall time by other load on the machine.)

With --rss-from-timed the timed runs themselves run under GNU time and their peak RSS
counts: for a command that runs for minutes (trivy on the 10,000-file corpus), where
GNU time's milliseconds do not matter and runs only for the RSS cost too much.

and with --json FILE one JSON object per command is appended to FILE. Only the Python 3
standard library is used.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time


TIME_BIN = "/usr/bin/time"


def run_once(cmd: list[str], ok: set[int]) -> tuple[float, float]:
    """One run of `cmd`: its wall time and its CPU time (user + system), in seconds."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:
            # Interrupted (Ctrl-C, or SIGTERM below): do not leave the measured command running.
            proc.kill()
            proc.wait()
            raise
        wall = time.perf_counter() - start
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        if code not in ok:
            err.seek(0)
            tail = err.read().decode("utf-8", "replace")[-4000:]
            sys.exit(f"error: `{' '.join(cmd)}` exited with {code}:\n{tail}")
    return wall, usage.ru_utime + usage.ru_stime


def peak_rss_kb(cmd: list[str], ok: set[int]) -> int:
    """One run of `cmd` under GNU time: its peak resident set in KiB."""
    with tempfile.NamedTemporaryFile("r") as out:
        run_once([TIME_BIN, "-f", "%M", "-o", out.name, *cmd], ok)
        # GNU time writes "Command exited with non-zero status N" first when N != 0.
        lines = out.read().split()
        return int(lines[-1]) if lines and lines[-1].isdigit() else 0


def fmt_time(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def main() -> None:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--rss-runs", type=int, default=2, help="more runs under GNU time for the peak RSS")
    ap.add_argument("--warmup", type=int, default=1, help="untimed runs first (page cache, peak RSS)")
    ap.add_argument(
        "--rss-from-timed",
        action="store_true",
        help="time the runs under GNU time and count their peak RSS (for long commands)",
    )
    ap.add_argument("--ok", default="0,1", help="exit statuses that count as success")
    ap.add_argument("--label", required=True)
    ap.add_argument("--json", help="append one JSON object per command to this file")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    cmd = args.cmd[1:] if args.cmd[:1] == ["--"] else args.cmd
    if not cmd or args.runs < 1:
        ap.error("a command and --runs >= 1 are required")
    ok = {int(x) for x in args.ok.split(",") if x.strip()}
    has_time = os.access(TIME_BIN, os.X_OK)
    rss = [peak_rss_kb(cmd, ok) if has_time else (run_once(cmd, ok), 0)[1] for _ in range(args.warmup)]
    if args.rss_from_timed and has_time:
        runs = []
        for _ in range(args.runs):
            with tempfile.NamedTemporaryFile("r") as out:
                runs.append(run_once([TIME_BIN, "-f", "%M", "-o", out.name, *cmd], ok))
                lines = out.read().split()
                rss.append(int(lines[-1]) if lines and lines[-1].isdigit() else 0)
    else:
        runs = [run_once(cmd, ok) for _ in range(args.runs)]
    walls = [w for w, _ in runs]
    cpu = statistics.median(c for _, c in runs)
    if has_time:
        rss += [peak_rss_kb(cmd, ok) for _ in range(args.rss_runs)]
    peak = max(rss, default=0)
    median = statistics.median(walls)
    print(
        f"{args.label}: median {fmt_time(median)} (min {fmt_time(min(walls))}, max {fmt_time(max(walls))})"
        f" over {args.runs} runs, CPU {fmt_time(cpu)}, "
        + (f"peak RSS {peak / 1024:.1f} MB" if peak else f"peak RSS unknown ({TIME_BIN} missing)"),
        flush=True,
    )
    if args.json:
        with open(args.json, "a", encoding="utf-8") as f:
            f.write(
                json.dumps(
                    {
                        "label": args.label,
                        "runs": args.runs,
                        "median_s": median,
                        "min_s": min(walls),
                        "max_s": max(walls),
                        "cpu_median_s": cpu,
                        "peak_rss_kb": peak,
                    }
                )
                + "\n"
            )


if __name__ == "__main__":
    main()
