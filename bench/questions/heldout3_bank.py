#!/usr/bin/env python3
"""Third held-out bank for 绩效问答: questions (heldout3.jsonl) and statements (statements_heldout3.jsonl).

Everything here is independent of the assistant: the raw text file is parsed by the parser below and every
expected answer / verdict is computed by code from the parsed forms. Only the wording is typed by hand.

Verdict rule for statements (explicit):
  * each statement is split (by hand, in the definitions below) into clauses; each clause is checked by code
    against the forms and is True / False, or None when it is about something the forms do not record;
  * all clauses True                    -> 正确
  * all clauses False                   -> 错误
  * some True and some False            -> 部分正确
  * the statement is about something the forms do not record (its clauses are None) -> 无法核实
  (a statement mixing None with checked clauses is not used, to keep the verdict unambiguous.)
"""
import json
import os
import re
from collections import defaultdict
from decimal import Decimal, ROUND_HALF_UP

RAW = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'data', '000_ce9e36a26cba1e6e.txt')
OUT = os.path.dirname(os.path.abspath(__file__))

# ----------------------------------------------------------------------------------------------- parser
L1_NAMES = {'产出指标', '效益指标', '满意度指标'}
NUM = re.compile(r'^-?[\d,]+(\.\d+)?$')
QTY = re.compile(r'^(≥|≤|>|<|=|＞|＜|≧|≦)?(-?[\d,]+(?:\.\d+)?)(?:[（(]([^)）]*)[)）])?$')
OPMAP = {'＞': '>', '＜': '<', '≧': '≥', '≦': '≤'}


def _clean(s):
    return s.replace(' ', '').replace(',', '')


def is_num(s):
    return bool(NUM.match(_clean(s)))


def D(s):
    return Decimal(_clean(s))


def parse_qty(s):
    """'≥90.00(%)' -> ('≥', Decimal('90.00'), '%'); a status word such as 及时 -> None"""
    m = QTY.match(s.replace(' ', ''))
    if not m:
        return None
    op = OPMAP.get(m.group(1) or '', m.group(1) or '')
    return (op, Decimal(m.group(2).replace(',', '')), m.group(3) or '')


class Indicator:
    def __init__(self, **kw):
        self.__dict__.update(kw)

    @property
    def deducted(self):
        return self.score < self.weight

    @property
    def lost(self):
        return self.weight - self.score

    @property
    def tq(self):
        return parse_qty(self.target)

    @property
    def aq(self):
        return parse_qty(self.actual)

    def met(self):
        """Actual reaches target as the form states it. Quantity targets: compare by operator (no operator
        written is read as '='). Status targets: actual must be '达成指标'."""
        tq, aq = self.tq, self.aq
        if tq and aq:
            op, tv, av = tq[0], tq[1], aq[1]
            return {'≥': av >= tv, '>': av > tv, '≤': av <= tv, '<': av < tv,
                    '=': av == tv, '': av == tv}[op]
        if tq is None and aq is None:
            return self.actual == '达成指标'
        raise ValueError(self.name)


class Project:
    def __init__(self, **kw):
        self.__dict__.update(kw)

    @property
    def office(self):
        """科室 = the prefix of the project name before '-' or '—' (None for the 3 names without a prefix)."""
        for sep in ('-', '—'):
            if sep in self.name:
                return self.name.split(sep)[0]
        return None

    def inds(self, l1=None, l2=None):
        return [i for i in self.indicators if (l1 is None or i.l1 == l1) and (l2 is None or i.l2 == l2)]

    @property
    def lost(self):
        return sum((i.lost for i in self.indicators), Decimal(0)) + (self.fund_weight - self.fund_score)


def parse(path=RAW):
    lines = open(path, encoding='utf-8').read().split('\n')
    projects, cur, mode, l1, l2 = [], None, None, None, None
    for ln, raw in enumerate(lines, 1):
        ne = [c.strip() for c in raw.split('\t') if c.strip()]
        if not ne:
            continue
        h = ne[0]
        if h == '项目名称':
            cur = Project(name=ne[1], line=ln, indicators=[], dept=None, unit=None, goal='', done='',
                          total=None, grade=None)
            projects.append(cur)
            mode = 'head'
            continue
        if cur is None:
            continue
        if h == '主管部门':
            cur.dept = ne[1]
            if '实施单位' in ne:
                cur.unit = ne[ne.index('实施单位') + 1]
        elif h == '年度资金总额':
            v = ne[1:]
            cur.init, cur.full, cur.exec_ = D(v[0]), D(v[1]), D(v[2])
            cur.fund_weight, cur.rate, cur.fund_score = D(v[3]), D(v[4]), D(v[5])
        elif h == '年度 总体 目标':
            mode = 'goal'
        elif mode == 'goal' and h != '一级指标':
            cur.goal, cur.done = ne[0], (ne[1] if len(ne) > 1 else '')
            mode = 'head'
        elif h == '一级指标':
            mode, l1, l2 = 'ind', None, None
        elif h.startswith('总分'):
            mode = 'tail'
            cur.total = D([x for x in ne[1:] if is_num(x)][-1])
        elif h == '评分等级' and mode == 'tail':
            cur.grade = ne[1]
        elif mode == 'ind':
            # row = [一级] [二级] 三级 目标 实际 分值 得分 [偏差原因]; columns drift, so read from the right
            k, reason = len(ne), ''
            if not is_num(ne[-1]):
                reason, k = ne[-1], k - 1
            score, weight = D(ne[k - 1]), D(ne[k - 2])
            actual, target, name = ne[k - 3], ne[k - 4], ne[k - 5]
            lead = ne[:k - 5]
            if len(lead) == 2:
                l1, l2 = lead
            elif len(lead) == 1:
                if lead[0] in L1_NAMES:
                    l1, l2 = lead[0], None
                else:
                    l2 = lead[0]
            cur.indicators.append(Indicator(l1=l1, l2=l2, name=name, target=target.replace(' ', ''),
                                            actual=actual.replace(' ', ''), weight=weight, score=score,
                                            reason=reason, line=ln, project=cur))
    return projects


PS = parse()
assert len(PS) == 104 and sum(len(p.indicators) for p in PS) == 1178
for _p in PS:  # the forms are internally consistent; the bank relies on it
    assert sum(i.weight for i in _p.indicators) + _p.fund_weight == 100, _p.name
    assert sum(i.score for i in _p.indicators) + _p.fund_score == _p.total, _p.name
    assert _p.full == _p.exec_ and _p.rate == 100

# ----------------------------------------------------------------------------------------------- helpers


def P(frag):
    m = [p for p in PS if frag in p.name]
    assert len(m) == 1, (frag, [p.name for p in m])
    return m[0]


def OFF(o):
    r = [p for p in PS if p.office == o]
    assert r, o
    return r


def IND(pfrag, ifrag, exact=False):
    p = P(pfrag)
    m = [i for i in p.indicators if (i.name == ifrag if exact else ifrag in i.name)]
    assert len(m) == 1, (pfrag, ifrag, [i.name for i in m])
    return m[0]


def ALLI(ps=None):
    return [i for p in (ps or PS) for i in p.indicators]


def names(ps):
    return [p.name for p in ps]


def pairs(inds):
    return [[i.project.name, i.name] for i in inds]


def f(x, nd=2):
    """Decimal -> float rounded half-up to nd decimals."""
    q = Decimal(1).scaleb(-nd)
    return float(Decimal(x).quantize(q, rounding=ROUND_HALF_UP))


def pct(a, b, nd=2):
    return f(Decimal(a) / Decimal(b) * 100, nd)


def mean(xs):
    xs = list(xs)
    return sum(xs, Decimal(0)) / len(xs)


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def ordered(ps, key, reverse, n=None):
    """Sort; assert no tie decides membership or order of the first n."""
    s = sorted(ps, key=key, reverse=reverse)
    n = n or len(s)
    keys = [key(p) for p in s[:n + 1]] if n < len(s) else [key(p) for p in s]
    assert len(set(keys[:n])) == n, ('tie inside ranking', keys)
    if n < len(s):
        assert keys[n - 1] != keys[n], ('tie at the cut', keys)
    return names(s[:n])


def is_sat(i):
    return i.l1 == '满意度指标'


def sat_missed(p):
    return [i for i in p.inds('满意度指标') if not i.met()]


def pct_unit(i):
    return i.aq and i.aq[2] in ('%', '百分比', '百分号')


def in_text(s, *texts):
    return any(s in t for t in texts)


# ----------------------------------------------------------------------------------------------- questions
Q = []


def q(question, kind, answer, intent, unit=None, note=None, context=None):
    row = {'id': 'k%03d' % (len(Q) + 1), 'question': question}
    if context:
        row['context'] = context
    row.update({'intent': intent, 'kind': kind, 'answer': answer})
    if unit:
        row['unit'] = unit
    if note:
        row['note'] = note
    if kind in ('set', 'ordered', 'clarify'):
        assert answer and all(a in {p.name for p in PS} for a in answer), (question, answer)
    if kind == 'set':
        assert len(set(answer)) == len(answer)
    Q.append(row)


def text_q(question, p, keys, intent, fields=('goal', 'done', 'reasons'), note=None, context=None):
    """text answers: every key must appear verbatim in the named project's text."""
    pool = []
    for fld in fields:
        if fld == 'reasons':
            pool += [i.reason for i in p.indicators]
        elif fld == 'unit':
            pool.append(p.unit or '')
        else:
            pool.append(getattr(p, fld))
    for k in keys:
        assert in_text(k, *pool), (question, k)
    q(question, 'text', keys, intent, note=note, context=context)


# ---- set -----------------------------------------------------------------------------------------------
q('规建办里年初预算过百万、全年预算却比年初还少的项目有哪些', 'set',
  names(p for p in OFF('规建办') if p.init > 100 and p.full < p.init), 'list_office_fund_cond')
q('总分不到91分的都有哪些项目？', 'set', names(p for p in PS if p.total < 91), 'list_score_lt')
q('社发办执行数在100万到200万之间的项目', 'set',
  names(p for p in OFF('社发办') if 100 <= p.exec_ <= 200), 'list_office_fund_range')
q('请协助统计三级指标条数超过15条的项目，并逐一列出项目名称。', 'set', names(p for p in PS if len(p.indicators) > 15),
  'list_indicator_count')
q('只有一条指标被扣分的项目，帮我列一下', 'set',
  names(p for p in PS if sum(1 for i in p.indicators if i.deducted) == 1), 'list_deducted_count',
  note='按三级指标得分<分值计；资金执行部分都拿满10分')
q('实施单位写的是平安建设办公室，但项目名称却不是“平安办”打头的，有哪些？', 'set',
  names(p for p in PS if p.unit == '桃浦镇平安建设办公室' and p.office != '平安办'), 'list_unit_vs_office',
  note='tricky: 安全办、司法所、信访办的项目也由平安建设办公室实施')
q('年初就有预算的项目中，全年预算比年初调增超过50%的有哪些', 'set',
  names(p for p in PS if p.init > 0 and (p.full - p.init) / p.init > Decimal('0.5')), 'list_fund_growth',
  note='年初预算为0的项目不算')
q('有没有哪条指标直接得了0分的？是哪些项目', 'set',
  names(p for p in PS if any(i.score == 0 and i.weight > 0 for i in p.indicators)), 'list_zero_score',
  note='tricky: 党政办-城市发展研究专项经费「形成定向调研报告」分值0得分0，不算被扣成0分')
q('党政办总分95分及以上的项目', 'set', names(p for p in OFF('党政办') if p.total >= 95), 'list_office_score')
q('全年预算和年初预算一分没动的项目都有哪些', 'set', names(p for p in PS if p.full == p.init),
  'list_fund_unchanged')
q('规建办哪些项目的满意度指标全部达标了', 'set',
  names(p for p in OFF('规建办') if p.inds('满意度指标') and not sat_missed(p)), 'list_office_sat_all_met',
  note='按实际完成值与年度指标值比较；≥90%实际90%算达标')
q('设置了成本指标的项目', 'set', names(p for p in PS if p.inds(l2='成本指标')), 'list_has_level2',
  note='oddity: 中小企业扶持专项经费的成本指标下填的是「扶持发放及时性」')
q('名字里带“消防”两个字的项目有哪些', 'set', names(p for p in PS if '消防' in p.name), 'list_name_contains')
q('全年执行数不足10万元的项目', 'set', names(p for p in PS if p.exec_ < 10), 'list_fund_threshold',
  note='社区卫生医疗专项经费正好10.00万元，不算“不足”')
q('麻烦帮忙查一下，所有指标扣分加起来达到10分或以上的项目都有哪些？', 'set', names(p for p in PS if p.lost >= 10),
  'list_lost_points', note='等价于总分≤90；资金部分无人扣分')
q('总分排第二高的是哪几个项目', 'set',
  names(p for p in PS if p.total == sorted({x.total for x in PS}, reverse=True)[1]), 'rank_nth_ties',
  note='tricky: 98分四个项目并列第二（第一是信访办99分）')
_ic = sorted({len(p.indicators) for p in PS}, reverse=True)
q('指标数量排第二多的项目是哪些', 'set', names(p for p in PS if len(p.indicators) == _ic[1]), 'rank_nth_ties',
  note='tricky: 19条的四个项目并列（最多的是基层综治及国家安全经费22条）')
q('经发办和财政所这两个科室里，总分在95分以上（含95）的项目', 'set',
  names(p for p in OFF('经发办') + OFF('财政所') if p.total >= 95), 'list_two_offices_score')
q('执行数超过500万、总分又在95分及以上的项目', 'set',
  names(p for p in PS if p.exec_ > 500 and p.total >= 95), 'list_two_conditions')
q('社发办哪些项目有满意度实际完成值在80%以下的', 'set',
  names(p for p in OFF('社发办') if any(pct_unit(i) and i.aq[1] < 80 for i in p.inds('满意度指标'))),
  'list_office_sat_value')
q('生态效益指标拿了满分的规建办项目有哪些', 'set',
  names(p for p in OFF('规建办') if p.inds(l2='生态效益指标') and not any(i.deducted for i in p.inds(l2='生态效益指标'))),
  'list_office_level2_full', note='只算设置了生态效益指标的项目')
_zero = [p for p in PS if p.init == 0]
_zmax = max(p.total for p in _zero)
q('年初预算为零的那些项目里，总分最高的是哪个', 'set', names(p for p in _zero if p.total == _zmax),
  'max_with_ties', note='tricky: 三个项目并列96分')
q('桃浦镇财政所（不管全称简称）实施的项目都有哪些', 'set', names(p for p in PS if p.unit and p.unit.endswith('桃浦镇财政所')),
  'list_unit', note='oddity: 实施单位有「桃浦镇财政所」和「上海市普陀区桃浦镇财政所」两种写法')

q('社发办里年初预算50万以上、全年预算比年初少、总分又不到93分的项目有哪些', 'set',
  names(p for p in OFF('社发办') if p.init >= 50 and p.full < p.init and p.total < 93), 'list_three_conditions')
# ---- indicators ------------------------------------------------------------------------------------------
q('平安办 满意度 没达标的 指标', 'indicators',
  pairs(i for p in OFF('平安办') for i in sat_missed(p)), 'indicator_office_sat_missed')
q('实际完成情况填的是“未达成指标且效果较差”的指标有哪些', 'indicators',
  pairs(i for i in ALLI() if i.actual == '未达成指标且效果较差'), 'indicator_actual_status')
q('哪些指标的年度指标值是用“≤”写的？', 'indicators', pairs(i for i in ALLI() if i.tq and i.tq[0] == '≤'),
  'indicator_target_op')
q('实际完成值超过100%的指标，列一下项目和指标名', 'indicators',
  pairs(i for i in ALLI() if pct_unit(i) and i.aq[1] > 100), 'indicator_actual_over_100',
  note='oddity: 完成率填101%')
q('扣了分但偏差原因那一栏是空的指标有哪些', 'indicators',
  pairs(i for i in ALLI() if i.deducted and not i.reason), 'indicator_audit_no_reason')
q('分值20分及以上、并且被扣了分的指标', 'indicators', pairs(i for i in ALLI() if i.weight >= 20 and i.deducted),
  'indicator_weight_deducted')
q('社建办那个项目哪些指标没完成目标', 'indicators', pairs(i for i in P('社建办').indicators if not i.met()),
  'indicator_project_missed')
q('经发办里目标写着“>”但实际没达到的指标', 'indicators',
  pairs(i for i in ALLI(OFF('经发办')) if i.tq and i.tq[0] == '>' and not i.met()), 'indicator_office_op_missed')
q('宣传科被扣分的可持续影响指标有哪些', 'indicators',
  pairs(i for i in ALLI(OFF('宣传科')) if i.l2 == '可持续影响指标' and i.deducted), 'indicator_office_level2')
q('片区专项经费哪几条指标扣了分', 'indicators', pairs(i for i in P('社发办-片区').indicators if i.deducted),
  'indicator_project_deducted')
_dz = [i for i in ALLI(OFF('党政办')) if i.l1 == '效益指标']
_dm = max(i.lost for i in _dz)
q('党政办效益指标里扣分最多的是哪一条', 'indicators', pairs(i for i in _dz if i.lost == _dm), 'indicator_max_ties',
  note='tricky: 两条并列各扣6分')
q('名称里带“满意度”的指标中，实际已经达到年度指标值却仍被扣了分的有哪些', 'indicators',
  pairs(i for i in ALLI() if i.met() and i.deducted and '满意' in i.name), 'indicator_audit_met_deducted',
  note='按指标名称含“满意”计，含防台防汛放在社会效益下的“群众满意度”')

# ---- count ---------------------------------------------------------------------------------------------
q('社发办 良 几个', 'count', sum(1 for p in OFF('社发办') if p.grade == '良'), 'count_office_grade')
q('全镇一共多少条三级指标被扣了分', 'count', sum(1 for i in ALLI() if i.deducted), 'count_deducted')
q('规建办扣分的指标总共几条？', 'count', sum(1 for i in ALLI(OFF('规建办')) if i.deducted), 'count_office_deducted')
q('年初预算不足10万元的项目几个', 'count', sum(1 for p in PS if p.init < 10), 'count_fund_threshold',
  note='含年初预算为0的6个')
q('有几个项目至少有一条满意度指标没达标', 'count', sum(1 for p in PS if sat_missed(p)), 'count_sat_missed')
q('党政办项目里全年预算比年初高的有几个', 'count', sum(1 for p in OFF('党政办') if p.full > p.init),
  'count_office_fund_up')
q('实际完成情况为“部分达成指标并具有一定效果”的指标有多少条', 'count',
  sum(1 for i in ALLI() if i.actual == '部分达成指标并具有一定效果'), 'count_actual_status')
_oc = defaultdict(int)
for _p in PS:
    if _p.office:
        _oc[_p.office] += 1
q('只报了一个项目的科室有几个？名称没有科室前缀的那几个不算', 'count', sum(1 for v in _oc.values() if v == 1),
  'count_offices_single')
q('实施单位是桃浦镇平安建设办公室的项目有几个', 'count', sum(1 for p in PS if p.unit == '桃浦镇平安建设办公室'),
  'count_unit')
q('总分带小数点的项目有几个', 'count', sum(1 for p in PS if p.total != p.total.to_integral_value()),
  'count_fractional_score')
_ga = mean(p.total for p in OFF('规建办'))
q('规建办有几个项目的总分低于规建办自己的平均分', 'count', sum(1 for p in OFF('规建办') if p.total < _ga),
  'count_below_office_avg')
q('工会那个项目一共设了几条三级指标', 'count', len(P('工会').indicators), 'count_project_indicators')

# ---- number --------------------------------------------------------------------------------------------
q('便民巴士那个全年预算多少', 'number', f(P('便民巴士').full), 'lookup_fund', '万元')
q('那个桃浦西路的养老院，钱最后花了多少啊', 'number', f(P('养老院').exec_), 'lookup_fund', '万元')
q('河长制专项经费年初预算？', 'number', f(P('河（林）长制').init), 'lookup_fund_loose', '万元',
  note='表上名称为「河（林）长制」')
q('拆违 总分', 'number', f(P('拆违').total), 'lookup_score', '分')
q('骑手新家那个执行数是多少元', 'number', f(P('骑手').exec_ * 10000), 'lookup_fund_unit', '元')
q('集资中心的项目全年执行了多少元？', 'number', f(P('集资中心').exec_ * 10000), 'lookup_fund_unit', '元')
q('中小企业扶持专项经费年初预算是几个亿', 'number', f(P('中小企业').init / 10000, 4), 'lookup_fund_unit', '亿元')
q('受理中心年接待群众办理量的目标值定的多少', 'number', f(IND('受理中心', '年接待群众办理量').tq[1]),
  'lookup_indicator_target', '次', note='tricky: 问的是目标值（>80000次），实际180000次')
q('社区学校开设了多少个教学班', 'number', f(IND('社区学校', '开设教学班').aq[1]), 'lookup_indicator_actual', '个')
q('武装部 征兵 目标几人', 'number', f(IND('武装部', '完成年度征兵任务').tq[1]), 'lookup_indicator_target', '人',
  note='目标≥3人，实际5人')
q('审计专项经费一共出了多少份审计报告', 'number', f(IND('经发办-审计', '审计报告数量').aq[1]),
  'lookup_indicator_actual', '个')
q('拆违及时性这条指标分值多少', 'number', f(IND('拆违', '拆违及时性').weight), 'lookup_indicator_weight', '分')
q('宣传科精神文明建设专项经费的“深化文明创建活动”得了几分', 'number', f(IND('精神文明', '深化文明创建活动').score),
  'lookup_indicator_score', '分')
q('消防安全和消防实事两个项目，全年预算谁高？高出多少', 'number', f(abs(P('消防安全').full - P('消防实事').full)),
  'compare_two_diff', '万元', note='消防安全专项经费139.87万元高于消防实事项目经费27.86万元')
q('规建办 年初 合计', 'number', f(sum(p.init for p in OFF('规建办'))), 'sum_office_init', '万元')
q('宣传科全年预算合计是多少万元？', 'number', f(sum(p.full for p in OFF('宣传科'))), 'sum_office_full', '万元')
q('平安办执行数合计', 'number', f(sum(p.exec_ for p in OFF('平安办'))), 'sum_office_exec', '万元',
  note='平安办前缀6个项目；不含安全办、司法所、信访办')
q('社发办平均总分是多少', 'number', f(mean(p.total for p in OFF('社发办'))), 'avg_office_score', '分')
q('104个项目总分的中位数是多少', 'number', f(median(p.total for p in PS)), 'median_score', '分')
q('教育未保专项经费全年预算比年初多了多少万', 'number', f(P('教育未保').full - P('教育未保').init), 'calc_change', '万元')
q('服务经济专项经费全年预算比年初增长了百分之几', 'number',
  pct(P('服务经济').full - P('服务经济').init, P('服务经济').init), 'calc_growth', '%')
q('即知即改专项经费全年预算比年初砍了多少万元', 'number', f(P('即知即改').init - P('即知即改').full), 'calc_change',
  '万元')
q('财政所的执行数占全镇执行总额的比例是多少', 'number',
  pct(sum(p.exec_ for p in OFF('财政所')), sum(p.exec_ for p in PS)), 'share_office', '%')
q('片区专项经费一共被扣了多少分', 'number', f(P('社发办-片区').lost), 'sum_project_lost', '分')
q('中小企业扶持的执行数是科技企业扶持的几倍', 'number', f(P('中小企业').exec_ / P('科技企业').exec_), 'ratio_projects',
  '倍')
q('全镇所有项目年初预算合计多少万元', 'number', f(sum(p.init for p in PS)), 'sum_all_init', '万元')
q('献血补助专项经费的满意度实际完成多少', 'number', f(P('献血').inds('满意度指标')[0].aq[1]), 'lookup_sat_actual', '%')
q('城运中心三个项目一共扣了多少分', 'number', f(sum(p.lost for p in OFF('城运中心'))), 'sum_office_lost', '分')
q('经发办年初预算总额比全年预算总额多了多少', 'number',
  f(sum(p.init for p in OFF('经发办')) - sum(p.full for p in OFF('经发办'))), 'calc_office_totals_diff', '万元')
q('请问规建办-小区综合改造专项经费全年预算相当于年初预算的多少倍？保留两位小数', 'number',
  f(P('小区综合改造').full / P('小区综合改造').init), 'ratio_fund', '倍')
q('全镇总分最低的项目比最高的低几分', 'number', f(max(p.total for p in PS) - min(p.total for p in PS)),
  'calc_score_range', '分')

# ---- numbers -------------------------------------------------------------------------------------------
q('请分别统计规建办、社发办、党政办三个科室被扣分的三级指标条数。', 'numbers',
  {o: sum(1 for i in ALLI(OFF(o)) if i.deducted) for o in ('规建办', '社发办', '党政办')}, 'group_office_deducted')
q('财政所每个项目各有几条指标被扣分', 'numbers',
  {p.name: sum(1 for i in p.indicators if i.deducted) for p in OFF('财政所')}, 'group_project_deducted')
q('消防安全专项经费的产出、效益、满意度三块指标分值各是多少', 'numbers',
  {l: f(sum(i.weight for i in P('消防安全').inds(l))) for l in ('产出指标', '效益指标', '满意度指标')},
  'group_level1_weight')
q('评为优和评为良的项目，平均总分分别是多少', 'numbers',
  {g: f(mean(p.total for p in PS if p.grade == g)) for g in ('优', '良')}, 'group_grade_avg')
q('信访办、武装部、机关总支这三个的项目总分对比一下', 'numbers',
  {p.name: f(p.total) for p in (P('信访办'), P('武装部'), P('机关总支'))}, 'compare_three_scores')
q('两个莲花公寓项目全年预算各是多少', 'numbers', {p.name: f(p.full) for p in PS if '莲花公寓' in p.name},
  'compare_same_prefix')
q('产出指标下面数量、质量、时效三类各被扣了多少分', 'numbers',
  {l2: f(sum(i.lost for i in ALLI() if i.l1 == '产出指标' and i.l2 == l2)) for l2 in ('数量指标', '质量指标', '时效指标')},
  'group_level2_lost')
q('城运中心三个项目各扣了多少分', 'numbers', {p.name: f(p.lost) for p in OFF('城运中心')}, 'group_project_lost')
q('社发办那四个评良的项目各有几条三级指标', 'numbers',
  {p.name: len(p.indicators) for p in OFF('社发办') if p.grade == '良'}, 'group_project_indicator_count')
q('效益指标下社会效益、可持续影响、生态效益、经济效益各有多少条被扣分', 'numbers',
  {l2: sum(1 for i in ALLI() if i.l2 == l2 and i.deducted) for l2 in ('社会效益指标', '可持续影响指标', '生态效益指标', '经济效益指标')},
  'group_level2_deducted')
q('综合执法队两个项目执行数分别多少', 'numbers', {p.name: f(p.exec_) for p in OFF('综合执法队')}, 'compare_office_funds')
q('就业援助成本补贴、社区四保、残疾人1：1匹配这三个项目的满意度实际值各是多少', 'numbers',
  {p.name: f(p.inds('满意度指标')[0].aq[1]) for p in (P('就业援助'), P('社区四保'), P('残疾人'))}, 'compare_sat_actual')
q('财政所、规建办、社发办三个科室的平均总分', 'numbers',
  {o: f(mean(p.total for p in OFF(o))) for o in ('财政所', '规建办', '社发办')}, 'group_office_avg')

_smo = defaultdict(int)
for _p in PS:
    if sat_missed(_p):
        assert _p.office
        _smo[_p.office] += 1
q('按科室分一下，满意度没达标的项目各有几个（没有的科室不用列）', 'numbers', dict(_smo), 'group_office_sat_missed_all')
q('安全办、平安办、城运中心这三个科室，执行数合计分别是多少', 'numbers',
  {o: f(sum(p.exec_ for p in OFF(o))) for o in ('安全办', '平安办', '城运中心')}, 'group_office_sum')
# ---- ordered -------------------------------------------------------------------------------------------
q('烦请将党政办全部项目按全年预算数由高到低排序。', 'ordered', ordered(OFF('党政办'), lambda p: p.full, True),
  'sort_office_full')
q('经发办六个项目执行数从低到高', 'ordered', ordered(OFF('经发办'), lambda p: p.exec_, False), 'sort_office_exec')
q('全年预算较年初调减比例最大的前三个项目（按百分比，大的在前）', 'ordered',
  ordered([p for p in PS if p.init > 0], lambda p: (p.init - p.full) / p.init, True, 3), 'top_n_cut_rate')
q('规建办执行数倒数三名，从少到多', 'ordered', ordered(OFF('规建办'), lambda p: p.exec_, False, 3),
  'bottom_n_office_exec')
q('社发办年初预算最多的四个项目，从高到低', 'ordered', ordered(OFF('社发办'), lambda p: p.init, True, 4),
  'top_n_office_init')
q('城运中心三个项目按年初预算排个序，高的在前', 'ordered', ordered(OFF('城运中心'), lambda p: p.init, True),
  'sort_office_init')
q('规建办执行数前五，从高往低', 'ordered', ordered(OFF('规建办'), lambda p: p.exec_, True, 5), 'top_n_office_exec')
q('党政办全年预算比年初增加最多的三个项目，按增加额从多到少', 'ordered',
  ordered([p for p in OFF('党政办') if p.full > p.init], lambda p: p.full - p.init, True, 3), 'top_n_office_change')

# ---- text ----------------------------------------------------------------------------------------------
text_q('房管办那个奖励的物业公司增长率为啥是0', P('房管办'), ['与往年持平'], 'reason')
text_q('业委会培训人员到位率没到100%，原因呢', P('业委会'), ['会议冲突'], 'reason')
text_q('食品安全宣传活动次数没完成，表上怎么解释的，打算怎么补', P('食品安全'), ['场地受限', '线上'], 'reason_and_measure')
text_q('社建办培训次数只有640人次，为什么', P('社建办'), ['退休', '离职', '入职培训'], 'reason')
text_q('司法所项目的预期目标里民间纠纷调解成功率定的多少', P('司法所'), ['95%'], 'goal_figures',
       note='预期目标文字字间有空格，实际完成情况里也写了95%以上')
text_q('北部片区建设专项经费的项目地址和建筑面积是多少', P('北部片区'), ['连冠路182', '2640.28'], 'achievement_figures')
text_q('体育健身那个项目全年办了多少场赛事，体质监测了多少人', P('体育'), ['50场', '1200人'], 'achievement_figures')
text_q('信访工作经费里说重要节点期间多少名对象在控', P('信访办'), ['27名'], 'achievement_figures')
text_q('机关总支那个项目是哪个单位实施的', P('机关总支'), ['桃浦镇武装部'], 'lookup_unit', fields=('unit',),
       note='oddity: 机关总支项目由武装部实施')
_oavg = {o: mean(p.total for p in PS if p.office == o) for o in _oc}
_omin = min(_oavg.values())
q('按科室算平均总分，哪个科室最低？多少分', 'text',
  [o for o, v in _oavg.items() if v == _omin] + [str(f(_omin)).rstrip('0').rstrip('.')], 'group_office_avg_min',
  note='tricky: 团委只有一个项目91分，低于社发办平均91.74、规建办91.89')
_i = IND('中小企业', '扶持科技企业数量')
q('中小企业扶持专项经费里“扶持科技企业数量”实际完成多少', 'text', [str(int(_i.aq[1]))], 'lookup_indicator_actual',
  note='oddity: 中小企业扶持表中的指标名写成「扶持科技企业数量」，实际125个')
text_q('党群服务中心专项经费2023年一共办了多少场活动和培训', P('党群服务中心专项'), ['409场'], 'achievement_figures')
text_q('门头规范化建设一共给多少家居民区党群服务站做了门头', P('门头'), ['42家'], 'achievement_figures')

# ---- refuse --------------------------------------------------------------------------------------------
for _qq, _in in [
    ('长征镇2023年的拆违经费执行了多少', 'out_of_scope_town'),
    ('桃浦镇2021年片区专项经费总分多少', 'out_of_scope_year'),
    ('环卫保洁项目的合同是跟哪家公司签的', 'out_of_scope_field'),
    ('社发办的科长是谁，电话多少', 'out_of_scope_field'),
    ('你看这些项目里哪个最值得明年继续投钱', 'opinion'),
    ('规建办各项目的政府采购方式分别是什么', 'out_of_scope_field'),
    ('普陀区其他街镇项目的平均执行率是多少，桃浦排第几', 'out_of_scope_district'),
    ('2025年桃浦镇小区综合改造打算安排多少预算', 'out_of_scope_year'),
    ('城运中心有多少个网格员，人均处置多少件案件', 'out_of_scope_field'),
    ('万里街道的社区学校专项经费总分比桃浦高还是低', 'out_of_scope_town'),
]:
    q(_qq, 'refuse', None, _in)

# ---- clarify -------------------------------------------------------------------------------------------


def cands(sub):
    return names(p for p in PS if sub in p.name)


q('养老那个项目总分多少', 'clarify', cands('养老'), 'ambiguous_name')
q('办公场所那个项目执行了多少', 'clarify', cands('办公场所'), 'ambiguous_name')
q('创建那个项目满意度达标没有', 'clarify', cands('创建'), 'ambiguous_name')
q('文明那个专项经费总分多少', 'clarify', cands('文明'), 'ambiguous_name')
q('补贴那个项目执行数多少', 'clarify', cands('补贴'), 'ambiguous_name')
q('智能的那个项目扣了几分', 'clarify', cands('智能'), 'ambiguous_name')
q('党群服务那个项目年初预算多少', 'clarify', cands('党群服务'), 'ambiguous_name')
for _r in Q[-7:]:
    assert len(_r['answer']) >= 2, _r

# ---- follow-ups (context = earlier questions of the same conversation) -----------------------------------
_xc = [p for p in OFF('宣传科') if p.full > p.init]
q('其中全年预算比年初增加的是哪个', 'set', names(_xc), 'followup_filter', context=['宣传科有哪些项目'])
q('那执行了多少', 'number', f(P('便民巴士').exec_), 'followup_lookup', '万元', context=['便民巴士补贴全年预算多少'])
_pm = [p for p in OFF('平安办') if sat_missed(p)]
q('这些项目的执行数合计多少', 'number', f(sum(p.exec_ for p in _pm)), 'followup_sum', '万元',
  context=['平安办哪些项目满意度没达标'])
q('它哪条指标得了0分', 'indicators', pairs(i for i in P('养老院').indicators if i.score == 0 and i.weight > 0),
  'followup_indicator', context=['桃浦西路养老院专项经费总分多少'])
q('按年初预算从高到低排', 'ordered', ordered(OFF('财政所'), lambda p: p.init, True), 'followup_sort',
  context=['财政所有哪些项目'])
q('它的满意度实际完成值是多少', 'number', f(P('就业援助').inds('满意度指标')[0].aq[1]), 'followup_indicator_actual', '%',
  context=['就业援助成本补贴执行了多少'])
q('那它们的平均总分呢', 'number', f(mean(p.total for p in OFF('经发办'))), 'followup_avg', '分',
  context=['经发办有几个项目'])
q('东部那个', 'number', f(P('东部智能化').exec_), 'followup_disambiguate', '万元',
  context=['智能化项目执行了多少'], note='上一轮名称有歧义（东部/南部智能化），本轮指定东部')
_good = [p for p in PS if p.grade == '良']
q('其中执行数最小的是哪个', 'set', names(p for p in _good if p.exec_ == min(x.exec_ for x in _good)), 'followup_min',
  context=['评分等级为良的项目有哪些'])
q('它们的年初预算加起来是多少', 'number', f(sum(p.init for p in OFF('综合执法队'))), 'followup_sum', '万元',
  context=['综合执法队有哪些项目'])
q('目标值定的多少', 'number', f(P('消防实事').inds('满意度指标')[0].tq[1]), 'followup_target', '%',
  context=['消防实事项目经费的满意度是多少'], note='tricky: 追问目标（≥80%），实际75%')
q('那规建办呢', 'count', sum(1 for p in OFF('规建办') if p.total == 90), 'followup_switch_office',
  context=['社发办总分90分的项目有几个'])

for n, r in enumerate(Q, 1):
    r['id'] = 'k%03d' % n

# ----------------------------------------------------------------------------------------------- statements
S = []


def verdict(truths):
    if all(t is None for t in truths):
        return '无法核实'
    assert all(t is not None for t in truths), 'mixed unverifiable and checked clauses'
    if all(truths):
        return '正确'
    if not any(truths):
        return '错误'
    return '部分正确'


def st(statement, clauses, typ, note=None):
    """clauses: list of (truth, correction-if-false)."""
    truths = [c[0] for c in clauses]
    for t in truths:
        assert t in (True, False, None), (statement, t)
    v = verdict(truths)
    row = {'id': 'v%03d' % (len(S) + 1), 'statement': statement, 'verdict': v}
    wrong = [c[1] for c in clauses if c[0] is False]
    if wrong:
        row['correct'] = '；'.join(wrong)
    row['type'] = typ
    if note:
        row['note'] = note
    S.append(row)


def approx(x, target, rel=Decimal('0.05')):
    return abs(Decimal(x) - Decimal(target)) <= abs(Decimal(target)) * rel


def fm(x):
    s = format(Decimal(x).normalize(), 'f')
    return s


def C(truth, corr=''):
    return (bool(truth), corr)


U = (None, '')

bus, hou, sr = P('便民巴士'), P('房管办'), P('小区综合改造')
st('规建办-社区便民巴士补贴年初预算100万元，全年调增到135万元。',
   [C(bus.init == 100, f'年初预算{fm(bus.init)}万元'), C(bus.full == 135, f'全年预算{fm(bus.full)}万元')], 'fund_figure')
ed = P('东部片区改造')
st('东部片区改造专项经费全年执行737.69万元，比年初预算少了382.31万元。',
   [C(ed.exec_ == Decimal('737.69'), f'执行{fm(ed.exec_)}万元'),
    C(ed.init - ed.exec_ == Decimal('382.31'), f'少{fm(ed.init - ed.exec_)}万元')], 'calc_change')
hw = P('环卫保洁')
_gmin = min(p.total for p in OFF('规建办'))
st('环卫保洁公司购买服务专项经费总分91分，是规建办得分最低的项目。',
   [C(hw.total == 91, f'总分{fm(hw.total)}分'),
    C(hw.total == _gmin and sum(1 for p in OFF('规建办') if p.total == _gmin) == 1,
      f'规建办最低{fm(_gmin)}分：' + '、'.join(p.name for p in OFF('规建办') if p.total == _gmin))], 'superlative')
_n90 = sum(1 for p in OFF('规建办') if p.total == 90)
st('规建办有5个项目总分为90分。', [C(_n90 == 5, f'{_n90}个')], 'count')
em = P('党政办-应急')
st('党政办-应急专项经费全年预算70.55万元，约为年初预算的两倍。',
   [C(em.full == Decimal('70.55'), f'全年预算{fm(em.full)}万元'), C(approx(em.full / em.init, 2), f'{f(em.full / em.init)}倍')],
   'calc_ratio')
_sfe = sum(p.exec_ for p in OFF('社发办'))
_mx = max(p.total for p in PS)
st('信访办-信访工作经费总分99分，是唯一一个总分超过98分的项目。',
   [C(P('信访办').total == 99, ''), C([p.name for p in PS if p.total > 98] == [P('信访办').name], '')], 'uniqueness')
_n98 = [p.name for p in PS if p.total == 98]
st('总分为98分的项目共有3个。', [C(len(_n98) == 3, f'{len(_n98)}个：' + '、'.join(_n98))], 'count',
   note='tricky: 98分有4个项目')
_nod = [p.name for p in PS if not any(i.deducted for i in p.indicators)]
st('104个项目每一个都至少有一条三级指标被扣了分。', [C(not _nod, '未扣分的：' + '、'.join(_nod))], 'universal')
jy = P('就业援助')
_jys = jy.inds('满意度指标')[0]
st('就业援助成本补贴的就业困难人员满意度目标是80%，实际只完成了70%。',
   [C(_jys.tq[1] == 80, f'目标{_jys.target}'), C(_jys.aq[1] == 70, f'实际{_jys.actual}')], 'target_vs_actual')
st('就业援助成本补贴的就业困难人员满意度达到了80%。', [C(_jys.aq[1] >= 80, f'实际{_jys.actual}，80%是目标值')],
   'target_vs_actual', note='tricky: 把目标值当成实际值')
kp = IND('科普活动', '科普宣传覆盖人数')
st('科普活动专项经费科普宣传覆盖人数1850人次，超过了1000人次的目标。',
   [C(kp.aq[1] == 1850, ''), C(kp.tq[1] == 1000 and kp.aq[1] > kp.tq[1], '')], 'target_vs_actual')
kf = IND('社发办-片区', '年累计对外开放天数')
st('片区专项经费年累计对外开放天数为350天。', [C(kf.aq[1] == 350, f'实际{kf.actual}，350天是目标（{kf.target}）')],
   'target_vs_actual', note='tricky: 目标值当实际值')
sl = IND('受理中心', '年接待群众办理量')
st('受理中心年接待群众办理量18万次，是目标的两倍多。',
   [C(sl.aq[1] == 180000, ''), C(2 < sl.aq[1] / sl.tq[1] < 3, f'{f(sl.aq[1] / sl.tq[1])}倍')], 'calc_ratio')
st('规建办-垃圾分类专项经费的实施单位是桃浦镇城市运行管理中心。',
   [C(P('垃圾分类').unit == '桃浦镇城市运行管理中心', f'实施单位为{P("垃圾分类").unit}')], 'unit')
st('机关总支-各类创建项目经费的实施单位是桃浦镇综合党委办公室。',
   [C(P('机关总支').unit == '桃浦镇综合党委办公室', f'实施单位为{P("机关总支").unit}')], 'unit',
   note='oddity: 实际由武装部实施')
sf = P('司法所')
st('司法所-司法行政经费由桃浦镇平安建设办公室实施，全年执行88.29万元。',
   [C(sf.unit == '桃浦镇平安建设办公室', ''), C(sf.exec_ == Decimal('88.29'), '')], 'unit')
_cz = sum(p.exec_ for p in OFF('财政所'))
_tot = sum(p.exec_ for p in PS)
zx = P('中小企业')
st('中小企业扶持专项经费的执行数占全镇执行总额的三成以上。',
   [C(zx.exec_ / _tot > Decimal('0.3'), f'{pct(zx.exec_, _tot)}%')], 'share')
fw = P('服务经济')
_g = (fw.full - fw.init) / fw.init * 100
st('服务经济专项经费全年预算比年初增长了约151%。', [C(approx(_g, 151, Decimal('0.01')), f'{f(_g)}%')], 'calc_growth')
st('服务经济专项经费全年预算比年初增幅超过200%。', [C(_g > 200, f'增幅{f(_g)}%')], 'calc_growth')
_z = [p for p in PS if p.init == 0]
xx = P('献血')
st('献血补助专项经费总分86分，是全镇最低分，评分等级为中。',
   [C(xx.total == 86, ''), C(xx.total == min(p.total for p in PS), ''), C(xx.grade == '中', f'评分等级为{xx.grade}')],
   'multi_claim')
ws = P('社区卫生医疗')
st('社区卫生医疗专项经费全年预算10万元，只有年初预算的六分之一。',
   [C(ws.full == 10, ''), C(ws.full * 6 == ws.init, f'年初{fm(ws.init)}万元')], 'calc_ratio')
_rank = sorted(PS, key=lambda p: p.exec_, reverse=True)
st('小区综合改造专项经费的执行数在全镇排第五。', [C(_rank.index(sr) == 4, f'第{_rank.index(sr) + 1}名')], 'rank')
_gr = sorted(OFF('规建办'), key=lambda p: p.exec_, reverse=True)
cj = P('城市建设管理运行')
st('城市建设管理运行专项经费执行1411.99万元，在规建办排第二。',
   [C(cj.exec_ == Decimal('1411.99'), ''), C(_gr.index(cj) == 1, f'排第{_gr.index(cj) + 1}（前两名：{_gr[0].name}、{_gr[1].name}）')],
   'rank', note='tricky: 小区综合改造3154.72万元排第二')
st('宣传科4个项目总分都是94分。',
   [C(all(p.total == 94 for p in OFF('宣传科')), '宣传思想专项经费95分')], 'universal')
xs = P('宣传思想')
st('宣传科-宣传思想专项经费有5条指标被扣分，合计扣了5分。',
   [C(sum(1 for i in xs.indicators if i.deducted) == 5, ''), C(xs.lost == 5, f'合计{fm(xs.lost)}分')], 'deduction')
jw = P('居委会选举').inds('满意度指标')[0]
st('居委会选举专项经费居民满意度99%，没有达到100%的目标，被扣了2分。',
   [C(jw.aq[1] == 99, ''), C(not jw.met() and jw.tq[1] == 100, ''), C(jw.lost == 2, f'扣{fm(jw.lost)}分')],
   'target_vs_actual')
gh = P('工会')
zb1, zb2 = IND('武装部', '完成年度征兵任务'), IND('武装部', '兵役登记率')
st('武装部完成年度征兵5人，超过了3人的目标；适龄青年兵役登记率实际达到98%。',
   [C(zb1.aq[1] == 5 and zb1.tq[1] == 3, ''), C(zb2.aq[1] == 98, f'兵役登记率实际{zb2.actual}')], 'multi_claim')
tw = IND('团委', '团委活动开展完成率')
st('团委活动开展完成率为95%，达到了年度目标。',
   [C(tw.aq[1] == 95, ''), C(tw.met(), f'目标{tw.target}，95%未达到')], 'target_vs_actual')
yy = IND('应用场景', '可识别问题类型增加量')
st('城运中心-应用场景项目“可识别问题类型增加量”实际为0个，这项指标得了0分。',
   [C(yy.aq[1] == 0, ''), C(yy.score == 0, '')], 'indicator_score')
bb = P('北部片区')
bbi = IND('北部片区', '生态平衡')
st('北部片区建设专项经费“对项目区域内生态平衡起到良性循环”只得了2分，项目总分90分。',
   [C(bbi.score == 2, ''), C(bb.total == 90, '')], 'indicator_score')
nb = P('南部智能化')
st('南部智能化项目专项经费年初预算142.81万元，全年执行142.80万元，执行率100%。',
   [C(nb.init == Decimal('142.81'), ''), C(nb.exec_ == Decimal('142.80'), ''), C(nb.rate == 100, '')], 'fund_figure',
   note='原表数字中间有空格（142. 81）')
st('东部智能化项目的全年执行数比南部智能化项目多。',
   [C(P('东部智能化').exec_ > nb.exec_, f'东部{fm(P("东部智能化").exec_)}万元，南部{fm(nb.exec_)}万元')], 'compare')
_sfmax = max(OFF('社发办'), key=lambda p: p.exec_)
_pa = sum(p.exec_ for p in OFF('平安办'))
st('平安办6个项目全年执行合计超过600万元。', [C(_pa > 600, f'合计{fm(_pa)}万元')], 'sum_office')
xsb = IND('协税办', '员工部门获奖情况')
st('协税办日常专项经费的“员工部门获奖情况”得0分，这条指标属于社会效益指标。',
   [C(xsb.score == 0, ''), C(xsb.l2 == '社会效益指标', f'填在{xsb.l2}下')], 'indicator_level',
   note='oddity: 获奖情况被填在生态效益指标下')
jwi = IND('纪委', '廉政文化教育阵地建设')
cs = P('城市发展研究')
st('党政办-城市发展研究专项经费年初预算和全年执行都是8万元，总分94分。',
   [C(cs.init == 8, ''), C(cs.exec_ == 8, ''), C(cs.total == 94, '')], 'multi_claim')
wh = IND('社区文化中心', '全镇文化配送活动次数')
lh = IND('莲花公寓居委', '增设监控设备数量')
st('莲花公寓居委调整办公地点专项经费计划增设8个监控设备，实际只装了3个，这条扣了5分。',
   [C(lh.tq[1] == 8, ''), C(lh.aq[1] == 3, ''), C(lh.lost == 5, f'扣{fm(lh.lost)}分')], 'target_vs_actual')
lw = P('莲花公寓卫生')
st('莲花公寓卫生服务站调整服务地点专项经费年初预算为0，全年预算83.07万元，总分95分。',
   [C(lw.init == 0, ''), C(lw.full == Decimal('83.07'), ''), C(lw.total == 95, f'总分{fm(lw.total)}分')], 'multi_claim')
_er = sorted(PS, key=lambda p: p.exec_)
jx = P('居委会选举')
st('党群中心-居委会选举专项经费执行2.36万元，是全镇执行数第二少的项目。',
   [C(jx.exec_ == Decimal('2.36'), ''), C(_er.index(jx) == 1 and _er[0].exec_ < jx.exec_ < _er[2].exec_, '')], 'rank')
_avg = mean(p.total for p in PS)
_sfa = mean(p.total for p in OFF('社发办'))
st('社发办的平均总分低于全镇平均水平。', [C(_sfa < _avg, f'社发办{f(_sfa)}，全镇{f(_avg)}')], 'avg_compare')
st('规建办的项目数比社发办多。',
   [C(len(OFF('规建办')) > len(OFF('社发办')), f'规建办{len(OFF("规建办"))}个，社发办{len(OFF("社发办"))}个')], 'count')
yy2 = P('城运中心-运营')
st('城运中心-运营经费全年预算19.06万元，比年初减少了七成以上。',
   [C(yy2.full == Decimal('19.06'), ''), C((yy2.init - yy2.full) / yy2.init > Decimal('0.7'), '')], 'calc_growth')
zh = P('综合行政执法队办公场所')
_dzmax = max(OFF('党政办'), key=lambda p: p.exec_)
st('综合行政执法队办公场所改造专项经费执行556.01万元，是党政办执行数最大的项目。',
   [C(zh.exec_ == Decimal('556.01'), ''), C(_dzmax is zh, f'最大的是{_dzmax.name}（{fm(_dzmax.exec_)}万元）')],
   'superlative')
fl = P('妇联').inds('满意度指标')[0]
st('妇联-妇女儿童专项经费妇女儿童工作满意度85%，目标是不低于90%，扣了3分。',
   [C(fl.aq[1] == 85, ''), C(fl.tq[0] == '≥' and fl.tq[1] == 90, ''), C(fl.lost == 3, '')], 'target_vs_actual')
xw = IND('献血', '无偿献血计划完成率')
st('献血补助专项经费无偿献血计划完成率95%，被扣了5分。', [C(xw.aq[1] == 95, ''), C(xw.lost == 5, '')], 'indicator_score')
jyq = IND('教育未保', '群众满意度')
st('教育未保专项经费群众满意度实际98%，高于90%的目标，却仍被扣了1分。',
   [C(jyq.aq[1] == 98, ''), C(jyq.tq[1] == 90 and jyq.met(), ''), C(jyq.lost == 1, '')], 'audit_met_deducted')
ft = IND('防台防汛', '新增设备增长率')
lhh = IND('绿化养护', '花卉品种增加率')
st('绿化养护服务专项经费花卉品种增加率为5%。', [C(lhh.aq[1] == 5, f'实际{lhh.actual}，5%是目标（{lhh.target}）')],
   'target_vs_actual', note='tricky: 目标值当实际值')
bz = IND('便民巴士', '巴士乘坐人数增长率')
st('便民巴士的乘坐人数增长率目标10%、实际0，扣了4分。',
   [C(bz.tq[1] == 10, ''), C(bz.aq[1] == 0, ''), C(bz.lost == 4, '')], 'target_vs_actual')
# unverifiable
st('社区便民巴士全年日均乘客约3000人次。', [U], 'out_of_scope_field', note='表中只有增长率等指标，无乘客数')
st('环卫保洁公司购买服务项目共雇用保洁员500名。', [U], 'out_of_scope_field')
st('长征镇2023年共有98个项目开展了绩效自评。', [U], 'out_of_scope_town')
st('小区综合改造专项经费年中调增预算，是因为新增了8个老旧小区的改造任务。', [U], 'out_of_scope_reason',
   note='表中不记录预算调整原因')
st('桃浦镇2024年项目支出预算总额比2023年增长一成。', [U], 'out_of_scope_year')
st('消防安全专项经费的资金中有一半来自区级补助。', [U], 'out_of_scope_field',
   note='表中只分当年财政拨款/上年结转/其他资金，不分市区镇级')
# multi-clause paragraphs
_init_all = sum(p.init for p in PS)
st('2023年桃浦镇共104个项目开展绩效自评，其中100个评为优、4个评为良；全镇年初预算合计约6.68亿元，平均总分93.5分。',
   [C(len(PS) == 104, ''), C(sum(1 for p in PS if p.grade == '优') == 100, ''), C(len(_good) == 4, ''),
    C(approx(_init_all / 10000, Decimal('6.68'), Decimal('0.002')), ''),
    C(approx(_avg, Decimal('93.5'), Decimal('0.0005')), f'平均总分{f(_avg)}分')], 'multi_claim')
_gj = sum(p.exec_ for p in OFF('规建办'))
st('规建办19个项目全年执行合计约1.4亿元，其中环卫保洁公司购买服务执行4100万元，占规建办执行总额的三成以上。',
   [C(len(OFF('规建办')) == 19, ''), C(approx(_gj / 10000, Decimal('1.4'), Decimal('0.01')), ''),
    C(hw.exec_ == 4100, ''), C(hw.exec_ / _gj > Decimal('0.3'), f'占{pct(hw.exec_, _gj)}%')], 'multi_claim')
jp = P('第五次经济普查')
_jcut = max(OFF('经发办'), key=lambda p: p.init - p.full)
st('经发办6个项目中，第五次经济普查专项经费全年预算调减最多，调减了161.36万元。',
   [C(_jcut is jp, ''), C(jp.init - jp.full == Decimal('161.36'), '')], 'multi_claim')
_frac_cz = [p.name for p in OFF('财政所') if p.total != p.total.to_integral_value()]
st('财政所-公共安全专项经费总分91.5分，是财政所唯一一个总分带小数的项目。',
   [C(P('公共安全').total == Decimal('91.5'), ''), C(_frac_cz == [P('公共安全').name], '')], 'uniqueness')
_cb = [p.name for p in PS if p.inds(l2='成本指标')]
bk = P('各类帮困').inds('满意度指标')[0]
st('各类帮困补助专项经费受助家庭满意度实际70%，目标75%。', [C(bk.aq[1] == 70, ''), C(bk.tq[1] == 75, '')],
   'target_vs_actual', note='oddity: 目标写作75.00(%)，没有≥/=符号')
sj = IND('社建办', '培训次数')
st('社建办-社区管理专项经费培训次数实际640人次，没达到1000人次的目标。',
   [C(sj.aq[1] == 640, ''), C(sj.tq[1] == 1000 and not sj.met(), '')], 'target_vs_actual')
_low = [i for i in ALLI() if is_sat(i) and pct_unit(i) and i.aq[1] < 70]
st('所有满意度指标的实际完成值都不低于70%。', [C(not _low, '反例：' + '、'.join(f'{i.project.name}「{i.name}」{i.actual}' for i in _low))],
   'universal', note='tricky: 固定资产采购与管理专项经费「受益群众满意度」表上填8.50(%)（目标≥9.00(%)）')
_one = [p.name for p in PS if sum(1 for i in p.indicators if i.deducted) == 1]
st('信访办-信访工作经费是全镇唯一一个只有一条指标被扣分的项目。',
   [C(_one == [P('信访办').name], f'共{len(_one)}个项目只有一条扣分指标')], 'uniqueness')
_sr = sorted(OFF('社发办'), key=lambda p: p.exec_, reverse=True)
pq = P('社发办-片区')
st('片区专项经费执行673.42万元，在社发办排第三。',
   [C(pq.exec_ == Decimal('673.42'), ''), C(_sr.index(pq) == 2, f'排第{_sr.index(pq) + 1}')], 'rank')
jw2 = P('教育未保')
_g2 = (jw2.full - jw2.init) / jw2.init * 100
st('教育未保专项经费全年预算较年初增长约30%。', [C(approx(_g2, 30, Decimal('0.02')), f'{f(_g2)}%')], 'calc_growth')
af = P('社区智能安防')
_g3 = (af.full - af.init) / af.init * 100
st('社区智能安防经费全年预算较年初增长超过30%。', [C(_g3 > 30, f'增长{f(_g3)}%')], 'calc_growth')
ty = IND('体育', '工程验收合格率')
st('体育、健身专项经费的工程验收合格率实际填的是101%。', [C(ty.aq[1] == 101, '')], 'indicator_actual',
   note='oddity: 合格率超过100%')
_bad = [i for i in ALLI() if i.actual == '未达成指标且效果较差']
_eco = [p.name for p in OFF('规建办') if any('生态平衡' in i.name and i.actual == '未达成指标且效果较差' for i in p.indicators)]
st('规建办有4个项目的“对项目区域内生态平衡起到良性循环”被评为“未达成指标且效果较差”。',
   [C(len(_eco) == 4, f'{len(_eco)}个：' + '、'.join(_eco))], 'count',
   note='北部片区建设的这条指标填在经济效益指标下，同样计入')
_sm = defaultdict(int)
for _p in PS:
    if sat_missed(_p) and _p.office:
        _sm[_p.office] += 1
_smx = max(_sm.values())
st('满意度没达标的项目里，社发办的最多。',
   [C([o for o, v in _sm.items() if v == _smx] == ['社发办'], '最多的是' + '、'.join(o for o, v in _sm.items() if v == _smx))],
   'group_superlative')
hf = P('河（林）长制')
ys = P('养老院')
st('桃浦西路养老院专项经费年初预算698.70万元，全年执行698.69万元，新增设备增长率达到5%。',
   [C(ys.init == Decimal('698.70'), ''), C(ys.exec_ == Decimal('698.69'), ''),
    C(IND('养老院', '新增设备增长率').aq[1] == 5, f'实际{IND("养老院", "新增设备增长率").actual}')], 'multi_claim')
st('社发办-社区服务中心专项经费总分90分，评为良；社区卫生医疗专项经费总分88分，也评为良。',
   [C(P('社区服务中心').total == 90, f'社区服务中心总分{fm(P("社区服务中心").total)}分'),
    C(P('社区服务中心').grade == '良', ''), C(ws.total == 88, ''), C(ws.grade == '良', '')], 'multi_claim')
st('安全办两个项目总分都是98分，年初预算合计88.06万元。',
   [C(all(p.total == 98 for p in OFF('安全办')), ''), C(sum(p.init for p in OFF('安全办')) == Decimal('88.06'), '')],
   'multi_claim')
st('桃浦镇全镇项目全年执行合计不到7亿元。', [C(_tot < 70000, f'合计{fm(_tot)}万元')], 'sum_all')
zcs = P('专职消防救援队')
st('组织科两个项目总分都是94分，执行数都超过了70万元。',
   [C(all(p.total == 94 for p in OFF('组织科')), ''),
    C(all(p.exec_ > 70 for p in OFF('组织科')), '党建工作专项经费执行69.63万元')], 'multi_claim')
st('经发办-协税办日常专项经费年初预算和全年预算都是171.6万元，总分92分。',
   [C(P('协税办').init == Decimal('171.6'), ''), C(P('协税办').full == Decimal('171.6'), ''),
    C(P('协税办').total == 92, f'总分{fm(P("协税办").total)}分')], 'multi_claim')
st('全镇有两个项目的三级指标少于6条。',
   [C(sum(1 for p in PS if len(p.indicators) < 6) == 2,
      f'{sum(1 for p in PS if len(p.indicators) < 6)}个')], 'count')
st('财政所的科技企业扶持专项经费全年预算较年初调增了500万元。',
   [C(P('科技企业').full - P('科技企业').init == 500, '全年预算与年初相同，均为4000万元')], 'calc_change')

for n, r in enumerate(S, 1):
    r['id'] = 'v%03d' % n

# ----------------------------------------------------------------------------------------------- write
with open(os.path.join(OUT, 'heldout3.jsonl'), 'w', encoding='utf-8') as fh:
    for r in Q:
        fh.write(json.dumps(r, ensure_ascii=False) + '\n')
with open(os.path.join(OUT, 'statements_heldout3.jsonl'), 'w', encoding='utf-8') as fh:
    for r in S:
        fh.write(json.dumps(r, ensure_ascii=False) + '\n')

if __name__ == '__main__':
    from collections import Counter
    print(len(Q), 'questions', dict(Counter(r['kind'] for r in Q)), 'follow-ups', sum(1 for r in Q if 'context' in r))
    print(len(S), 'statements', dict(Counter(r['verdict'] for r in S)))
