#!/usr/bin/env python3
"""Independent question bank + fact-check statements for 绩效问答.

Every question / statement below is written by hand; every expected answer is
computed from records.json by the small function next to it.

Usage:  python3 bank.py [path/to/records.json]
Writes questions.jsonl and statements.jsonl next to this script.
"""
import json
import os
import re
import sys
from collections import Counter, defaultdict
from decimal import Decimal, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
PATH = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, '..', 'records.json')
R = json.load(open(PATH, encoding='utf-8'))
BY = {p['project']: p for p in R}
assert len(BY) == len(R)

# ----------------------------------------------------------------- helpers
def D(x):
    return x if isinstance(x, Decimal) else Decimal(str(x))

def r2(x):
    return float(D(x).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP))

def P(name):
    return BY[name]

def find(sub):
    """The single project whose name contains sub (loose user mention)."""
    ps = [p for p in R if sub in p['project']]
    assert len(ps) == 1, (sub, [p['project'] for p in ps])
    return ps[0]

def office(p):
    """科室 = prefix before the first dash (- or —); None when the name has no dash."""
    parts = re.split('[-—]', p['project'], maxsplit=1)
    return parts[0] if len(parts) == 2 else None

OFFICES = sorted({office(p) for p in R if office(p)})

def of(o):
    return [p for p in R if office(p) == o]

def fund(p, field, src='total'):
    return D(p['funds'][src][field])

def exe(p): return fund(p, 'executed')          # 全年执行数
def ann(p): return fund(p, 'annual_budget')     # 全年预算数
def ini(p): return fund(p, 'initial_budget')    # 年初预算数
def rate(p): return fund(p, 'rate')             # 执行率
def chg(p): return ann(p) - ini(p)              # 全年预算 − 年初预算
def sc(p): return D(p['total_score'])           # 总分
def lost(p): return D(p['total_weight']) - sc(p)  # 项目扣分（100 − 总分）

def inds(p): return p['indicators']

def all_inds(ps=None):
    return [(p, i) for p in (ps or R) for i in inds(p)]

def ind(p, name):
    xs = [i for i in inds(p) if i['name'] == name]
    assert len(xs) == 1, (p['project'], name, len(xs))
    return xs[0]

def ded(i): return D(i['weight']) - D(i['score'])   # 指标扣分 = 分值 − 得分
def is_ded(i): return ded(i) > 0

NUM = re.compile(r'^\s*([≥≤><=]?)\s*(-?\d+(?:\.\d+)?)\s*\(')

def qval(s):
    m = NUM.match(s.replace(' ', ''))
    return D(m.group(2)) if m else None

def qop(s):
    m = NUM.match(s.replace(' ', ''))
    return m.group(1) if m else None

def met(i):
    """Own judgement: did the actual value reach the target?"""
    a, t = qval(i['actual']), qval(i['target'])
    if a is not None and t is not None:
        op = qop(i['target']) or '≥'   # one target ("75.00(%)") has no operator: read as a floor
        return {'≥': a >= t, '>': a > t, '≤': a <= t, '<': a < t, '=': a == t}[op]
    return i['actual'] == '达成指标'

# sanity: own met == parsed met for every row
_diff = [(p['project'], i['name']) for p, i in all_inds() if met(i) != i['met']]
assert not _diff, _diff

def names(ps):
    return sorted(p['project'] for p in ps)

def pairs(rows):
    return sorted([p['project'], i['name']] for p, i in rows)

def total(xs):
    return sum((D(x) for x in xs), Decimal(0))

def avg(xs):
    xs = list(xs)
    return total(xs) / len(xs)

def pct(a, b):
    return D(a) / D(b) * 100

PCT = ('%', '百分比', '百分号')

def unit_of(i, field='actual'):
    m = re.search(r'\((.*?)\)', i[field].replace(' ', ''))
    return m.group(1) if m else ''

def sat_l1(i): return i['level1'] == '满意度指标'
def sat_name(i): return '满意度' in i['name']

def only(ps):
    assert len(ps) == 1, names(ps)
    return ps

def kw(text, *words):
    """Keywords a correct answer must contain; each is checked to occur in the record text."""
    for w in words:
        assert w in text, (w, text)
    return list(words)

def top(ps, key, n, desc=True):
    s = sorted(ps, key=key, reverse=desc)
    vals = [key(p) for p in s]
    assert len(set(vals[:n])) == n, 'tie inside top-n'
    assert len(s) == n or vals[n - 1] != vals[n], 'tie at the cut'
    return [p['project'] for p in s[:n]]

def argbest(ps, key, desc=True):
    best = max(key(p) for p in ps) if desc else min(key(p) for p in ps)
    return [p for p in ps if key(p) == best]

def rank_group(ps, key, k, desc=True):
    """All projects at distinct-value rank k (1-based)."""
    vals = sorted({key(p) for p in ps}, reverse=desc)
    return [p for p in ps if key(p) == vals[k - 1]]

def nth(ps, key, k, desc=True):
    s = sorted(ps, key=key, reverse=desc)
    v = key(s[k - 1])
    assert sum(1 for p in ps if key(p) == v) == 1, 'tie at position'
    return [s[k - 1]]

def not_at(ps, key, *bounds):
    """Guard against wording trouble: no project sits exactly on a threshold."""
    for b in bounds:
        assert all(key(p) != D(b) for p in ps), ('value on boundary', b)

def same(a, b):
    assert a == b, (a, b)
    return a

# ----------------------------------------------------------------- registry
QUESTIONS = []

def q(question, intent, kind, fn, unit=None, note=None, context=None):
    ans = fn()
    if kind == 'set':
        ans = sorted(x if isinstance(x, str) else x['project'] for x in ans)
        assert len(set(ans)) == len(ans)
        assert all(a in BY for a in ans), ans
    elif kind == 'ordered':
        assert all(a in BY for a in ans) and len(set(ans)) == len(ans)
    elif kind == 'clarify':
        ans = sorted(x if isinstance(x, str) else x['project'] for x in ans)
        assert len(ans) >= 2 and all(a in BY for a in ans)
    elif kind == 'indicators':
        ans = sorted([[x[0]['project'], x[1]['name']] if isinstance(x[0], dict) else list(x) for x in ans])
        assert len({tuple(a) for a in ans}) == len(ans)
        for pn, iname in ans:
            ind(P(pn), iname)
    elif kind == 'count':
        ans = int(ans)
    elif kind == 'number':
        ans = r2(ans)
    elif kind == 'numbers':
        ans = {k: (int(v) if isinstance(v, int) else r2(v)) for k, v in ans.items()}
    elif kind == 'text':
        assert isinstance(ans, list) and ans and all(isinstance(x, str) for x in ans)
    elif kind == 'refuse':
        ans = None
    else:
        raise ValueError(kind)
    row = {'id': 'u%03d' % (len(QUESTIONS) + 1), 'question': question}
    if context:
        row['context'] = context
    row.update({'intent': intent, 'kind': kind, 'answer': ans})
    if unit:
        row['unit'] = unit
    if note:
        row['note'] = note
    QUESTIONS.append(row)

HARD = '[hard] '

# =================================================================== QUESTIONS
# ---- A. lists, one condition -------------------------------------------------
q('哪些项目的评分等级是良？', 'list_filter', 'set',
  lambda: [p for p in R if p['grade'] == '良'])
q('总分刚好90分的项目有哪些', 'list_filter', 'set',
  lambda: [p for p in R if sc(p) == 90])
q('全年执行数超过1000万元的项目有哪些？', 'list_filter', 'set',
  lambda: [p for p in R if exe(p) > 1000])
q('年初预算是0的项目都列一下', 'list_filter', 'set',
  lambda: [p for p in R if ini(p) == 0])
q('执行率没到100%的项目有哪些？', 'list_filter', 'set',
  lambda: [p for p in R if rate(p) < 100],
  note=HARD + 'All 104 forms report 执行率 100.00%, so the correct answer is an empty list (say so, do not list anything).')
q('项目名称里带“消防”两个字的有哪些', 'list_filter', 'set',
  lambda: [p for p in R if '消防' in p['project']])
q('哪些项目设置了成本指标？', 'list_filter', 'set',
  lambda: {p['project'] for p, i in all_inds() if i['level2'] == '成本指标'})
q('有哪些项目出现了完成情况为“未达成指标且效果较差”的指标', 'list_filter', 'set',
  lambda: {p['project'] for p, i in all_inds() if i['actual'] == '未达成指标且效果较差'})
q('实施单位是桃浦镇平安建设办公室的项目有哪些？', 'list_filter', 'set',
  lambda: [p for p in R if p['unit'] == '桃浦镇平安建设办公室'],
  note=HARD + '实施单位, not the 科室 prefix: includes 安全办, 平安办, 司法所 and 信访办 projects.')
q('总分不低于97分的项目', 'list_filter', 'set',
  lambda: [p for p in R if sc(p) >= 97])
q('全年预算和年初预算一模一样的项目有哪些', 'list_filter', 'set',
  lambda: [p for p in R if chg(p) == 0])
q('哪些项目有经济效益指标？', 'list_filter', 'set',
  lambda: {p['project'] for p, i in all_inds() if i['level2'] == '经济效益指标'})
q('哪些项目的三级指标里有“档案管理规范性”这一项？', 'list_filter', 'set',
  lambda: {p['project'] for p, i in all_inds() if i['name'] == '档案管理规范性'})
q('全年执行数超过了年初预算数的项目有哪些', 'list_filter', 'set',
  lambda: [p for p in R if exe(p) > ini(p)],
  note='Includes the projects whose 年初预算 is 0.')
q('实施单位为桃浦镇武装部的项目', 'list_filter', 'set',
  lambda: [p for p in R if p['unit'] == '桃浦镇武装部'],
  note=HARD + '机关总支-各类创建项目经费 is implemented by 桃浦镇武装部 too.')
q('综合执法队有哪几个项目？', 'list_filter', 'set', lambda: of('综合执法队'))

# ---- B. lists, two or three conditions ---------------------------------------
q('社发办里全年执行数超过500万元的项目', 'list_multi', 'set',
  lambda: [p for p in of('社发办') if exe(p) > 500])
q('规建办总分低于92分的项目有哪些？', 'list_multi', 'set',
  lambda: [p for p in of('规建办') if sc(p) < 92])
q('党政办哪些项目的全年预算比年初预算多？', 'list_multi', 'set',
  lambda: [p for p in of('党政办') if chg(p) > 0])
def _b4():
    ps = [p for p in R if 100 < exe(p) < 500 and sc(p) > 95]
    not_at([p for p in R if sc(p) > 95], exe, 500)
    return ps
q('全年执行数超过100万元但不到500万元、并且总分高于95分的项目', 'list_multi', 'set', _b4,
  note='党政办-合作交流专项经费 executed exactly 100.00 and is excluded by 超过.')
q('一级指标“满意度指标”下有扣分、但总分仍不低于95分的项目有哪些', 'list_multi', 'set',
  lambda: [p for p in R if sc(p) >= 95 and any(sat_l1(i) and is_ded(i) for i in inds(p))],
  note=HARD + 'Level-1 category. 宣传科-宣传思想专项经费 is in because its 满意度指标 row is 「社区居民向善向上」 (deducted), though the name lacks 满意度.')
q('社发办哪些项目的时效指标被扣了分', 'list_multi', 'set',
  lambda: [p for p in of('社发办') if any(i['level2'] == '时效指标' and is_ded(i) for i in inds(p))])
q('哪些项目既有时效指标扣分，又有满意度指标（一级指标）扣分？', 'list_multi', 'set',
  lambda: [p for p in R if any(i['level2'] == '时效指标' and is_ded(i) for i in inds(p))
           and any(sat_l1(i) and is_ded(i) for i in inds(p))])
q('全年预算比年初预算减少超过100万元的项目', 'list_filter', 'set',
  lambda: [p for p in R if chg(p) < -100])
q('全年预算比年初预算减少了一半以上的项目有哪些（年初预算为0的不算）', 'list_filter', 'set',
  lambda: (not_at([p for p in R if ini(p) > 0], lambda p: ann(p) / ini(p), '0.5'),
           [p for p in R if ini(p) > 0 and ann(p) < ini(p) / 2])[1])
q('全年预算比年初预算增加一倍以上的项目（年初预算为0的不算）', 'list_filter', 'set',
  lambda: (not_at([p for p in R if ini(p) > 0], lambda p: ann(p) / ini(p), '2'),
           [p for p in R if ini(p) > 0 and ann(p) >= 2 * ini(p)])[1])
q('规建办哪些项目的生态效益指标没拿满分？', 'list_multi', 'set',
  lambda: {p['project'] for p, i in all_inds(of('规建办')) if i['level2'] == '生态效益指标' and is_ded(i)},
  note=HARD + '规建办-北部片区建设专项经费 files its 「对项目区域内生态平衡起到良性循环」 row under 经济效益指标, so it is not in this list.')
q('总分高于95分、但全年预算比年初预算少的项目', 'list_multi', 'set',
  lambda: [p for p in R if sc(p) > 95 and chg(p) < 0])
q('年初预算超过100万元，全年执行数却不到年初预算一半的项目有哪些', 'list_multi', 'set',
  lambda: [p for p in R if ini(p) > 100 and exe(p) < ini(p) / 2])
q('社发办和规建办里评分等级为良的项目', 'list_multi', 'set',
  lambda: [p for p in R if office(p) in ('社发办', '规建办') and p['grade'] == '良'],
  note=HARD + 'All four 良 projects are 社发办; 规建办 has none.')
q('总分低于93分并且全年执行数超过500万元的项目', 'list_multi', 'set',
  lambda: [p for p in R if sc(p) < 93 and exe(p) > 500])
q('平安办和安全办中，一级指标为满意度指标且被扣分的项目有哪些？', 'list_multi', 'set',
  lambda: [p for p in R if office(p) in ('平安办', '安全办') and any(sat_l1(i) and is_ded(i) for i in inds(p))])
q('经发办哪些项目有数量指标没达到年度指标值？', 'list_multi', 'set',
  lambda: {p['project'] for p, i in all_inds(of('经发办')) if i['level2'] == '数量指标' and not met(i)})
def _b_sat85():
    a = {p['project'] for p, i in all_inds(of('规建办')) if sat_l1(i) and qval(i['actual']) is not None and qval(i['actual']) < 90}
    b = {p['project'] for p, i in all_inds(of('规建办')) if sat_name(i) and qval(i['actual']) is not None and qval(i['actual']) < 90}
    return same(a, b)
q('规建办有哪些项目的满意度实际完成值低于90%？', 'list_multi', 'set', _b_sat85,
  note='Reading 满意度 as the level-1 category or as names containing 满意度 gives the same list here.')
q('名称里有“社区”、但不属于社发办的项目', 'list_multi', 'set',
  lambda: [p for p in R if '社区' in p['project'] and office(p) != '社发办'],
  note=HARD + 'Includes 社区文化中心专项经费 (no 科室 prefix).')
q('财政所里年初预算超过1000万元的项目有哪些？', 'list_multi', 'set',
  lambda: [p for p in of('财政所') if ini(p) > 1000],
  note='财政所-公共安全专项经费 has 年初预算 exactly 1000 and is excluded by 超过.')

# ---- C. counts -----------------------------------------------------------------
q('一共有多少个项目做了绩效自评？', 'count', 'count', lambda: len(R))
q('社发办有几个项目', 'count', 'count', lambda: len(of('社发办')))
q('党群中心下面有几个项目？', 'count', 'count', lambda: len(of('党群中心')),
  note=HARD + 'One of them is written with 「—」: 党群中心—居民区党群服务站门头规范化建设专项经费.')
q('科室前缀是“武装部”的项目有几个？', 'count', 'count', lambda: len(of('武装部')),
  note=HARD + 'By name prefix only 武装部-武装专项经费; 机关总支-各类创建项目经费 is implemented by 桃浦镇武装部 but its prefix is 机关总支.')
q('所有项目加起来一共有多少条三级指标', 'count', 'count', lambda: len(all_inds()), unit='条')
q('被扣了分的指标一共有多少条', 'count', 'count', lambda: sum(1 for _, i in all_inds() if is_ded(i)), unit='条')
q('实际完成值写的是“部分达成指标并具有一定效果”的指标有几条', 'count', 'count',
  lambda: sum(1 for _, i in all_inds() if i['actual'] == '部分达成指标并具有一定效果'), unit='条')
q('评分等级为优的项目有几个', 'count', 'count', lambda: sum(1 for p in R if p['grade'] == '优'))
q('总分不低于95分的项目有多少个？', 'count', 'count', lambda: sum(1 for p in R if sc(p) >= 95))
q('规建办被扣分的指标有多少条', 'count', 'count', lambda: sum(1 for _, i in all_inds(of('规建办')) if is_ded(i)), unit='条')
q('一级指标为满意度指标的那些指标里，有几条实际完成值没达到年度指标值？', 'count', 'count',
  lambda: sum(1 for _, i in all_inds() if sat_l1(i) and not met(i)), unit='条')
q('有时效指标被扣分的项目有几个？', 'count', 'count',
  lambda: sum(1 for p in R if any(i['level2'] == '时效指标' and is_ded(i) for i in inds(p))))
q('总分96.5分的项目有几个', 'count', 'count', lambda: sum(1 for p in R if sc(p) == D('96.5')),
  note=HARD + '几个 → a number (compare the 哪几个 question).')
q('哪几个项目的总分是96.5分？', 'list_filter', 'set', lambda: [p for p in R if sc(p) == D('96.5')],
  note=HARD + '哪几个 → the list, not a count.')
q('年初预算为0的项目有几个', 'count', 'count', lambda: sum(1 for p in R if ini(p) == 0))
q('有几个项目有指标被扣光了分（得分为0）？', 'count', 'count',
  lambda: sum(1 for p in R if any(D(i['score']) == 0 and D(i['weight']) > 0 for i in inds(p))),
  note='党政办-城市发展研究专项经费「形成定向调研报告」has 分值 0 and 得分 0 — nothing was deducted, so it does not count.')
q('被扣了分却没写偏差原因的指标有几条', 'count', 'count',
  lambda: sum(1 for _, i in all_inds() if is_ded(i) and not i['reason'].strip()), unit='条')
q('实际完成值写着“达成指标”却仍被扣分的指标有几条？', 'count', 'count',
  lambda: sum(1 for _, i in all_inds() if i['actual'] == '达成指标' and is_ded(i)), unit='条')
q('年度指标值写的是“良好”的指标有几条', 'count', 'count',
  lambda: sum(1 for _, i in all_inds() if i['target'] == '良好'), unit='条',
  note=HARD + 'About the indicator target text 「良好」, not the 评分等级 良.')
q('成本指标一共有几条？', 'count', 'count', lambda: sum(1 for _, i in all_inds() if i['level2'] == '成本指标'), unit='条')
q('全年预算比年初预算调减了的项目有多少个', 'count', 'count', lambda: sum(1 for p in R if chg(p) < 0))
q('社发办的指标里有几条是可持续影响指标', 'count', 'count',
  lambda: sum(1 for _, i in all_inds(of('社发办')) if i['level2'] == '可持续影响指标'), unit='条')
q('名称里带“增长率”的指标有几条实际完成值是0？', 'count', 'count',
  lambda: sum(1 for _, i in all_inds() if '增长率' in i['name'] and qval(i['actual']) == 0), unit='条',
  note=HARD + '「花卉品种增加率」 is 增加率, not 增长率, and is not counted.')

# ---- D. totals, averages, maxima / minima -------------------------------------
q('104个项目的全年执行数加起来是多少？', 'sum', 'number', lambda: total(exe(p) for p in R), unit='万元')
q('所有项目的年初预算合计多少万元', 'sum', 'number', lambda: total(ini(p) for p in R), unit='万元')
q('规建办全年预算合计是多少', 'sum', 'number', lambda: total(ann(p) for p in of('规建办')), unit='万元')
q('全部项目的平均总分是多少？', 'average', 'number', lambda: avg(sc(p) for p in R), unit='分')
q('社发办项目的平均得分', 'average', 'number', lambda: avg(sc(p) for p in of('社发办')), unit='分',
  note='得分 of a project = 总分.')
q('全年执行数最多的是哪个项目', 'max', 'set', lambda: only(argbest(R, exe)))
q('执行数最少的项目是哪个？', 'min', 'set', lambda: only(argbest(R, exe, desc=False)))
q('总分最低的是哪个项目', 'min', 'set', lambda: only(argbest(R, sc, desc=False)))
q('总分最高的项目是哪个？多少分？', 'max', 'text',
  lambda: [only(argbest(R, sc))[0]['project'], str(int(sc(only(argbest(R, sc))[0])))])
q('年初预算最高的项目', 'max', 'set', lambda: only(argbest(R, ini)))
q('全年预算比年初预算增加金额最多的是哪个项目？', 'max', 'set', lambda: only(argbest(R, chg)),
  note=HARD + 'By amount: 服务经济 (+10598), not 小区综合改造 (+1950.87, the dev-set example).')
q('全年预算比年初预算减少得最多的项目是哪个', 'min', 'set', lambda: only(argbest(R, chg, desc=False)))
q('按增幅算，全年预算比年初预算增长比例最大的是哪个项目？（年初预算为0的除外）', 'max', 'set',
  lambda: only(argbest([p for p in R if ini(p) > 0], lambda p: ann(p) / ini(p))),
  note=HARD + 'By percentage: 消防实事项目经费 (+909.42%), not the largest amount.')
q('平均每个项目有多少条三级指标？', 'average', 'number', lambda: D(len(all_inds())) / len(R), unit='条')
q('三级指标条数最多的项目是哪个', 'max', 'set', lambda: only(argbest(R, lambda p: len(inds(p)))))
q('哪个项目的三级指标最少？', 'min', 'set', lambda: argbest(R, lambda p: len(inds(p)), desc=False),
  note='Tie: two projects have 5 indicators each; both must be named.')
q('党政办项目的平均全年执行数是多少', 'average', 'number', lambda: avg(exe(p) for p in of('党政办')), unit='万元')
def _median_sf():
    s = sorted(exe(p) for p in of('社发办'))
    assert len(s) % 2 == 1
    return s[len(s) // 2]
q('社发办23个项目全年执行数的中位数是多少？', 'median', 'number', _median_sf, unit='万元')
q('单条指标分值最高的是哪些指标？', 'max', 'indicators',
  lambda: (lambda m: [(p, i) for p, i in all_inds() if D(i['weight']) == m])(max(D(i['weight']) for _, i in all_inds())),
  note='Tie: two rows carry 30 points each.')
q('党群中心几个项目的全年执行数合计是多少万元？', 'sum', 'number', lambda: total(exe(p) for p in of('党群中心')), unit='万元',
  note='5 projects including the 「—」 one.')

# ---- E. top-N / bottom-N ---------------------------------------------------------
q('全年执行数前五的项目，从高到低', 'top_n', 'ordered', lambda: top(R, exe, 5))
q('总分最高的前三名是哪些项目？', 'top_n', 'set',
  lambda: [p for p in R if sc(p) >= sorted((sc(x) for x in R), reverse=True)[2]],
  note=HARD + 'Ties: 信访办 99, then four projects tied at 98 → the 3rd place is a 4-way tie; all 5 must be named.')
q('总分最低的三个项目', 'bottom_n', 'set',
  lambda: [p for p in R if sc(p) <= sorted(sc(x) for x in R)[2]],
  note='86, 88, 88 — the two 88s tie with each other (order between them undefined), the cut after them is clean (next is 89).')
q('规建办执行数排前三的项目', 'top_n', 'ordered', lambda: top(of('规建办'), exe, 3))
q('社发办执行数最少的两个项目，按从少到多', 'bottom_n', 'ordered', lambda: top(of('社发办'), exe, 2, desc=False))
q('年初预算最大的5个项目依次是', 'top_n', 'ordered', lambda: top(R, ini, 5))
q('全年预算调减金额最大的前三个项目', 'top_n', 'ordered', lambda: top(R, lambda p: -chg(p), 3))
q('哪个项目被扣分的指标条数最多？', 'max', 'set',
  lambda: argbest(R, lambda p: sum(1 for i in inds(p) if is_ded(i))),
  note='Tie: five projects each have 5 deducted indicators.')
def _top_offices():
    c = Counter(office(p) for p in R if office(p)).most_common()
    assert c[2][1] != c[3][1], 'tie at the cut'
    return dict(c[:3])
q('项目数量最多的三个科室，各有几个项目', 'top_n', 'numbers', _top_offices, unit='个')
q('全年执行数倒数第二的是哪个项目', 'bottom_n', 'set', lambda: nth(R, exe, 2, desc=False))
q('总分排第二的是哪个项目？', 'rank', 'set', lambda: rank_group(R, sc, 2),
  note=HARD + 'Four projects tie at 98 (second place after 信访办 99); all four must be named.')
q('全年执行数排名第10的项目', 'rank', 'set', lambda: nth(R, exe, 10))
q('不算年初预算为0的，全年预算较年初预算增幅最大的前三个项目', 'top_n', 'ordered',
  lambda: top([p for p in R if ini(p) > 0], lambda p: ann(p) / ini(p), 3))
q('平安办的项目按全年执行数从高到低排一下', 'sort', 'ordered', lambda: top(of('平安办'), exe, len(of('平安办'))))
q('执行数最少的三个项目合计执行了多少万元？', 'bottom_n_sum', 'number',
  lambda: total(exe(P(n)) for n in top(R, exe, 3, desc=False)), unit='万元')

# ---- F. deducted points -------------------------------------------------------------
q('片区专项经费总共扣了几分', 'deduction', 'number', lambda: lost(find('片区专项经费')), unit='分')
q('武装专项经费扣了多少分？', 'deduction', 'number', lambda: lost(find('武装专项经费')), unit='分')
q('规建办所有项目一共被扣了多少分（按100减总分算）', 'deduction_sum', 'number',
  lambda: total(lost(p) for p in of('规建办')), unit='分')
q('单条指标扣分最多的是哪几条？', 'max', 'indicators',
  lambda: (lambda m: [(p, i) for p, i in all_inds() if ded(i) == m])(max(ded(i) for _, i in all_inds())),
  note='Tie: five rows each lost 8 points (four 「对项目区域内生态平衡起到良性循环」 rows and 房管办 「奖励的物业公司增长率」).')
q('一级指标是满意度指标的，一共扣了多少分？', 'deduction_sum', 'number',
  lambda: total(ded(i) for _, i in all_inds() if sat_l1(i)), unit='分')
q('按二级指标统计扣分合计', 'group_sum', 'numbers',
  lambda: {k: total(ded(i) for _, i in all_inds() if i['level2'] == k) for k in sorted({i['level2'] for _, i in all_inds()})},
  unit='分', note='成本指标 has 0 deduction; an answer may show it as 0 or leave it out.')
q('按一级指标汇总扣分', 'group_sum', 'numbers',
  lambda: {k: total(ded(i) for _, i in all_inds() if i['level1'] == k) for k in sorted({i['level1'] for _, i in all_inds()})},
  unit='分')
q('献血补助专项经费哪些指标被扣分了', 'lookup_indicator', 'indicators',
  lambda: [(p, i) for p, i in all_inds([find('献血补助')]) if is_ded(i)])
q('党政办有哪些时效指标扣了分？', 'list_indicator', 'indicators',
  lambda: [(p, i) for p, i in all_inds(of('党政办')) if i['level2'] == '时效指标' and is_ded(i)])
q('一级指标为满意度指标、扣分超过3分的指标有哪些', 'list_indicator', 'indicators',
  lambda: [(p, i) for p, i in all_inds() if sat_l1(i) and ded(i) > 3])
q('哪些指标被扣光了分（分值不为0、得分为0）？', 'list_indicator', 'indicators',
  lambda: [(p, i) for p, i in all_inds() if D(i['score']) == 0 and D(i['weight']) > 0],
  note='Excludes the 分值 0 row 「形成定向调研报告」 (党政办-城市发展研究专项经费).')
q('宣传科各项目分别扣了多少分', 'group_deduction', 'numbers',
  lambda: {p['project']: lost(p) for p in of('宣传科')}, unit='分')
q('财政所-财政管理专项经费的时效指标扣了几分？', 'deduction', 'number',
  lambda: total(ded(i) for i in inds(P('财政所-财政管理专项经费')) if i['level2'] == '时效指标'), unit='分')
q('社发办哪个项目扣的分最多', 'max', 'set', lambda: only(argbest(of('社发办'), lost)),
  note='Points lost (100 − 总分): 献血补助 lost 14. (By number of deducted rows 社区卫生医疗 leads with 5, but the question asks for points.)')

# ---- G. grouping -----------------------------------------------------------------------
q('各科室分别有几个项目？', 'group_count', 'numbers',
  lambda: dict(Counter(office(p) for p in R if office(p))), unit='个',
  note='科室 = name prefix before the first dash. 3 projects have no prefix (莲花公寓×2, 社区文化中心专项经费); an answer may list them apart.')
q('按科室汇总全年执行数', 'group_sum', 'numbers',
  lambda: {o: total(exe(p) for p in of(o)) for o in OFFICES}, unit='万元',
  note='3 projects without a 科室 prefix are not in any group.')
q('每个评分等级各有几个项目', 'group_count', 'numbers', lambda: dict(Counter(p['grade'] for p in R)), unit='个')
q('各二级指标分别有多少条？', 'group_count', 'numbers', lambda: dict(Counter(i['level2'] for _, i in all_inds())), unit='条')
q('社发办、规建办、党政办的平均总分分别是多少', 'group_avg', 'numbers',
  lambda: {o: avg(sc(p) for p in of(o)) for o in ('社发办', '规建办', '党政办')}, unit='分')
q('党政办和规建办哪个平均分高？', 'compare_groups', 'numbers',
  lambda: {o: avg(sc(p) for p in of(o)) for o in ('党政办', '规建办')}, unit='分',
  note='党政办 is higher; both averages should be stated.')
q('各科室被扣分的指标各有多少条？', 'group_count', 'numbers',
  lambda: {o: sum(1 for _, i in all_inds(of(o)) if is_ded(i)) for o in OFFICES}, unit='条',
  note='3 projects without a 科室 prefix are not in any group.')
q('按科室看，全年预算比年初预算一共变化了多少（增加记正数，减少记负数）', 'group_sum', 'numbers',
  lambda: {o: total(chg(p) for p in of(o)) for o in OFFICES}, unit='万元')
q('按一级指标统计“部分达成指标并具有一定效果”的指标条数', 'group_count', 'numbers',
  lambda: dict(Counter(i['level1'] for _, i in all_inds() if i['actual'] == '部分达成指标并具有一定效果')), unit='条')
q('财政所各项目执行数分别占财政所合计的百分之几？', 'group_share', 'numbers',
  lambda: {p['project']: pct(exe(p), total(exe(x) for x in of('财政所'))) for p in of('财政所')}, unit='%')
q('按评分等级统计全年执行数合计', 'group_sum', 'numbers',
  lambda: {g: total(exe(p) for p in R if p['grade'] == g) for g in sorted({p['grade'] for p in R})}, unit='万元')
q('有3个及以上项目的科室，平均总分各是多少？', 'group_avg', 'numbers',
  lambda: {o: avg(sc(p) for p in of(o)) for o in OFFICES if len(of(o)) >= 3}, unit='分')
q('平均总分最高的科室是哪个（只看有3个及以上项目的科室）', 'group_max', 'text',
  lambda: [only(argbest([{'project': o, 'v': avg(sc(p) for p in of(o))} for o in OFFICES if len(of(o)) >= 3], lambda x: x['v']))[0]['project']],
  note='平安办 (95.83) — restricted to 科室 with ≥3 projects to avoid one-project 科室.')

# ---- H. comparisons ----------------------------------------------------------------------
q('消防安全专项经费和消防实事项目经费的全年执行数分别是多少？', 'compare_two', 'numbers',
  lambda: {p['project']: exe(p) for p in (find('消防安全专项'), find('消防实事'))}, unit='万元')
q('中小企业扶持比科技企业扶持多执行了多少万元', 'compare_diff', 'number',
  lambda: exe(find('中小企业扶持')) - exe(find('科技企业扶持')), unit='万元')
q('社发办和规建办的全年执行数合计各是多少', 'compare_groups', 'numbers',
  lambda: {o: total(exe(p) for p in of(o)) for o in ('社发办', '规建办')}, unit='万元')
q('便民巴士和拆违经费的总分各是多少？', 'compare_two', 'numbers',
  lambda: {p['project']: sc(p) for p in (find('便民巴士'), find('拆违'))}, unit='分')
q('片区专项经费和社区服务中心专项经费总分差几分', 'compare_diff', 'number',
  lambda: abs(sc(find('社发办-片区专项经费')) - sc(find('社区服务中心专项经费'))), unit='分')
q('纪委和组织科的全年执行数分别是多少', 'compare_groups', 'numbers',
  lambda: {o: total(exe(p) for p in of(o)) for o in ('纪委', '组织科')}, unit='万元',
  note='组织科 has two projects: the figure is their sum.')
q('环卫保洁公司购买服务的执行数是爱国卫生专项经费的多少倍？', 'ratio', 'number',
  lambda: exe(find('环卫保洁')) / exe(find('爱国卫生')), unit='倍')
q('东部智能化和南部智能化两个项目的执行数相差多少？', 'compare_diff', 'number',
  lambda: abs(exe(find('东部智能化')) - exe(find('南部智能化'))), unit='万元')
q('经发办执行数最高和最低的项目分别是哪个、执行了多少', 'compare_extremes', 'numbers',
  lambda: {p['project']: exe(p) for p in only(argbest(of('经发办'), exe)) + only(argbest(of('经发办'), exe, desc=False))},
  unit='万元')
q('宣传科和财政所的项目平均执行数各是多少？', 'compare_groups', 'numbers',
  lambda: {o: avg(exe(p) for p in of(o)) for o in ('宣传科', '财政所')}, unit='万元')
q('城运中心三个项目的总分分别是多少', 'compare_many', 'numbers',
  lambda: {p['project']: sc(p) for p in of('城运中心')}, unit='分')
q('科技企业扶持和中小企业扶持两个项目的年初预算加起来是多少', 'sum_two', 'number',
  lambda: ini(find('科技企业扶持')) + ini(find('中小企业扶持')), unit='万元')
q('安全办两个项目的居民满意度实际完成值分别是多少？', 'compare_indicator', 'numbers',
  lambda: {p['project']: qval(ind(p, '居民满意度')['actual']) for p in of('安全办')}, unit='%')

# ---- I. lookups ----------------------------------------------------------------------------
q('便民巴士的全年预算是多少', 'lookup_figure', 'number', lambda: ann(find('便民巴士')), unit='万元')
q('骑手新家那个项目执行了多少钱？', 'lookup_figure', 'number', lambda: exe(find('骑手')), unit='万元')
q('消防实事项目的居民满意度实际是多少', 'lookup_indicator', 'number',
  lambda: qval(ind(find('消防实事'), '居民满意度')['actual']), unit='%')
q('片区专项经费“全年投诉数”的年度指标值是多少？', 'lookup_indicator', 'number',
  lambda: qval(ind(find('社发办-片区专项经费'), '全年投诉数')['target']), unit='次',
  note='Asks for the target (≤3次), not the actual (8次).')
q('受理中心年接待群众办理量实际完成了多少？', 'lookup_indicator', 'number',
  lambda: qval(ind(find('受理中心'), '中心年接待群众办理量')['actual']), unit='次')
q('拆违经费总分多少', 'lookup_figure', 'number', lambda: sc(find('拆违')), unit='分')
q('社区卫生医疗专项经费年初预算是多少', 'lookup_figure', 'number', lambda: ini(find('社区卫生医疗')), unit='万元')
q('就业援助成本补贴稳定安置了多少就业困难人员？', 'lookup_indicator', 'number',
  lambda: qval(ind(find('就业援助'), '稳定安置就业困难人员')['actual']), unit='人')
q('科普活动专项经费全年科普活动参与人数是多少', 'lookup_indicator', 'number',
  lambda: qval(ind(find('科普活动'), '全年科普活动参与人数')['actual']), unit='人次')
q('河（林）长制专项经费是哪个单位实施的？', 'lookup_field', 'text', lambda: [find('河（林）长制')['unit']])
q('即知即改专项经费的预期目标是什么', 'lookup_goal', 'text',
  lambda: kw(find('即知即改')['goal'], '改善桃浦环境面貌', '整体形象'))
q('片区专项经费全年投诉数为什么没达标？', 'lookup_reason', 'text',
  lambda: kw(ind(find('社发办-片区专项经费'), '全年投诉数')['reason'], '东部片区4个', '培训'))
q('便民巴士出行居民满意度扣分的原因和改进措施是什么', 'lookup_reason', 'text',
  lambda: kw(ind(find('便民巴士'), '出行居民满意度')['reason'], '出行诉求', '舒适度'))
q('献血补助专项经费为什么扣分这么多？', 'lookup_reason', 'text',
  lambda: kw(' '.join(i['reason'] for i in inds(find('献血补助'))), '产业结构调整'))
q('机关总支-各类创建项目经费的实施单位是哪个', 'lookup_field', 'text',
  lambda: [P('机关总支-各类创建项目经费')['unit']],
  note=HARD + 'The form says 桃浦镇武装部, not a 机关总支 unit.')
q('社区文化中心“悦享”TOP线上服务完成了多少场', 'lookup_indicator', 'number',
  lambda: qval([i for i in inds(find('社区文化中心')) if '悦享' in i['name'] and '次数' in i['name']][0]['actual']), unit='场')
q('莲花公寓居委调整办公地点那个项目实际增设了几个监控设备？', 'lookup_indicator', 'number',
  lambda: qval(ind(find('莲花公寓居委'), '增设监控设备数量')['actual']), unit='个',
  note=HARD + 'Actual 3, the target was ≥8.')
q('固定资产采购与管理专项经费的受益群众满意度，年度指标值填的是多少？', 'lookup_indicator', 'number',
  lambda: qval(ind(find('固定资产采购'), '受益群众满意度')['target']), unit='%',
  note='The form literally says ≥9.00(%) (actual 8.50%), probably a typo for 90/85; the answer should report what the form says.')
q('第五次经济普查专项经费被统计单位满意度实际多少', 'lookup_indicator', 'number',
  lambda: qval(ind(find('经济普查'), '被统计单位满意度')['actual']), unit='%')
q('小区综合改造专项经费的实际完成情况怎么写的？', 'lookup_goal', 'text',
  lambda: kw(find('小区综合改造')['achieved'], '综合修缮改造', '生活品质'))
q('便民巴士是几路车？', 'lookup_goal', 'text', lambda: kw(find('便民巴士')['goal'], '1230路'))
q('防台防汛的“群众满意度”明明达到了90%，为什么还扣了2分', 'lookup_reason', 'text',
  lambda: kw(ind(find('防台防汛'), '群众满意度')['reason'], '积水'),
  note='The row is under 社会效益指标 (≥90, actual 90.00, 10→8); the form gives 「部分小区地势较低有积水已尽快处理」.')
q('信访工作经费的信访矛盾化解率没达标，改进措施是什么？', 'lookup_reason', 'text',
  lambda: kw(ind(find('信访工作经费'), '信访矛盾化解率')['reason'], '专班化'))
q('武装专项经费完成年度战备训练多少人次？目标是多少？', 'lookup_indicator', 'numbers',
  lambda: {'实际完成值': qval(ind(find('武装专项'), '完成年度战备训练人次')['actual']),
           '年度指标值': qval(ind(find('武装专项'), '完成年度战备训练人次')['target'])}, unit='人次')
q('桃浦西路养老院专项经费的新增设备增长率为什么是0', 'lookup_reason', 'text',
  lambda: kw(ind(find('桃浦西路养老院'), '新增设备增长率')['reason'], '暂无设备更新'))

# ---- J. calculations -------------------------------------------------------------------------
q('小区综合改造全年预算比年初预算增长了百分之多少？', 'calc_growth', 'number',
  lambda: pct(chg(find('小区综合改造')), ini(find('小区综合改造'))), unit='%')
q('消防安全专项经费全年预算比年初多了多少', 'calc_diff', 'number', lambda: chg(find('消防安全专项')), unit='万元')
q('中小企业扶持专项经费的执行数占全镇执行总额的比例是多少', 'calc_share', 'number',
  lambda: pct(exe(find('中小企业扶持')), total(exe(p) for p in R)), unit='%')
q('规建办执行数占全镇全部项目执行数的百分之几？', 'calc_share', 'number',
  lambda: pct(total(exe(p) for p in of('规建办')), total(exe(p) for p in R)), unit='%')
q('社发办年初预算合计比全年预算合计多多少万元', 'calc_diff', 'number',
  lambda: total(ini(p) for p in of('社发办')) - total(ann(p) for p in of('社发办')), unit='万元')
q('全镇全年预算合计比年初预算合计增加了多少？', 'calc_diff', 'number',
  lambda: total(ann(p) for p in R) - total(ini(p) for p in R), unit='万元')
q('党政办-应急专项经费的全年预算是年初预算的几倍', 'calc_ratio', 'number',
  lambda: ann(find('应急专项')) / ini(find('应急专项')), unit='倍')
q('即知即改专项经费全年预算比年初预算下降了百分之几？', 'calc_growth', 'number',
  lambda: -pct(chg(find('即知即改')), ini(find('即知即改'))), unit='%')
q('服务经济专项经费服务企业数量实际比目标多了多少个', 'calc_diff', 'number',
  lambda: qval(ind(find('服务经济'), '服务企业数量')['actual']) - qval(ind(find('服务经济'), '服务企业数量')['target']), unit='个')
q('片区专项经费年累计接待群众数是目标值的几倍？', 'calc_ratio', 'number',
  lambda: qval(ind(find('社发办-片区专项经费'), '年累计接待群众数')['actual']) / qval(ind(find('社发办-片区专项经费'), '年累计接待群众数')['target']), unit='倍')
q('社发办执行数前三的项目合计占社发办执行总额的比例', 'calc_share', 'number',
  lambda: pct(total(exe(P(n)) for n in top(of('社发办'), exe, 3)), total(exe(p) for p in of('社发办'))), unit='%')
q('评分等级为优的项目占全部项目的比例是多少', 'calc_share', 'number',
  lambda: pct(sum(1 for p in R if p['grade'] == '优'), len(R)), unit='%')
q('扣分的指标占全部指标的百分之几？', 'calc_share', 'number',
  lambda: pct(sum(1 for _, i in all_inds() if is_ded(i)), len(all_inds())), unit='%')
q('财政所6个项目的执行数合计占全镇的比重', 'calc_share', 'number',
  lambda: pct(total(exe(p) for p in of('财政所')), total(exe(p) for p in R)), unit='%')
q('便民巴士补贴的全年预算比年初预算涨了百分之多少', 'calc_growth', 'number',
  lambda: pct(chg(find('便民巴士')), ini(find('便民巴士'))), unit='%',
  note='Growth rate 35%.')
q('社区卫生医疗专项经费全年执行数只有年初预算的百分之几？', 'calc_ratio', 'number',
  lambda: pct(exe(find('社区卫生医疗')), ini(find('社区卫生医疗'))), unit='%')

# ---- K. follow-ups ------------------------------------------------------------------------------
q('其中执行数超过100万元的呢', 'follow_up', 'set',
  lambda: [p for p in of('社发办') if exe(p) > 100], context=['社发办有哪些项目'])
q('那它的执行率呢', 'follow_up', 'number', lambda: rate(find('便民巴士')), unit='%',
  context=['规建办-社区便民巴士补贴的全年预算是多少'])
q('它们的总分分别是多少？', 'follow_up', 'numbers',
  lambda: {p['project']: sc(p) for p in R if p['grade'] == '良'}, unit='分',
  context=['哪些项目的评分等级是良'])
q('消防安全专项经费呢？', 'follow_up', 'number', lambda: sc(find('消防安全专项')), unit='分',
  context=['消防实事项目经费的总分是多少'])
q('它们的执行数加起来是多少', 'follow_up', 'number', lambda: total(exe(p) for p in of('财政所')), unit='万元',
  context=['财政所有几个项目'])
q('都扣在哪些指标上？', 'follow_up', 'indicators',
  lambda: [(p, i) for p, i in all_inds([find('社发办-片区专项经费')]) if is_ded(i)],
  context=['片区专项经费扣了多少分'])
q('这些项目里总分最高的是哪个？', 'follow_up', 'set',
  lambda: argbest([p for p in R if exe(p) > 1000], sc),
  context=['全年执行数超过1000万元的项目有哪些'],
  note=HARD + 'Three of the seven tie at 96 (中小企业扶持, 服务经济, 科技企业扶持); all three must be named.')
q('这几个一共增加了多少万元？', 'follow_up', 'number',
  lambda: total(chg(p) for p in of('党政办') if chg(p) > 0), unit='万元',
  context=['党政办有哪些项目', '其中全年预算比年初预算增加的有哪些'])
q('那它的目标值是多少', 'follow_up', 'number',
  lambda: qval(ind(find('数字化营商'), '使用者满意度')['target']), unit='%',
  context=['经发办-数字化营商服务专项经费的使用者满意度是多少'])
q('平均总分呢', 'follow_up', 'number', lambda: avg(sc(p) for p in of('规建办')), unit='分',
  context=['规建办有几个项目'])
q('为什么这么低？', 'follow_up', 'text',
  lambda: kw(' '.join(i['reason'] for i in inds(find('献血补助'))), '产业结构调整'),
  context=['社发办-献血补助专项经费总分多少'])
q('它们的执行数分别是多少', 'follow_up', 'numbers',
  lambda: {p['project']: exe(p) for p in R if any(i['level2'] == '成本指标' for i in inds(p))}, unit='万元',
  context=['哪些项目有成本指标'])
q('其中哪个执行数最多？', 'follow_up', 'set', lambda: only(argbest(of('宣传科'), exe)),
  context=['宣传科有哪些项目'])
q('它是哪个科室的？实施单位是谁？', 'follow_up', 'text',
  lambda: [office(only(argbest(R, sc, desc=False))[0]), only(argbest(R, sc, desc=False))[0]['unit']],
  context=['总分最低的项目是哪个'])
q('那安全办呢', 'follow_up', 'count', lambda: len(of('安全办')), context=['平安办有几个项目'])
q('其中总分低于95分的有几个？', 'follow_up', 'count',
  lambda: sum(1 for p in of('党政办') if sc(p) < 95), context=['党政办有哪些项目'])
q('按执行数从高到低排前三个', 'follow_up', 'ordered',
  lambda: top([p for p in R if p['grade'] == '良'], exe, 3), context=['评分等级为良的项目有哪些'])
q('其中社发办的呢？', 'follow_up', 'set',
  lambda: [p for p in R if office(p) == '社发办' and ini(p) > 0 and ann(p) < ini(p) / 2],
  context=['全年预算比年初预算减少了一半以上的项目有哪些（年初预算为0的不算）'])

# ---- L. out of scope ------------------------------------------------------------------------------
for text, note in [
    ('长征镇2023年各项目的平均总分是多少？', 'Another town; only 桃浦镇 forms are loaded.'),
    ('宝山区的社区便民巴士补贴执行了多少', 'Another district.'),
    ('真如镇社发办有几个项目', 'Another town.'),
    ('桃浦镇2022年便民巴士补贴的全年预算是多少？', 'Another year; only 2023 forms.'),
    ('2024年消防安全专项经费预算安排了多少', 'Another year.'),
    ('片区专项经费的项目负责人是谁', 'The forms have no 负责人 field.'),
    ('社发办的联系电话是多少？', 'No 联系电话 in the forms.'),
    ('桃浦镇常住人口有多少', 'Not in the forms.'),
    ('环卫保洁公司购买服务专项经费的供应商是哪家公司？', 'No 供应商 in the forms.'),
    ('你觉得哪个项目最浪费钱，应该砍掉？', 'Opinion.'),
    ('明年中小企业扶持资金会不会增加', 'Prediction.'),
    ('在普陀区所有街镇里，桃浦镇的平均自评分排第几？', 'Other towns are not loaded.'),
    ('小区综合改造工程的中标单位和合同金额是多少', 'No 中标单位/合同 in the forms.'),
    ('和2022年相比，桃浦镇项目平均总分提高了多少？', 'No 2022 forms.'),
    ('这些项目的绩效自评是哪位审计师审核的', 'Not recorded.'),
]:
    q(text, 'out_of_scope', 'refuse', lambda: None, note=note)

# ---- M. ambiguous mentions -----------------------------------------------------------------------
q('社区管理专项经费执行了多少？', 'ambiguous', 'clarify',
  lambda: [p for p in R if p['project'].endswith('社区管理专项经费')],
  note='党群中心-社区管理专项经费 (209.13) vs 社建办-社区管理专项经费 (54.60).')
q('智能化项目的执行数是多少', 'ambiguous', 'clarify', lambda: [p for p in R if '智能化项目' in p['project']])
q('莲花公寓那个项目总分多少？', 'ambiguous', 'clarify', lambda: [p for p in R if '莲花公寓' in p['project']])
q('营商专项经费的满意度是多少', 'ambiguous', 'clarify', lambda: [p for p in R if '营商' in p['project']])
q('企业扶持专项经费的年初预算', 'ambiguous', 'clarify', lambda: [p for p in R if '企业扶持' in p['project']])
q('办公场所那个项目执行了多少钱？', 'ambiguous', 'clarify', lambda: [p for p in R if '办公场所' in p['project']])
q('养老那个项目总分多少', 'ambiguous', 'clarify', lambda: [p for p in R if '养老' in p['project']])
q('片区的项目全年预算多少？', 'ambiguous', 'clarify', lambda: [p for p in R if '片区' in p['project']],
  note='社发办-片区专项经费, 规建办-北部片区建设专项经费, 规建办-东部片区改造专项经费.')

# ---- N. indicator lists ----------------------------------------------------------------------------
q('满意度指标里，实际完成值低于80%的有哪些？', 'list_indicator', 'indicators',
  lambda: [(p, i) for p, i in all_inds() if sat_l1(i) and unit_of(i) in PCT and qval(i['actual']) < 80],
  note='Includes 党政办-固定资产采购与管理专项经费 受益群众满意度 recorded as 8.50(%) (target ≥9.00%, a likely typo in the form).')
q('规建办的生态效益指标里，哪些没达到年度指标值？', 'list_indicator', 'indicators',
  lambda: [(p, i) for p, i in all_inds(of('规建办')) if i['level2'] == '生态效益指标' and not met(i)])
q('实际完成值写着“达成指标”却被扣了分的是哪几条指标？', 'list_indicator', 'indicators',
  lambda: [(p, i) for p, i in all_inds() if i['actual'] == '达成指标' and is_ded(i)])
q('实际完成值已经达到年度指标值、却仍被扣分的指标有哪些', 'list_indicator', 'indicators',
  lambda: [(p, i) for p, i in all_inds() if met(i) and is_ded(i)],
  note='Numeric rows compared with the target (防台防汛 群众满意度 90≥90, 垃圾分类 纯净度 95≥95, 教育未保 群众满意度 98≥90) plus the 「达成指标」 rows.')
q('名称里带“投诉”的指标中，有哪些没达到年度指标值？', 'list_indicator', 'indicators',
  lambda: [(p, i) for p, i in all_inds() if '投诉' in i['name'] and not met(i)])
q('社发办“政策宣传情况”这项指标没完全达成的有哪些项目？', 'list_indicator', 'indicators',
  lambda: [(p, i) for p, i in all_inds(of('社发办')) if i['name'] == '政策宣传情况' and not met(i)])
q('名称里有“增长率”、实际完成值为0的指标', 'list_indicator', 'indicators',
  lambda: [(p, i) for p, i in all_inds() if '增长率' in i['name'] and qval(i['actual']) == 0],
  note=HARD + '「花卉品种增加率」 (0%) is 增加率, not 增长率.')
q('便民巴士哪些指标被扣分了？', 'lookup_indicator', 'indicators',
  lambda: [(p, i) for p, i in all_inds([find('便民巴士')]) if is_ded(i)])
q('成本指标都有哪些？', 'list_indicator', 'indicators',
  lambda: [(p, i) for p, i in all_inds() if i['level2'] == '成本指标'])
q('宣传科的指标里实际完成值是90%但目标是100%的有哪些', 'list_indicator', 'indicators',
  lambda: [(p, i) for p, i in all_inds(of('宣传科')) if qval(i['actual']) == 90 and qval(i['target']) == 100])
q('党群中心哪些满意度指标没达标？', 'list_indicator', 'indicators',
  lambda: same([(p, i) for p, i in all_inds(of('党群中心')) if sat_l1(i) and not met(i)],
               [(p, i) for p, i in all_inds(of('党群中心')) if sat_name(i) and not met(i)]),
  note='Includes the 「—」 project. Level-1 and name readings agree here.')
q('扣分但没有填写偏差原因分析的指标是哪条？', 'list_indicator', 'indicators',
  lambda: [(p, i) for p, i in all_inds() if is_ded(i) and not i['reason'].strip()])

# ---- O. more hard / mixed ----------------------------------------------------------------------------
q('社发办执行数超过500万元且总分低于90分的项目', 'list_multi', 'set',
  lambda: [p for p in of('社发办') if exe(p) > 500 and sc(p) < 90],
  note=HARD + 'Both conditions: only 社发办-片区专项经费.')
q('党政办和规建办分别有几个项目？', 'compare_groups', 'numbers',
  lambda: {o: len(of(o)) for o in ('党政办', '规建办')}, unit='个',
  note=HARD + 'Two separate counts, not a merged total.')
q('扣分指标条数最多的科室是哪个？', 'group_max', 'text',
  lambda: [max(OFFICES, key=lambda o: sum(1 for _, i in all_inds(of(o)) if is_ded(i)))])
q('满意度指标（一级指标）没达到年度指标值、但得分没被扣的指标有几条？', 'count', 'count',
  lambda: sum(1 for _, i in all_inds() if sat_l1(i) and not met(i) and not is_ded(i)), unit='条',
  note=HARD + 'Zero: every missed satisfaction row lost points.')
q('全年执行数低于10万元、而且总分不低于94分的项目', 'list_multi', 'set',
  lambda: [p for p in R if exe(p) < 10 and sc(p) >= 94])
q('规建办中全年预算比年初预算增加的项目有哪些？', 'list_multi', 'set',
  lambda: [p for p in of('规建办') if chg(p) > 0])
q('总分在92分到94分之间（含92和94）的社发办项目有几个', 'count', 'count',
  lambda: sum(1 for p in of('社发办') if 92 <= sc(p) <= 94))
q('只看年初预算不为0的项目，全年预算低于年初预算80%的有几个？', 'count', 'count',
  lambda: sum(1 for p in R if ini(p) > 0 and ann(p) < ini(p) * D('0.8')))
q('执行数超过1000万元的项目里，有没有评分等级是良的？有的话是哪些', 'list_multi', 'set',
  lambda: [p for p in R if exe(p) > 1000 and p['grade'] == '良'],
  note=HARD + 'None (empty list); the answer must say there are none.')
q('“良”等级项目的全年执行数合计是多少？', 'sum', 'number',
  lambda: total(exe(p) for p in R if p['grade'] == '良'), unit='万元')
q('社发办中，总分低于92分的项目的平均执行数', 'average', 'number',
  lambda: avg(exe(p) for p in of('社发办') if sc(p) < 92), unit='万元')
q('名称里带“专项经费”的项目有几个？', 'count', 'count', lambda: sum(1 for p in R if '专项经费' in p['project']))
q('总分不是整数的项目有哪些', 'list_filter', 'set', lambda: [p for p in R if sc(p) != sc(p).to_integral_value()])
q('规建办执行数最多的项目，它的满意度指标（一级）扣了几分？', 'chain', 'number',
  lambda: total(ded(i) for i in inds(only(argbest(of('规建办'), exe))[0]) if sat_l1(i)), unit='分')

# =================================================================== STATEMENTS
STATEMENTS = []

def wan(x):  return '%s万元' % format(D(x).quantize(Decimal('0.01'), ROUND_HALF_UP), 'f')
def fen(x):
    x = D(x)
    return ('%s分' % x.normalize()) if x != x.to_integral_value() else '%d分' % int(x)
def num(x):
    x = D(x).normalize()
    return format(x, 'f')

def eq(actual, stated, fmt):
    """Claim: recorded value equals stated value (compared at 2 decimals)."""
    return (r2(actual) == r2(D(stated)), fmt(actual))

def truth(ok, correct):
    return (bool(ok), correct)

UNVERIFIABLE = None

def s(statement, typ, claims, note=''):
    res = [c() for c in claims]
    if any(r is None for r in res):
        assert len(res) == 1
        verdict, correct = '无法核实', ''
    else:
        oks = [r[0] for r in res]
        verdict = '正确' if all(oks) else ('错误' if not any(oks) else '部分正确')
        correct = '；'.join(r[1] for r in res if not r[0])
    row = {'id': 's%03d' % (len(STATEMENTS) + 1), 'statement': statement, 'verdict': verdict}
    if correct:
        row['correct'] = correct
    row['type'] = typ
    recorded = '；'.join(r[1] for r in res if r is not None)
    row['note'] = (note + ('（' if note else '') + '记录：' + recorded + ('）' if note else '')) if recorded else note
    STATEMENTS.append(row)

def ind_actual(pname_sub, iname):
    i = ind(find(pname_sub), iname)
    return qval(i['actual']), i

def ifmt(i, field='actual'):
    return i[field].replace(' ', '')

# ---- true / false single-figure claims
p_fire = find('消防安全专项')
s('安全办-消防安全专项经费全年执行数为139.87万元。', 'amount', [lambda: eq(exe(p_fire), '139.87', wan)])
s('安全办-消防安全专项经费全年执行数为85.30万元。', 'amount_field_confusion', [lambda: eq(exe(p_fire), '85.30', wan)],
  note='85.30 is the 年初预算数')
s('社区便民巴士补贴全年预算135万元，比年初预算增加35万元。', 'amount_multi',
  [lambda: eq(ann(find('便民巴士')), '135', wan), lambda: eq(chg(find('便民巴士')), '35', wan)])
s('财政所-服务经济专项经费全年执行数约1.76亿元。', 'amount_unit_conversion',
  [lambda: truth(r2(exe(find('服务经济')) / 10000) == 1.76, wan(exe(find('服务经济'))))])
s('服务经济专项经费年初预算为1.76亿元。', 'amount_field_confusion',
  [lambda: truth(r2(ini(find('服务经济')) / 10000) == 1.76, wan(ini(find('服务经济'))))],
  note='1.76亿 is the 全年预算/执行数')
s('社区便民巴士补贴全年执行135万元，即1,350,000元。', 'amount_unit_conversion',
  [lambda: truth(exe(find('便民巴士')) * 10000 == 1350000, wan(exe(find('便民巴士'))))])
s('宣传科-政协委员活动专项经费全年只执行了2000元。', 'amount_unit_conversion',
  [lambda: truth(exe(find('政协委员')) * 10000 == 2000, '%s（%s元）' % (wan(exe(find('政协委员'))), num(exe(find('政协委员')) * 10000)))])
s('中小企业扶持专项经费全年执行数超过3亿元。', 'amount_unit_conversion',
  [lambda: truth(exe(find('中小企业扶持')) > 30000, wan(exe(find('中小企业扶持'))))],
  note='3亿 was the 年初预算')
s('中小企业扶持专项经费全年执行2.87亿元左右。', 'amount_unit_conversion',
  [lambda: truth(r2(exe(find('中小企业扶持')) / 10000) == 2.87, wan(exe(find('中小企业扶持'))))])
s('财政所-科技企业扶持专项经费执行数为4000万元。', 'amount', [lambda: eq(exe(find('科技企业扶持')), '4000', wan)])
s('纪委-纪检监察专项经费全年执行数为25万元。', 'amount_field_confusion', [lambda: eq(exe(find('纪检监察')), '25', wan)],
  note='25 is the 年初预算数')
s('科普活动专项经费全年执行数8万元，与年初预算持平。', 'amount_multi',
  [lambda: eq(exe(find('科普活动')), '8', wan), lambda: truth(chg(find('科普活动')) == 0, '全年预算' + wan(ann(find('科普活动'))) + '，年初预算' + wan(ini(find('科普活动'))))])
s('规建办-桃浦村专项经费全年预算与年初预算相同，均为509.76万元。', 'amount_multi',
  [lambda: truth(chg(find('桃浦村')) == 0, '年初' + wan(ini(find('桃浦村'))) + '，全年' + wan(ann(find('桃浦村')))),
   lambda: eq(ann(find('桃浦村')), '509.76', wan)])
s('党群中心—居民区党群服务站门头规范化建设专项经费年初预算为0。', 'amount',
  [lambda: eq(ini(find('门头规范化')), '0', wan)])

# ---- scores / grades
s('社区便民巴士补贴总分93分。', 'score', [lambda: eq(sc(find('便民巴士')), '93', fen)])
s('社发办-片区专项经费评分等级为优。', 'grade', [lambda: truth(find('社发办-片区专项经费')['grade'] == '优', find('社发办-片区专项经费')['grade'] + '（总分' + fen(sc(find('社发办-片区专项经费'))) + '）')])
s('武装部-武装专项经费总分为98分。', 'score', [lambda: eq(sc(find('武装专项')), '98', fen)])
s('规建办-垃圾分类专项经费评分等级为良。', 'grade',
  [lambda: truth(find('垃圾分类')['grade'] == '良', find('垃圾分类')['grade'] + '（总分' + fen(sc(find('垃圾分类'))) + '，≥90为优）')])
s('骑手新家设备专项经费采购计划完成98台，项目总分91分。', 'multi_claim',
  [lambda: eq(qval(ind(find('骑手'), '采购计划完成量')['actual']), '98', lambda v: num(v) + '台'),
   lambda: eq(sc(find('骑手')), '91', fen)])
s('综合执法队-桃浦镇拆违经费全年执行346.17万元，总分95分。', 'multi_claim',
  [lambda: eq(exe(find('拆违')), '346.17', wan), lambda: eq(sc(find('拆违')), '95', fen)])
s('团委-群团改革专项经费总分为95分，评分等级为优。', 'multi_claim',
  [lambda: eq(sc(find('群团改革')), '95', fen), lambda: truth(find('群团改革')['grade'] == '优', find('群团改革')['grade'])])
s('财政所-财政管理专项经费总分91分，评分等级为优。', 'multi_claim',
  [lambda: eq(sc(find('财政管理专项')), '91', fen), lambda: truth(find('财政管理专项')['grade'] == '优', find('财政管理专项')['grade'])])

# ---- superlatives / uniqueness / rank
s('信访办-信访工作经费总分99分，是全镇最高的。', 'superlative',
  [lambda: eq(sc(find('信访工作经费')), '99', fen),
   lambda: truth([p['project'] for p in argbest(R, sc)] == ['信访办-信访工作经费'], '最高：' + '、'.join(names(argbest(R, sc))))])
s('社发办-献血补助专项经费总分86分，为所有项目中最低。', 'superlative',
  [lambda: eq(sc(find('献血补助')), '86', fen),
   lambda: truth(names(argbest(R, sc, desc=False)) == ['社发办-献血补助专项经费'], '最低：' + '、'.join(names(argbest(R, sc, desc=False))))])
s('总分最低的项目是社发办-社区卫生医疗专项经费。', 'superlative',
  [lambda: truth(names(argbest(R, sc, desc=False)) == ['社发办-社区卫生医疗专项经费'],
                 '、'.join(names(argbest(R, sc, desc=False))) + '（' + fen(min(sc(p) for p in R)) + '）')])
s('全年执行数最少的项目是党群中心-居委会选举专项经费。', 'superlative',
  [lambda: truth(names(argbest(R, exe, desc=False)) == ['党群中心-居委会选举专项经费'],
                 '、'.join(names(argbest(R, exe, desc=False))) + '（' + wan(min(exe(p) for p in R)) + '）')])
s('只有一个项目的总分为99分。', 'uniqueness',
  [lambda: truth(sum(1 for p in R if sc(p) == 99) == 1, '%d个' % sum(1 for p in R if sc(p) == 99))])
s('只有一个项目的总分为88分。', 'uniqueness',
  [lambda: truth(sum(1 for p in R if sc(p) == 88) == 1, '%d个（%s）' % (sum(1 for p in R if sc(p) == 88), '、'.join(names([p for p in R if sc(p) == 88]))))])
s('社发办-片区专项经费是唯一一个总分低于90分的项目。', 'uniqueness',
  [lambda: truth(sum(1 for p in R if sc(p) < 90) == 1, '%d个：%s' % (sum(1 for p in R if sc(p) < 90), '、'.join(names([p for p in R if sc(p) < 90]))))])
s('平安办-基层综治及国家安全经费是三级指标最多的项目，共22条。', 'superlative',
  [lambda: truth(names(argbest(R, lambda p: len(inds(p)))) == ['平安办-基层综治及国家安全经费'], '最多：' + '、'.join(names(argbest(R, lambda p: len(inds(p)))))),
   lambda: eq(len(inds(find('基层综治'))), '22', lambda v: '%d条' % v)])
s('规建办-环卫保洁公司购买服务专项经费执行4100万元，是规建办执行数最高的项目。', 'superlative',
  [lambda: eq(exe(find('环卫保洁')), '4100', wan),
   lambda: truth(names(argbest(of('规建办'), exe)) == ['规建办-环卫保洁公司购买服务专项经费'], '、'.join(names(argbest(of('规建办'), exe))))])
s('全年预算比年初预算增加最多的项目是规建办-小区综合改造专项经费。', 'superlative',
  [lambda: truth(names(argbest(R, chg)) == ['规建办-小区综合改造专项经费'],
                 '、'.join(names(argbest(R, chg))) + '（增加' + wan(max(chg(p) for p in R)) + '）')])
s('单条指标扣分最多的是献血补助专项经费的无偿献血计划完成率，扣了5分。', 'superlative',
  [lambda: truth(max(ded(i) for _, i in all_inds()) == ded(ind(find('献血补助'), '无偿献血计划完成率')),
                 '单条最多扣%s（%d条并列）' % (fen(max(ded(i) for _, i in all_inds())), sum(1 for _, i in all_inds() if ded(i) == max(ded(j) for _, j in all_inds())))),
   lambda: eq(ded(ind(find('献血补助'), '无偿献血计划完成率')), '5', fen)],
  note='the 5-point figure is right, the "最多" claim is not')
s('社发办是项目数量最多的科室。', 'superlative',
  [lambda: truth(Counter(office(p) for p in R if office(p)).most_common(1)[0][0] == '社发办', '社发办%d个' % len(of('社发办')))])
s('规建办是项目数量最多的科室。', 'superlative',
  [lambda: truth(Counter(office(p) for p in R if office(p)).most_common(1)[0][0] == '规建办',
                 '最多的是%s（%d个），规建办%d个' % (Counter(office(p) for p in R if office(p)).most_common(1)[0] + (len(of('规建办')),)))])
s('东部智能化项目专项经费的执行数比南部智能化项目专项经费多。', 'comparison',
  [lambda: truth(exe(find('东部智能化')) > exe(find('南部智能化')), '东部' + wan(exe(find('东部智能化'))) + '，南部' + wan(exe(find('南部智能化'))))])
s('社发办的平均总分高于规建办。', 'comparison',
  [lambda: truth(avg(sc(p) for p in of('社发办')) > avg(sc(p) for p in of('规建办')),
                 '社发办%s分，规建办%s分' % (r2(avg(sc(p) for p in of('社发办'))), r2(avg(sc(p) for p in of('规建办')))))])
s('党政办的平均总分高于规建办。', 'comparison',
  [lambda: truth(avg(sc(p) for p in of('党政办')) > avg(sc(p) for p in of('规建办')),
                 '党政办%s分，规建办%s分' % (r2(avg(sc(p) for p in of('党政办'))), r2(avg(sc(p) for p in of('规建办')))))])

# ---- universals
s('所有项目的执行率都是100%。', 'universal',
  [lambda: truth(all(rate(p) == 100 for p in R), '%d个项目执行率100%%' % sum(1 for p in R if rate(p) == 100))])
s('全镇所有项目评分等级均为优。', 'universal',
  [lambda: truth(all(p['grade'] == '优' for p in R), '%d个项目为良：%s' % (sum(1 for p in R if p['grade'] == '良'), '、'.join(names([p for p in R if p['grade'] == '良']))))])
s('所有项目总分都在85分以上。', 'universal',
  [lambda: truth(all(sc(p) > 85 for p in R), '最低' + fen(min(sc(p) for p in R)))])
s('经发办6个项目的总分均不低于90分。', 'universal',
  [lambda: eq(len(of('经发办')), '6', lambda v: '%d个' % v), lambda: truth(all(sc(p) >= 90 for p in of('经发办')), '最低' + fen(min(sc(p) for p in of('经发办'))))])
s('规建办所有项目总分都不低于90分。', 'universal',
  [lambda: truth(all(sc(p) >= 90 for p in of('规建办')), '最低' + fen(min(sc(p) for p in of('规建办'))))])
s('所有项目的年初预算均大于0。', 'universal',
  [lambda: truth(all(ini(p) > 0 for p in R), '%d个项目年初预算为0' % sum(1 for p in R if ini(p) == 0))])
s('评分等级为良的项目共4个，全部是社发办的项目。', 'universal',
  [lambda: eq(sum(1 for p in R if p['grade'] == '良'), '4', lambda v: '%d个' % v),
   lambda: truth(all(office(p) == '社发办' for p in R if p['grade'] == '良'), '、'.join(names([p for p in R if p['grade'] == '良'])))])
s('所有项目的资金都来自当年财政拨款，没有上年结转资金。', 'universal',
  [lambda: truth(all(fund(p, 'annual_budget', 'carryover') == 0 and fund(p, 'executed', 'carryover') == 0 for p in R)
                 and all(fund(p, 'executed', 'appropriation') == exe(p) for p in R), '上年结转与其他资金均为0')])
s('所有满意度指标（一级指标）的实际完成值都达到了年度指标值。', 'universal',
  [lambda: truth(all(met(i) for _, i in all_inds() if sat_l1(i)), '%d条未达到' % sum(1 for _, i in all_inds() if sat_l1(i) and not met(i)))])

# ---- counts / membership
s('桃浦镇2023年共有104个项目填报了绩效自评表。', 'count', [lambda: eq(len(R), '104', lambda v: '%d个' % v)])
s('社发办共有23个项目。', 'count', [lambda: eq(len(of('社发办')), '23', lambda v: '%d个' % v)])
s('党群中心共有4个项目。', 'count', [lambda: eq(len(of('党群中心')), '4', lambda v: '%d个' % v)],
  note='the 「—」 project is often missed')
s('党政办共有12个项目。', 'count', [lambda: eq(len(of('党政办')), '12', lambda v: '%d个' % v)])
s('全镇有6个项目年初预算为零。', 'count', [lambda: eq(sum(1 for p in R if ini(p) == 0), '6', lambda v: '%d个' % v)])
s('全镇执行数超过1亿元的项目有3个。', 'count',
  [lambda: eq(sum(1 for p in R if exe(p) > 10000), '3', lambda v: '%d个（%s）' % (v, '、'.join(names([p for p in R if exe(p) > 10000]))))])
s('有5个项目的指标出现了“未达成指标且效果较差”。', 'count',
  [lambda: eq(len({p['project'] for p, i in all_inds() if i['actual'] == '未达成指标且效果较差'}), '5', lambda v: '%d个' % v)])
s('全部104个项目共设置了1178条三级指标。', 'count', [lambda: eq(len(all_inds()), '1178', lambda v: '%d条' % v)])
s('被扣分的指标共有282条。', 'count', [lambda: eq(sum(1 for _, i in all_inds() if is_ded(i)), '282', lambda v: '%d条' % v)])
s('司法所-司法行政经费的实施单位是桃浦镇司法所。', 'office_membership',
  [lambda: truth(find('司法行政')['unit'] == '桃浦镇司法所', find('司法行政')['unit'])],
  note='the form names 桃浦镇平安建设办公室')
s('社区便民巴士补贴是规建办的项目。', 'office_membership',
  [lambda: truth(office(find('便民巴士')) == '规建办', office(find('便民巴士')))])
s('财政所共6个项目，全年执行数合计超过5亿元。', 'multi_claim',
  [lambda: eq(len(of('财政所')), '6', lambda v: '%d个' % v), lambda: truth(total(exe(p) for p in of('财政所')) > 50000, wan(total(exe(p) for p in of('财政所'))))])
s('社发办有23个项目，其中评分等级为良的有5个。', 'multi_claim',
  [lambda: eq(len(of('社发办')), '23', lambda v: '%d个' % v),
   lambda: eq(sum(1 for p in of('社发办') if p['grade'] == '良'), '5', lambda v: '良%d个' % v)])

# ---- indicators: actual vs target
s('片区专项经费全年投诉数为8次，超出了控制目标。', 'indicator_vs_target',
  [lambda: eq(ind_actual('社发办-片区专项经费', '全年投诉数')[0], '8', lambda v: num(v) + '次'),
   lambda: truth(not met(ind(find('社发办-片区专项经费'), '全年投诉数')), '目标' + ifmt(ind(find('社发办-片区专项经费'), '全年投诉数'), 'target'))])
s('片区专项经费全年投诉数控制在了3次以内。', 'indicator_vs_target',
  [lambda: truth(ind_actual('社发办-片区专项经费', '全年投诉数')[0] <= 3, num(ind_actual('社发办-片区专项经费', '全年投诉数')[0]) + '次')],
  note='3次 is the target (≤3), the actual is 8')
s('消防实事项目的居民满意度为75%，未达到80%的目标。', 'indicator_vs_target',
  [lambda: eq(ind_actual('消防实事', '居民满意度')[0], '75', lambda v: ifmt(ind(find('消防实事'), '居民满意度'))),
   lambda: truth(not met(ind(find('消防实事'), '居民满意度')) and qval(ind(find('消防实事'), '居民满意度')['target']) == 80, '目标' + ifmt(ind(find('消防实事'), '居民满意度'), 'target'))])
s('城运中心-应用场景项目受益群众满意度达到了80%。', 'indicator_target_as_actual',
  [lambda: eq(ind_actual('应用场景', '受益群众满意度')[0], '80', lambda v: ifmt(ind(find('应用场景'), '受益群众满意度')))],
  note='80% is the target')
s('受理中心年接待群众办理量为8万次。', 'indicator_target_as_actual',
  [lambda: eq(ind_actual('受理中心', '中心年接待群众办理量')[0], '80000', lambda v: num(v) + '次')],
  note='>80000 is the target')
s('受理中心年接待群众办理量达18万次。', 'indicator_actual',
  [lambda: eq(ind_actual('受理中心', '中心年接待群众办理量')[0], '180000', lambda v: num(v) + '次')])
s('莲花公寓居委调整办公地点专项经费增设监控设备8个。', 'indicator_target_as_actual',
  [lambda: eq(ind_actual('莲花公寓居委', '增设监控设备数量')[0], '8', lambda v: num(v) + '个')],
  note='≥8 is the target')
s('社区便民巴士乘坐人数增长率达到10%。', 'indicator_target_as_actual',
  [lambda: eq(ind_actual('便民巴士', '巴士乘坐人数增长率')[0], '10', lambda v: ifmt(ind(find('便民巴士'), '巴士乘坐人数增长率')))])
s('便民巴士出行居民满意度为90%，低于95%的年度目标。', 'indicator_vs_target',
  [lambda: eq(ind_actual('便民巴士', '出行居民满意度')[0], '90', lambda v: ifmt(ind(find('便民巴士'), '出行居民满意度'))),
   lambda: truth(not met(ind(find('便民巴士'), '出行居民满意度')) and qval(ind(find('便民巴士'), '出行居民满意度')['target']) == 95, ifmt(ind(find('便民巴士'), '出行居民满意度'), 'target'))])
s('社发办-各类帮困补助专项经费受助家庭满意度为75%。', 'indicator_target_as_actual',
  [lambda: eq(ind_actual('各类帮困', '受助家庭满意度')[0], '75', lambda v: ifmt(ind(find('各类帮困'), '受助家庭满意度')))],
  note='75.00(%) is the target column')
s('信访工作经费的信访矛盾化解率达到了100%。', 'indicator_target_as_actual',
  [lambda: eq(ind_actual('信访工作经费', '信访矛盾化解率')[0], '100', lambda v: ifmt(ind(find('信访工作经费'), '信访矛盾化解率')))])
s('社区卫生医疗专项经费每年服务人次达到400人次。', 'indicator_target_as_actual',
  [lambda: eq(ind_actual('社区卫生医疗', '每年服务人次')[0], '400', lambda v: num(v) + '人次')])
s('第五次经济普查专项经费的被统计单位满意度在95%以上。', 'indicator_target_as_actual',
  [lambda: truth(ind_actual('经济普查', '被统计单位满意度')[0] > 95, ifmt(ind(find('经济普查'), '被统计单位满意度')))])
s('城运中心-应用场景项目可识别问题类型增加量为0，该项指标得0分。', 'indicator_actual',
  [lambda: eq(ind_actual('应用场景', '可识别问题类型增加量')[0], '0', lambda v: ifmt(ind(find('应用场景'), '可识别问题类型增加量'))),
   lambda: eq(ind(find('应用场景'), '可识别问题类型增加量')['score'], '0', fen)])
s('片区专项经费2023年累计接待群众71743人次。', 'indicator_actual',
  [lambda: eq(ind_actual('社发办-片区专项经费', '年累计接待群众数')[0], '71743', lambda v: num(v) + '人次')])
s('服务经济专项经费服务企业数量达1515个，超过1200个的目标。', 'indicator_vs_target',
  [lambda: eq(ind_actual('服务经济', '服务企业数量')[0], '1515', lambda v: num(v) + '个'),
   lambda: truth(met(ind(find('服务经济'), '服务企业数量')) and qval(ind(find('服务经济'), '服务企业数量')['target']) == 1200, ifmt(ind(find('服务经济'), '服务企业数量'), 'target'))])
s('武装专项经费完成年度征兵任务5人。', 'indicator_actual',
  [lambda: eq(ind_actual('武装专项', '完成年度征兵任务')[0], '5', lambda v: num(v) + '人')])
s('防台防汛专项经费的群众满意度（社会效益指标）实际为90%，达到了≥90%的目标，但仍被扣了2分。', 'indicator_vs_target',
  [lambda: eq(ind_actual('防台防汛', '群众满意度')[0], '90', lambda v: ifmt(ind(find('防台防汛'), '群众满意度'))),
   lambda: truth(met(ind(find('防台防汛'), '群众满意度')), ifmt(ind(find('防台防汛'), '群众满意度'), 'target')),
   lambda: eq(ded(ind(find('防台防汛'), '群众满意度')), '2', fen)])
s('献血补助专项经费总分86分，无偿献血计划完成率实际为100%。', 'multi_claim',
  [lambda: eq(sc(find('献血补助')), '86', fen),
   lambda: eq(ind_actual('献血补助', '无偿献血计划完成率')[0], '100', lambda v: ifmt(ind(find('献血补助'), '无偿献血计划完成率')))])
s('社区便民巴士补贴全年预算135万元，执行率为95%。', 'multi_claim',
  [lambda: eq(ann(find('便民巴士')), '135', wan), lambda: eq(rate(find('便民巴士')), '95', lambda v: num(v) + '%')])
s('规建办-社区微更新专项经费的项目完工及时性实际为“达成指标”，却扣了2分。', 'indicator_actual',
  [lambda: truth(ind(find('社区微更新'), '项目完工及时性')['actual'] == '达成指标', ind(find('社区微更新'), '项目完工及时性')['actual']),
   lambda: eq(ded(ind(find('社区微更新'), '项目完工及时性')), '2', fen)])

# ---- calculations: growth, 翻番, shares
s('小区综合改造专项经费全年预算较年初预算增长超过一倍。', 'growth',
  [lambda: truth(ann(find('小区综合改造')) > 2 * ini(find('小区综合改造')), '增长%s%%' % r2(pct(chg(find('小区综合改造')), ini(find('小区综合改造')))))])
s('小区综合改造专项经费全年预算比年初预算增加了1950.87万元，增幅超过200%。', 'multi_claim',
  [lambda: eq(chg(find('小区综合改造')), '1950.87', wan),
   lambda: truth(pct(chg(find('小区综合改造')), ini(find('小区综合改造'))) > 200, '增幅%s%%' % r2(pct(chg(find('小区综合改造')), ini(find('小区综合改造')))))])
s('党政办-应急专项经费全年预算比年初预算翻了一番多。', 'growth',
  [lambda: truth(ann(find('应急专项')) > 2 * ini(find('应急专项')), '年初%s，全年%s' % (wan(ini(find('应急专项'))), wan(ann(find('应急专项')))))])
s('消防实事项目经费全年预算是年初预算的10倍以上。', 'growth',
  [lambda: truth(ann(find('消防实事')) >= 10 * ini(find('消防实事')), '%s倍' % r2(ann(find('消防实事')) / ini(find('消防实事'))))])
s('社区便民巴士补贴全年预算比年初预算增长了两成以上。', 'growth',
  [lambda: truth(pct(chg(find('便民巴士')), ini(find('便民巴士'))) > 20, '增长%s%%' % r2(pct(chg(find('便民巴士')), ini(find('便民巴士')))))])
s('即知即改专项经费全年预算比年初预算减少了441.14万元。', 'calc_diff',
  [lambda: eq(-chg(find('即知即改')), '441.14', wan)])
s('第五次经济普查专项经费全年预算比年初预算增加了161.36万元。', 'direction',
  [lambda: truth(chg(find('经济普查')) == D('161.36'), '减少' + wan(-chg(find('经济普查'))))])
s('中小企业扶持专项经费全年预算比年初预算增加1334.13万元。', 'direction',
  [lambda: truth(chg(find('中小企业扶持')) == D('1334.13'), '减少' + wan(-chg(find('中小企业扶持'))))])
s('社区卫生医疗专项经费全年执行数10万元，仅为年初预算的六分之一。', 'ratio',
  [lambda: eq(exe(find('社区卫生医疗')), '10', wan), lambda: truth(exe(find('社区卫生医疗')) * 6 == ini(find('社区卫生医疗')), '年初' + wan(ini(find('社区卫生医疗'))))])
s('中小企业扶持专项经费的执行数占全镇执行总额的四成以上。', 'share',
  [lambda: truth(pct(exe(find('中小企业扶持')), total(exe(p) for p in R)) > 40, '占%s%%' % r2(pct(exe(find('中小企业扶持')), total(exe(p) for p in R))))])
s('中小企业扶持专项经费一个项目的执行数就占了全镇执行总额的三分之一以上。', 'share',
  [lambda: truth(exe(find('中小企业扶持')) * 3 > total(exe(p) for p in R), '占%s%%' % r2(pct(exe(find('中小企业扶持')), total(exe(p) for p in R))))])
s('财政所的执行数占全镇执行总额的三分之二以上。', 'share',
  [lambda: truth(total(exe(p) for p in of('财政所')) * 3 > total(exe(p) for p in R) * 2, '占%s%%' % r2(pct(total(exe(p) for p in of('财政所')), total(exe(p) for p in R))))])
s('社发办全年执行数合计超过4000万元。', 'sum',
  [lambda: truth(total(exe(p) for p in of('社发办')) > 4000, wan(total(exe(p) for p in of('社发办'))))])
s('全镇104个项目全年执行数合计约7.57亿元。', 'sum_unit_conversion',
  [lambda: truth(r2(total(exe(p) for p in R) / 10000) == 7.57, wan(total(exe(p) for p in R)))])
s('全镇104个项目的年初预算合计超过7亿元。', 'sum_unit_conversion',
  [lambda: truth(total(ini(p) for p in R) > 70000, wan(total(ini(p) for p in R)))])


# ---- more statements (added for balance)
s('环卫保洁公司购买服务专项经费全年执行数为4.1亿元。', 'amount_unit_conversion',
  [lambda: truth(exe(find('环卫保洁')) == 41000, wan(exe(find('环卫保洁'))) + '（0.41亿元）')])
s('就业援助成本补贴全年执行数为1501万元。', 'amount_field_confusion', [lambda: eq(exe(find('就业援助')), '1501', wan)],
  note='1501 is the 年初预算数')
s('经发办-审计专项经费全年执行数为40万元。', 'amount_field_confusion', [lambda: eq(exe(find('审计专项')), '40', wan)],
  note='40 is the 年初预算数')
s('社区便民巴士补贴出行居民满意度达到95%。', 'indicator_target_as_actual',
  [lambda: eq(ind_actual('便民巴士', '出行居民满意度')[0], '95', lambda v: ifmt(ind(find('便民巴士'), '出行居民满意度')))])
s('安全办-消防安全专项经费居民满意度为85%，达到了年度目标。', 'indicator_vs_target',
  [lambda: eq(ind_actual('消防安全专项', '居民满意度')[0], '85', lambda v: ifmt(ind(find('消防安全专项'), '居民满意度'))),
   lambda: truth(met(ind(find('消防安全专项'), '居民满意度')), ifmt(ind(find('消防安全专项'), '居民满意度'), 'target'))])
s('片区专项经费年累计对外开放天数达到了350天。', 'indicator_target_as_actual',
  [lambda: eq(ind_actual('社发办-片区专项经费', '年累计对外开放天数')[0], '350', lambda v: num(v) + '天')])
s('社发办-片区专项经费的活动参与对象满意度为90%。', 'indicator_target_as_actual',
  [lambda: eq(ind_actual('社发办-片区专项经费', '活动参与对象满意度')[0], '90', lambda v: ifmt(ind(find('社发办-片区专项经费'), '活动参与对象满意度')))])
s('武装专项经费完成年度战备训练2500人次。', 'indicator_target_as_actual',
  [lambda: eq(ind_actual('武装专项', '完成年度战备训练人次')[0], '2500', lambda v: num(v) + '人次')])
s('全镇项目的平均总分超过94分。', 'average',
  [lambda: truth(avg(sc(p) for p in R) > 94, '%s分' % r2(avg(sc(p) for p in R)))])
s('规建办共有20个项目。', 'count', [lambda: eq(len(of('规建办')), '20', lambda v: '%d个' % v)])
s('总分为90分的项目有10个。', 'count', [lambda: eq(sum(1 for p in R if sc(p) == 90), '10', lambda v: '%d个' % v)])
s('有3个项目的评分等级为良。', 'count', [lambda: eq(sum(1 for p in R if p['grade'] == '良'), '3', lambda v: '%d个' % v)])
s('党政办-应急专项经费全年预算比年初预算增长超过150%。', 'growth',
  [lambda: truth(pct(chg(find('应急专项')), ini(find('应急专项'))) > 150, '增长%s%%' % r2(pct(chg(find('应急专项')), ini(find('应急专项')))))])
s('财政所-即知即改专项经费全年预算比年初预算压减了九成以上。', 'growth',
  [lambda: truth(-pct(chg(find('即知即改')), ini(find('即知即改'))) > 90, '下降%s%%' % r2(-pct(chg(find('即知即改')), ini(find('即知即改')))))])
s('党政办-保密专项经费全年预算比年初预算减少了一半以上。', 'growth',
  [lambda: truth(ann(find('保密专项')) * 2 < ini(find('保密专项')), '年初%s，全年%s' % (wan(ini(find('保密专项'))), wan(ann(find('保密专项')))))])
s('财政所-服务经济专项经费全年预算比年初预算翻了一番多。', 'growth',
  [lambda: truth(ann(find('服务经济')) > 2 * ini(find('服务经济')), '年初%s，全年%s' % (wan(ini(find('服务经济'))), wan(ann(find('服务经济')))))])
s('每个项目都至少有一条指标被扣了分。', 'universal',
  [lambda: truth(all(any(is_ded(i) for i in inds(p)) for p in R), '%d个项目没有扣分指标' % sum(1 for p in R if not any(is_ded(i) for i in inds(p))))])
s('城运中心三个项目的总分都是93分。', 'universal',
  [lambda: truth(all(sc(p) == 93 for p in of('城运中心')), '；'.join('%s %s' % (p['project'], fen(sc(p))) for p in of('城运中心')))])
s('年初预算为0的项目全部是党政办的。', 'universal',
  [lambda: truth(all(office(p) == '党政办' for p in R if ini(p) == 0), '、'.join(names([p for p in R if ini(p) == 0])))])
s('全年预算比年初预算调减的项目超过80个。', 'count',
  [lambda: truth(sum(1 for p in R if chg(p) < 0) > 80, '%d个' % sum(1 for p in R if chg(p) < 0))])
s('宣传科共有4个项目，全年执行数合计超过1000万元。', 'multi_claim',
  [lambda: eq(len(of('宣传科')), '4', lambda v: '%d个' % v), lambda: truth(total(exe(p) for p in of('宣传科')) > 1000, wan(total(exe(p) for p in of('宣传科'))))])

# ---- not verifiable from the forms
for text, typ, note in [
    ('桃浦镇2022年社区便民巴士补贴执行数为120万元。', 'other_year', '2022 forms are not in the records'),
    ('长征镇消防安全专项经费2023年总分95分。', 'other_town', 'only 桃浦镇 forms'),
    ('社发办-片区专项经费的项目负责人是张某。', 'field_not_recorded', 'no 负责人 field'),
    ('2024年小区综合改造专项经费预算将增加到5000万元。', 'other_year', 'future year'),
    ('就业援助成本补贴惠及全镇80%的常住人口。', 'field_not_recorded', '常住人口 not in the forms'),
    ('环卫保洁公司购买服务专项经费的中标供应商是上海某环境公司。', 'field_not_recorded', 'no 供应商 field'),
    ('这104个项目的执行数占桃浦镇2023年一般公共预算支出的一半以上。', 'field_not_recorded', 'the town\'s total budget is not in the forms'),
    ('社区便民巴士1230路的日均载客量为1200人次。', 'field_not_recorded', 'ridership is not in the forms (only a growth rate of 0%)'),
    ('真如镇社发办的平均总分比桃浦镇社发办低。', 'other_town', 'only 桃浦镇 forms'),
]:
    s(text, typ, [lambda: UNVERIFIABLE], note=note)

# =================================================================== OUTPUT
def write(rows, name):
    with open(os.path.join(HERE, name), 'w', encoding='utf-8') as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')

write(QUESTIONS, 'questions.jsonl')
write(STATEMENTS, 'statements.jsonl')

print('questions: %d' % len(QUESTIONS))
print('  per kind:  ', dict(Counter(r['kind'] for r in QUESTIONS)))
print('  per intent:', dict(sorted(Counter(r['intent'] for r in QUESTIONS).items(), key=lambda kv: -kv[1])))
print('  hard:', sum(1 for r in QUESTIONS if r.get('note', '').startswith('[hard]')))
print('statements: %d' % len(STATEMENTS))
print('  per verdict:', dict(Counter(r['verdict'] for r in STATEMENTS)))
print('  per type:   ', dict(Counter(r['type'] for r in STATEMENTS)))
