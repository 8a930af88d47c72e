#!/usr/bin/env python3
"""Held-out question bank for 绩效问答 (桃浦镇 2023 绩效自评表).

Every question / statement below is hand-written; every expected answer is computed
from ../records.json by the small function given next to it.  Running this script
writes questions.jsonl and statements.jsonl next to it and prints counts.
"""
import collections
import json
import os
import re
from decimal import Decimal, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
R = json.load(open(os.path.join(HERE, '..', 'records.json'), encoding='utf-8'))
BY = {r['project']: r for r in R}
assert len(R) == 104 and len(BY) == 104

# ---------------------------------------------------------------- helpers
def office(p):
    """科室 = project-name prefix before the first dash (- or —); None if no prefix."""
    m = re.match(r'^(.*?)[-—]', p)
    return m.group(1) if m else None

def proj(sub):
    """The unique project whose full name contains sub."""
    hits = [r for r in R if sub in r['project']]
    assert len(hits) == 1, (sub, [h['project'] for h in hits])
    return hits[0]

def names(rs):
    return sorted(r['project'] for r in rs)

def of(off):
    return [r for r in R if office(r['project']) == off]

def F(r, key, row='total'):
    return r['funds'][row][key]

INIT, ANN, EXE = 'initial_budget', 'annual_budget', 'executed'

def ind(r, name):
    hits = [i for i in r['indicators'] if i['name'] == name]
    assert len(hits) == 1, (r['project'], name, len(hits))
    return hits[0]

def qty(s):
    """'≥90.00(%)' -> ('≥', 90.0, '%'); '100. 00 (%)' -> ('', 100.0, '%'); text -> None."""
    s2 = s.replace(' ', '')
    m = re.match(r'^(≥|≤|>|<|=)?(\d+(?:\.\d+)?)(?:\((.*)\))?$', s2)
    return (m.group(1) or '', float(m.group(2)), m.group(3) or '') if m else None

def val(s):
    q = qty(s)
    return q[1] if q else None

PCT = ('%', '百分比', '百分号')

def is_pct(s):
    q = qty(s)
    return bool(q) and q[2] in PCT

def r2(x):
    return float(Decimal(repr(float(x))).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP))

def sat(r):
    return [i for i in r['indicators'] if i['level1'] == '满意度指标']

def sat_missed(r):
    return any(i['met'] is False for i in sat(r))

def pairs(rows):
    return sorted([r['project'], i['name']] for r, i in rows)

ALL = [(r, i) for r in R for i in r['indicators']]

def fmt(x):
    x = r2(x)
    return ('%.2f' % x).rstrip('0').rstrip('.') if x != int(x) else str(int(x))

# ---------------------------------------------------------------- questions
Q = []

def q(question, kind, intent, fn, unit=None, note=None, context=None):
    ans = fn()
    if kind in ('set', 'clarify'):
        assert isinstance(ans, list) and ans and all(a in BY for a in ans), (question, ans)
        ans = sorted(set(ans))
        if kind == 'clarify':
            assert len(ans) >= 2
    elif kind == 'ordered':
        assert all(a in BY for a in ans)
    elif kind == 'indicators':
        assert ans and all(p in BY for p, _ in ans)
        ans = sorted(ans)
    elif kind == 'count':
        assert isinstance(ans, int)
    elif kind == 'number':
        ans = r2(ans)
        assert unit is not None, question
    elif kind == 'numbers':
        ans = {k: (r2(v) if isinstance(v, float) else v) for k, v in ans.items()}
    elif kind == 'text':
        assert isinstance(ans, list) and ans
    elif kind == 'refuse':
        assert ans is None
    d = {'id': 'h%03d' % (len(Q) + 1), 'question': question}
    if context:
        d['context'] = context
    d.update({'intent': intent, 'kind': kind, 'answer': ans})
    if unit:
        d['unit'] = unit
    if note:
        d['note'] = note
    Q.append(d)

def kw(text, *words):
    """Keywords the answer must contain, each checked to be present in the form text."""
    for w in words:
        assert w in text, (w, text)
    return list(words)

def top(rs, key, n, reverse=True):
    s = sorted(rs, key=key, reverse=reverse)
    # no tie across the cut or inside the top-n
    vals = [key(r) for r in s[:n + 1]]
    assert len(set(vals)) == len(vals), vals
    return [r['project'] for r in s[:n]]

def only(rs):
    rs = list(rs)
    assert len(rs) == 1, [r['project'] for r in rs]
    return rs

def argmax(rs, key):
    m = max(key(r) for r in rs)
    return [r['project'] for r in rs if key(r) == m]

def argmin(rs, key):
    m = min(key(r) for r in rs)
    return [r['project'] for r in rs if key(r) == m]

# ===== 1. lists with conditions (set)
q('规建办哪些项目总分正好是90分', 'set', 'list_office_score',
  lambda: names(r for r in of('规建办') if r['total_score'] == 90))
q('哪几个项目评分等级只拿到“良”？', 'set', 'list_grade',
  lambda: names(r for r in R if r['grade'] == '良'))
q('年初预算是0、年中才追加预算的项目有哪些', 'set', 'list_fund_condition',
  lambda: names(r for r in R if F(r, INIT) == 0 and F(r, ANN) > 0))
q('年初就有预算的项目里面，全年预算数达到年初预算数两倍及以上的是哪几个？', 'set', 'list_fund_ratio',
  lambda: names(r for r in R if F(r, INIT) > 0 and F(r, ANN) >= 2 * F(r, INIT)),
  note='tricky: 年初预算为0的6个项目不算；财政所-服务经济专项经费 7000→17598 也在内')
q('请列出全年预算数不足年初预算数一半的全部项目。', 'set', 'list_fund_ratio',
  lambda: names(r for r in R if F(r, ANN) < 0.5 * F(r, INIT)))
q('全年执行数超过一千万元的项目有哪些', 'set', 'list_fund_threshold',
  lambda: names(r for r in R if F(r, EXE) > 1000), note='1000万元；注意单位换算')
q('党政办 执行数150万以上200万以下的项目', 'set', 'list_office_fund_range',
  lambda: names(r for r in of('党政办') if 150 < F(r, EXE) < 200))
q('满意度指标（一级指标为满意度指标）的实际完成值低于80%的项目有哪些？', 'set', 'list_indicator_value',
  lambda: names(r for r in R if any(is_pct(i['actual']) and val(i['actual']) < 80 for i in sat(r))),
  note='tricky/oddity: 党政办-固定资产采购与管理专项经费「受益群众满意度」表上填的是 8.50(%)（目标≥9.00(%)），按表面值也低于80%')
q('生态效益指标被扣了分的项目', 'set', 'list_level2_deducted',
  lambda: names(r for r in R if any(i['level2'] == '生态效益指标' and i['deducted'] for i in r['indicators'])))
q('社发办哪些项目设置了两条及以上的满意度指标？', 'set', 'list_office_indicator_count',
  lambda: names(r for r in of('社发办') if len(sat(r)) >= 2))
q('有没有哪个项目压根没设满意度指标？是哪个', 'set', 'list_missing_level1',
  lambda: names(r for r in R if not sat(r)))
q('规建办里产出指标一分没扣、但效益指标有扣分的项目有哪些', 'set', 'list_office_two_conditions',
  lambda: names(r for r in of('规建办')
                if not any(i['deducted'] for i in r['indicators'] if i['level1'] == '产出指标')
                and any(i['deducted'] for i in r['indicators'] if i['level1'] == '效益指标')))
q('偏差原因分析里提到“天气”的项目都有哪些？', 'set', 'list_reason_keyword',
  lambda: names(r for r in R if any('天气' in i['reason'] for i in r['indicators'])))
q('哪些项目的扣分原因里写了疫情', 'set', 'list_reason_keyword',
  lambda: names(r for r in R if any(i['deducted'] and '疫情' in i['reason'] for i in r['indicators'])))
q('实施单位填的是“桃浦镇平安建设办公室”的项目有哪些？', 'set', 'list_unit',
  lambda: names(r for r in R if r['unit'] == '桃浦镇平安建设办公室'),
  note='tricky: 按实施单位而不是名称前缀，含安全办、司法所、信访办的项目，共10个')
q('实施单位是桃浦镇武装部的项目', 'set', 'list_unit',
  lambda: names(r for r in R if r['unit'] == '桃浦镇武装部'),
  note='tricky: 机关总支-各类创建项目经费的实施单位也填的是桃浦镇武装部')
q('总分95分及以上，并且全年执行数超过500万元的项目有哪些？', 'set', 'list_two_conditions',
  lambda: names(r for r in R if r['total_score'] >= 95 and F(r, EXE) > 500))
q('年初预算超过1000万元、但全年预算比年初调减了的项目', 'set', 'list_two_conditions',
  lambda: names(r for r in R if F(r, INIT) > 1000 and F(r, ANN) < F(r, INIT)))
q('平安办哪些项目的时效指标扣了分', 'set', 'list_office_level2_deducted',
  lambda: names(r for r in of('平安办') if any(i['level2'] == '时效指标' and i['deducted'] for i in r['indicators'])))
q('宣传科的项目里满意度没达标的有哪些？', 'set', 'list_office_sat_missed',
  lambda: names(r for r in of('宣传科') if sat_missed(r)))
q('社发办里总分高于90分、而且满意度指标全部达标的项目有哪些', 'set', 'list_three_conditions',
  lambda: names(r for r in of('社发办') if r['total_score'] > 90 and sat(r) and not sat_missed(r)),
  note='tricky: 三个条件（社发办、总分>90、满意度指标全部达到目标）；教育未保的群众满意度98%达到目标但扣1分，按“达标”计入')
q('党群中心名下的项目都列一下', 'set', 'list_office',
  lambda: names(of('党群中心')),
  note='tricky: 「党群中心—居民区党群服务站门头规范化建设专项经费」用的是长破折号，也属党群中心；莲花公寓两个项目实施单位是党群服务中心但名称无前缀，不算')
q('名字里带“莲花公寓”的项目', 'set', 'list_name_keyword',
  lambda: names(r for r in R if '莲花公寓' in r['project']))
q('经发办中全年执行数还不到年初预算一半的项目有哪些？', 'set', 'list_office_fund_ratio',
  lambda: names(r for r in of('经发办') if F(r, EXE) < 0.5 * F(r, INIT)))
q('哪些项目有三级指标实际完成写的是“达成指标”，却还是被扣了分？', 'set', 'list_audit',
  lambda: names(r for r in R if any(i['actual'] == '达成指标' and i['deducted'] for i in r['indicators'])))
q('综合执法队和城运中心的项目里，总分高于93分的有哪些', 'set', 'list_two_offices_score',
  lambda: names(r for r in of('综合执法队') + of('城运中心') if r['total_score'] > 93),
  note='tricky: 两个科室合并；93分本身不算（拆违、应用场景、运营经费均为93）')
q('三级指标不超过7条的项目有哪些？', 'set', 'list_indicator_count',
  lambda: names(r for r in R if len(r['indicators']) <= 7))
q('满意度指标的年度指标值（目标值）定在95%及以上的项目有哪些？只看目标值。', 'set', 'list_target_value',
  lambda: names(r for r in R if any(is_pct(i['target']) and val(i['target']) >= 95 for i in sat(r))),
  note='tricky: 比较的是目标值而非实际完成值；经发办-协税办日常专项经费的目标值写作 100.00(%)，无运算符')
q('总分最低的是哪个项目', 'set', 'min_score', lambda: argmin(R, lambda r: r['total_score']))
q('规建办全年预算最多的是哪个项目？', 'set', 'max_office_fund', lambda: argmax(of('规建办'), lambda r: F(r, ANN)))
q('三级指标设得最多的是哪个项目', 'set', 'max_indicator_count', lambda: argmax(R, lambda r: len(r['indicators'])))
q('年初预算和全年预算完全一样、没有调整过的项目有哪些', 'set', 'list_fund_equal',
  lambda: names(r for r in R if F(r, INIT) == F(r, ANN)))
q('可持续影响指标有扣分并且总分不到91分的项目', 'set', 'list_level2_and_score',
  lambda: names(r for r in R if r['total_score'] < 91
                and any(i['level2'] == '可持续影响指标' and i['deducted'] for i in r['indicators'])))
q('财政所哪些项目全年预算比年初预算少', 'set', 'list_office_fund_cut',
  lambda: names(r for r in of('财政所') if F(r, ANN) < F(r, INIT)))
q('执行数最大的项目是哪个？', 'set', 'max_fund', lambda: argmax(R, lambda r: F(r, EXE)))
q('社发办里执行数最少的项目', 'set', 'min_office_fund', lambda: argmin(of('社发办'), lambda r: F(r, EXE)))
q('总分是98分的项目有哪些', 'set', 'list_score_equal', lambda: names(r for r in R if r['total_score'] == 98))

# ===== 2. indicator lists
q('财政所被扣分的时效指标，列出项目和指标名称', 'indicators', 'indicator_list_office_level2',
  lambda: pairs((r, i) for r in of('财政所') for i in r['indicators'] if i['level2'] == '时效指标' and i['deducted']))
q('哪些三级指标的实际完成值已经达到了年度指标值，却仍然被扣了分？', 'indicators', 'indicator_audit_met_deducted',
  lambda: pairs((r, i) for r, i in ALL if i['met'] and i['deducted']),
  note='tricky: 判断依据是实际完成值与目标的比较，不是得分')
q('扣了分但偏差原因分析及改进措施一栏是空的指标有吗', 'indicators', 'indicator_audit_no_reason',
  lambda: pairs((r, i) for r, i in ALL if i['deducted'] and not i['reason'].strip()))
q('分值20分及以上、而且被扣了分的三级指标', 'indicators', 'indicator_weight_deducted',
  lambda: pairs((r, i) for r, i in ALL if i['weight'] >= 20 and i['deducted']))
q('数量指标里实际完成值是0、并且被扣了分的有哪些？', 'indicators', 'indicator_zero_actual',
  lambda: pairs((r, i) for r, i in ALL if i['level2'] == '数量指标' and val(i['actual']) == 0 and i['deducted']),
  note='党政办-城市发展研究专项经费「形成定向调研报告」实际0但分值0、未扣分，不算')
q('经发办满意度指标没达标的是哪几条', 'indicators', 'indicator_office_sat_missed',
  lambda: pairs((r, i) for r in of('经发办') for i in sat(r) if i['met'] is False))
q('规建办“对项目区域内生态平衡起到良性循环”这条指标，实际完成被评为“未达成指标且效果较差”的有哪些项目？', 'indicators', 'indicator_name_status',
  lambda: pairs((r, i) for r in of('规建办') for i in r['indicators']
                if i['name'] == '对项目区域内生态平衡起到良性循环' and i['actual'] == '未达成指标且效果较差'))
q('得了0分的指标有哪些（分值不为0的）', 'indicators', 'indicator_zero_score',
  lambda: pairs((r, i) for r, i in ALL if i['score'] == 0 and i['weight'] > 0))
q('三级指标名称里带“满意度”、但被归在效益指标下面的有哪些？', 'indicators', 'indicator_misfiled',
  lambda: pairs((r, i) for r, i in ALL if '满意度' in i['name'] and i['level1'] == '效益指标'),
  note='tricky: 规建办-防台防汛专项经费和信访办的「群众满意度」挂在社会效益指标下')
q('宣传科哪些生态效益指标扣分了', 'indicators', 'indicator_office_level2_deducted',
  lambda: pairs((r, i) for r in of('宣传科') for i in r['indicators'] if i['level2'] == '生态效益指标' and i['deducted']))
q('社发办-片区专项经费哪几条指标扣了分', 'indicators', 'indicator_project_deducted',
  lambda: pairs((proj('社发办-片区专项经费'), i) for i in proj('社发办-片区专项经费')['indicators'] if i['deducted']))
q('实际完成值是“未达成指标且效果较差”的指标全部列出来', 'indicators', 'indicator_status',
  lambda: pairs((r, i) for r, i in ALL if i['actual'] == '未达成指标且效果较差'))
q('平安办各项目里长效管理制度建设没有达成的', 'indicators', 'indicator_office_name_missed',
  lambda: pairs((r, i) for r in of('平安办') for i in r['indicators'] if i['name'] == '长效管理制度建设' and i['met'] is False))

# ===== 3. counts
q('社发办一共报了几张自评表', 'count', 'count_office', lambda: len(of('社发办')))
q('总分95分及以上的项目有多少个？', 'count', 'count_score', lambda: sum(r['total_score'] >= 95 for r in R))
q('全部项目加起来，被扣分的三级指标一共多少条', 'count', 'count_deducted', lambda: sum(i['deducted'] for r, i in ALL))
q('满意度没达标的项目一共几个？', 'count', 'count_sat_missed', lambda: sum(sat_missed(r) for r in R))
q('年初没有安排预算（年初预算为0）的项目有几个', 'count', 'count_fund_zero', lambda: sum(F(r, INIT) == 0 for r in R))
q('这批表一共涉及多少个科室？按项目名称横杠前面的科室算，没有科室前缀的不算。', 'count', 'count_offices',
  lambda: len({office(r['project']) for r in R} - {None}),
  note='tricky: 3个项目（莲花公寓×2、社区文化中心专项经费）无前缀；党群中心—（长破折号）与党群中心-是同一科室')
q('实际完成值写的是“部分达成指标并具有一定效果”的指标有多少条', 'count', 'count_status',
  lambda: sum(i['actual'] == '部分达成指标并具有一定效果' for r, i in ALL))
q('城运中心三个项目一共有几条指标被扣分', 'count', 'count_office_deducted',
  lambda: sum(i['deducted'] for r in of('城运中心') for i in r['indicators']))
q('分值是0的三级指标有几条？', 'count', 'count_zero_weight', lambda: sum(i['weight'] == 0 for r, i in ALL))
q('时效指标一共有多少条', 'count', 'count_level2', lambda: sum(i['level2'] == '时效指标' for r, i in ALL))
q('评分等级为优的项目有几个', 'count', 'count_grade', lambda: sum(r['grade'] == '优' for r in R))
q('执行数不足二十万元的项目有几个', 'count', 'count_fund_threshold', lambda: sum(F(r, EXE) < 20 for r in R),
  note='二十万元 = 20万元')
q('总分不到九十分的有几个项目？', 'count', 'count_score', lambda: sum(r['total_score'] < 90 for r in R))
q('效益指标里被扣分的一共几条', 'count', 'count_level1_deducted',
  lambda: sum(i['level1'] == '效益指标' and i['deducted'] for r, i in ALL))
q('平安办6个项目一共设置了多少条三级指标', 'count', 'count_office_indicators',
  lambda: sum(len(r['indicators']) for r in of('平安办')))
q('北部片区建设专项经费里叫“产品或服务数量完成率”的指标有几条？', 'count', 'count_duplicate_indicator',
  lambda: sum(i['name'] == '产品或服务数量完成率' for i in proj('北部片区建设')['indicators']),
  note='tricky/oddity: 同名指标在该表中出现两次')
q('满意度指标全部达标的项目有几个', 'count', 'count_sat_all_met',
  lambda: sum(bool(sat(r)) and not sat_missed(r) for r in R),
  note='tricky: 平安办-基层综治及国家安全经费没有满意度指标，不能算作全部达标')
q('社发办有几个项目满意度没达标？', 'count', 'count_office_sat_missed', lambda: sum(sat_missed(r) for r in of('社发办')))
q('实施单位是桃浦镇规划和生态环境办公室的项目有多少个', 'count', 'count_unit',
  lambda: sum(r['unit'] == '桃浦镇规划和生态环境办公室' for r in R))
q('满意度一级指标下一共有多少条三级指标', 'count', 'count_level1', lambda: sum(i['level1'] == '满意度指标' for r, i in ALL))

# ===== 4. numbers: lookups, totals, averages, calculations
q('消防实事项目经费年初预算多少', 'number', 'lookup_fund', lambda: F(proj('消防实事'), INIT), unit='万元')
q('中小企业扶持专项经费全年执行了多少元？', 'number', 'lookup_fund_unit', lambda: F(proj('中小企业扶持'), EXE) * 10000,
  unit='元', note='tricky: 万元→元换算')
q('规建办所有项目全年执行数加起来是多少万元', 'number', 'sum_office', lambda: sum(F(r, EXE) for r in of('规建办')), unit='万元')
q('党政办十一个项目的年初预算合计多少？', 'number', 'sum_office', lambda: sum(F(r, INIT) for r in of('党政办')), unit='万元')
q('全镇104个项目全年执行数总计', 'number', 'sum_all', lambda: sum(F(r, EXE) for r in R), unit='万元')
q('社发办项目的平均总分是多少', 'number', 'avg_office_score', lambda: sum(r['total_score'] for r in of('社发办')) / len(of('社发办')), unit='分')
q('小区综合改造专项经费全年预算比年初预算增长了百分之多少？', 'number', 'calc_growth',
  lambda: (F(proj('小区综合改造'), ANN) - F(proj('小区综合改造'), INIT)) / F(proj('小区综合改造'), INIT) * 100, unit='%')
q('服务经济专项经费的执行数占全部项目执行总额的百分之几', 'number', 'calc_share',
  lambda: F(proj('服务经济'), EXE) / sum(F(r, EXE) for r in R) * 100, unit='%')
q('中小企业扶持专项经费的执行数是科技企业扶持专项经费的几倍？', 'number', 'calc_ratio',
  lambda: F(proj('中小企业扶持'), EXE) / F(proj('科技企业扶持'), EXE), unit='倍')
q('消防安全专项经费比消防实事项目经费多执行了多少万', 'number', 'calc_diff',
  lambda: F(proj('消防安全专项'), EXE) - F(proj('消防实事'), EXE), unit='万元')
q('即知即改专项经费全年预算比年初少了多少', 'number', 'calc_change',
  lambda: F(proj('即知即改'), INIT) - F(proj('即知即改'), ANN), unit='万元')
q('服务经济专项经费企业申请数量实际完成了多少个', 'number', 'lookup_indicator',
  lambda: val(ind(proj('服务经济'), '企业申请数量')['actual']), unit='个')
q('片区专项经费年累计接待群众数实际是多少？', 'number', 'lookup_indicator',
  lambda: val(ind(proj('社发办-片区专项经费'), '年累计接待群众数')['actual']), unit='人次')
q('武装专项经费征兵任务实际完成多少人', 'number', 'lookup_indicator',
  lambda: val(ind(proj('武装专项'), '完成年度征兵任务')['actual']), unit='人')
q('公共安全专项经费的受益群众满意度得了几分？', 'number', 'lookup_indicator_score',
  lambda: ind(proj('公共安全专项'), '受益群众满意度')['score'], unit='分')
q('工会工作专项经费“政策宣传情况”这一条得分多少', 'number', 'lookup_indicator_score',
  lambda: ind(proj('工会工作'), '政策宣传情况')['score'], unit='分')
q('受理中心年接待群众办理量实际完成了多少次', 'number', 'lookup_indicator',
  lambda: val(ind(proj('受理服务'), '中心年接待群众办理量')['actual']), unit='次')
q('执行数最小的那个项目执行了多少钱', 'number', 'min_fund', lambda: min(F(r, EXE) for r in R), unit='万元')
q('社发办全部项目全年预算比年初预算合计调减了多少万元？', 'number', 'sum_office_change',
  lambda: sum(F(r, INIT) for r in of('社发办')) - sum(F(r, ANN) for r in of('社发办')), unit='万元')
q('规建办全年执行数占全镇全年执行总数的比例是多少', 'number', 'calc_share_office',
  lambda: sum(F(r, EXE) for r in of('规建办')) / sum(F(r, EXE) for r in R) * 100, unit='%')
q('104个项目的平均总分', 'number', 'avg_all_score', lambda: sum(r['total_score'] for r in R) / len(R), unit='分')
q('科普活动专项经费的科普宣传覆盖人数比目标多了多少人次？', 'number', 'calc_indicator_gap',
  lambda: val(ind(proj('科普活动'), '科普宣传覆盖人数')['actual']) - val(ind(proj('科普活动'), '科普宣传覆盖人数')['target']),
  unit='人次')
q('片区专项经费全年投诉数比目标上限超出了几次', 'number', 'calc_indicator_gap',
  lambda: val(ind(proj('社发办-片区专项经费'), '全年投诉数')['actual']) - val(ind(proj('社发办-片区专项经费'), '全年投诉数')['target']),
  unit='次')
q('社区卫生医疗专项经费每年服务人次离目标还差多少', 'number', 'calc_indicator_gap',
  lambda: val(ind(proj('社区卫生医疗'), '每年服务人次')['target']) - val(ind(proj('社区卫生医疗'), '每年服务人次')['actual']),
  unit='人次')
q('经发办六个项目执行数平均每个多少万元', 'number', 'avg_office_fund', lambda: sum(F(r, EXE) for r in of('经发办')) / 6, unit='万元')
q('所有项目里总分最高的是多少分？', 'number', 'max_score', lambda: max(r['total_score'] for r in R), unit='分')
q('平安办项目平均总分多少', 'number', 'avg_office_score', lambda: sum(r['total_score'] for r in of('平安办')) / len(of('平安办')), unit='分')
q('全镇全年执行总额比年初预算总额多出多少万元', 'number', 'calc_diff_all',
  lambda: sum(F(r, EXE) for r in R) - sum(F(r, INIT) for r in R), unit='万元')
q('献血补助专项经费无偿献血计划完成率实际是多少', 'number', 'lookup_indicator',
  lambda: val(ind(proj('献血补助'), '无偿献血计划完成率')['actual']), unit='%')
q('中小企业扶持专项经费里“扶持科技企业数量”实际完成多少？', 'number', 'lookup_indicator',
  lambda: val(ind(proj('中小企业扶持'), '扶持科技企业数量')['actual']), unit='个',
  note='tricky: 同名指标也在财政所-科技企业扶持专项经费里（那边是「达成指标」）；问的是中小企业扶持')
q('防台防汛专项经费的居民满意度实际多少', 'number', 'lookup_indicator',
  lambda: val(ind(proj('防台防汛'), '居民满意度')['actual']), unit='%',
  note='tricky: 同表另有效益指标下的「群众满意度」实际90%，问的是居民满意度')
q('体育、健身专项经费的工程验收合格率实际完成值是多少', 'number', 'lookup_indicator',
  lambda: val(ind(proj('体育、健身'), '工程验收合格率')['actual']), unit='%', note='oddity: 表中实际完成值为101%')
q('固定资产采购与管理专项经费受益群众满意度实际完成值', 'number', 'lookup_indicator',
  lambda: val(ind(proj('固定资产采购'), '受益群众满意度')['actual']), unit='%',
  note='oddity: 表中为 8.50(%)，目标 ≥9.00(%)，疑为 85/90 的录入错误，按表面值作答')
q('消防实事项目经费的居民满意度离目标值差几个百分点？', 'number', 'calc_indicator_gap',
  lambda: val(ind(proj('消防实事'), '居民满意度')['target']) - val(ind(proj('消防实事'), '居民满意度')['actual']),
  unit='个百分点', note='目标≥80%，实际75%')
q('教育未保专项经费群众满意度实际完成多少', 'number', 'lookup_indicator',
  lambda: val(ind(proj('教育未保'), '群众满意度')['actual']), unit='%', note='实际98%超过目标但仍扣1分')
q('全镇执行数排第二的项目执行了多少万元？', 'number', 'nth_fund',
  lambda: sorted((F(r, EXE) for r in R), reverse=True)[1], unit='万元')
q('社区便民巴士补贴全年预算比年初增加了百分之几', 'number', 'calc_growth',
  lambda: (F(proj('便民巴士'), ANN) - F(proj('便民巴士'), INIT)) / F(proj('便民巴士'), INIT) * 100, unit='%')
q('财政所六个项目全年执行合计，占财政所年初预算合计的百分之多少？', 'number', 'calc_share_office',
  lambda: sum(F(r, EXE) for r in of('财政所')) / sum(F(r, INIT) for r in of('财政所')) * 100, unit='%')
q('门头规范化建设那个项目，“提升居民区党群服务阵地为民服务效能”分值是多少', 'number', 'lookup_indicator_weight',
  lambda: ind(proj('门头规范化'), '提升居民区党群服务阵地为民服务效能')['weight'], unit='分')
q('服务经济专项经费全年预算合多少亿元', 'number', 'lookup_fund_unit', lambda: F(proj('服务经济'), ANN) / 10000, unit='亿元',
  note='tricky: 万元→亿元，精确值1.7598亿元')
q('工会工作专项经费总分多少', 'number', 'lookup_score', lambda: proj('工会工作')['total_score'], unit='分')
q('规建办19个项目平均每个项目执行多少万元？', 'number', 'avg_office_fund',
  lambda: sum(F(r, EXE) for r in of('规建办')) / len(of('规建办')), unit='万元')
q('宣传科全年预算合计比年初预算合计多了多少', 'number', 'sum_office_change',
  lambda: sum(F(r, ANN) for r in of('宣传科')) - sum(F(r, INIT) for r in of('宣传科')), unit='万元')
q('三个没有科室前缀的项目（两个莲花公寓的和社区文化中心）全年执行数一共多少', 'number', 'sum_named',
  lambda: sum(F(r, EXE) for r in R if office(r['project']) is None), unit='万元')
q('经发办-审计专项经费全年预算比年初下降了百分之多少？', 'number', 'calc_growth',
  lambda: (F(proj('审计专项'), INIT) - F(proj('审计专项'), ANN)) / F(proj('审计专项'), INIT) * 100, unit='%')
q('消防安全专项经费的三级指标一共被扣了几分？', 'number', 'sum_deduction',
  lambda: sum(i['weight'] - i['score'] for i in proj('消防安全专项')['indicators']), unit='分',
  note='只扣了1条（火灾事故的发生情况），共2分')

# ===== 5. grouped / side-by-side (numbers)
q('优、良、中、差各有几个项目？', 'numbers', 'group_grade',
  lambda: {g: sum(r['grade'] == g for r in R) for g in ('优', '良', '中', '差')})
q('宣传科四个项目总分各是多少', 'numbers', 'compare_office_scores', lambda: {r['project']: r['total_score'] for r in of('宣传科')})
q('财政所、经发办、党政办三个科室全年执行数分别合计多少万元？', 'numbers', 'group_office_sum',
  lambda: {o: sum(F(r, EXE) for r in of(o)) for o in ('财政所', '经发办', '党政办')}, note='tricky: 要分科室给出，不能合成一个数')
q('产出、效益、满意度三类一级指标里，被扣分的指标各有多少条', 'numbers', 'group_level1_deducted',
  lambda: {l: sum(i['level1'] == l and i['deducted'] for r, i in ALL) for l in ('产出指标', '效益指标', '满意度指标')})
q('效益指标下面每个二级指标各有多少条三级指标', 'numbers', 'group_level2_count',
  lambda: dict(collections.Counter(i['level2'] for r, i in ALL if i['level1'] == '效益指标')))
q('城运中心三个项目的全年预算分别是多少', 'numbers', 'compare_office_funds', lambda: {r['project']: F(r, ANN) for r in of('城运中心')})
q('安全办、平安办、城运中心这三个科室的平均总分对比一下', 'numbers', 'group_office_avg',
  lambda: {o: sum(r['total_score'] for r in of(o)) / len(of(o)) for o in ('安全办', '平安办', '城运中心')})
q('项目数在5个及以上的科室，各有几个项目？', 'numbers', 'group_office_count',
  lambda: {o: n for o, n in collections.Counter(office(r['project']) for r in R).items() if o and n >= 5})
q('评为良的那几个项目各得了多少分', 'numbers', 'compare_grade_scores', lambda: {r['project']: r['total_score'] for r in R if r['grade'] == '良'})
q('组织科两个项目执行数分别是多少？', 'numbers', 'compare_office_funds', lambda: {r['project']: F(r, EXE) for r in of('组织科')})
q('规建办和社发办各有几个项目满意度没达标', 'numbers', 'group_office_sat_missed',
  lambda: {o: sum(sat_missed(r) for r in of(o)) for o in ('规建办', '社发办')})
q('科技企业扶持、中小企业扶持、服务经济这三个项目的全年预算各是多少', 'numbers', 'compare_three_projects',
  lambda: {proj(k)['project']: F(proj(k), ANN) for k in ('科技企业扶持', '中小企业扶持', '服务经济')})
q('产出指标、效益指标、满意度指标分别一共多少条三级指标？', 'numbers', 'group_level1_count',
  lambda: dict(collections.Counter(i['level1'] for r, i in ALL)))
q('党群中心和社建办的两个“社区管理专项经费”，执行数各是多少', 'numbers', 'compare_same_name',
  lambda: {proj(k)['project']: F(proj(k), EXE) for k in ('党群中心-社区管理', '社建办-社区管理')},
  note='tricky: 两个同名项目分属不同科室，不能合并')
q('各评分等级的项目全年执行数分别合计多少（只有优和良两档）', 'numbers', 'group_grade_sum',
  lambda: {g: sum(F(r, EXE) for r in R if r['grade'] == g) for g in ('优', '良')})

# ===== 6. ordered
q('执行数前五的项目，从大到小排一下', 'ordered', 'top_n_fund', lambda: top(R, lambda r: F(r, EXE), 5))
q('全年预算比年初调增金额最多的三个项目，按调增额从高到低', 'ordered', 'top_n_change',
  lambda: top(R, lambda r: F(r, ANN) - F(r, INIT), 3))
q('全年预算比年初调减金额最大的三个项目（按减少的万元数从大到小）', 'ordered', 'top_n_change',
  lambda: top(R, lambda r: F(r, INIT) - F(r, ANN), 3))
q('执行数最少的三个项目，从少到多排', 'ordered', 'bottom_n_fund', lambda: top(R, lambda r: F(r, EXE), 3, reverse=False))
q('社发办执行数排前三的项目是哪几个，按多少排', 'ordered', 'top_n_office_fund', lambda: top(of('社发办'), lambda r: F(r, EXE), 3))
q('规建办执行数前三名', 'ordered', 'top_n_office_fund', lambda: top(of('规建办'), lambda r: F(r, EXE), 3))
q('党政办年初预算最高的三个项目，由高到低', 'ordered', 'top_n_office_init', lambda: top(of('党政办'), lambda r: F(r, INIT), 3))
q('财政所六个项目按全年执行数从高到低排个序', 'ordered', 'sort_office_fund', lambda: top(of('财政所'), lambda r: F(r, EXE), 6)[:6]
  if len(of('财政所')) == 6 else None)

# ===== 7. text: reasons, measures, goals, achievements
def reason(sub, name):
    return ind(proj(sub), name)['reason']
q('片区专项经费年累计对外开放天数为啥没达标', 'text', 'reason',
  lambda: kw(reason('社发办-片区专项经费', '年累计对外开放天数'), '疫情', '11天', '封闭消毒'))
q('献血补助专项经费无偿献血计划完成率没完成，原因是什么，打算怎么改进？', 'text', 'reason_and_measure',
  lambda: kw(reason('献血补助', '无偿献血计划完成率'), '产业结构调整', '献血人群数量减少', '动员宣传'))
q('社区卫生医疗专项经费的满意度为什么没达到', 'text', 'reason',
  lambda: kw(reason('社区卫生医疗', '提升居民看病难问题解决的满意度'), '三甲医院'))
q('协税办员工部门获奖情况为什么是0分', 'text', 'reason',
  lambda: kw(reason('协税办', '员工部门获奖情况'), '缺乏竞争力', '没有获奖'))
q('便民巴士乘坐人数增长率为何没达标？后面怎么弄', 'text', 'reason_and_measure',
  lambda: kw(reason('便民巴士', '巴士乘坐人数增长率'), '与去年持平', '加强巴士宣传'))
q('武装部那个专项经费年度总体目标是什么', 'text', 'goal',
  lambda: kw(proj('武装专项')['goal'], '兵役征集', '执法检查', '国防建设'))
q('“骑手新家”那个项目具体做了什么', 'text', 'achievement',
  lambda: kw(proj('骑手新家')['achieved'], '98台', '洗烘一体机'))
q('科普活动专项经费实际完成情况里说全年活动受益多少人次、参与人数多少？', 'text', 'achievement_figures',
  lambda: kw(proj('科普活动')['achieved'], '628人次', '1850人次'))
q('信访工作经费2023年排查了多少起群体性矛盾，化解了几起', 'text', 'achievement_figures',
  lambda: kw(proj('信访工作')['achieved'], '12起', '6起'))
q('片区专项经费全年投诉数超标，分别是哪几个片区投诉的', 'text', 'reason_detail',
  lambda: kw(reason('社发办-片区专项经费', '全年投诉数'), '西部片区投诉1个', '南部片区3个', '东部片区4个'))
q('城运中心应用场景项目“可识别问题类型增加量”为什么是0', 'text', 'reason',
  lambda: kw(reason('应用场景', '可识别问题类型增加量'), '没有研究该功能'))
q('莲花公寓居委调整办公地点那个项目，监控设备为什么只装了3个', 'text', 'reason',
  lambda: kw(reason('莲花公寓居委', '增设监控设备数量'), '估计有误', '设计方案'))
q('社区便民巴士补贴的预期目标写的是什么', 'text', 'goal',
  lambda: kw(proj('便民巴士')['goal'], '1230路', '最后一公里'))
q('东部片区改造专项经费周边居民满意度没达标，改进措施是什么？', 'text', 'measure',
  lambda: kw(reason('东部片区改造', '周边居民满意度'), '宣传渠道'))
q('桃浦西路养老院专项经费目标里写的建设规模是多少（面积、床位）', 'text', 'goal_figures',
  lambda: kw(proj('桃浦西路养老院')['goal'], '8层', '11600平方米', '500张床位', '3847平方米'))
q('集资中心业务调查问卷为什么只完成了1次', 'text', 'reason',
  lambda: kw(reason('集资中心', '业务调查问卷完成次数'), '不可预见性'))
q('社区学校专项经费2023年获得了什么荣誉', 'text', 'achievement',
  lambda: kw(proj('社区学校')['achieved'], '优质校', '67人次'))
q('社区服务中心专项经费为什么只拿了良，主要在哪些指标上扣分', 'text', 'deduction_summary',
  lambda: [i['name'] for i in proj('社区服务中心专项')['indicators'] if i['deducted']] + [fmt(proj('社区服务中心专项')['total_score'])])
q('即知即改专项经费“突发项目及时性”扣分后准备怎么改进', 'text', 'measure',
  lambda: kw(reason('即知即改', '突发项目及时性'), '协调沟通'))
q('平安办-桃浦镇专职消防救援队专项经费的目标里提到购买多少名消防人员服务、需要多少经费', 'text', 'goal_figures',
  lambda: kw(proj('专职消防救援队')['goal'], '10名', '70万元'),
  note='tricky: 目标中的70万元不是年初预算（年初预算为0，全年预算69.16万元）')

# ===== 8. out of scope (refuse)
REF = lambda: None
q('真如镇2023年消防安全专项经费执行了多少？', 'refuse', 'out_of_scope_town', REF, note='tricky: 另一个镇')
q('桃浦镇2022年消防安全专项经费全年执行数是多少', 'refuse', 'out_of_scope_year', REF, note='tricky: 另一年度')
q('普陀区全区2023年项目支出绩效自评的平均分是多少', 'refuse', 'out_of_scope_district', REF)
q('消防安全专项经费的项目负责人是谁，联系电话多少', 'refuse', 'out_of_scope_field', REF)
q('你觉得规建办哪个项目钱花得最冤枉？', 'refuse', 'opinion', REF)
q('明年环卫保洁的预算会不会增加', 'refuse', 'prediction', REF)
q('中小企业扶持专项经费具体扶持了哪些企业，每家拿了多少钱', 'refuse', 'out_of_scope_field', REF)
q('长征镇的片区专项经费总分是多少？', 'refuse', 'out_of_scope_town', REF, note='tricky: 本镇也有片区专项经费，但问的是长征镇')
q('各项目每个季度的执行进度分别是多少', 'refuse', 'out_of_scope_field', REF)
q('城运中心有多少在编工作人员', 'refuse', 'out_of_scope_field', REF)
q('这些项目的第三方绩效评价结论是什么？', 'refuse', 'out_of_scope_field', REF)
q('2024年桃浦镇各科室预算安排了多少', 'refuse', 'out_of_scope_year', REF)
q('规建办小区综合改造具体改造了哪几个小区，每个小区花了多少钱', 'refuse', 'out_of_scope_field', REF)
q('上海市其他镇的献血补助专项经费一般总分多少，桃浦镇算高还是低', 'refuse', 'out_of_scope_comparison', REF)

# ===== 9. clarify (ambiguous mentions)
cands = lambda sub: names(r for r in R if sub in r['project'])
q('社区管理专项经费总分多少', 'clarify', 'ambiguous_name', lambda: cands('社区管理专项经费'))
q('智能化项目专项经费执行了多少钱', 'clarify', 'ambiguous_name', lambda: cands('智能化项目专项经费'))
q('专职消防那个项目全年预算多少', 'clarify', 'ambiguous_name', lambda: cands('专职消防'))
q('企业扶持专项经费的满意度是多少？', 'clarify', 'ambiguous_name', lambda: cands('企业扶持专项经费'))
q('莲花公寓那个项目总分是多少', 'clarify', 'ambiguous_name', lambda: cands('莲花公寓'))
q('党建那个专项经费扣了哪些分', 'clarify', 'ambiguous_name', lambda: cands('党建'))
q('片区那个项目总分多少？', 'clarify', 'ambiguous_name', lambda: cands('片区'))
q('营商那个专项经费总分多少', 'clarify', 'ambiguous_name', lambda: cands('营商'))

# ===== 10. follow-ups with context
q('其中评级是良的呢', 'set', 'followup_filter', lambda: names(r for r in of('社发办') if r['grade'] == '良'),
  context=['社发办有哪些项目'])
q('那年初预算呢', 'number', 'followup_lookup', lambda: F(proj('消防安全专项'), INIT), unit='万元',
  context=['消防安全专项经费全年执行数多少'])
q('它们执行数一共多少', 'number', 'followup_sum', lambda: sum(F(r, EXE) for r in of('规建办')), unit='万元',
  context=['规建办有几个项目'])
q('扣分最多的是哪条指标', 'indicators', 'followup_max_deduction',
  lambda: (lambda r: (lambda m: [[r['project'], i['name']] for i in r['indicators'] if i['weight'] - i['score'] == m])(
      max(i['weight'] - i['score'] for i in r['indicators'])))(proj('献血补助')),
  context=['献血补助专项经费总分多少'])
q('哪个执行数最大？', 'set', 'followup_max', lambda: argmax(of('党政办'), lambda r: F(r, EXE)),
  context=['党政办有哪些项目'])
q('比年初减少了百分之多少', 'number', 'followup_calc',
  lambda: (F(proj('审计专项'), INIT) - F(proj('审计专项'), ANN)) / F(proj('审计专项'), INIT) * 100, unit='%',
  context=['经发办-审计专项经费的全年预算是多少'])
q('目标值是多少', 'number', 'followup_target',
  lambda: val(ind(proj('应用场景'), '受益群众满意度')['target']), unit='%',
  context=['城运中心-应用场景项目受益群众满意度多少'], note='tricky: 追问的是目标值（≥80%），不是实际值70%')
q('我说的是社建办那个', 'number', 'followup_disambiguate', lambda: proj('社建办-社区管理')['total_score'], unit='分',
  context=['社区管理专项经费总分多少'], note='tricky: 上一轮名称有歧义，本轮指定社建办')
q('那安全办呢', 'set', 'followup_switch_office', lambda: names(r for r in of('安全办') if sat_missed(r)),
  context=['平安办哪些项目满意度没达标'], note='tricky: 安全办与平安办是不同科室（虽然实施单位都是平安建设办公室）')
q('这几个项目执行数加起来多少', 'number', 'followup_sum', lambda: sum(F(r, EXE) for r in R if r['grade'] == '良'), unit='万元',
  context=['哪些项目评分等级是良'])
q('扣分的有几条', 'count', 'followup_count', lambda: sum(i['deducted'] for i in proj('工会工作')['indicators']),
  context=['工会-工会工作专项经费一共多少条三级指标'])
q('占宣传科总执行数的比例是多少', 'number', 'followup_share',
  lambda: F(proj('政协委员'), EXE) / sum(F(r, EXE) for r in of('宣传科')) * 100, unit='%',
  context=['宣传科-政协委员活动专项经费执行了多少'])
q('它比年初预算少了多少', 'number', 'followup_calc',
  lambda: (lambda r: F(r, INIT) - F(r, ANN))(BY[argmax(of('财政所'), lambda r: F(r, ANN))[0]]), unit='万元',
  context=['财政所的项目里哪个全年预算最大'])
q('这些项目的全年预算加起来是多少', 'number', 'followup_sum', lambda: sum(F(r, ANN) for r in R if F(r, INIT) == 0), unit='万元',
  context=['哪几个项目年初预算是0'])
q('各自满意度实际完成多少？', 'numbers', 'followup_values',
  lambda: {r['project']: val(i['actual']) for r in of('经发办') for i in sat(r) if i['met'] is False},
  context=['经发办哪些项目满意度没达标'])
q('那社发办的呢', 'number', 'followup_switch_office', lambda: sum(F(r, EXE) for r in of('社发办')), unit='万元',
  context=['规建办全年执行数合计多少'])
q('其中总分低于92分的有几个', 'count', 'followup_count', lambda: sum(r['total_score'] < 92 for r in of('规建办')),
  context=['规建办有哪些项目'])
q('那它的评分等级呢？', 'text', 'followup_lookup', lambda: [proj('社区卫生医疗')['grade']],
  context=['社区卫生医疗专项经费总分多少'])


# ===== 11. more personas / tricky variants
q('平安办有几个项目？', 'count', 'count_office', lambda: len(of('平安办')),
  note='tricky: 按名称前缀只有6个；实施单位为平安建设办公室的有10个（含安全办、司法所、信访办）')
q('全年预算超过1000万元的项目中，有哪些全年预算比年初是调减的？', 'set', 'list_two_conditions',
  lambda: names(r for r in R if F(r, ANN) > 1000 and F(r, ANN) < F(r, INIT)),
  note='tricky: 门槛看的是全年预算（规建办-东部片区改造年初1120万但全年737.69万，不算）')
q('社发办里满意度实际完成值最低的是哪个项目', 'set', 'min_office_indicator',
  lambda: (lambda rows: (lambda m: names(r for r, i in rows if val(i['actual']) == m))(min(val(i['actual']) for r, i in rows)))(
      [(r, i) for r in of('社发办') for i in sat(r) if is_pct(i['actual'])]),
  note='tricky: 三个项目并列最低（均为70%），都要列出')
q('社发办以外的项目里，评为良的有几个？', 'count', 'count_grade_excluding', lambda: sum(r['grade'] == '良' for r in R if office(r['project']) != '社发办'),
  note='tricky: 答案为0')
q('党政办总分在93分（含）到95分（含）之间的项目有几个', 'count', 'count_office_score_range',
  lambda: sum(93 <= r['total_score'] <= 95 for r in of('党政办')))
q('哪些项目的满意度指标实际完成值超过了95%？', 'set', 'list_indicator_value',
  lambda: names(r for r in R if any(is_pct(i['actual']) and val(i['actual']) > 95 for i in sat(r))),
  note='tricky: 看实际完成值而非目标值')
q('中小企业扶持专项经费的“扶持发放及时性”在表里归在哪个二级指标下面', 'text', 'lookup_indicator_level',
  lambda: [ind(proj('中小企业扶持'), '扶持发放及时性')['level2']],
  note='oddity: 表中该时效类指标被填在「成本指标」下（科技企业扶持表中同名指标在时效指标下）')
q('消防安全专项经费在生态效益指标上被扣了几分', 'number', 'sum_deduction_level2',
  lambda: sum(i['weight'] - i['score'] for i in proj('消防安全专项')['indicators'] if i['level2'] == '生态效益指标'), unit='分')
q('2023年度桃浦镇评分等级为良的项目有几个', 'count', 'count_grade', lambda: sum(r['grade'] == '良' for r in R),
  note='tricky: 明确写了2023年和桃浦镇，正是本批数据，不应拒答')
q('党群中心几个项目全年执行数加起来多少', 'number', 'sum_office', lambda: sum(F(r, EXE) for r in of('党群中心')), unit='万元',
  note='tricky: 含名称用长破折号的门头规范化项目，不含无前缀的莲花公寓两个项目')
q('执行数超过一百万元、但不到两百万元的项目有几个？', 'count', 'count_fund_range', lambda: sum(100 < F(r, EXE) < 200 for r in R),
  note='tricky: 党政办-合作交流专项经费恰好100万元，不算“超过”')
q('满意度实际完成不到八成的满意度指标一共有几条', 'count', 'count_indicator_value',
  lambda: sum(is_pct(i['actual']) and val(i['actual']) < 80 for r in R for i in sat(r)),
  note='八成=80%；含固定资产采购表中填为8.50(%)的一条')
q('年初预算过亿的项目有哪些', 'set', 'list_fund_threshold', lambda: names(r for r in R if F(r, INIT) > 10000),
  note='tricky: 1亿元=10000万元')
q('请统计：在评分等级为“优”的项目中，全年预算数较年初预算数调减超过100万元、且满意度指标存在未达标情形的项目，逐一列出。', 'set', 'list_three_conditions',
  lambda: names(r for r in R if r['grade'] == '优' and F(r, INIT) - F(r, ANN) > 100 and sat_missed(r)),
  note='tricky: 三个条件；财政所-中小企业扶持调减1334.13万元但满意度达标，不在内')
q('烦请核对：规建办所属项目中，满意度指标（一级）存在扣分的三级指标共有多少条？', 'count', 'count_office_level1_deducted',
  lambda: sum(i['deducted'] for r in of('规建办') for i in sat(r)),
  note='tricky: 只算一级指标为满意度指标的，不含防台防汛挂在效益指标下的群众满意度')
q('社发办 良 几个', 'count', 'count_office_grade', lambda: sum(r['grade'] == '良' for r in of('社发办')))
q('献血 总分', 'number', 'lookup_score', lambda: proj('献血补助')['total_score'], unit='分')
q('应急专项 年初 全年预算', 'text', 'lookup_fund_pair',
  lambda: [fmt(F(proj('应急专项'), INIT)), fmt(F(proj('应急专项'), ANN))])
q('镇里给骑手捐洗衣机那个事一共花了多少钱', 'number', 'lookup_fund', lambda: F(proj('骑手新家'), EXE), unit='万元')
q('老百姓对那个1230路便民巴士满意度是多少', 'number', 'lookup_indicator',
  lambda: val(ind(proj('便民巴士'), '出行居民满意度')['actual']), unit='%')
q('发高龄补贴的那个项目，今年执行了多少', 'number', 'lookup_fund',
  lambda: F(only(r for r in R if any('高龄补贴' in i['name'] for i in r['indicators']))[0], EXE), unit='万元',
  note='社发办-村公司养老人员补贴经费（唯一设高龄补贴指标的项目）')
q('报告里要写“产出指标共扣分X条”，这个X填多少？', 'count', 'count_level1_deducted',
  lambda: sum(i['level1'] == '产出指标' and i['deducted'] for r, i in ALL))
q('每个科室各有几个项目？（没有科室前缀的三个项目不算）', 'numbers', 'group_office_count',
  lambda: dict(collections.Counter(office(r['project']) for r in R if office(r['project']))),
  note='tricky: 党群中心—与党群中心-合并为党群中心')
q('按科室算平均总分，哪个科室最高？是多少分', 'text', 'group_office_avg_max',
  lambda: (lambda av: [k for k, v in av.items() if v == max(av.values())] + [fmt(max(av.values()))])(
      {o: sum(r['total_score'] for r in of(o)) / len(of(o)) for o in {office(r['project']) for r in R} - {None}}))
q('宣传科四个项目按全年执行数从高到低排', 'ordered', 'sort_office_fund', lambda: top(of('宣传科'), lambda r: F(r, EXE), 4)[:4]
  if len(of('宣传科')) == 4 else None)
q('年初预算第二多的是哪个项目', 'set', 'nth_fund', lambda: [sorted(R, key=lambda r: -F(r, INIT))[1]['project']]
  if sorted((F(r, INIT) for r in R), reverse=True)[1] != sorted((F(r, INIT) for r in R), reverse=True)[2] else None)
q('它们的执行数分别是多少', 'numbers', 'followup_values', lambda: {r['project']: F(r, EXE) for r in of('社发办') if r['total_score'] < 90},
  context=['社发办总分低于90分的项目有哪些'])
q('这些里面总分最低的是哪个', 'set', 'followup_min',
  lambda: argmin([r for r in of('规建办') if sat_missed(r)], lambda r: r['total_score']),
  context=['规建办有哪些项目', '其中满意度没达标的呢'], note='tricky: 三轮对话须保留“规建办+满意度未达标”两个条件；三个项目并列90分')
q('那其中执行数最大的呢', 'set', 'followup_max',
  lambda: argmax([r for r in R if F(r, INIT) == 0], lambda r: F(r, EXE)),
  context=['哪几个项目年初预算是0'])
q('它的偏差原因是怎么写的', 'text', 'followup_reason',
  lambda: kw(ind(proj('消防安全专项'), '火灾事故的发生情况')['reason'], '火灾率有所增加', '巡视巡查'),
  context=['消防安全专项经费哪条指标扣分了'])

# ---------------------------------------------------------------- statements
S = []

def ok(cond, correct=''):
    return (bool(cond), '' if cond else correct)

def st(statement, typ, claims=None, note=None, unverifiable=False):
    if unverifiable:
        verdict, correct = '无法核实', ''
    else:
        res = [c() for c in claims]
        good = [g for g, _ in res]
        if all(good):
            verdict = '正确'
        elif not any(good):
            verdict = '错误'
        else:
            verdict = '部分正确'
        correct = '；'.join(c for g, c in res if not g)
    if verdict in ('错误', '部分正确'):
        assert correct, statement
    d = {'id': 't%03d' % (len(S) + 1), 'statement': statement, 'verdict': verdict}
    if correct:
        d['correct'] = correct
    d['type'] = typ
    if note:
        d['note'] = note
    S.append(d)

def eq(a, b):
    return abs(a - b) < 0.005

def wan(x):
    return fmt(x) + '万元'

# --- funds / scores
st('安全办-消防安全专项经费2023年全年执行数139.87万元，执行率100%。', 'fund_figure', [
    lambda: ok(eq(F(proj('消防安全专项'), EXE), 139.87), wan(F(proj('消防安全专项'), EXE))),
    lambda: ok(eq(F(proj('消防安全专项'), 'rate'), 100), fmt(F(proj('消防安全专项'), 'rate')) + '%')])
st('消防安全专项经费年初预算139.87万元。', 'fund_figure', [
    lambda: ok(eq(F(proj('消防安全专项'), INIT), 139.87), '年初预算' + wan(F(proj('消防安全专项'), INIT)) + '（139.87万元是全年预算数）')],
   note='tricky: 混淆年初与全年预算')
st('服务经济专项经费全年预算1.7598亿元。', 'fund_unit', [
    lambda: ok(eq(F(proj('服务经济'), ANN), 17598), wan(F(proj('服务经济'), ANN)))], note='亿元换算')
st('中小企业扶持专项经费执行了2.8亿多元，是全镇执行数最大的项目。', 'fund_superlative', [
    lambda: ok(28000 <= F(proj('中小企业扶持'), EXE) < 29000, wan(F(proj('中小企业扶持'), EXE))),
    lambda: ok(argmax(R, lambda r: F(r, EXE)) == [proj('中小企业扶持')['project']], '最大的是' + argmax(R, lambda r: F(r, EXE))[0])])
st('科技企业扶持专项经费年初预算4000万元，全年调增到4500万元。', 'multi_claim', [
    lambda: ok(eq(F(proj('科技企业扶持'), INIT), 4000), wan(F(proj('科技企业扶持'), INIT))),
    lambda: ok(eq(F(proj('科技企业扶持'), ANN), 4500), '全年预算' + wan(F(proj('科技企业扶持'), ANN)) + '，未调整')])
st('社发办-献血补助专项经费总分86分，评分等级为良。', 'score_grade', [
    lambda: ok(proj('献血补助')['total_score'] == 86, fmt(proj('献血补助')['total_score']) + '分'),
    lambda: ok(proj('献血补助')['grade'] == '良', proj('献血补助')['grade'])])
st('社发办-片区专项经费总分89分，被评为优。', 'score_grade', [
    lambda: ok(proj('社发办-片区专项经费')['total_score'] == 89, fmt(proj('社发办-片区专项经费')['total_score']) + '分'),
    lambda: ok(proj('社发办-片区专项经费')['grade'] == '优', '评分等级为' + proj('社发办-片区专项经费')['grade'])])
st('党群中心-居委会选举专项经费全年执行2.36万元。', 'fund_figure', [
    lambda: ok(eq(F(proj('居委会选举'), EXE), 2.36), wan(F(proj('居委会选举'), EXE)))])
st('宣传科-政协委员活动专项经费只执行了两万元，是104个项目中执行数最少的。', 'fund_superlative', [
    lambda: ok(eq(F(proj('政协委员'), EXE), 2), wan(F(proj('政协委员'), EXE))),
    lambda: ok(argmin(R, lambda r: F(r, EXE)) == [proj('政协委员')['project']], '最少的是' + argmin(R, lambda r: F(r, EXE))[0])])
st('城运中心-运营经费年初预算66万元，全年预算调减至19.06万元，调减了46.94万元。', 'calc_change', [
    lambda: ok(eq(F(proj('运营经费'), INIT), 66), wan(F(proj('运营经费'), INIT))),
    lambda: ok(eq(F(proj('运营经费'), ANN), 19.06), wan(F(proj('运营经费'), ANN))),
    lambda: ok(eq(F(proj('运营经费'), INIT) - F(proj('运营经费'), ANN), 46.94), wan(F(proj('运营经费'), INIT) - F(proj('运营经费'), ANN)))])
st('规建办-小区综合改造专项经费全年预算比年初增加了1950.87万元，增幅超过160%。', 'calc_growth', [
    lambda: ok(eq(F(proj('小区综合改造'), ANN) - F(proj('小区综合改造'), INIT), 1950.87), wan(F(proj('小区综合改造'), ANN) - F(proj('小区综合改造'), INIT))),
    lambda: ok((F(proj('小区综合改造'), ANN) / F(proj('小区综合改造'), INIT) - 1) * 100 > 160,
               fmt((F(proj('小区综合改造'), ANN) / F(proj('小区综合改造'), INIT) - 1) * 100) + '%')])
st('环卫保洁公司购买服务专项经费执行4100万元，是规建办执行数最大的项目。', 'fund_superlative', [
    lambda: ok(eq(F(proj('环卫保洁'), EXE), 4100), wan(F(proj('环卫保洁'), EXE))),
    lambda: ok(argmax(of('规建办'), lambda r: F(r, EXE)) == [proj('环卫保洁')['project']], argmax(of('规建办'), lambda r: F(r, EXE))[0])])
st('就业援助成本补贴全年执行1159.53万元，比年初预算多了341.47万元。', 'multi_claim', [
    lambda: ok(eq(F(proj('就业援助'), EXE), 1159.53), wan(F(proj('就业援助'), EXE))),
    lambda: ok(F(proj('就业援助'), EXE) - F(proj('就业援助'), INIT) > 0 and eq(F(proj('就业援助'), EXE) - F(proj('就业援助'), INIT), 341.47),
               '比年初预算少' + wan(F(proj('就业援助'), INIT) - F(proj('就业援助'), EXE)))],
   note='tricky: 方向说反（是减少不是增加）')
st('党政办-应急专项经费全年预算是年初的两倍多。', 'calc_ratio', [
    lambda: ok(F(proj('应急专项'), ANN) / F(proj('应急专项'), INIT) > 2, fmt(F(proj('应急专项'), ANN) / F(proj('应急专项'), INIT)) + '倍')])
st('即知即改专项经费全年预算只有年初预算的一成多。', 'calc_ratio', [
    lambda: ok(0.1 <= F(proj('即知即改'), ANN) / F(proj('即知即改'), INIT) < 0.2, fmt(F(proj('即知即改'), ANN) / F(proj('即知即改'), INIT) * 100) + '%')])
st('机关总支-各类创建项目经费总分97分，实施单位是桃浦镇武装部。', 'score_unit', [
    lambda: ok(proj('各类创建')['total_score'] == 97, fmt(proj('各类创建')['total_score'])),
    lambda: ok(proj('各类创建')['unit'] == '桃浦镇武装部', proj('各类创建')['unit'])], note='oddity: 机关总支项目由武装部实施')
st('信访办-信访工作经费总分99分，是所有项目中最高的。', 'score_superlative', [
    lambda: ok(proj('信访工作')['total_score'] == 99, fmt(proj('信访工作')['total_score'])),
    lambda: ok(argmax(R, lambda r: r['total_score']) == [proj('信访工作')['project']], '并列最高：' + '、'.join(argmax(R, lambda r: r['total_score'])))])
st('桃浦镇104个项目全年执行数合计约7.57亿元。', 'sum_all', [
    lambda: ok(round(sum(F(r, EXE) for r in R) / 10000, 2) == 7.57, fmt(sum(F(r, EXE) for r in R)) + '万元')])
st('全镇项目年初预算合计6.68亿元，全年执行合计7.57亿元。', 'sum_all', [
    lambda: ok(round(sum(F(r, INIT) for r in R) / 10000, 2) == 6.68, wan(sum(F(r, INIT) for r in R))),
    lambda: ok(round(sum(F(r, EXE) for r in R) / 10000, 2) == 7.57, wan(sum(F(r, EXE) for r in R)))])
st('规建办共有20个项目。', 'count', [lambda: ok(len(of('规建办')) == 20, '%d个' % len(of('规建办')))])
st('社发办共有23个项目，其中4个评为良。', 'count', [
    lambda: ok(len(of('社发办')) == 23, '%d个' % len(of('社发办'))),
    lambda: ok(sum(r['grade'] == '良' for r in of('社发办')) == 4, '%d个' % sum(r['grade'] == '良' for r in of('社发办')))])
st('所有项目的资金执行率都是100%。', 'universal', [
    lambda: ok(all(F(r, 'rate') == 100 for r in R), '、'.join(r['project'] for r in R if F(r, 'rate') != 100))])
st('所有项目都设置了满意度指标。', 'universal', [
    lambda: ok(all(sat(r) for r in R), '没有满意度指标的：' + '、'.join(r['project'] for r in R if not sat(r)))])
st('评分等级为良的项目全部出自社发办。', 'universal', [
    lambda: ok(all(office(r['project']) == '社发办' for r in R if r['grade'] == '良'), '')])
st('每个项目的总分都在85分以上。', 'universal', [lambda: ok(all(r['total_score'] > 85 for r in R), '最低' + fmt(min(r['total_score'] for r in R)))])
st('所有项目的资金执行得分都是满分10分。', 'universal', [lambda: ok(all(F(r, 'score') == 10 == F(r, 'weight') for r in R), '')])
st('没有任何一个项目拿到满分100分。', 'universal', [lambda: ok(all(r['total_score'] < 100 for r in R), '')])
st('总分低于90分的项目有5个。', 'count', [lambda: ok(sum(r['total_score'] < 90 for r in R) == 5, '%d个' % sum(r['total_score'] < 90 for r in R))])

# --- indicators (actual values; 超出/未达到 compare actual with target)
st('城运中心-应用场景项目受益群众满意度实际为70%，没达到80%的目标。', 'target_vs_actual', [
    lambda: ok(val(ind(proj('应用场景'), '受益群众满意度')['actual']) == 70, ind(proj('应用场景'), '受益群众满意度')['actual']),
    lambda: ok(val(ind(proj('应用场景'), '受益群众满意度')['target']) == 80 and ind(proj('应用场景'), '受益群众满意度')['met'] is False, '')])
st('消防实事项目经费居民满意度达到了80%。', 'indicator_actual', [
    lambda: ok(val(ind(proj('消防实事'), '居民满意度')['actual']) >= 80, '实际完成' + ind(proj('消防实事'), '居民满意度')['actual'] + '，80%是目标值')],
   note='tricky: 80%是年度指标值，实际75%')
st('防台防汛专项经费居民满意度为90%。', 'indicator_actual', [
    lambda: ok(val(ind(proj('防台防汛'), '居民满意度')['actual']) == 90, '居民满意度实际' + ind(proj('防台防汛'), '居民满意度')['actual'] + '（90%是效益指标下「群众满意度」的实际值）')],
   note='tricky: 同表有两个满意度')
st('教育未保专项经费群众满意度98%，超出90%的目标，但仍被扣了1分。', 'target_vs_actual', [
    lambda: ok(val(ind(proj('教育未保'), '群众满意度')['actual']) == 98, ind(proj('教育未保'), '群众满意度')['actual']),
    lambda: ok(ind(proj('教育未保'), '群众满意度')['met'] and val(ind(proj('教育未保'), '群众满意度')['target']) == 90, ''),
    lambda: ok(ind(proj('教育未保'), '群众满意度')['weight'] - ind(proj('教育未保'), '群众满意度')['score'] == 1, '')])
st('片区专项经费全年投诉数8次，控制在了目标以内。', 'target_vs_actual', [
    lambda: ok(val(ind(proj('社发办-片区专项经费'), '全年投诉数')['actual']) == 8, ind(proj('社发办-片区专项经费'), '全年投诉数')['actual']),
    lambda: ok(ind(proj('社发办-片区专项经费'), '全年投诉数')['met'], '目标' + ind(proj('社发办-片区专项经费'), '全年投诉数')['target'] + '，8次超出目标')])
st('片区专项经费年累计接待群众71743人次，超出3万人次的目标。', 'target_vs_actual', [
    lambda: ok(val(ind(proj('社发办-片区专项经费'), '年累计接待群众数')['actual']) == 71743, ''),
    lambda: ok(val(ind(proj('社发办-片区专项经费'), '年累计接待群众数')['target']) == 30000 and ind(proj('社发办-片区专项经费'), '年累计接待群众数')['met'], '')])
st('科普活动专项经费科普宣传覆盖1850人次，全年科普活动参与628人次。', 'indicator_actual', [
    lambda: ok(val(ind(proj('科普活动'), '科普宣传覆盖人数')['actual']) == 1850, ''),
    lambda: ok(val(ind(proj('科普活动'), '全年科普活动参与人数')['actual']) == 628, '')])
st('武装专项经费完成年度战备训练2500人次。', 'indicator_actual', [
    lambda: ok(val(ind(proj('武装专项'), '完成年度战备训练人次')['actual']) == 2500, '实际' + ind(proj('武装专项'), '完成年度战备训练人次')['actual'] + '（2500是目标值）')],
   note='tricky: 目标值冒充实际值')
st('服务经济专项经费服务企业数量为1200个。', 'indicator_actual', [
    lambda: ok(val(ind(proj('服务经济'), '服务企业数量')['actual']) == 1200, '实际' + ind(proj('服务经济'), '服务企业数量')['actual'] + '（目标>1200个）')],
   note='tricky: 目标值冒充实际值')
st('社区卫生医疗专项经费每年服务人次达到了400人次的目标。', 'target_vs_actual', [
    lambda: ok(val(ind(proj('社区卫生医疗'), '每年服务人次')['actual']) >= 400, '实际' + ind(proj('社区卫生医疗'), '每年服务人次')['actual'])])
st('中小企业扶持专项经费扶持科技企业125个。', 'indicator_actual', [
    lambda: ok(val(ind(proj('中小企业扶持'), '扶持科技企业数量')['actual']) == 125, ind(proj('中小企业扶持'), '扶持科技企业数量')['actual'])],
   note='oddity: 指标「扶持科技企业数量」出现在中小企业扶持表中')
st('献血补助专项经费无偿献血计划完成率95%，被扣了5分。', 'indicator_actual', [
    lambda: ok(val(ind(proj('献血补助'), '无偿献血计划完成率')['actual']) == 95, ''),
    lambda: ok(ind(proj('献血补助'), '无偿献血计划完成率')['weight'] - ind(proj('献血补助'), '无偿献血计划完成率')['score'] == 5, '')])
st('社区便民巴士补贴的巴士乘坐人数增长率达到了10%。', 'target_vs_actual', [
    lambda: ok(val(ind(proj('便民巴士'), '巴士乘坐人数增长率')['actual']) >= 10, '实际' + ind(proj('便民巴士'), '巴士乘坐人数增长率')['actual'])])
st('体育、健身专项经费工程验收合格率为101%。', 'indicator_actual', [
    lambda: ok(val(ind(proj('体育、健身'), '工程验收合格率')['actual']) == 101, ind(proj('体育、健身'), '工程验收合格率')['actual'])],
   note='oddity: 合格率超过100%，但表上如此')
st('财政管理专项经费软件系统故障发生了2起，而目标是0起。', 'target_vs_actual', [
    lambda: ok(val(ind(proj('财政管理'), '软件系统故障发生数')['actual']) == 2, ''),
    lambda: ok(val(ind(proj('财政管理'), '软件系统故障发生数')['target']) == 0, '')])
st('信访工作经费信访矛盾化解率90%，达到了100%的目标值。', 'target_vs_actual', [
    lambda: ok(val(ind(proj('信访工作'), '信访矛盾化解率')['actual']) == 90, ind(proj('信访工作'), '信访矛盾化解率')['actual']),
    lambda: ok(ind(proj('信访工作'), '信访矛盾化解率')['met'], '未达到目标' + ind(proj('信访工作'), '信访矛盾化解率')['target'])])
st('即知即改专项经费“信息共享时效性”实际为达成指标，拿了满分8分。', 'indicator_score', [
    lambda: ok(ind(proj('即知即改'), '信息共享时效性')['actual'] == '达成指标', ''),
    lambda: ok(ind(proj('即知即改'), '信息共享时效性')['score'] == 8, '分值8分、得分' + fmt(ind(proj('即知即改'), '信息共享时效性')['score']) + '分')],
   note='oddity: 达成指标却扣1分且无偏差原因')
st('莲花公寓居委调整办公地点专项经费增设监控设备3个，没达到8个的目标。', 'target_vs_actual', [
    lambda: ok(val(ind(proj('莲花公寓居委'), '增设监控设备数量')['actual']) == 3, ''),
    lambda: ok(val(ind(proj('莲花公寓居委'), '增设监控设备数量')['target']) == 8 and not ind(proj('莲花公寓居委'), '增设监控设备数量')['met'], '')])
st('第五次经济普查专项经费被统计单位满意度只有90%，低于95%的目标，扣了5分。', 'target_vs_actual', [
    lambda: ok(val(ind(proj('第五次经济普查'), '被统计单位满意度')['actual']) == 90, ''),
    lambda: ok(val(ind(proj('第五次经济普查'), '被统计单位满意度')['target']) == 95 and not ind(proj('第五次经济普查'), '被统计单位满意度')['met'], ''),
    lambda: ok(ind(proj('第五次经济普查'), '被统计单位满意度')['weight'] - ind(proj('第五次经济普查'), '被统计单位满意度')['score'] == 5, '')])
st('数字化营商服务专项经费使用者满意度80%。', 'indicator_actual', [
    lambda: ok(val(ind(proj('数字化营商'), '使用者满意度')['actual']) == 80, '')])
st('社区学校专项经费师生满意度97.75%。', 'indicator_actual', [
    lambda: ok(val(ind(proj('社区学校'), '师生满意度')['actual']) == 97.75, '')])
st('工会工作专项经费职工入会情况实际完成95%。', 'indicator_actual', [
    lambda: ok(val(ind(proj('工会工作'), '职工入会情况')['actual']) == 95, '实际' + ind(proj('工会工作'), '职工入会情况')['actual'] + '（目标>95）')],
   note='tricky: 95是目标值')

# --- counts / sums / calcs
st('满意度指标未达标的项目共有58个。', 'count', [lambda: ok(sum(sat_missed(r) for r in R) == 58, '%d个' % sum(sat_missed(r) for r in R))])
st('全部三级指标中被扣分的共282条。', 'count', [lambda: ok(sum(i['deducted'] for r, i in ALL) == 282, '%d条' % sum(i['deducted'] for r, i in ALL))])
st('实际完成值为“达成指标”的三级指标有456条。', 'count', [
    lambda: ok(sum(i['actual'] == '达成指标' for r, i in ALL) == 456, '%d条' % sum(i['actual'] == '达成指标' for r, i in ALL))])
st('平安办共有6个项目，全部评为优。', 'count', [
    lambda: ok(len(of('平安办')) == 6, '%d个' % len(of('平安办'))),
    lambda: ok(all(r['grade'] == '优' for r in of('平安办')), '')])
st('经发办6个项目全年执行数合计不到600万元。', 'sum_office', [
    lambda: ok(sum(F(r, EXE) for r in of('经发办')) < 600, wan(sum(F(r, EXE) for r in of('经发办'))))])
st('财政所6个项目全年执行数合计超过5亿元。', 'sum_office', [
    lambda: ok(sum(F(r, EXE) for r in of('财政所')) > 50000, wan(sum(F(r, EXE) for r in of('财政所'))))])
st('规建办19个项目全年执行数合计超过1.5亿元。', 'sum_office', [
    lambda: ok(sum(F(r, EXE) for r in of('规建办')) > 15000, '合计' + wan(sum(F(r, EXE) for r in of('规建办'))))])
st('服务经济专项经费执行数占全镇执行总额的两成以上。', 'calc_share', [
    lambda: ok(F(proj('服务经济'), EXE) / sum(F(r, EXE) for r in R) > 0.2, fmt(F(proj('服务经济'), EXE) / sum(F(r, EXE) for r in R) * 100) + '%')])
st('中小企业扶持专项经费执行数是科技企业扶持专项经费的7倍多。', 'calc_ratio', [
    lambda: ok(7 <= F(proj('中小企业扶持'), EXE) / F(proj('科技企业扶持'), EXE) < 8, fmt(F(proj('中小企业扶持'), EXE) / F(proj('科技企业扶持'), EXE)) + '倍')])
st('消防安全专项经费全年预算比年初增长了约64%。', 'calc_growth', [
    lambda: ok(round((F(proj('消防安全专项'), ANN) / F(proj('消防安全专项'), INIT) - 1) * 100) == 64,
               fmt((F(proj('消防安全专项'), ANN) / F(proj('消防安全专项'), INIT) - 1) * 100) + '%')])
st('社发办23个项目平均总分不到92分。', 'avg_office', [
    lambda: ok(sum(r['total_score'] for r in of('社发办')) / 23 < 92, '平均' + fmt(sum(r['total_score'] for r in of('社发办')) / 23) + '分')])
st('党政办11个项目里有两个年初预算为0。', 'count', [
    lambda: ok(sum(F(r, INIT) == 0 for r in of('党政办')) == 2, '只有%d个：' % sum(F(r, INIT) == 0 for r in of('党政办'))
               + '、'.join(r['project'] for r in of('党政办') if F(r, INIT) == 0))])

# --- comparisons
st('组织科-党建工作专项经费执行数比组织科-干部管理专项经费多。', 'compare', [
    lambda: ok(F(proj('党建工作'), EXE) > F(proj('干部管理'), EXE), '党建工作%s，干部管理%s' % (wan(F(proj('党建工作'), EXE)), wan(F(proj('干部管理'), EXE))))])
st('东部智能化项目专项经费和南部智能化项目专项经费总分一样，都是91分。', 'compare', [
    lambda: ok(proj('东部智能化')['total_score'] == proj('南部智能化')['total_score'] == 91, '')])
st('党群中心-社区管理专项经费和社建办-社区管理专项经费总分都是94分，执行数前者更高。', 'compare', [
    lambda: ok(proj('党群中心-社区管理')['total_score'] == proj('社建办-社区管理')['total_score'] == 94, ''),
    lambda: ok(F(proj('党群中心-社区管理'), EXE) > F(proj('社建办-社区管理'), EXE), '')])
st('科技企业扶持专项经费总分比中小企业扶持专项经费高。', 'compare', [
    lambda: ok(proj('科技企业扶持')['total_score'] > proj('中小企业扶持')['total_score'],
               '两者总分相同，均为%s分' % fmt(proj('科技企业扶持')['total_score']))])
st('城运中心3个项目总分都是93分。', 'universal', [
    lambda: ok(all(r['total_score'] == 93 for r in of('城运中心')), '；'.join('%s %s分' % (r['project'], fmt(r['total_score'])) for r in of('城运中心')))])
st('宣传科4个项目满意度指标全都没达标。', 'universal', [
    lambda: ok(all(sat_missed(r) for r in of('宣传科')), '')])

# --- unverifiable
st('桃浦镇2022年消防安全专项经费执行数为120万元。', 'out_of_scope_year', unverifiable=True, note='只有2023年度的表')
st('真如镇片区专项经费总分92分。', 'out_of_scope_town', unverifiable=True, note='另一个镇')
st('环卫保洁公司购买服务专项经费的服务供应商是上海某环境公司。', 'out_of_scope_field', unverifiable=True, note='表中不记录供应商')
st('献血补助专项经费2024年预算将增加到130万元。', 'out_of_scope_future', unverifiable=True)
st('普陀区全区2023年项目支出绩效自评平均分为93分。', 'out_of_scope_district', unverifiable=True)
st('中小企业扶持专项经费扶持的企业中有三成是外资企业。', 'out_of_scope_field', unverifiable=True)

# --- report-draft paragraphs, multi-claim
st('2023年，桃浦镇社发办共实施23个项目，全年执行合计3807.15万元，其中片区专项经费执行673.42万元，总分89分。', 'multi_claim', [
    lambda: ok(len(of('社发办')) == 23, ''),
    lambda: ok(eq(sum(F(r, EXE) for r in of('社发办')), 3807.15), wan(sum(F(r, EXE) for r in of('社发办')))),
    lambda: ok(eq(F(proj('社发办-片区专项经费'), EXE), 673.42), ''),
    lambda: ok(proj('社发办-片区专项经费')['total_score'] == 89, '')])
st('规建办-河（林）长制专项经费年初预算940万元，全年执行757.86万元，总分91分，评为优。', 'multi_claim', [
    lambda: ok(eq(F(proj('河（林）长制'), INIT), 940), ''),
    lambda: ok(eq(F(proj('河（林）长制'), EXE), 757.86), ''),
    lambda: ok(proj('河（林）长制')['total_score'] == 91, ''),
    lambda: ok(proj('河（林）长制')['grade'] == '优', '')])
st('垃圾分类专项经费垃圾分类的质量纯净度为95%，达到目标却被扣了1分；垃圾厢房增长率也达到了5%。', 'multi_claim', [
    lambda: ok(val(ind(proj('垃圾分类'), '垃圾分类的质量纯净度')['actual']) == 95 and ind(proj('垃圾分类'), '垃圾分类的质量纯净度')['met']
               and ind(proj('垃圾分类'), '垃圾分类的质量纯净度')['weight'] - ind(proj('垃圾分类'), '垃圾分类的质量纯净度')['score'] == 1, ''),
    lambda: ok(val(ind(proj('垃圾分类'), '垃圾厢房增长率')['actual']) >= 5, '垃圾厢房增长率实际' + ind(proj('垃圾分类'), '垃圾厢房增长率')['actual'])],
   note='5%是垃圾桶增长率的实际值，不是垃圾厢房增长率')
st('经发办-审计专项经费全年预算7.28万元，仅为年初预算的18.2%。', 'calc_ratio', [
    lambda: ok(eq(F(proj('审计专项'), ANN), 7.28), ''),
    lambda: ok(eq(F(proj('审计专项'), ANN) / F(proj('审计专项'), INIT) * 100, 18.2), '')])
st('平安办-桃浦镇专职消防救援队专项经费年初预算70万元。', 'fund_figure', [
    lambda: ok(eq(F(proj('专职消防救援队'), INIT), 70), '年初预算' + wan(F(proj('专职消防救援队'), INIT)) + '，全年预算' + wan(F(proj('专职消防救援队'), ANN)))],
   note='tricky: 70万元出自目标文字「需经费70万元」，不是预算数')
st('门头规范化建设专项经费完成了42个居民区党群服务站门头规范化建设，受众群体满意度94%，超过了95%的目标。', 'multi_claim', [
    lambda: ok('42家' in proj('门头规范化')['achieved'], ''),
    lambda: ok(val(ind(proj('门头规范化'), '受众群体满意度')['actual']) == 94, ''),
    lambda: ok(ind(proj('门头规范化'), '受众群体满意度')['met'], '94%未达到目标' + ind(proj('门头规范化'), '受众群体满意度')['target'])])
st('固定资产采购与管理专项经费受益群众满意度实际完成8.5%。', 'indicator_actual', [
    lambda: ok(val(ind(proj('固定资产采购'), '受益群众满意度')['actual']) == 8.5, '')], note='oddity: 表上确为8.50(%)')
st('协税办日常专项经费“员工部门获奖情况”得0分。', 'indicator_score', [
    lambda: ok(ind(proj('协税办'), '员工部门获奖情况')['score'] == 0, '')])
st('即知即改专项经费总分92分，评分等级为良。', 'score_grade', [
    lambda: ok(proj('即知即改')['total_score'] == 92, ''),
    lambda: ok(proj('即知即改')['grade'] == '良', '评分等级为' + proj('即知即改')['grade'])])
st('桃浦镇2023年共有105张项目支出绩效自评表。', 'count', [lambda: ok(len(R) == 105, '%d张' % len(R))])
st('社区文化中心专项经费年初预算169.33万元，全年执行144.93万元，实施单位为社区文化事务中心。', 'multi_claim', [
    lambda: ok(eq(F(proj('社区文化中心'), INIT), 169.33), ''),
    lambda: ok(eq(F(proj('社区文化中心'), EXE), 144.93), ''),
    lambda: ok('社区文化事务中心' in proj('社区文化中心')['unit'], '')])
st('规建办-桃浦村专项经费总分90分，动迁群众满意度实际80%，未达到85%的目标。', 'multi_claim', [
    lambda: ok(proj('桃浦村')['total_score'] == 90, ''),
    lambda: ok(val(ind(proj('桃浦村'), '动迁群众满意度')['actual']) == 80, ''),
    lambda: ok(val(ind(proj('桃浦村'), '动迁群众满意度')['target']) == 85 and not ind(proj('桃浦村'), '动迁群众满意度')['met'], '')])
st('党政办-合作交流专项经费年初预算和全年执行都是100万元，总分93分。', 'multi_claim', [
    lambda: ok(eq(F(proj('合作交流'), INIT), 100) and eq(F(proj('合作交流'), EXE), 100), ''),
    lambda: ok(proj('合作交流')['total_score'] == 93, '总分' + fmt(proj('合作交流')['total_score']) + '分')])
st('综合执法队两个项目执行数合计936.84万元。', 'sum_office', [
    lambda: ok(eq(sum(F(r, EXE) for r in of('综合执法队')), 936.84), wan(sum(F(r, EXE) for r in of('综合执法队'))))])
st('司法所-司法行政经费全年预算88.29万元，比年初预算增加5.29万元。', 'calc_change', [
    lambda: ok(eq(F(proj('司法行政'), ANN), 88.29), ''),
    lambda: ok(eq(F(proj('司法行政'), ANN) - F(proj('司法行政'), INIT), 5.29), '增加' + wan(F(proj('司法行政'), ANN) - F(proj('司法行政'), INIT)))])
st('团委-群团改革专项经费活动参与者满意度83%，超过了85%的目标。', 'target_vs_actual', [
    lambda: ok(val(ind(proj('群团改革'), '活动参与者满意度')['actual']) == 83, ''),
    lambda: ok(ind(proj('群团改革'), '活动参与者满意度')['met'], '83%未达到目标' + ind(proj('群团改革'), '活动参与者满意度')['target'])])
st('综合执法队-桃浦镇拆违经费受益居民满意度90%，超过85%的目标。', 'target_vs_actual', [
    lambda: ok(val(ind(proj('拆违'), '受益居民满意度')['actual']) == 90, ''),
    lambda: ok(ind(proj('拆违'), '受益居民满意度')['met'] and val(ind(proj('拆违'), '受益居民满意度')['target']) == 85, '')])
st('平安办-基层综治及国家安全经费设了22条三级指标，是指标最多的项目。', 'superlative', [
    lambda: ok(len(proj('基层综治')['indicators']) == 22, ''),
    lambda: ok(argmax(R, lambda r: len(r['indicators'])) == [proj('基层综治')['project']], '')])
st('党政办-应急专项经费只设了5条三级指标，全镇再没有第二个项目指标这么少。', 'superlative', [
    lambda: ok(len(proj('应急专项')['indicators']) == 5, ''),
    lambda: ok(argmin(R, lambda r: len(r['indicators'])) == [proj('应急专项')['project']],
               '并列最少（5条）：' + '、'.join(argmin(R, lambda r: len(r['indicators']))))],
   note='tricky: 并列——门头规范化项目也只有5条')


# --- more statements
st('中小企业扶持专项经费全年预算约2.87亿元，比年初预算3亿元减少了1334.13万元。', 'multi_claim', [
    lambda: ok(round(F(proj('中小企业扶持'), ANN) / 10000, 2) == 2.87, wan(F(proj('中小企业扶持'), ANN))),
    lambda: ok(eq(F(proj('中小企业扶持'), INIT), 30000), ''),
    lambda: ok(eq(F(proj('中小企业扶持'), INIT) - F(proj('中小企业扶持'), ANN), 1334.13), '')])
st('消防实事项目经费全年执行278600元。', 'fund_unit', [
    lambda: ok(eq(F(proj('消防实事'), EXE) * 10000, 278600), wan(F(proj('消防实事'), EXE)))], note='元换算')
st('城运中心-案件发现及处置费全年执行2871.9万元。', 'fund_figure', [
    lambda: ok(eq(F(proj('案件发现'), EXE), 2871.9), wan(F(proj('案件发现'), EXE)))], note='小数点错位')
st('规建办-东部片区改造专项经费全年执行1120万元。', 'fund_figure', [
    lambda: ok(eq(F(proj('东部片区改造'), EXE), 1120), '全年执行' + wan(F(proj('东部片区改造'), EXE)) + '（1120万元是年初预算）')],
   note='tricky: 年初预算冒充执行数')
st('社发办-就业援助成本补贴总分92分。', 'score_grade', [
    lambda: ok(proj('就业援助')['total_score'] == 92, fmt(proj('就业援助')['total_score']) + '分')])
st('评分等级为良的项目共有5个。', 'count', [lambda: ok(sum(r['grade'] == '良' for r in R) == 5, '%d个' % sum(r['grade'] == '良' for r in R))])
st('经发办-第五次经济普查专项经费全年预算216.25万元。', 'fund_figure', [
    lambda: ok(eq(F(proj('第五次经济普查'), ANN), 216.25), '全年预算' + wan(F(proj('第五次经济普查'), ANN)) + '（216.25万元是年初预算）')],
   note='tricky: 年初与全年混淆')
st('社区便民巴士补贴全年预算比年初增加了35万元，增长35%。', 'calc_growth', [
    lambda: ok(eq(F(proj('便民巴士'), ANN) - F(proj('便民巴士'), INIT), 35), ''),
    lambda: ok(eq((F(proj('便民巴士'), ANN) / F(proj('便民巴士'), INIT) - 1) * 100, 35), '')])
st('党群中心共有4个项目。', 'count', [lambda: ok(len(of('党群中心')) == 4, '%d个（含名称用长破折号的门头规范化项目）' % len(of('党群中心')))],
   note='tricky: 长破折号')
st('平安办共有10个项目。', 'count', [lambda: ok(len(of('平安办')) == 10, '%d个（10个是实施单位为平安建设办公室的项目数）' % len(of('平安办')))],
   note='tricky: 科室与实施单位混淆')
st('满意度未达标的项目中，规建办的最多。', 'superlative', [
    lambda: (lambda c: ok(max(c.values()) == c['规建办'] and list(c.values()).count(c['规建办']) == 1, str(c)))(
        collections.Counter(office(r['project']) for r in R if sat_missed(r)))])
st('全镇有5个项目年初预算为0。', 'count', [lambda: ok(sum(F(r, INIT) == 0 for r in R) == 5, '%d个' % sum(F(r, INIT) == 0 for r in R))])
st('平安办-社区智能安防经费受益小区居民满意度80%，达到了85%的目标。', 'target_vs_actual', [
    lambda: ok(val(ind(proj('社区智能安防'), '受益小区居民满意度')['actual']) == 80, ''),
    lambda: ok(ind(proj('社区智能安防'), '受益小区居民满意度')['met'], '80%未达到目标' + ind(proj('社区智能安防'), '受益小区居民满意度')['target'])])
st('城运中心-运营经费全年预算大幅调减，是因为部分维护项目被取消。', 'out_of_scope_reason', unverifiable=True,
   note='表中不记录预算调整原因')
st('桃浦镇2023年全部项目中，有100个评为优、4个评为良，没有中和差。', 'multi_claim', [
    lambda: ok(sum(r['grade'] == '优' for r in R) == 100, ''),
    lambda: ok(sum(r['grade'] == '良' for r in R) == 4, ''),
    lambda: ok(not any(r['grade'] in ('中', '差') for r in R), '')])
st('妇联-妇女儿童专项经费妇女儿童工作满意度85%，未达到90%的目标，扣了3分。', 'target_vs_actual', [
    lambda: ok(val(ind(proj('妇女儿童'), '妇女儿童工作满意度')['actual']) == 85, ''),
    lambda: ok(not ind(proj('妇女儿童'), '妇女儿童工作满意度')['met'] and val(ind(proj('妇女儿童'), '妇女儿童工作满意度')['target']) == 90, ''),
    lambda: ok(ind(proj('妇女儿童'), '妇女儿童工作满意度')['weight'] - ind(proj('妇女儿童'), '妇女儿童工作满意度')['score'] == 3, '')])
st('受理中心-受理服务专项经费年接待群众办理量18万次，远超8万次的目标。', 'target_vs_actual', [
    lambda: ok(val(ind(proj('受理服务'), '中心年接待群众办理量')['actual']) == 180000, ''),
    lambda: ok(val(ind(proj('受理服务'), '中心年接待群众办理量')['target']) == 80000 and ind(proj('受理服务'), '中心年接待群众办理量')['met'], '')])
st('社建办-社区管理专项经费培训次数实际完成1000人次。', 'indicator_actual', [
    lambda: ok(val(ind(proj('社建办-社区管理'), '培训次数')['actual']) == 1000, '实际' + ind(proj('社建办-社区管理'), '培训次数')['actual'] + '（目标≥1000人次）')],
   note='tricky: 目标值冒充实际值')
st('总分98分及以上的项目中，除了党群中心-居委会选举专项经费，其余都由桃浦镇平安建设办公室实施。', 'universal', [
    lambda: ok(all(r['unit'] == '桃浦镇平安建设办公室' for r in R if r['total_score'] >= 98 and r['project'] != proj('居委会选举')['project'])
               and proj('居委会选举')['total_score'] >= 98, '')])

# ---------------------------------------------------------------- write
def main():
    with open(os.path.join(HERE, 'questions.jsonl'), 'w', encoding='utf-8') as f:
        for d in Q:
            f.write(json.dumps(d, ensure_ascii=False) + '\n')
    with open(os.path.join(HERE, 'statements.jsonl'), 'w', encoding='utf-8') as f:
        for d in S:
            f.write(json.dumps(d, ensure_ascii=False) + '\n')
    print('questions:', len(Q))
    for k, n in sorted(collections.Counter(d['kind'] for d in Q).items(), key=lambda x: -x[1]):
        print('  kind %-11s %d' % (k, n))
    print('  with context:', sum('context' in d for d in Q),
          '| tricky-noted:', sum('tricky' in d.get('note', '') for d in Q))
    print('  intent families (prefix of intent):')
    for k, n in sorted(collections.Counter(d['intent'].split('_')[0] for d in Q).items(), key=lambda x: (-x[1], x[0])):
        print('    %-12s %d' % (k, n))
    print('  intents:')
    for k, n in sorted(collections.Counter(d['intent'] for d in Q).items(), key=lambda x: (-x[1], x[0])):
        print('    %-34s %d' % (k, n))
    print('statements:', len(S))
    for k, n in collections.Counter(d['verdict'] for d in S).most_common():
        print('  verdict %-6s %d' % (k, n))
    for k, n in sorted(collections.Counter(d['type'] for d in S).items(), key=lambda x: (-x[1], x[0])):
        print('    type %-24s %d' % (k, n))

if __name__ == '__main__':
    main()
