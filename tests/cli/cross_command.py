# SPDX-License-Identifier: Apache-2.0
"""Issue 12: check, report (JSON), owners, impact, diff and the diagrams
agree on every requirement's status (rules.md §3: one matcher serves every
command), for one model. Also: no contract raises the same pair and topic
under two codes (the error/warning duplicates of issue 12).

Usage: python3 cross_command.py MEDSCOPE MODEL EMPTY_MODEL WORK_DIR
Prints one line per disagreement; exit 1 when there is one."""
import collections
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

medscope, model, empty, work = sys.argv[1:5]
NS = '{urn:medscope:deployment:1}'
problems = []


def run(*args, ok=(0, 1)):
    p = subprocess.run([medscope, *args], capture_output=True, text=True)
    if p.returncode not in ok:
        problems.append('%s: exit %d: %s' % (' '.join(args), p.returncode, p.stderr[:300]))
    return p.stdout


def key(code, parties, systems, via):
    if isinstance(via, list):  # report: a list; diff: one id
        via = via[0] if len(via) == 1 else tuple(via)
    return (code, tuple(parties), tuple(systems), via)


report = json.loads(run('report', model, '--format', 'json', '--lang', 'en', '--fail-on', 'never'))
ref = collections.Counter()
for q in report['agreements']:
    ref[key(q['code'], q['parties'], q['systems'], q.get('via')) + (q['status'],)] += 1

# owners: the same requirements with the same status.
owners = json.loads(run('owners', model, '--format', 'json', '--lang', 'en'))
got = collections.Counter()
for q in owners['agreements']:
    got[key(q['code'], q['parties'], q['systems'], q.get('via')) + (q['status'],)] += 1
if got != ref:
    problems.append('owners disagrees with report: %s' % ((got - ref) + (ref - got)))

# diff from an empty model (everything required anew) and back to it.
for args, side in (((empty, model), 'new'), ((model, empty), 'old')):
    d = json.loads(run('diff', *args, '--format', 'json', '--lang', 'en', '--fail-on', 'never'))
    got = collections.Counter()
    for q in d['agreements']:
        s = q[side]
        got[key(q['code'], q['parties'], s['systems'], q.get('via')) + (s['status'],)] += 1
    if got != ref:
        problems.append('diff %s disagrees with report: %s' % (side, (got - ref) + (ref - got)))

# check: one finding per missing requirement, per code (suppressed ones shown).
agreement_codes = {q['code'] for q in report['agreements']}
missing = collections.Counter(q['code'] for q in report['agreements'] if q['status'] == 'missing')
text = run('check', '--lang', 'en', '--show-suppressed', '--fail-on', 'never', model)
found = collections.Counter(c for c in re.findall(r' \[([a-z-]+)\](?: \(suppressed .*\))?$', text, re.M) if c in agreement_codes)
for c in set(missing) | set(found):
    if missing[c] != found[c]:
        problems.append('check prints %d %s, report has %d missing' % (found[c], c, missing[c]))

# impact: the runs-on notification pairs are the change-notification
# requirements of runs-on edges, with the same status.
root = ET.parse(model).getroot()
provider = {s.get('id'): s.get('provider') for s in root.iter(NS + 'system')}
runs = {(s.get('id'), r.get('ref')) for s in root.iter(NS + 'system') for r in s.findall(NS + 'runs-on')}
impacts = {}
for q in report['agreements']:
    if q['code'] != 'missing-change-notification':
        continue
    x, y = q['systems']
    edge = (x, y) if (x, y) in runs else (y, x) if (y, x) in runs else None
    if edge is None:
        continue  # a connects-to edge: impact lists runs-on dependencies
    dep, target = edge
    if target not in impacts:
        impacts[target] = json.loads(run('impact', model, target, '--format', 'json', '--lang', 'en',
                                         '--fail-on', 'never'))
    pairs = [p for p in impacts[target]['pairs'] if p['kind'] == 'runs-on' and p['from'] == provider[target]
             and p['to'] == provider[dep] and dep in p['systems']]
    if not pairs:
        problems.append('impact %s has no pair for %s -> %s' % (target, dep, target))
        continue
    present = pairs[0]['agreement'] is not None and dep not in pairs[0]['uncovered']
    if present != (q['status'] == 'present'):
        problems.append('impact %s: %s -> %s %s, report %s' % (target, dep, target,
                        'present' if present else 'missing', q['status']))

# the diagrams: each view draws every missing requirement between two
# parties once (a label "missing:" with its topics, "(N)" when several).
# An integration requirement (F, A, B) is drawn as F-A and F-B.
two_party_missing = sum(1 if len(q['parties']) == 2 else 2 for q in report['agreements']
                        if q['status'] == 'missing' and len(q['parties']) in (2, 3))
for view in ('contracts',):
    run('graph', model, '--view', view, '--lang', 'en', '-T', 'dot', '-o', work + '/g.dot', '--fail-on', 'never')
    with open(work + '/g.dot', encoding='utf-8') as f:
        dot = f.read()
    drawn = 0
    # A gap an exception accepts is still missing (rules.md §5), drawn
    # muted with the label "missing, accepted:".
    for label in re.findall(r'<TD>missing(?:, accepted)?:( \((\d+)\))?</TD></TR>((?:<TR><TD>[^<]*</TD></TR>)*)', dot):
        # Topic rows only: an accepted gap adds a row naming its exception.
        drawn += int(label[1]) if label[1] else len(re.findall(r'<TD>(?!exception |例外 )', label[2]))
    if drawn != two_party_missing:
        problems.append('graph --view %s draws %d missing party pairs, report has %d'
                        % (view, drawn, two_party_missing))

# no pair and topic under two codes for one contract.
by = collections.defaultdict(set)
for q in report['agreements']:
    via = q.get('via')
    if via:
        by[(tuple(sorted(q['parties'])), q['topic'], str(via))].add(q['code'])
for k, codes in sorted(by.items()):
    if len(codes) > 1:
        problems.append('duplicate requirement %s: %s' % (k, sorted(codes)))

for p in problems:
    print('%s: %s' % (model, p))
sys.exit(1 if problems else 0)
