#!/usr/bin/env python3
"""Drives the real `carnet` shell in a pseudo-terminal, as a user would: records commands and a
note, kills the process with SIGKILL, starts it again and recovers the session from its journal.
Checks that nothing was lost. Exit status 0 when all is well; prints what it saw otherwise.

Usage: kill_and_recover.py CARNET_BINARY REPOSITORY_ROOT
"""
import atexit, os, pty, re, select, shutil, signal, sys, tempfile, time

carnet, root = sys.argv[1], sys.argv[2]
state = tempfile.mkdtemp(prefix="carnet-crash-")
atexit.register(shutil.rmtree, state, True)
env = dict(os.environ, XDG_STATE_HOME=state, HOME=state, TERM="xterm", NO_COLOR="1", LANG="C.UTF-8")
transcript = []


def spawn():
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(root)
        os.execve(carnet, [carnet], env)
    return pid, fd


buffers = {}


def expect(fd, pattern, timeout=30):
    """Reads the terminal until `pattern` (a regex) appears in what was not consumed yet;
    consumes up to the end of the match and returns that text."""
    pending = buffers.get(fd, b"")
    deadline = time.time() + timeout
    while True:
        text = pending.decode("utf-8", "replace")
        match = re.search(pattern, text)
        if match:
            consumed = text[:match.end()]
            buffers[fd] = text[match.end():].encode()
            transcript.append(consumed)
            return consumed
        if time.time() > deadline:
            transcript.append(text)
            fail(f"timed out waiting for {pattern!r}")
        ready, _, _ = select.select([fd], [], [], 0.2)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            chunk = b""
        if not chunk:
            transcript.append(text)
            fail(f"the terminal closed while waiting for {pattern!r}")
        pending += chunk


def send(fd, line):
    os.write(fd, line.encode() + b"\r")


def fail(message):
    print("FAIL:", message)
    print("---- terminal transcript ----")
    print("".join(transcript)[-4000:])
    sys.exit(1)


# First session: work, then a crash.
pid, fd = spawn()
expect(fd, r"carnet> ")
commands = [
    ("load datasets/zae-pays-de-lor.csv as zae", r"loaded zae: 16 rows"),
    ("note Les ZAE de l'Or : 16 zones, à commenter.", r"noted"),
    ("let grandes = SELECT zone, superficie_ha FROM zae WHERE superficie_ha >= 30;", r"created grandes"),
    ("count zae", r"16"),
]
for command, answer in commands:
    send(fd, command)
    expect(fd, answer)
    expect(fd, r"carnet> ")
os.kill(pid, signal.SIGKILL)
os.waitpid(pid, 0)
os.close(fd)

journals = [f for f in os.listdir(os.path.join(state, "carnet")) if f.startswith("journal-")]
if len(journals) != 1:
    fail(f"expected one journal left by the killed session, found {journals}")

# Second session: offered the journal, recovers it.
pid, fd = spawn()
text = expect(fd, r"Recover it\? \[y/N\] ")
if "A session was interrupted before it was saved (3 command(s)" not in text:
    fail("the interrupted session was not described with its 3 commands")
send(fd, "y")
expect(fd, r"recovered \d+ command\(s\)")
expect(fd, r"carnet> ")
send(fd, "tables")
text = expect(fd, r"\d+ tables?")
if not re.search(r"grandes\s*│\s*\d+", text) or "zae" not in text:
    fail("the recovered session lacks its tables")
expect(fd, r"carnet> ")
saved = os.path.join(state, "recovered.md")
send(fd, f"save {saved}")
expect(fd, r"saved")
expect(fd, r"carnet> ")
send(fd, "quit")
os.waitpid(pid, 0)
os.close(fd)

notebook = open(saved, encoding="utf-8").read()
for needle in ["as zae",
               "Les ZAE de l'Or : 16 zones, à commenter.",
               "let grandes = SELECT zone, superficie_ha FROM zae WHERE superficie_ha >= 30",
               "count zae"]:
    if needle not in notebook:
        fail(f"the recovered notebook lacks {needle!r}:\n{notebook}")
if notebook.index("Les ZAE") > notebook.index("let grandes"):
    fail("the note moved after the command that followed it")
leftover = [f for f in os.listdir(os.path.join(state, "carnet")) if f.startswith("journal-")]
if leftover:
    fail(f"journals left after a clean exit: {leftover}")
print("ok: killed with SIGKILL after 4 entries; recovered", notebook.count("```carnet\n"), "commands and the note")
