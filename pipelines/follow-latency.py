#!/usr/bin/env python3
"""Append-to-output latency and idle CPU of `ingest --follow` (docs/BENCHMARKS.md, "Follow").

A writer appends NDJSON lines stamped with the wall clock in nanoseconds, at random gaps, to a file that a real
`ingest --follow` process follows; the script reads ingest's stdout as it comes and takes, for every record, the
time it was read minus the time in the line. Then the writer stops and the script reads ingest's CPU time
(/proc/PID/stat) over a quiet period: what following costs when nothing happens. Finally SIGTERM, and the exit
status and counts line.

Usage: pipelines/follow-latency.py [INGEST] [--lines N] [--poll] [--state]

--state checkpoints every barrier into a fresh state folder (an fsync each), as a resumable pipeline does.
"""

import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    arguments = sys.argv[1:]
    ingest = ".build/release/ingest"
    lines = 2000
    extra = []
    while arguments:
        argument = arguments.pop(0)
        if argument == "--lines":
            lines = int(arguments.pop(0))
        elif argument == "--poll":
            extra.append("--poll")
        elif argument == "--state":
            extra += ["--state", tempfile.mkdtemp(prefix="follow-latency-state-")]
        else:
            ingest = argument
    directory = tempfile.mkdtemp(prefix="follow-latency-")
    path = os.path.join(directory, "app.ndjson")
    open(path, "w").close()
    process = subprocess.Popen(
        [ingest, "--follow", "--received", "2026-11-01T00:00:00Z", *extra, path],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    latencies = []
    done = threading.Event()

    def read():
        for raw in process.stdout:
            now = time.time_ns()
            if raw.startswith(b'{"kind":"record"'):
                latencies.append((now - json.loads(raw)["data"]["t"]) / 1e6)
                if len(latencies) == lines:
                    done.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    time.sleep(0.5)
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND)
    random.seed(1)
    for number in range(lines):
        os.write(descriptor, f'{{"n":{number},"t":{time.time_ns()}}}\n'.encode())
        time.sleep(random.uniform(0.001, 0.010))
    os.close(descriptor)
    done.wait(30)
    quiet = 10.0
    before = cpu_seconds(process.pid)
    time.sleep(quiet)
    idle = cpu_seconds(process.pid) - before
    process.send_signal(signal.SIGTERM)
    errors = process.stderr.read().decode()
    status = process.wait()
    latencies.sort()

    def percentile(fraction):
        return latencies[min(len(latencies) - 1, int(fraction * len(latencies)))]

    print(f"records {len(latencies)} of {lines}")
    print(f"latency ms: p50 {percentile(0.50):.2f}  p90 {percentile(0.90):.2f}  p99 {percentile(0.99):.2f}  "
          f"max {latencies[-1]:.2f}")
    print(f"idle CPU: {idle * 1000:.0f} ms over {quiet:.0f} s ({idle / quiet * 100:.2f}%)")
    print(f"exit status after SIGTERM: {status}")
    print(errors.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
