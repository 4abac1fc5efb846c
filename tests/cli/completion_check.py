#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The shell completions against the program: every option a command's
--help lists is completed, and nothing is completed that --help does not
list (bash: by running the completion function; zsh: by reading its case
arms). Usage: completion_check.py MEDSCOPE BASH_FILE ZSH_FILE"""
import re, subprocess, sys

prog, bash_file, zsh_file = sys.argv[1:4]
import os
env = {"LC_ALL": "C.UTF-8", "PATH": os.path.dirname(os.path.abspath(prog)) + ":/usr/bin:/bin"}

def run(*args):
    return subprocess.run([prog, *args], capture_output=True, text=True, env=env).stdout

top = run("--help")
commands = re.findall(r"^  ([a-z]+) {2,}", top.split("Commands:")[1], re.M)
opt_line = re.compile(r"^\s+((?:-[a-zA-Z], )?--?[a-zA-Z][a-z-]*)")

def help_options(cmd):
    out = {"--help"}
    for line in run(cmd, "--help").splitlines():
        m = opt_line.match(line)
        if m:
            out.update(t.strip() for t in m.group(1).split(","))
        if line.lstrip().startswith(("Usage:", "[")) or line.startswith("   "):
            out.update(re.findall(r"\[(--?[a-zA-Z][a-z-]*)", line))
    return out

def help_formats(cmd):
    m = re.search(r"\[(?:-T FMT, )?--format ([a-z|]+)\]", run(cmd, "--help"))
    return set(m.group(1).split("|")) if m else None

def bash_complete(*words):
    script = f"""source '{bash_file}'
COMP_WORDS=(medscope {' '.join(repr(w) if w else "''" for w in words)})
COMP_CWORD={len(words)}
COMP_LINE="${{COMP_WORDS[*]}}"; COMP_POINT=${{#COMP_LINE}}
_medscope
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    r = subprocess.run(["bash", "--norc", "-c", script], capture_output=True, text=True, env=env)
    return set(x for x in r.stdout.split("\n") if x)

zsh = open(zsh_file).read()
spec = re.compile(r"'(?:\([^)]*\)')?(?:\{([^}]*)\}'|(--?[a-zA-Z][a-z-]*))\[")

def zsh_specs(text):
    found = set()
    for brace, single in spec.findall(text):
        if brace:
            found.update(x.strip() for x in brace.split(","))
        else:
            found.add(single)
    return found

common_zsh = zsh_specs(zsh.split("local -a output")[0])
output_zsh = {"-o", "--output"}

def zsh_options(cmd):
    body = zsh.split("case $line[1] in", 1)[1]
    for arm in re.split(r"\n(?=[a-z|]+\)\n)", body):
        head = arm.split(")", 1)[0].strip()
        if cmd in head.split("|"):
            text = arm.split(")", 1)[1]
            found = zsh_specs(text)
            if "$common" in text:
                found |= common_zsh
            if "$output" in text:
                found |= output_zsh
            return found
    return None

failures = 0
def check(cond, what):
    global failures
    if not cond:
        failures += 1
        print("FAIL:", what)

bash_cmds = bash_complete("")
check(set(commands) <= bash_cmds, f"bash completes the commands {sorted(set(commands) - bash_cmds)}")
check(bash_cmds - {"--help", "--version"} <= set(commands),
      f"bash completes commands that do not exist: {sorted(bash_cmds - set(commands) - {'--help', '--version'})}")
for cmd in commands:
    want = help_options(cmd)
    got = bash_complete(cmd, "-")
    if cmd not in ("rules", "explain", "init"):
        got |= bash_complete(cmd, "-q", "-")
    got.discard("--version")
    check(want <= got, f"bash: '{cmd}' options missing from src/cli/completion/medscope.bash: {sorted(want - got)}")
    check(got <= want, f"bash: '{cmd}' completes options its --help does not list: {sorted(got - want)}")
    z = zsh_options(cmd)
    check(z is not None, f"zsh: no case arm for '{cmd}' in src/cli/completion/_medscope")
    if z is not None:
        check(want <= z, f"zsh: '{cmd}' options missing from src/cli/completion/_medscope: {sorted(want - z)}")
        check(z <= want, f"zsh: '{cmd}' completes options its --help does not list: {sorted(z - want)}")
    fmts = help_formats(cmd)
    if fmts:
        got = bash_complete(cmd, "--format", "")
        check(got == fmts, f"bash: '{cmd} --format' values {sorted(got)} != --help's {sorted(fmts)}")
check("direct-contract" in bash_complete("explain", "dir"), "bash completes rule codes after explain")
print(f"{len(commands)} commands checked, {failures} failure(s)")
sys.exit(1 if failures else 0)
