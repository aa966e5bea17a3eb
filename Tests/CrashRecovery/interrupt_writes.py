#!/usr/bin/env python3
"""Kills `carnet` with SIGKILL at many moments while it exports a table and saves a notebook over
files that already exist, and checks that each file is then either exactly the old one or
exactly the complete new one — never half written. Exit status 0 when all is well.

Usage: interrupt_writes.py CARNET_BINARY
"""
import atexit, os, shutil, signal, subprocess, sys, tempfile, time

carnet = os.path.abspath(sys.argv[1])
work = tempfile.mkdtemp(prefix="carnet-interrupt-")
atexit.register(shutil.rmtree, work, True)
env = dict(os.environ, NO_COLOR="1", XDG_STATE_HOME=work)
with open(os.path.join(work, "big.csv"), "w") as f:
    f.write("id;commune;montant\n")
    for i in range(200_000):
        f.write(f"{i};Commune {i % 97};{i * 7 % 100000},{i % 100:02d}\n")
script = "load big.csv as b; export b to out.csv; let c = SELECT commune, sum(montant) AS total FROM b GROUP BY commune; save nb.md"


def run(wait=None):
    process = subprocess.Popen([carnet, "-c", script], cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if wait is None:
        process.wait()
        return True
    time.sleep(wait)
    alive = process.poll() is None
    process.send_signal(signal.SIGKILL)
    process.wait()
    return alive


def read(name):
    path = os.path.join(work, name)
    return open(path, "rb").read() if os.path.exists(path) else None


# The complete outputs, from runs left alone. The shortest of three runs sets the kill times: a
# run slowed by a busy machine (tests run in parallel) would put every kill after the end.
durations = []
for _ in range(3):
    start = time.time()
    run()
    durations.append(time.time() - start)
duration = min(durations)
complete = {name: read(name) for name in ("out.csv", "nb.md")}
if any(v is None or len(v) < 100 for v in complete.values()):
    print("FAIL: the reference run did not write its files"); sys.exit(1)

old = {"out.csv": b"old export\n", "nb.md": b"# old notebook\n"}
killed_while_running = 0
outcomes = {name: {"old": 0, "new": 0} for name in old}
for attempt in range(12):
    for name, content in old.items():
        open(os.path.join(work, name), "wb").write(content)
    # From a third of a run (loading) to past its end (the files are written last).
    if run(wait=duration * (0.35 + 0.08 * attempt)):
        killed_while_running += 1
    for name in old:
        now = read(name)
        if now == old[name]:
            outcomes[name]["old"] += 1
        elif now == complete[name]:
            outcomes[name]["new"] += 1
        else:
            print(f"FAIL: after a kill, {name} is neither the old file nor the complete new one "
                  f"({len(now or b'')} bytes; complete: {len(complete[name])})")
            sys.exit(1)
# A run left alone afterwards sweeps the temporary files the killed runs left.
run()
leftovers = [f for f in os.listdir(work) if ".tmp-" in f]
if leftovers:
    print(f"FAIL: temporary files of killed writes are still there after a clean run: {leftovers}")
    sys.exit(1)
if killed_while_running < 4:
    print(f"FAIL: only {killed_while_running} of 12 kills hit a running process; the test proves too little")
    sys.exit(1)
print(f"ok: {killed_while_running} kills during the run (of 12, over {duration:.1f} s); "
      f"out.csv old/new {outcomes['out.csv']['old']}/{outcomes['out.csv']['new']}, "
      f"nb.md old/new {outcomes['nb.md']['old']}/{outcomes['nb.md']['new']}; never half written; "
      "leftover temporary files swept by the next write")
