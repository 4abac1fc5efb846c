# SPDX-License-Identifier: Apache-2.0
"""Issue 12 "Done when": every example's conclusion in its header comment
matches the output. Reads the findings a model's header states, derived by
hand from the guideline, and compares them with `medscope check`:

- the Japanese bullet 「- 指摘: …」 of an example: なし, or counts
  ("error 1", "warning 2 = code と code", "エラー 1 (code …)") with the codes
  named before its first 「。」 (those after 「例外により抑制」 are the
  suppressed ones), or the list form 「- 指摘 / findings:」 of one line per
  severity ("error   code (…)", several codes on a line count each);
- the English sentence "Findings: …" (number words or digits before
  error/warning/note; "none"); the codes it names must be raised.

Usage: python3 header_conclusions.py MEDSCOPE MODEL...
Prints one line per disagreement (and per model whose header states no
findings at all); exit 1 when there is one."""
import collections
import re
import subprocess
import sys

medscope, models = sys.argv[1], sys.argv[2:]
SEV = ('error', 'warning', 'note')
WORDS = {'no': 0, 'none': 0, 'zero': 0, 'one': 1, 'two': 2, 'three': 3, 'four': 4, 'five': 5,
         'six': 6, 'seven': 7, 'eight': 8, 'nine': 9, 'ten': 10}
# Finding codes only: the scope reasons and ownership bases are rule codes too.
codes_known = set(re.findall(r'^([a-z]+(?:-[a-z0-9]+)+) +(?:agreement|finding)\b', subprocess.run(
    [medscope, 'rules', '--lang', 'en'], capture_output=True, text=True).stdout, re.M))
problems = []


def header(path):
    with open(path, encoding='utf-8') as f:
        text = f.read()
    m = re.search(r'<!--(.*?)-->', text, re.S)
    return m.group(1) if m else ''


def codes_in(text):
    return [c for c in re.findall(r'(?<![\w-])([a-z]+(?:-[a-z0-9]+)+)(?![\w-])', text) if c in codes_known]


def japanese(h):
    """(counts, codes Counter or None, suppressed codes set) or None."""
    m = re.search(r'^\s*- 指摘 / findings:\n((?:\s{4,}.*\n?)*)', h, re.M)
    if m:
        counts, codes = collections.Counter(), collections.Counter()
        for line in m.group(1).splitlines():
            w = line.split()
            if w and w[0] in SEV:
                found = codes_in(line)
                counts[w[0]] += len(found)
                codes.update(found)
        return counts, codes, set()
    m = re.search(r'^\s*- 指摘: (.*?)(?=^\s*(?:- |[A-Z][a-z]+:|【)|\Z)', h, re.M | re.S)
    if not m:
        return None
    body = ' '.join(m.group(1).split())
    if body.startswith('なし'):
        return collections.Counter(), collections.Counter(), set()
    first = body.split('。')[0]
    stated, _, suppressed = first.partition('例外により抑制')
    counts = collections.Counter()
    for word, n in re.findall(r'(error|warning|note|エラー|警告) (\d+)', stated):
        counts[{'エラー': 'error', '警告': 'warning'}.get(word, word)] += int(n)
    return counts, collections.Counter(set(codes_in(stated))), set(codes_in(suppressed))


def english(h):
    """(counts, codes named) or None."""
    m = re.search(r'Findings: (.*?)(?:\n\s*\n|\Z|(?<=\.)\s)', h, re.S)
    if not m:
        return None
    body = ' '.join(m.group(1).split())
    counts = collections.Counter()
    if re.match(r'none\b', body):
        return counts, set()
    for n, sev in re.findall(r'\b(\d+|[a-z]+) (error|warning|note)s?\b', body):
        if n in WORDS or n.isdigit():
            counts[sev] += int(n) if n.isdigit() else WORDS[n]
    return counts, set(codes_in(body))


for model in models:
    h = header(model)
    out = subprocess.run([medscope, 'check', '--lang', 'en', '--show-suppressed', '--fail-on', 'never', model],
                         capture_output=True, text=True).stdout
    raised, counts, suppressed = collections.Counter(), collections.Counter(), set()
    for sev, code, sup in re.findall(r': (error|warning|note): .* \[([a-z0-9-]+)\]( \(suppressed .*\))?$', out, re.M):
        if sup:
            suppressed.add(code)
        else:
            raised[code] += 1
            counts[sev] += 1
    ja, en = japanese(h), english(h)
    if ja is None and en is None:
        problems.append('%s: the header states no findings' % model)
    if ja is not None:
        want, codes, sup = ja
        if +want != +counts:
            problems.append('%s: 指摘 says %s, check gives %s' % (model, dict(want), dict(counts)))
        if codes and set(codes) != set(raised):
            problems.append('%s: 指摘 names %s, check raises %s' % (model, sorted(codes), sorted(raised)))
        if codes and sum(codes.values()) != sum(want.values()) and len(set(codes)) == sum(codes.values()) \
                and re.search(r'- 指摘 / findings:', h):
            problems.append('%s: 指摘 lists %d findings, counts %d' % (model, sum(codes.values()), sum(want.values())))
        if sup != suppressed:
            problems.append('%s: 指摘 suppresses %s, check %s' % (model, sorted(sup), sorted(suppressed)))
    if en is not None:
        want, codes = en
        if +want != +counts:
            problems.append('%s: Findings says %s, check gives %s' % (model, dict(want), dict(counts)))
        if not codes <= set(raised):
            problems.append('%s: Findings names %s, check raises %s' % (model, sorted(codes), sorted(raised)))

for p in problems:
    print(p)
sys.exit(1 if problems else 0)
