# SPDX-License-Identifier: Apache-2.0
"""Issue 12: check, report (JSON), owners, impact, diff and the diagrams
agree on every requirement's status (rules.md §3: one matcher serves every
command), for one model. Also: no contract raises the same pair and topic
under two codes (the error/warning duplicates of issue 12).

Usage: python3 cross_command.py MEDSCOPE MODEL EMPTY_MODEL WORK_DIR
Prints one line per disagreement; exit 1 when there is one."""
import collections
import csv
import io
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

# report's CSV agreements table: the same rows, parties and systems named
# "id (name)" (split at the top level: names may hold commas and brackets).
def ids_of(cell):
    out, depth, cur = [], 0, ''
    for ch in cell:
        if ch == '(':
            depth += 1
        elif ch == ')':
            depth -= 1
        elif ch == ',' and depth == 0:
            out.append(cur)
            cur = ''
            continue
        cur += ch
    if cur:
        out.append(cur)
    return [x.strip().split(' (')[0] for x in out if x.strip() and x.strip() != '-']


csv_text = run('report', model, '--format', 'csv', '--table', 'agreements', '--lang', 'en', '--no-bom',
               '--fail-on', 'never')
got = collections.Counter()
for row in csv.DictReader(io.StringIO(csv_text)):
    # "MISSING" in capitals, an accepted gap with its exception on a second line.
    status = row['Status'].split('\n')[0].lower()
    got[(row['Code'], tuple(ids_of(row['Parties'])), tuple(ids_of(row['Systems'])), status)] += 1
plain = collections.Counter()
for k, n in ref.items():
    plain[(k[0], k[1], k[2], k[4])] += n
if got != plain:
    problems.append('report csv disagrees with report json: %s' % ((got - plain) + (plain - got)))

# The ownership entries every view rests on: owners JSON and the 責任分界表's
# "rm" role name the same owner as report.
own = {}
for sy in report['systems']:
    for o in sy.get('ownership') or []:
        own[(sy['id'], o['facility'])] = (o['owner'], o['basis'], tuple(o['considered_by']))
oj = {}
for sy in owners['systems']:
    for o in sy.get('ownership') or []:
        oj[(sy['id'], o['facility'])] = (o['owner'], o['basis'], tuple(o['considered_by']))
if oj != own:
    problems.append('owners ownership disagrees with report: %s' % sorted(set(oj.items()) ^ set(own.items())))
mx = json.loads(run('report', model, '--format', 'json', '--table', 'matrix', '--lang', 'en', '--fail-on', 'never'))
for fac in mx.get('matrix', []):
    for row in fac['rows']:
        rm = sorted(p for p, roles in row['roles'].items() if 'rm' in roles)
        want = [own[(row['system'], fac['facility'])][0]] if (row['system'], fac['facility']) in own else []
        if rm != want:
            problems.append('matrix %s/%s: rm %s, report owner %s' % (fac['facility'], row['system'], rm, want))

# impact, for every system of the model: (a) its runs-on pairs have the
# status of the change-notification requirement of the same edge, for every
# requirement; (b) its ownership entries are report's; (c) its
# provider -> owner and owner -> facility pairs (no requirement of §3, but
# matched "exactly as check matches a requirement") have the status rules.md
# §3 Matching gives, computed here from the model's agreements.
root = ET.parse(model).getroot()
provider = {s.get('id'): s.get('provider') for s in root.iter(NS + 'system')}
runs = {(s.get('id'), r.get('ref')) for s in root.iter(NS + 'system') for r in s.findall(NS + 'runs-on')}
agreements = [(set((g.get('parties') or '').split()), set((g.get('topics') or '').split()),
               None if g.get('covers') is None else set(g.get('covers').split()))
              for g in root.iter(NS + 'agreement')]


def notice_met(x, y, systems):
    return any({x, y} <= ps and 'change-notification' in ts and (cv is None or cv & systems)
               for ps, ts, cv in agreements)


impacts = {}
for sid in sorted(provider):
    impacts[sid] = json.loads(run('impact', model, sid, '--format', 'json', '--lang', 'en', '--fail-on', 'never'))
edge_status = {}
for q in report['agreements']:
    if q['code'] != 'missing-change-notification':
        continue
    x, y = q['systems']
    edge = (x, y) if (x, y) in runs else (y, x) if (y, x) in runs else None
    if edge is not None:
        edge_status[edge] = q['status']
for (dep, target), status in sorted(edge_status.items()):
    for sid, im in sorted(impacts.items()):
        if target not in {s['id'] for s in im['systems']}:
            continue
        pairs = [p for p in im['pairs'] if p['kind'] == 'runs-on' and p['from'] == provider[target]
                 and p['to'] == provider[dep] and dep in p['systems']]
        if not pairs:
            problems.append('impact %s has no pair for %s -> %s' % (sid, dep, target))
            continue
        # One pair gathers every edge between the two providers: this edge
        # is met unless it is listed uncovered.
        present = dep not in pairs[0]['uncovered']
        if present != (status == 'present'):
            problems.append('impact %s: %s -> %s %s, report %s' % (sid, dep, target,
                            'present' if present else 'missing', status))
for sid, im in sorted(impacts.items()):
    for o in im['ownership']:
        k = (o['system'], o['facility'])
        if own.get(k) != (o['owner'], o['basis'], tuple(o['considered_by'])):
            problems.append('impact %s: owner of %s/%s %s, report %s' % (sid, k[0], k[1], o['owner'],
                            own.get(k)))
    for p in im['pairs']:
        if p['kind'] == 'runs-on':
            continue
        for sy in p['systems']:
            met = notice_met(p['from'], p['to'], {sy})
            if met != (sy not in p['uncovered']):
                problems.append('impact %s: %s pair %s -> %s for %s %s, rules.md §3 says %s'
                                % (sid, p['kind'], p['from'], p['to'], sy,
                                   'uncovered' if sy in p['uncovered'] else 'covered',
                                   'met' if met else 'missing'))

# the diagrams: each view that shows agreements draws every missing
# requirement between two parties once (a label "missing:" with its topics,
# "(N)" when several). An integration requirement (F, A, B) is drawn as F-A
# and F-B. The responsibility view draws owners, no requirement.
two_party_missing = sum(1 if len(q['parties']) == 2 else 2 for q in report['agreements']
                        if q['status'] == 'missing' and len(q['parties']) in (2, 3))
for view in ('supply', 'contracts'):
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
# ... nor, with or without a contract, one pair, topic and system under two
# codes (the example 11 N1-D demarcation was an error and a warning at once).
by = collections.defaultdict(set)
for q in report['agreements']:
    for sy in q['systems'] or ['']:
        by[(tuple(sorted(q['parties'])), q['topic'], sy)].add((q['code'], q['severity']))
for k, codes in sorted(by.items()):
    if len(codes) > 1:
        problems.append('duplicate requirement %s: %s' % (k, sorted(codes)))

for p in problems:
    print('%s: %s' % (model, p))
sys.exit(1 if problems else 0)
