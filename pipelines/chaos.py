#!/usr/bin/env python3
"""Chaos run of the whole stateful pipeline under `touchpoint run` (docs/BENCHMARKS.md, "Chaos").

touchpoint-gen writes a world (20,000 people: about a million records). The five stages run as a supervised
pipeline whose stages keep state and whose last stage commits, once undisturbed and once while the script kills
child stages with SIGKILL at random points (seeded) and touchpoint restarts the chain from its last committed
barrier. A second Segment file of noise (cut-off JSON, bytes that are not UTF-8, unusable messages) feeds the
dead letters. The two output files must be equal byte for byte, and so must every stage's dead-letter file. The
script prints the counts per record kind, the profiles and a digest of their final customer state, the dead
letters, the kills that landed, and both runs' wall times and records per second.

Usage: pipelines/chaos.py [--bin DIR] [--people N] [--kills N] [--seed N] [--barrier-every N] [--keep]

Exit status 0 when both runs succeeded and everything compared equal, 1 otherwise.
"""

import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

STAGES = ["ingest", "normalize", "resolve-identity", "score", "alert"]
FILES = [
    "segment.ndjson", "web.log", "pos.csv", "noise/segment.ndjson", "tickets.ndjson", "calls.csv", "surveys.csv",
    "social.ndjson",
]
# Lines a real feed also carries: cut-off JSON, bytes that are not UTF-8, and messages the Segment mapping cannot
# use. Ingest dead-letters the first two kinds, normalize the others.
NOISE = [
    b'{"type":"track","event":"Order Completed","userId":"C1',
    b"\xff\xfe\x00 binary junk",
    b'{"type":"track","event":"Product Viewed"}',
    b'{"type":"track","event":"Order Completed","timestamp":"yesterday","userId":"C100001"}',
    b'{"type":"identify","userId":"C100002","timestamp":"2026-10-05T10:00:00Z","traits":{"email":"x@example.com"}}',
]
RESTARTED = "restarting the pipeline from its last"


def children(parent, stage):
    """Pids of `parent`'s children running `stage` (the kernel keeps 15 bytes of a command name)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                text = stat.read()
        except OSError:
            continue
        comm = text[text.index("(") + 1:text.rindex(")")]
        fields = text[text.rindex(")") + 2:].split()
        if comm == stage[:15] and int(fields[1]) == parent:
            found.append(int(entry))
    return found


def line_count(path):
    try:
        with open(path, "rb") as file:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: file.read(1 << 20), b""))
    except FileNotFoundError:
        return 0


def write_noise(directory, lines, seed):
    """A second Segment file of `lines` lines, one in five usable (the identify message), the rest dead letters."""
    os.makedirs(os.path.join(directory, "pop", "noise"))
    pick = random.Random(seed)
    with open(os.path.join(directory, "pop", "noise", "segment.ndjson"), "wb") as file:
        for _ in range(lines):
            file.write(pick.choice(NOISE) + b"\n")


def write_pipeline(directory, barrier_every):
    files = " ".join("pop/" + name for name in FILES)
    letters = {stage: f"--dead-letters dead-letters/{stage}.ndjson" for stage in STAGES}
    with open(os.path.join(directory, "chaos.pipeline"), "w") as pipeline:
        pipeline.write(
            f"ingest --state state --received 2026-11-01T00:00:00Z --barrier-every {barrier_every} "
            f"{letters['ingest']} {files}\n"
            f"normalize --state state {letters['normalize']}\n"
            f"resolve-identity --state state {letters['resolve-identity']}\n"
            f"score --state state {letters['score']}\n"
            f"alert --state state --commit {letters['alert']}\n")


def reset(directory):
    for name in ["out.ndjson", "state", "dead-letters"]:
        path = os.path.join(directory, name)
        if os.path.isdir(path):
            shutil.rmtree(path)
        elif os.path.exists(path):
            os.remove(path)
    os.mkdir(os.path.join(directory, "dead-letters"))


class Run:
    """`touchpoint run` on the chaos pipeline, its stderr collected by a thread."""

    def __init__(self, binaries, directory, extra):
        self.output = os.path.join(directory, "out.ndjson")
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            [os.path.join(binaries, "touchpoint"), "run", os.path.join(directory, "chaos.pipeline"),
             "--output", self.output, *extra],
            stdin=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.errors = []
        self.restarts = 0
        # The supervisor's backoff doubles from --restart-delay up to 60 s: the waits it announced, to tell the
        # pipeline's own time from the time spent waiting to restart.
        self.waited = 0.0
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for raw in self.process.stderr:
            line = raw.decode(errors="replace")
            self.errors.append(line)
            if RESTARTED in line:
                self.restarts += 1
                wait = re.search(r"barrier in ([0-9.]+) s", line)
                if wait:
                    self.waited += float(wait.group(1))

    def finish(self, timeout=3600):
        status = self.process.wait(timeout)
        self.reader.join()
        return status, time.monotonic() - self.started


def digest(path):
    sha = hashlib.sha256()
    try:
        with open(path, "rb") as file:
            for chunk in iter(lambda: file.read(1 << 20), b""):
                sha.update(chunk)
    except FileNotFoundError:
        return "absent"
    return sha.hexdigest()[:16]


def summary(path):
    """Lines per kind and each profile's last customer state (the state score ended with)."""
    kinds = {}
    customers = {}
    with open(path, "rb") as file:
        for raw in file:
            kind = re.match(rb'\{"kind":"([a-z_]+)"', raw)
            name = kind.group(1).decode() if kind else "?"
            kinds[name] = kinds.get(name, 0) + 1
            if name == "event" and b'"customer":' in raw:
                event = json.loads(raw)
                profile = (event.get("profile") or {}).get("id")
                if profile:
                    customers[profile] = event["customer"]
    state = hashlib.sha256(json.dumps(customers, sort_keys=True).encode()).hexdigest()[:16]
    return kinds, len(customers), state


def ingested(errors):
    """Records ingest read, from its counts note."""
    for line in errors:
        if "ingest: note: counts:" in line:
            found = re.search(r"\bout=(\d+)", line)
            if found:
                return int(found.group(1))
    return None


def main():
    arguments = sys.argv[1:]
    binaries, people, kills, seed, barrier_every, keep = ".build/release", 20000, 12, 2026, 1000, False
    while arguments:
        argument = arguments.pop(0)
        if argument == "--bin":
            binaries = arguments.pop(0)
        elif argument == "--people":
            people = int(arguments.pop(0))
        elif argument == "--kills":
            kills = int(arguments.pop(0))
        elif argument == "--seed":
            seed = int(arguments.pop(0))
        elif argument == "--barrier-every":
            barrier_every = int(arguments.pop(0))
        elif argument == "--keep":
            keep = True
        else:
            sys.exit(f"chaos.py: error: unknown argument {argument!r}")
    binaries = os.path.abspath(binaries)
    directory = tempfile.mkdtemp(prefix="touchpoint-chaos-")
    subprocess.run(
        [os.path.join(binaries, "touchpoint-gen"), "--out", os.path.join(directory, "pop"),
         "--people", str(people), "--seed", "11"], check=True)
    write_noise(directory, max(100, people // 10), seed)
    write_pipeline(directory, barrier_every)

    reset(directory)
    quiet = Run(binaries, directory, [])
    quiet_status, quiet_seconds = quiet.finish()
    if quiet_status != 0:
        sys.stderr.write("".join(quiet.errors[-40:]))
        sys.exit(f"chaos.py: error: the undisturbed run exited with {quiet_status}")
    expected_lines = line_count(quiet.output)
    expected = digest(quiet.output)
    expected_letters = {stage: digest(os.path.join(directory, "dead-letters", stage + ".ndjson")) for stage in STAGES}
    letter_lines = {stage: line_count(os.path.join(directory, "dead-letters", stage + ".ndjson")) for stage in STAGES}
    kinds, profiles, state = summary(quiet.output)
    records = ingested(quiet.errors)
    if keep:
        shutil.copy(quiet.output, os.path.join(directory, "undisturbed.ndjson"))
        shutil.copytree(os.path.join(directory, "dead-letters"), os.path.join(directory, "undisturbed-dead-letters"))

    reset(directory)
    chaos = Run(binaries, directory, ["--restarts", str(kills * 3), "--restart-delay", "0.05"])
    pick = random.Random(seed)
    points = sorted(pick.randrange(expected_lines * 7 // 10) for _ in range(kills))
    landed = []
    for point in points:
        while line_count(chaos.output) < point and chaos.process.poll() is None:
            time.sleep(0.005)
        if chaos.process.poll() is not None:
            break
        running = [stage for stage in STAGES if children(chaos.process.pid, stage)]
        if not running:
            continue
        stage = pick.choice(running)
        for pid in children(chaos.process.pid, stage)[:1]:
            try:
                os.kill(pid, signal.SIGKILL)
                landed.append((stage, line_count(chaos.output)))
            except ProcessLookupError:
                pass
        # The next kill waits for the restarted chain, so it lands in a running pipeline.
        deadline = time.monotonic() + 60
        while chaos.process.poll() is None and time.monotonic() < deadline:
            if chaos.restarts >= len(landed) and children(chaos.process.pid, "alert"):
                break
            time.sleep(0.005)
    chaos_status, chaos_seconds = chaos.finish()
    actual = digest(chaos.output)
    actual_letters = {stage: digest(os.path.join(directory, "dead-letters", stage + ".ndjson")) for stage in STAGES}
    chaos_kinds, chaos_profiles, chaos_state = summary(chaos.output)

    print(f"world: {people} people, seed 11; {records} records ingested; barrier every {barrier_every}")
    print(f"undisturbed: {quiet_seconds:.1f} s, {records / quiet_seconds:,.0f} records/s, {expected_lines} lines out")
    running = chaos_seconds - chaos.waited
    print(f"chaos: {chaos_seconds:.1f} s, {records / chaos_seconds:,.0f} records/s, exit {chaos_status}, "
          f"{len(landed)} kills landed, {chaos.restarts} restarts; {chaos.waited:.1f} s of it waiting in the "
          f"restart backoff, {running:.1f} s running ({records / running:,.0f} records/s)")
    for stage, at in landed:
        print(f"  SIGKILL {stage} at output line {at}")
    print("kinds: " + ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items())))
    print(f"profiles with a customer state: {profiles}, state digest {state}"
          f" (chaos: {chaos_profiles}, {chaos_state})")
    print("dead letters: " + ", ".join(f"{stage} {count}" for stage, count in letter_lines.items()))
    same = actual == expected and chaos_kinds == kinds and chaos_state == state
    print(f"output: {'identical' if same else 'DIFFERENT'} ({expected} vs {actual})")
    letters_same = actual_letters == expected_letters
    differing = [stage for stage in STAGES if actual_letters[stage] != expected_letters[stage]]
    print(f"dead-letter files: {'identical' if letters_same else 'DIFFERENT in ' + ', '.join(differing)}")
    if keep:
        print(f"kept: {directory}")
    else:
        shutil.rmtree(directory)
    sys.exit(0 if quiet_status == 0 and chaos_status == 0 and same and letters_same else 1)


if __name__ == "__main__":
    main()
