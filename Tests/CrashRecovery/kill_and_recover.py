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


def spawn(arguments=()):
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(root)
        os.execve(carnet, [carnet, *arguments], env)
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


def kill(pid, fd):
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(fd)


def leave(pid, fd):
    send(fd, "quit")
    os.waitpid(pid, 0)
    os.close(fd)


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
kill(pid, fd)

journals = [f for f in os.listdir(os.path.join(state, "carnet")) if f.startswith("journal-")]
if len(journals) != 1:
    fail(f"expected one journal left by the killed session, found {journals}")

# Second session: offered the journal, recovers it.
pid, fd = spawn()
text = expect(fd, r"Recover it\? \[y/N\] ")
if "A session was interrupted before it was saved (4 command(s) and note(s)" not in text:
    fail("the interrupted session was not described with its 3 commands and its note")
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
leave(pid, fd)

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
first = notebook.count("```carnet\n")

# Third session: starts from a notebook given as argument, adds a note and a table, is killed.
pid, fd = spawn(["sessions/zae.md"])
expect(fd, r"(opened sessions/zae.md: replayed 5 command\(s\)|ouvert sessions/zae.md\s: 5 commande\(s\))")
expect(fd, r"carnet> ")
# The notebook sets `locale fr`: confirmations are French from there on.
for command, answer in [("note Après l'ouverture : une remarque de plus.", r"note ajoutée"),
                        ("let petites = SELECT zone FROM zae WHERE nb_entreprises < 20;", r"créé petites")]:
    send(fd, command)
    expect(fd, answer)
    expect(fd, r"carnet> ")
kill(pid, fd)

# Fourth session: the notebook, its notes and what followed all come back.
pid, fd = spawn()
expect(fd, r"Recover it\? \[y/N\] ")
send(fd, "y")
text = expect(fd, r"recovered \d+ command\(s\) and \d+ note\(s\)[^\n]*")
if "failed" in text or "recovered 6 command(s) and 1 note(s)" not in text:
    fail(f"the session opened from a notebook did not come back whole: {text!r}")
expect(fd, r"carnet> ")
send(fd, "tables")
text = expect(fd, r"\d+ tables?")
if "petites" not in text or "zae" not in text:
    fail("the recovered session lacks the notebook's table or the one made after it")
expect(fd, r"carnet> ")
again = os.path.join(state, "recovered-from-notebook.md")
send(fd, f"save {again}")
expect(fd, r"(saved|enregistré)")
expect(fd, r"carnet> ")
leave(pid, fd)
notebook = open(again, encoding="utf-8").read()
original = open(os.path.join(root, "sessions/zae.md"), encoding="utf-8").read()
for needle in ["Fréjorgues Est et Ouest concentre", "Après l'ouverture : une remarque de plus.", "let petites = SELECT zone FROM zae"]:
    if needle not in notebook:
        fail(f"the notebook recovered after open lacks {needle!r}:\n{notebook[-1500:]}")
if notebook.index("Fréjorgues Est et Ouest concentre") > notebook.index("Après l'ouverture"):
    fail("the new note came before the notebook's own commentary")
print("ok: killed with SIGKILL after 4 entries; recovered", first, "commands and the note;",
      "a session opened from a notebook recovered with its commentary, a new note and a new table")
