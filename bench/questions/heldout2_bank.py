#!/usr/bin/env python3
"""Second held-out bank for 绩效问答.

Parses the raw forms file on its own (no code from the assistant is used) and
computes every expected answer from the parsed records. Question / statement
wording is hand-written here; every value, list, count and verdict is computed.

Run:  python3 heldout2_bank.py   -> writes heldout2.jsonl and statements_heldout2.jsonl
"""
import json, re, os, sys
from collections import defaultdict, Counter
from decimal import Decimal, ROUND_HALF_UP

RAW = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'data', '000_ce9e36a26cba1e6e.txt')
OUT = os.path.dirname(os.path.abspath(__file__))

# ----------------------------------------------------------------------------
# parser
# ----------------------------------------------------------------------------
L1 = {'产出指标', '效益指标', '满意度指标'}
L2 = {'数量指标', '质量指标', '时效指标', '成本指标', '社会效益指标', '经济效益指标',
      '生态效益指标', '可持续影响指标', '服务对象满意度指标'}
NUM = re.compile(r'^-?\d+(?:\.\d+)?$')


def norm(c):
    c = c.strip()
    c = re.sub(r'(\d)\.\s+(\d)', r'\1.\2', c)          # "142. 81" -> "142.81"
    c = re.sub(r'(\d)\s+\(', r'\1(', c)                  # "100 (%)" -> "100(%)"
    if re.fullmatch(r'-?\d{1,3}(,\d{3})+(\.\d+)?', c):   # "17,598.00"
        c = c.replace(',', '')
    return c


def nonempty(cs):
    return [c for c in cs if c and not re.fullmatch(r'-{3,}', c)]


def parse_form(lines, s, e):
    f = {'line': s + 1, 'indicators': []}
    f['project'] = nonempty([norm(c) for c in lines[s].split('\t')])[1]
    state = None
    cur1 = cur2 = None
    for i in range(s, e):
        ne = nonempty([norm(c) for c in lines[i].split('\t')])
        if not ne:
            continue
        h = ne[0]
        if h == '主管部门':
            f['dept'] = ne[1]
            f['unit'] = ne[ne.index('实施单位') + 1]
        elif any(k in ne for k in ('年度资金总额', '其中：当年财政拨款', '上年结转资金', '其他资金')):
            lab = [c for c in ne if not NUM.match(c) and c != '-'][0]
            vals = [None if x == '-' else Decimal(x) for x in ne if NUM.match(x) or x == '-']
            key = {'年度资金总额': 'total', '其中：当年财政拨款': 'approp',
                   '上年结转资金': 'carry', '其他资金': 'other'}[lab]
            f[key] = dict(zip(['init', 'annual', 'exec', 'weight', 'rate', 'score'], vals))
        elif h.replace(' ', '') == '年度总体目标':
            state = 'goal'
        elif state == 'goal' and h != '一级指标':
            f['goal'], f['achieved'] = ne[0], ne[1]
        elif h == '一级指标':
            state = 'ind'
        elif h == '总分':
            f['total_weight'], f['total_score'] = Decimal(ne[1]), Decimal(ne[2])
            state = None
        elif h == '评分等级':
            f['grade'] = ne[1]
            break
        elif state == 'ind':
            x = list(ne)
            l1 = l2 = None
            if x[0] in L1:
                l1 = x.pop(0)
            if x[0] in L2 and len(x) >= 6:
                l2 = x.pop(0)
            if l1:
                cur1 = l1
            if l2:
                cur2 = l2
                if not l1:
                    cur1 = ('效益指标' if ('效益' in l2 or '可持续' in l2) else
                            '满意度指标' if '满意度' in l2 else '产出指标')
            wi = next(j for j in range(2, len(x) - 1) if NUM.match(x[j]) and NUM.match(x[j + 1]))
            assert wi == 3, (i + 1, x)
            f['indicators'].append({
                'l1': cur1, 'l2': cur2, 'name': x[0], 'target': x[1], 'actual': x[2],
                'weight': Decimal(x[3]), 'score': Decimal(x[4]),
                'reason': '；'.join(x[5:]), 'line': i + 1})
    return f


def load():
    lines = open(RAW, encoding='utf-8').read().split('\n')
    starts = [i for i, l in enumerate(lines) if l.split('\t')[0].strip() == '项目名称']
    forms = [parse_form(lines, s, starts[k + 1] if k + 1 < len(starts) else len(lines))
             for k, s in enumerate(starts)]
    # self-checks of the parse
    assert len(forms) == 104
    for f in forms:
        ws = sum(x['weight'] for x in f['indicators']) + f['total']['weight']
        ss = sum(x['score'] for x in f['indicators']) + f['total']['score']
        assert ws == f['total_weight'] and ss == f['total_score'], f['project']
    return forms


FORMS = load()
BY = {f['project']: f for f in FORMS}
NAMES = [f['project'] for f in FORMS]
IND = [(f, x) for f in FORMS for x in f['indicators']]

# ----------------------------------------------------------------------------
# helpers
# ----------------------------------------------------------------------------
def P(key):
    """the one project whose name contains key (or equals it)"""
    if key in BY:
        return BY[key]
    m = [n for n in NAMES if key in n]
    assert len(m) == 1, (key, m)
    return BY[m[0]]


def office(f):
    m = re.match(r'^(.+?)[-—]', f['project'])
    return m.group(1) if m else None


OFF = defaultdict(list)
for _f in FORMS:
    if office(_f):
        OFF[office(_f)].append(_f)


def init(f): return f['total']['init']
def annual(f): return f['total']['annual']
def exe(f): return f['total']['exec']
def score(f): return f['total_score']


def r2(v):
    return float(Decimal(v).quantize(Decimal('0.01'), ROUND_HALF_UP))


def num(v):
    v = Decimal(v)
    return float(v)


QTY = re.compile(r'^([≥≤=><]?)\s*(-?\d+(?:\.\d+)?)\s*\(([^)]*)\)$')
PCT = {'%', '百分比', '百分号'}


def qty(s):
    m = QTY.match(s)
    if not m:
        return None
    op, v, u = m.groups()
    return op, Decimal(v), ('%' if u in PCT else u)


def met(x):
    """actual reaches target, judged by the values (not by the score)"""
    a = x['actual']
    if a == '达成指标':
        return True
    if a in ('部分达成指标并具有一定效果', '未达成指标且效果较差'):
        return False
    t, q = qty(x['target']), qty(a)
    assert t and q, (x['target'], a)
    op, tv, _ = t
    av = q[1]
    return {'≥': av >= tv, '': av >= tv, '>': av > tv, '≤': av <= tv, '<': av < tv, '=': av == tv}[op]


def ded(x): return x['score'] < x['weight']
def dedamt(x): return x['weight'] - x['score']
def sat(x): return x['l1'] == '满意度指标'
def nded(f): return sum(1 for x in f['indicators'] if ded(x))
def sat_missed(f): return any(sat(x) and not met(x) for x in f['indicators'])
def sat_all_met(f):
    s = [x for x in f['indicators'] if sat(x)]
    return bool(s) and all(met(x) for x in s)


def ranked(fs, key, reverse=True):
    return [f['project'] for f in sorted(fs, key=key, reverse=reverse)]


def strict_top(fs, key, n, reverse=True):
    """top n, asserting no tie at the cut or inside (so order is well defined)"""
    s = sorted(fs, key=key, reverse=reverse)
    vals = [key(f) for f in s[:n + 1]]
    assert len(set(vals[:n])) == n and (len(vals) <= n or vals[n] != vals[n - 1]), vals
    return [f['project'] for f in s[:n]]


def argmax_set(fs, key, reverse=True):
    vals = [key(f) for f in fs]
    best = max(vals) if reverse else min(vals)
    return sorted(f['project'] for f in fs if key(f) == best)


def has(text, kws):
    for k in kws:
        assert k in text, (k, text[:200])
    return kws


def ind_of(proj, name):
    f = P(proj)
    m = [x for x in f['indicators'] if x['name'] == name]
    assert len(m) == 1, (proj, name, len(m))
    return m[0]


def ipairs(pairs):
    return [[f['project'], x['name']] for f, x in pairs]


# ----------------------------------------------------------------------------
# questions
# ----------------------------------------------------------------------------
QUESTIONS = []


def q(question, kind, answer, intent, unit=None, note=None):
    if kind == 'set':
        answer = sorted(answer)
        assert len(answer) == len(set(answer))
    if kind == 'indicators':
        answer = sorted(answer)
    if kind in ('set', 'indicators', 'ordered', 'clarify', 'text'):
        assert answer, question
    d = {'id': 'g%03d' % (len(QUESTIONS) + 1), 'question': question, 'intent': intent,
         'kind': kind, 'answer': answer}
    if unit is not None:
        d['unit'] = unit
    if note:
        d['note'] = note
    QUESTIONS.append(d)


F = FORMS
# ---------------- set: project filters ----------------
q('年初预算在100万到200万之间（含100万和200万）的项目有哪些？', 'set',
  [f['project'] for f in F if 100 <= init(f) <= 200], 'list_fund_range')
q('哪些项目全年预算比年初预算增加了一半以上？年初预算是0的不算。', 'set',
  [f['project'] for f in F if init(f) > 0 and (annual(f) - init(f)) / init(f) > Decimal('0.5')],
  'list_fund_growth')
q('总分 96分及以上 的项目列一下', 'set', [f['project'] for f in F if score(f) >= 96], 'list_score')
q('除了规建办以外，还有哪些项目总分只有90分？', 'set',
  [f['project'] for f in F if score(f) == 90 and office(f) != '规建办'], 'list_score_excluding')
q('实施单位里带“社区党群服务中心”字样的项目有哪些', 'set',
  [f['project'] for f in F if '社区党群服务中心' in f['unit']], 'list_unit_keyword',
  note='tricky: 含两个莲花公寓项目（名称无科室前缀，实施单位为社区党群服务中心（社区管理））')
q('党政办哪些项目时效指标被扣分了？', 'set',
  [f['project'] for f in OFF['党政办'] if any(x['l2'] == '时效指标' and ded(x) for x in f['indicators'])],
  'list_office_level2_deducted')
q('经济效益指标扣了分的项目有哪些', 'set',
  [f['project'] for f in F if any(x['l2'] == '经济效益指标' and ded(x) for x in f['indicators'])],
  'list_level2_deducted', note='规建办-北部片区建设的「对项目区域内生态平衡起到良性循环」挂在经济效益指标下')
q('设置了成本指标的项目有几个？分别是哪些', 'set',
  [f['project'] for f in F if any(x['l2'] == '成本指标' for x in f['indicators'])], 'list_has_level2',
  note='oddity: 中小企业扶持「扶持发放及时性」、协税办「工资发放及时性」被填在成本指标下')
q('有三级指标被评为“未达成指标且效果较差”的项目都是哪些？', 'set',
  sorted({f['project'] for f, x in IND if x['actual'] == '未达成指标且效果较差'}), 'list_status_project')
q('满意度指标目标写的是“≥某个值”、实际完成值正好卡在这个值上的项目有哪些', 'set',
  sorted({f['project'] for f, x in IND if sat(x) and qty(x['target']) and qty(x['target'])[0] == '≥'
          and qty(x['actual']) and qty(x['actual'])[1] == qty(x['target'])[1]}), 'list_sat_exact_target')
q('扣分指标条数最多的是哪个项目？如果并列都列出来', 'set', argmax_set(F, nded), 'max_deducted_count',
  note='tricky: 5个项目并列，各有5条扣分指标')
q('规建办哪些项目全年预算比年初多了', 'set',
  [f['project'] for f in OFF['规建办'] if annual(f) > init(f)], 'list_office_fund_up')
q('规建办总分最高的项目是哪个', 'set', argmax_set(OFF['规建办'], score), 'max_office_score',
  note='tricky: 两个项目并列95分')
q('总分最低的三个项目是哪三个', 'set', [f['project'] for f in sorted(F, key=score)[:3]], 'bottom_n_score',
  note='86、88、88；第3名并列但恰好3个')
q('年初预算最少的项目是哪个？', 'set', argmax_set(F, init, reverse=False), 'min_fund_init',
  note='tricky: 6个项目年初预算均为0，并列')
q('满意度指标被扣了分，可实际完成值其实已经达到目标的，是哪些项目？', 'set',
  sorted({f['project'] for f, x in IND if sat(x) and ded(x) and met(x)}), 'list_audit_sat',
  note='只看一级指标为满意度指标的；防台防汛的群众满意度挂在效益指标下，不算')
q('偏差原因里提到“老年人”的项目', 'set',
  sorted({f['project'] for f, x in IND if '老年人' in x['reason']}), 'list_reason_keyword')
q('党群中心里满意度指标全部达标的项目', 'set',
  [f['project'] for f in OFF['党群中心'] if sat_all_met(f)], 'list_office_sat_met')
q('项目名称里带“养老”两个字的有哪些', 'set', [n for n in NAMES if '养老' in n], 'list_name_keyword')
q('名字里有“消防”的项目', 'set', [n for n in NAMES if '消防' in n], 'list_name_keyword')
avg_sf = sum(score(f) for f in OFF['社发办']) / len(OFF['社发办'])
q('社发办里总分高于社发办平均分的项目有哪些', 'set',
  [f['project'] for f in OFF['社发办'] if score(f) > avg_sf], 'list_above_office_avg')
avg_exec = sum(exe(f) for f in F) / len(F)
q('执行数高于全镇平均水平的项目有哪些？', 'set', [f['project'] for f in F if exe(f) > avg_exec],
  'list_above_avg', note='全镇平均执行数约728.02万元')
q('请列示评分等级为“优”但总分低于91分的全部项目。', 'set',
  [f['project'] for f in F if f['grade'] == '优' and score(f) < 91], 'list_grade_score')
q('数量指标里，实际完成值达到目标值两倍及以上的是哪些项目？', 'set',
  sorted({f['project'] for f, x in IND if x['l2'] == '数量指标' and qty(x['target']) and qty(x['actual'])
          and qty(x['target'])[0] in ('≥', '>') and qty(x['target'])[1] > 0
          and qty(x['actual'])[1] >= 2 * qty(x['target'])[1]}), 'list_indicator_ratio')
q('全年预算比年初调减了20%到50%（含）的项目有哪些', 'set',
  [f['project'] for f in F if init(f) > 0 and Decimal('0.2') <= (init(f) - annual(f)) / init(f) <= Decimal('0.5')],
  'list_fund_cut_rate')
q('年初预算超过500万元的项目中，总分在95分以上（含95）的有哪些', 'set',
  [f['project'] for f in F if init(f) > 500 and score(f) >= 95], 'list_two_conditions')
q('组织科和纪委的项目里，哪些总分是94分', 'set',
  [f['project'] for f in OFF['组织科'] + OFF['纪委'] if score(f) == 94], 'list_two_offices_score')
q('满意度实际完成值达到１００％的项目有哪些', 'set',
  sorted({f['project'] for f, x in IND if sat(x) and qty(x['actual']) and qty(x['actual'])[2] == '%'
          and qty(x['actual'])[1] == 100}), 'list_indicator_value')
q('规建办里，生态效益指标一分没扣的项目（要设了生态效益指标的）', 'set',
  [f['project'] for f in OFF['规建办'] if any(x['l2'] == '生态效益指标' for x in f['indicators'])
   and not any(x['l2'] == '生态效益指标' and ded(x) for x in f['indicators'])], 'list_office_level2_full')
q('综合执法队和城运中心的项目里，满意度没达标的是哪些？', 'set',
  [f['project'] for f in OFF['综合执法队'] + OFF['城运中心'] if sat_missed(f)], 'list_two_offices_sat',
  note='城运中心的两个「12345市民服务热线满意度」实际填的是「部分达成指标」')
q('总分带小数点、不是整数的项目有哪些', 'set',
  [f['project'] for f in F if score(f) != score(f).to_integral_value()], 'list_score_fraction')
q('年初预算和全年预算都在１０００万元以上的项目', 'set',
  [f['project'] for f in F if init(f) > 1000 and annual(f) > 1000], 'list_two_conditions')
q('经发办里哪个项目满意度指标扣分最多', 'set',
  argmax_set(OFF['经发办'], lambda f: sum(dedamt(x) for x in f['indicators'] if sat(x))), 'max_office_sat_deduction',
  note='tricky: 两个项目并列各扣5分')
q('实施单位是“桃浦镇平安建设办公室”，但名字不是“平安办”开头的项目有哪些', 'set',
  [f['project'] for f in F if f['unit'] == '桃浦镇平安建设办公室' and office(f) != '平安办'], 'list_unit_not_office')
q('三级指标只有7条或更少、而且总分在95以上（含）的项目', 'set',
  [f['project'] for f in F if len(f['indicators']) <= 7 and score(f) >= 95], 'list_two_conditions')

# ---------------- indicators ----------------
def I(pred):
    return ipairs([(f, x) for f, x in IND if pred(f, x)])


q('规建办-桃浦村专项经费有哪些指标扣分了', 'indicators',
  I(lambda f, x: f is P('规建办-桃浦村专项经费') and ded(x)), 'indicator_project_deducted')
q('单条指标扣分在5分以上（含5分）的有哪些，列出项目和指标', 'indicators',
  I(lambda f, x: dedamt(x) >= 5), 'indicator_deduction_threshold')
q('实际完成值是0、但是没扣分的指标都有哪些', 'indicators',
  I(lambda f, x: qty(x['actual']) is not None and qty(x['actual'])[1] == 0 and not ded(x)), 'indicator_zero_actual',
  note='多为「=0」控制类指标（投诉数、故障数），外加分值为0的「形成定向调研报告」')
q('满意度实际完成值比目标值低了10个百分点及以上的指标有哪些？', 'indicators',
  I(lambda f, x: sat(x) and qty(x['target']) and qty(x['actual']) and qty(x['target'])[2] == '%'
    and qty(x['target'])[1] - qty(x['actual'])[1] >= 10), 'indicator_sat_gap')
q('经发办所有扣分的三级指标列一下', 'indicators',
  I(lambda f, x: office(f) == '经发办' and ded(x)), 'indicator_office_deducted')
q('规建办时效指标里实际完成写“部分达成”的有哪些', 'indicators',
  I(lambda f, x: office(f) == '规建办' and x['l2'] == '时效指标' and x['actual'] == '部分达成指标并具有一定效果'),
  'indicator_office_level2_status')
q('成本指标一共就几条吧？分别是哪个项目的什么指标', 'indicators',
  I(lambda f, x: x['l2'] == '成本指标'), 'indicator_level2_list')
q('烦请核对：年度指标值以“≤”设定上限的三级指标有哪些？', 'indicators',
  I(lambda f, x: x['target'].startswith('≤')), 'indicator_target_op')
q('分值最高的三级指标是哪条（哪几条）', 'indicators',
  I(lambda f, x: x['weight'] == max(y['weight'] for _, y in IND)), 'indicator_max_weight',
  note='tricky: 两条并列30分')
q('纪委那个项目被扣分的指标', 'indicators',
  I(lambda f, x: office(f) == '纪委' and ded(x)), 'indicator_office_deducted')
q('单位是“场”的指标里，实际完成超过了目标值的有哪些？', 'indicators',
  I(lambda f, x: qty(x['target']) and qty(x['target'])[2] == '场' and qty(x['actual'])[1] > qty(x['target'])[1]),
  'indicator_unit_exceed')
q('社发办效益指标里，一条扣了4分及以上的', 'indicators',
  I(lambda f, x: office(f) == '社发办' and x['l1'] == '效益指标' and dedamt(x) >= 4), 'indicator_office_level1_deduction')
q('经济效益指标中实际完成值是“部分达成”的', 'indicators',
  I(lambda f, x: x['l2'] == '经济效益指标' and x['actual'] == '部分达成指标并具有一定效果'), 'indicator_level2_status')
q('平安办哪些项目的“档案管理规范性”被扣了分？列出指标', 'indicators',
  I(lambda f, x: office(f) == '平安办' and x['name'] == '档案管理规范性' and ded(x)), 'indicator_office_name_deducted')
q('团委-群团改革专项经费里没达到目标的指标有哪些', 'indicators',
  I(lambda f, x: f is P('团委-群团改革') and not met(x)), 'indicator_project_missed',
  note='「活动人员参加率」目标>100%、实际101%，算达到')
q('一级指标是满意度、但实际完成值写的是“部分达成指标并具有一定效果”的指标', 'indicators',
  I(lambda f, x: sat(x) and x['actual'] == '部分达成指标并具有一定效果'), 'indicator_sat_status')

# ---------------- count ----------------
q('实施单位写的是“上海市普陀区桃浦镇财政所”的项目有几个', 'count',
  sum(1 for f in F if f['unit'] == '上海市普陀区桃浦镇财政所'), 'count_unit',
  note='tricky/oddity: 财政所6个项目中有2个写作「桃浦镇财政所」')
q('规建办 总分≥95 几个', 'count', sum(1 for f in OFF['规建办'] if score(f) >= 95), 'count_office_score')
q('只有一个项目的科室有几个？（无科室前缀的不算）', 'count', sum(1 for o, v in OFF.items() if len(v) == 1),
  'count_offices_single')
q('社发办一共设了多少条三级指标', 'count', sum(len(f['indicators']) for f in OFF['社发办']), 'count_office_indicators')
q('满意度指标实际完成值正好是100%的有多少条', 'count',
  sum(1 for f, x in IND if sat(x) and qty(x['actual']) and qty(x['actual'])[2] == '%' and qty(x['actual'])[1] == 100),
  'count_indicator_value')
q('全年预算比年初调减了的项目有几个', 'count', sum(1 for f in F if annual(f) < init(f)), 'count_fund_cut')
q('全年预算比年初调增的项目一共多少个？', 'count', sum(1 for f in F if annual(f) > init(f)), 'count_fund_up',
  note='含年初为0的6个')
q('“偏差原因分析及改进措施”一栏有填写内容的指标一共多少条', 'count', sum(1 for f, x in IND if x['reason']),
  'count_reason_filled')
q('执行数500万元及以上的项目有几个', 'count', sum(1 for f in F if exe(f) >= 500), 'count_fund_threshold')
q('满意度指标的目标值定在90%的有多少条（≥90%、>90%都算）', 'count',
  sum(1 for f, x in IND if sat(x) and qty(x['target']) and qty(x['target'])[2] == '%' and qty(x['target'])[1] == 90),
  'count_target_value')
q('这批表里“实施单位”一栏一共出现了多少种不同的写法？', 'count', len({f['unit'] for f in F}), 'count_units',
  note='按字面写法计数；财政所有「桃浦镇财政所」「上海市普陀区桃浦镇财政所」两种写法，社区党群服务中心带三种括号后缀')
q('评分等级为“差”的项目有几个？', 'count', sum(1 for f in F if f['grade'] == '差'), 'count_grade', note='答案为0')
q('宣传科四个项目里，实际完成值写“部分达成指标并具有一定效果”的指标有几条', 'count',
  sum(1 for f in OFF['宣传科'] for x in f['indicators'] if x['actual'] == '部分达成指标并具有一定效果'),
  'count_office_status', note='tricky: 宣传科的指标都是数值型，答案为0')
q('每条三级指标都拿了满分的项目有几个', 'count', sum(1 for f in F if nded(f) == 0), 'count_no_deduction',
  note='答案为0：每个项目至少扣了1条')
q('社发办效益指标被扣分的一共多少条', 'count',
  sum(1 for f in OFF['社发办'] for x in f['indicators'] if x['l1'] == '效益指标' and ded(x)), 'count_office_level1_deducted')
q('年初预算不到50万元的项目有几个（年初为0的也算）', 'count', sum(1 for f in F if init(f) < 50), 'count_fund_threshold')
q('党政办满意度没达标的项目有几个', 'count', sum(1 for f in OFF['党政办'] if sat_missed(f)), 'count_office_sat_missed',
  note='oddity: 仅固定资产采购与管理，其「受益群众满意度」表上为8.50(%)、目标≥9.00(%)')
q('时效指标被扣分的有多少条？', 'count', sum(1 for f, x in IND if x['l2'] == '时效指标' and ded(x)), 'count_level2_deducted')
q('社发办和规建办合起来，总分低于92分的项目有几个', 'count',
  sum(1 for f in OFF['社发办'] + OFF['规建办'] if score(f) < 92), 'count_two_offices_score')
q('总分在93分到95分之间（含两端）的项目有几个？', 'count', sum(1 for f in F if 93 <= score(f) <= 95), 'count_score_range')
q('北部片区建设专项经费一共设了几条三级指标', 'count', len(P('北部片区建设')['indicators']), 'count_project_indicators',
  note='含重复出现的「产品或服务数量完成率」两条')
q('生态效益指标一共多少条，其中被扣分的有几条？只要被扣分的条数', 'count',
  sum(1 for f, x in IND if x['l2'] == '生态效益指标' and ded(x)), 'count_level2_deducted')

# ---------------- number ----------------
q('社区便民巴士补贴全年预算是多少元？', 'number', num(annual(P('社区便民巴士补贴')) * 10000), 'lookup_fund_unit', '元')
q('环卫保洁公司购买服务专项经费执行数折合多少亿元', 'number', r2(exe(P('环卫保洁')) / 10000), 'lookup_fund_unit', '亿元',
  note='精确值0.41亿元')
q('平安办-综合整治工作经费全年预算比年初减少了多少万', 'number',
  r2(init(P('综合整治工作经费')) - annual(P('综合整治工作经费'))), 'calc_change', '万元')
q('社发办 全部项目 年初预算合计多少万元？', 'number', r2(sum(init(f) for f in OFF['社发办'])), 'sum_office', '万元')
q('平安办六个项目全年预算加起来多少', 'number', r2(sum(annual(f) for f in OFF['平安办'])), 'sum_office', '万元')
q('评为良的那几个项目，年初预算合计多少？', 'number', r2(sum(init(f) for f in F if f['grade'] == '良')),
  'sum_grade', '万元')
q('全镇104个项目平均每个执行了多少万元', 'number', r2(avg_exec), 'avg_all_fund', '万元')
q('党群中心几个项目平均总分多少？？', 'number', r2(sum(score(f) for f in OFF['党群中心']) / len(OFF['党群中心'])),
  'avg_office_score', '分')
q('宣传科平均每个项目执行多少', 'number', r2(sum(exe(f) for f in OFF['宣传科']) / len(OFF['宣传科'])),
  'avg_office_fund', '万元')
q('党政办执行数最高的那个项目执行了多少', 'number', r2(max(exe(f) for f in OFF['党政办'])), 'max_office_fund', '万元')
q('社区智能安防经费全年预算比年初增长了百分之几？', 'number',
  r2((annual(P('社区智能安防')) - init(P('社区智能安防'))) / init(P('社区智能安防')) * 100), 'calc_growth', '%')
q('社发办全年执行数占全镇执行总额的百分比', 'number',
  r2(sum(exe(f) for f in OFF['社发办']) / sum(exe(f) for f in F) * 100), 'calc_share_office', '%')
q('环卫保洁的执行数是小区综合改造的多少倍,保留两位小数', 'number', r2(exe(P('环卫保洁')) / exe(P('小区综合改造'))), 'calc_ratio', '倍')
q('武装专项经费比工会工作专项经费总分高多少分', 'number', r2(score(P('武装专项经费')) - score(P('工会工作专项经费'))),
  'calc_diff_score', '分')
tot_scores = sorted(score(f) for f in F)
q('全镇项目总分的中位数是多少', 'number', r2((tot_scores[51] + tot_scores[52]) / 2), 'median_score', '分')
q('党群中心五个项目的三级指标一共被扣了多少分', 'number',
  r2(sum(dedamt(x) for f in OFF['党群中心'] for x in f['indicators'])), 'sum_office_deduction', '分')
q('社区学校专项经费实际开设了多少个教学班？', 'number',
  num(qty(ind_of('社区学校', '开设教学班')['actual'])[1]), 'lookup_indicator', '个', note='目标≥60个，实际66个')
q('敬老月系列活动实际开展了几场', 'number', num(qty(ind_of('敬老节活动', '敬老月系列活动开展场次')['actual'])[1]),
  'lookup_indicator', '场')
q('计划生育专项经费伤残家庭重大节日关爱慰问实际慰问了多少户', 'number',
  num(qty(ind_of('计划生育', '伤残家庭重大节日关爱慰问')['actual'])[1]), 'lookup_indicator', '户')
q('优化营商环境专项经费“政策申报次数”年初定的目标是多少次', 'number',
  num(qty(ind_of('优化营商环境', '政策申报次数')['target'])[1]), 'lookup_target', '次',
  note='tricky: 问目标值（>10次），实际8次')
q('即知即改专项经费“长效管理制度建设”这条分值几分', 'number',
  num(ind_of('即知即改', '长效管理制度建设')['weight']), 'lookup_indicator_weight', '分')
q('拆违经费的“拆违及时性”被扣了几分', 'number', num(dedamt(ind_of('拆违经费', '拆违及时性'))), 'lookup_deduction', '分')
q('社区文化中心那个项目全镇文化配送活动实际搞了多少场？', 'number',
  num(qty(ind_of('社区文化中心', '全镇文化配送活动次数')['actual'])[1]), 'lookup_indicator', '场')
q('消防实事项目经费全年预算是年初的几倍', 'number', r2(annual(P('消防实事')) / init(P('消防实事'))), 'calc_ratio', '倍')
q('财政所六个项目平均总分是多少', 'number', r2(sum(score(f) for f in OFF['财政所']) / 6), 'avg_office_score', '分')
q('单条三级指标扣分最多扣了几分？', 'number', r2(max(dedamt(x) for f, x in IND)), 'max_deduction', '分')
q('片区专项经费“年累计对外开放天数”目标是多少天', 'number',
  num(qty(ind_of('社发办-片区专项经费', '年累计对外开放天数')['target'])[1]), 'lookup_target', '天')
q('南部智能化项目专项经费全年预算数和全年执行数差了多少？', 'number',
  r2(annual(P('南部智能化')) - exe(P('南部智能化'))), 'calc_diff', '万元',
  note='答案为0：全年预算142.80、执行142.80（年初预算142.81）')
sj_init = sum(init(f) for f in OFF['规建办']); sj_exec = sum(exe(f) for f in OFF['规建办'])
assert sj_exec > sj_init
q('规建办全年执行合计比年初预算合计多了多少万元', 'number', r2(sj_exec - sj_init), 'calc_office_change', '万元')
q('门头规范化建设那个项目执行数占党群中心总执行数的比重是多少', 'number',
  r2(exe(P('门头规范化')) / sum(exe(f) for f in OFF['党群中心']) * 100), 'calc_share', '%')
q('体育、健身专项经费全年预算比年初增加了多少', 'number', r2(annual(P('体育、健身')) - init(P('体育、健身'))),
  'calc_change', '万元')
q('财政所-公共安全专项经费“受益群众满意度”离目标差几个百分点', 'number',
  r2(qty(ind_of('公共安全专项经费', '受益群众满意度')['target'])[1] - qty(ind_of('公共安全专项经费', '受益群众满意度')['actual'])[1]),
  'calc_indicator_gap', '个百分点')
q('受理中心“中心年接待群众办理量”实际比目标多了多少次', 'number',
  r2(qty(ind_of('受理中心', '中心年接待群众办理量')['actual'])[1] - qty(ind_of('受理中心', '中心年接待群众办理量')['target'])[1]),
  'calc_indicator_gap', '次')

# ---------------- numbers ----------------
q('妇联、工会、团委、纪委这四家的项目各得了多少分', 'numbers',
  {f['project']: num(score(f)) for o in ('妇联', '工会', '团委', '纪委') for f in OFF[o]}, 'compare_office_scores')
q('平安办各项目执行数分别多少', 'numbers', {f['project']: num(exe(f)) for f in OFF['平安办']}, 'compare_office_funds')
q('优、良两档项目的平均总分各是多少', 'numbers',
  {g: r2(sum(score(f) for f in F if f['grade'] == g) / sum(1 for f in F if f['grade'] == g)) for g in ('优', '良')},
  'group_grade_avg')
q('产出指标下面四个二级指标各有多少条', 'numbers',
  {k: sum(1 for f, x in IND if x['l2'] == k) for k in ('数量指标', '质量指标', '时效指标', '成本指标')}, 'group_level2_count')
q('全镇所有三级指标按一级指标分，分值各合计多少', 'numbers',
  {k: num(sum(x['weight'] for f, x in IND if x['l1'] == k)) for k in ('产出指标', '效益指标', '满意度指标')},
  'group_level1_weight')
q('社发办、规建办、党政办各有几个项目满意度指标全部达标？', 'numbers',
  {o: sum(1 for f in OFF[o] if sat_all_met(f)) for o in ('社发办', '规建办', '党政办')}, 'group_office_sat_met')
q('安全办两个项目的年初预算分别是多少', 'numbers', {f['project']: num(init(f)) for f in OFF['安全办']},
  'compare_office_funds')
q('经发办六个项目的总分各是多少？', 'numbers', {f['project']: num(score(f)) for f in OFF['经发办']},
  'compare_office_scores')
q('效益指标下四个二级指标里，被扣分的各有几条', 'numbers',
  {k: sum(1 for f, x in IND if x['l2'] == k and ded(x)) for k in ('社会效益指标', '经济效益指标', '生态效益指标', '可持续影响指标')},
  'group_level2_deducted')
q('财政所、规建办、社发办三家的年初预算各合计多少', 'numbers',
  {o: r2(sum(init(f) for f in OFF[o])) for o in ('财政所', '规建办', '社发办')}, 'group_office_sum')
q('三个没有科室前缀的项目，总分各是多少', 'numbers',
  {f['project']: num(score(f)) for f in F if office(f) is None}, 'compare_unprefixed_scores')
q('城运中心、综合执法队、组织科的平均执行数各是多少', 'numbers',
  {o: r2(sum(exe(f) for f in OFF[o]) / len(OFF[o])) for o in ('城运中心', '综合执法队', '组织科')}, 'group_office_avg_fund')
q('党政办、社发办、规建办各有多少条三级指标被扣分', 'numbers',
  {o: sum(1 for f in OFF[o] for x in f['indicators'] if ded(x)) for o in ('党政办', '社发办', '规建办')},
  'group_office_deducted')
q('实际完成值写“部分达成指标并具有一定效果”和“未达成指标且效果较差”的各有几条', 'numbers',
  {k: sum(1 for f, x in IND if x['actual'] == k) for k in ('部分达成指标并具有一定效果', '未达成指标且效果较差')},
  'group_status_count')
q('按主管部门分，各主管部门有多少个项目', 'numbers', dict(Counter(f['dept'] for f in F)), 'group_dept_count',
  note='全部104张表的主管部门都是上海市普陀区桃浦镇人民政府')

# ---------------- ordered ----------------
q('年初预算最高的五个项目，从高到低排', 'ordered', strict_top(F, init, 5), 'top_n_init')
q('全年预算比年初调减比例最大的三个项目（按减少的百分比从大到小）', 'ordered',
  strict_top([f for f in F if init(f) > 0], lambda f: (init(f) - annual(f)) / init(f), 3), 'top_n_cut_rate')
q('经发办６个项目按全年预算从高到低排一下', 'ordered', strict_top(OFF['经发办'], annual, 6), 'sort_office_annual')
q('党群中心五个项目按执行数从小到大排', 'ordered', strict_top(OFF['党群中心'], exe, 5, reverse=False),
  'sort_office_fund_asc')
q('项目数最多的三个科室是哪几个，按项目数排', 'ordered',
  [o for o, _ in sorted(((o, len(v)) for o, v in OFF.items()), key=lambda t: -t[1])[:3]], 'top_n_office_count')
off_exec = {o: sum(exe(f) for f in v) for o, v in OFF.items()}
q('各科室全年执行合计排前三的是哪几个科室（从高到低）', 'ordered',
  [o for o, _ in sorted(off_exec.items(), key=lambda t: -t[1])[:3]], 'top_n_office_sum')
_s = sorted(F, key=exe, reverse=True)
assert len({exe(f) for f in _s[6:11]}) == 5
q('全镇执行数排第8到第10名的是哪几个项目，按名次列', 'ordered', [f['project'] for f in _s[7:10]], 'rank_range_fund')
q('全年预算比年初调增比例最大的三个项目（年初为0的不算）', 'ordered',
  strict_top([f for f in F if init(f) > 0], lambda f: (annual(f) - init(f)) / init(f), 3), 'top_n_growth_rate')
off_avg = {o: sum(score(f) for f in v) / len(v) for o, v in OFF.items()}
_oa = sorted(off_avg.items(), key=lambda t: -t[1])
assert len({v for _, v in _oa[:4]}) == 4
q('按科室平均总分，排前三的科室依次是？', 'ordered', [o for o, _ in _oa[:3]], 'top_n_office_avg')

# ---------------- text ----------------
def reason(proj, name): return ind_of(proj, name)['reason']


q('社建办-社区管理专项经费的培训次数为什么没达标', 'text',
  has(reason('社建办-社区管理', '培训次数'), ['退休及离职人员增加', '新招录社工']), 'reason')
q('纪委的廉政文化教育阵地建设为啥只完成了1起？', 'text',
  has(reason('纪委', '廉政文化教育阵地建设'), ['人手不足']), 'reason')
q('业委会专项经费培训人员到位率为什么只有98%', 'text', has(reason('业委会', '培训人员到位率'), ['会议冲突']), 'reason')
q('食品安全及质量强镇专项经费宣传活动次数为什么没完成，后面准备怎么补？', 'text',
  has(reason('食品安全', '食品安全宣传活动次数'), ['场地受限', '线上']), 'reason_and_measure')
q('机关总支-各类创建项目经费是哪个单位实施的', 'text', [P('机关总支')['unit']], 'lookup_unit',
  note='tricky: 实施单位是桃浦镇武装部')
q('规建办-北部片区建设专项经费评分等级是什么', 'text', [P('北部片区建设')['grade']], 'lookup_grade')
q('北部片区建设专项经费里“对项目区域内生态平衡起到良性循环”这条挂在哪个二级指标下', 'text',
  [ind_of('北部片区建设', '对项目区域内生态平衡起到良性循环')['l2']], 'lookup_indicator_level',
  note='oddity: 其他四个同名指标都在生态效益指标下，唯独北部片区填在经济效益指标下')
q('党政办-数字化转型专项经费的“信息化管理工作规范化”属于哪个二级指标？', 'text',
  [ind_of('数字化转型', '信息化管理工作规范化')['l2']], 'lookup_indicator_level', note='oddity: 规范化类指标填在时效指标下')
q('城运中心-运营经费年初和全年预算各是多少', 'text',
  [str(init(P('城运中心-运营经费')).normalize()), str(annual(P('城运中心-运营经费')))], 'lookup_fund_pair')
q('团委活动开展完成率没达标是什么原因', 'text', has(reason('团委', '团委活动开展完成率'), ['天气', '活动冲突']), 'reason')
q('绿化养护服务专项经费花卉品种增加率为何是0，打算怎么办', 'text',
  has(reason('绿化养护', '花卉品种增加率'), ['持平', '增加品种']), 'reason_and_measure')
q('献血补助专项经费实际完成情况里，全年献血完成了多少人份、目标多少人份？', 'text',
  has(P('献血补助')['achieved'], ['1121人份', '1150人份']), 'achievement_figures')
q('平安创建及应急维稳经费的目标里说要向第三方购买多少名安保人员', 'text',
  has(P('平安创建及应急维稳')['goal'], ['30名']), 'goal_figures')
q('体育、健身专项经费全年举办了多少场体育赛事，国民体质监测了多少人', 'text',
  has(P('体育、健身')['achieved'], ['50场', '1200人']), 'achievement_figures')
q('信访工作经费信访矛盾化解率为什么只有90%？', 'text',
  has(reason('信访工作经费', '信访矛盾化解率'), ['诉求过高', '专班化']), 'reason_and_measure')

# ---------------- refuse ----------------
for text, intent, note in [
    ('石泉路街道2023年绿化养护服务专项经费花了多少', 'out_of_scope_town', '另一个街道'),
    ('桃浦镇2021年片区专项经费总分多少', 'out_of_scope_year', '另一年度'),
    ('2024年桃浦镇献血补助专项经费安排了多少预算？', 'out_of_scope_year', '另一年度'),
    ('环卫保洁公司购买服务专项经费是通过什么采购方式选的供应商', 'out_of_scope_field', '表中不记录采购方式'),
    ('小区综合改造专项经费的立项批复文号是多少', 'out_of_scope_field', None),
    ('党政办-机关后勤服务专项经费每个月的支出进度分别是多少', 'out_of_scope_field', None),
    ('在上海所有镇里，桃浦镇的绩效自评平均分排第几', 'out_of_scope_comparison', None),
    ('你评价一下社发办今年工作干得怎么样，领导满意吗', 'opinion', None),
    ('宜川路街道的社区管理专项经费执行率是多少', 'out_of_scope_town', 'tricky: 本镇也有社区管理专项经费'),
    ('明年哪些项目可能会被砍预算？', 'prediction', None),
    ('片区专项经费那8次投诉分别是哪天、谁投诉的', 'out_of_scope_field', '偏差原因只写了各片区投诉个数，没有日期和投诉人'),
    ('普陀区财政局对桃浦镇2023年自评结果的复核意见是什么', 'out_of_scope_field', None),
    ('真如镇和桃浦镇2023年的消防安全专项经费哪个执行得多', 'out_of_scope_town', 'tricky: 一半问题在库内，一半在库外'),
]:
    q(text, 'refuse', None, intent, note=note)

# ---------------- clarify ----------------
def cands(*kws):
    # keyword searched in the name without its 科室 prefix
    m = sorted(n for n in NAMES if any(k in re.sub(r'^[^-—]+[-—]', '', n) for k in kws))
    assert len(m) >= 2, kws
    return m


q('养老那个项目执行了多少', 'clarify', cands('养老'), 'ambiguous_name')
q('办公场所那个项目总分几分？', 'clarify', cands('办公场所'), 'ambiguous_name')
q('文明那个专项经费满意度多少', 'clarify', cands('文明'), 'ambiguous_name')
q('安全办的消防项目全年预算是多少', 'clarify', [f['project'] for f in OFF['安全办']], 'ambiguous_name')
q('改造专项经费总分多少', 'clarify', cands('改造专项经费'), 'ambiguous_name')
q('补贴那个项目的执行数是多少', 'clarify', cands('补贴'), 'ambiguous_name')
q('城运中心那个项目满意度是多少？', 'clarify', [f['project'] for f in OFF['城运中心']], 'ambiguous_name')
q('宣传专项经费总分多少', 'clarify', cands('宣传'), 'ambiguous_name')
q('调整地点那个项目的增设面积是多少', 'clarify', cands('调整'), 'ambiguous_name')

# ----------------------------------------------------------------------------
# statements
# ----------------------------------------------------------------------------
STATEMENTS = []


def w(x):
    """format a Decimal as the forms would be quoted in prose"""
    s = format(Decimal(x).normalize(), 'f')
    return s


def st(statement, typ, claims=None, verdict=None, note=None):
    """claims: list of (bool, text shown as correction when false)"""
    d = {'id': 'u%03d' % (len(STATEMENTS) + 1), 'statement': statement}
    if verdict is None:
        oks = [c[0] for c in claims]
        verdict = '正确' if all(oks) else '错误' if not any(oks) else '部分正确'
        wrong = [c[1] for c in claims if not c[0]]
        d['verdict'] = verdict
        if wrong:
            d['correct'] = '；'.join(wrong)
    else:
        d['verdict'] = verdict
    d['type'] = typ
    if note:
        d['note'] = note
    STATEMENTS.append(d)


def eq(a, b): return Decimal(a) == Decimal(b)


def near(a, b, tol): return abs(Decimal(a) - Decimal(b)) <= Decimal(tol)


def fund_claim(key, field, value):
    f = P(key)
    v = {'init': init, 'annual': annual, 'exec': exe}[field](f)
    lab = {'init': '年初预算', 'annual': '全年预算', 'exec': '全年执行数'}[field]
    return (eq(v, value), '%s%s万元' % (lab, w(v)))


def score_claim(key, value):
    return (eq(score(P(key)), value), '总分%s分' % w(score(P(key))))


def grade_claim(key, g):
    return (P(key)['grade'] == g, '评分等级为%s' % P(key)['grade'])


def actual_claim(key, name, value):
    x = ind_of(key, name)
    return (qty(x['actual'])[1] == Decimal(value), '「%s」实际完成值%s（目标%s）' % (name, x['actual'], x['target']))


def met_claim(key, name, says_met):
    x = ind_of(key, name)
    return (met(x) == says_met, '「%s」实际%s，%s年度指标值%s' % (name, x['actual'], '达到' if met(x) else '未达到', x['target']))


def deduct_claim(key, name, value):
    x = ind_of(key, name)
    return (dedamt(x) == Decimal(value), '「%s」分值%s、得分%s，扣%s分' % (name, w(x['weight']), w(x['score']), w(dedamt(x))))


def universal(fs, pred, desc):
    bad = [f['project'] for f in fs if not pred(f)]
    return (not bad, '反例：' + '、'.join(bad) if bad else '')


def unique(fs, pred, who):
    hit = sorted(f['project'] for f in fs if pred(f))
    return (hit == [who], '符合条件的有：' + '、'.join(hit))


def rank_of(f, fs, key):
    v = key(f)
    return 1 + sum(1 for g in fs if key(g) > v)


# ---- fund figures ----
f = P('环卫保洁')
st('规建办-环卫保洁公司购买服务专项经费年初预算%s万元，全年执行%s万元，预算全年没有调整。' % (w(init(f)), w(exe(f))), 'multi_claim',
   [fund_claim('环卫保洁', 'init', init(f)), fund_claim('环卫保洁', 'exec', exe(f)), (init(f) == annual(f), '全年预算与年初不同')])
st('社发办-片区专项经费全年执行673.42万元，执行率100%。', 'fund_figure',
   [fund_claim('社发办-片区专项经费', 'exec', '673.42'), (P('社发办-片区专项经费')['total']['rate'] == 100, '执行率不为100%')])
st('党政办-机关后勤服务专项经费年初预算%s万元。' % w(annual(P('机关后勤'))), 'fund_figure',
   [fund_claim('机关后勤', 'init', annual(P('机关后勤')))], note='tricky: 把全年预算当成年初预算')
st('城运中心-应用场景项目全年执行%s万元。' % w(exe(P('应用场景')) * 10), 'fund_figure',
   [fund_claim('应用场景', 'exec', exe(P('应用场景')) * 10)], note='小数点错位')
st('社区文化中心专项经费年初预算%s元。' % format(int(init(P('社区文化中心')) * 10000), ','), 'fund_unit',
   [fund_claim('社区文化中心', 'init', init(P('社区文化中心')))], note='元换算，带千分位')
f = P('党政办-应急专项经费')
st('党政办-应急专项经费全年预算%s万元，比年初多%s万元。' % (w(annual(f)), w(annual(f) - init(f))), 'calc_change',
   [fund_claim('党政办-应急专项经费', 'annual', annual(f)), (annual(f) - init(f) > 0, '')])
f = P('全国文明城区')
st('宣传科-全国文明城区创建专项经费全年预算%s万元，比年初预算少了%s万元。' % (w(annual(f)), w(abs(annual(f) - init(f)))),
   'multi_claim', [fund_claim('全国文明城区', 'annual', annual(f)),
                   (annual(f) < init(f), '全年预算比年初增加%s万元（不是减少）' % w(annual(f) - init(f)))],
   note='tricky: 金额对、方向反')
st('社发办-就业援助成本补贴全年预算%s万元。' % w(init(P('就业援助'))), 'fund_figure',
   [fund_claim('就业援助', 'annual', init(P('就业援助')))], note='tricky: 年初预算冒充全年预算')
st('服务经济专项经费全年执行约1.76亿元。', 'fund_unit', [(near(exe(P('服务经济')) / 10000, '1.76', '0.005'), '')])
st('中小企业扶持专项经费全年预算比年初减少了约4.4%。', 'calc_growth',
   [(near((init(P('中小企业')) - annual(P('中小企业'))) / init(P('中小企业')) * 100, '4.4', '0.1'), '')])

# ---- score / grade ----
st('社发办-社区服务中心专项经费总分88分，评为良。', 'score_grade',
   [score_claim('社区服务中心', 88), grade_claim('社区服务中心', '良')])
st('规建办-垃圾分类专项经费总分90分，评分等级为良。', 'score_grade',
   [score_claim('垃圾分类', 90), grade_claim('垃圾分类', '良')])
st('工会-工会工作专项经费总分95分。', 'score_grade', [score_claim('工会工作', 95)], note='实际94.8分')
f = P('武装专项经费')
st('武装部-武装专项经费总分97.6分，是全镇第二高分。', 'score_rank',
   [score_claim('武装专项经费', '97.6'), (rank_of(f, F, score) == 2, '全镇第%d，在它之前：%s' % (rank_of(f, F, score), '、'.join('%s %s分' % (g['project'], w(score(g))) for g in F if score(g) > score(f))))])
st('平安办-基层综治及国家安全经费自评98分，评级为优。', 'score_grade',
   [score_claim('基层综治', 98), grade_claim('基层综治', '优')])

# ---- indicator actual / target ----
st('片区专项经费活动完成次数928场，目标是不少于500场。', 'target_vs_actual',
   [actual_claim('社发办-片区专项经费', '活动完成次数', 928),
    (ind_of('社发办-片区专项经费', '活动完成次数')['target'] == '≥500.00(场)', '')])
st('社区学校专项经费开设教学班60个。', 'indicator_actual', [actual_claim('社区学校', '开设教学班', 60)],
   note='tricky: 60是目标值，实际66个')
st('计划生育专项经费伤残家庭重大节日关爱慰问371户，超过了300户的目标。', 'target_vs_actual',
   [actual_claim('计划生育', '伤残家庭重大节日关爱慰问', 371), met_claim('计划生育', '伤残家庭重大节日关爱慰问', True)])
st('敬老节活动专项经费敬老月系列活动开展了3场。', 'indicator_actual',
   [actual_claim('敬老节活动', '敬老月系列活动开展场次', 3)], note='tricky: 3场是目标（≥3），实际5场')
st('民间组织孵化基地专项经费辖区社会组织年检合格率为92%，没达到100%的目标。', 'target_vs_actual',
   [actual_claim('民间组织孵化', '辖区社会组织年检合格率', 92), met_claim('民间组织孵化', '辖区社会组织年检合格率', False)])
st('莲花公寓卫生服务站调整服务地点专项经费增加卫生服务站实际使用面积30平方米。', 'indicator_actual',
   [actual_claim('莲花公寓卫生服务站', '增加卫生服务站实际使用面积', 30)], note='tricky: 30是目标（>30），实际28')
st('食品安全及质量强镇专项经费食品安全宣传活动只搞了4次，没完成目标。', 'target_vs_actual',
   [actual_claim('食品安全', '食品安全宣传活动次数', 4), met_claim('食品安全', '食品安全宣传活动次数', False)])
st('优化营商环境专项经费政策申报次数8次，超过了10次的目标。', 'target_vs_actual',
   [actual_claim('优化营商环境', '政策申报次数', 8), met_claim('优化营商环境', '政策申报次数', True)])
st('辅助巡查处置综合服务专项经费服务人员有效培训率95%，达到了目标。', 'target_vs_actual',
   [actual_claim('辅助巡查', '服务人员有效培训率', 95), met_claim('辅助巡查', '服务人员有效培训率', True)])
st('集资中心的业务调查问卷完成了2次。', 'indicator_actual',
   [actual_claim('集资中心', '业务调查问卷完成次数', 2)], note='tricky: 2次是目标，实际1次')
st('纪委-纪检监察专项经费廉政教育宣传覆盖率80%，未达到90%的目标，扣了3分。', 'target_vs_actual',
   [actual_claim('纪委', '廉政教育宣传覆盖率', 80), met_claim('纪委', '廉政教育宣传覆盖率', False),
    deduct_claim('纪委', '廉政教育宣传覆盖率', 3)])
st('规建办-业委会专项经费培训人员到位率98%，被扣2分。', 'indicator_score',
   [actual_claim('业委会', '培训人员到位率', 98), deduct_claim('业委会', '培训人员到位率', 2)])
st('团委-群团改革专项经费团委活动开展完成率101%。', 'indicator_actual',
   [actual_claim('团委', '团委活动开展完成率', 101)], note='tricky: 101%是「活动人员参加率」，活动开展完成率为95%')
st('受理中心-受理服务专项经费群众满意度85%。', 'indicator_actual', [actual_claim('受理中心', '群众满意度', 85)],
   note='tricky: 85%是目标值，实际80%')
st('妇联-妇女儿童专项经费参与活动人数的参与率98%，超出了90%的目标。', 'target_vs_actual',
   [actual_claim('妇联', '参与活动人数的参与率', 98), met_claim('妇联', '参与活动人数的参与率', True)])
st('社建办-社区管理专项经费社区工作人员满意度98%，达到了100%的目标。', 'target_vs_actual',
   [actual_claim('社建办', '社区工作人员满意度', 98), met_claim('社建办', '社区工作人员满意度', True)])
st('城运中心-案件发现及处置费网格案件结案率90%，刚好达到目标。', 'target_vs_actual',
   [actual_claim('案件发现', '网格案件结案率', 90), met_claim('案件发现', '网格案件结案率', True)])
tyj = [x for x in P('体育、健身')['indicators'] if sat(x)]
st('体育、健身专项经费两项满意度都是85%，都没达到90%的目标。', 'target_vs_actual',
   [(len(tyj) == 2 and all(qty(x['actual'])[1] == 85 for x in tyj), ''),
    (all(not met(x) and qty(x['target'])[1] == 90 for x in tyj), '')])
zz = [x for x in P('综合整治工作经费')['indicators'] if sat(x)]
st('平安办-综合整治工作经费的两条满意度指标实际都是80%。', 'indicator_actual',
   [(len(zz) == 2 and all(qty(x['actual'])[1] == 80 for x in zz), '')])
st('规建办-防台防汛专项经费居民满意度85%，群众满意度90%也达到了目标却被扣2分。', 'multi_claim',
   [actual_claim('防台防汛', '居民满意度', 85), actual_claim('防台防汛', '群众满意度', 90),
    met_claim('防台防汛', '群众满意度', True), deduct_claim('防台防汛', '群众满意度', 2)])
st('党政办-固定资产采购与管理专项经费受益群众满意度达到了90%。', 'indicator_actual',
   [actual_claim('固定资产', '受益群众满意度', 90)], note='oddity: 表上实际8.50(%)、目标≥9.00(%)，疑为录入错误，按表面值判')

# ---- counts ----
ng = sum(1 for f in F if f['grade'] == '良')
st('桃浦镇2023年共有7个项目评分等级为良。', 'count', [(ng == 7, '%d个' % ng)])
ncut = sum(1 for f in F if annual(f) < init(f))
st('规建办19个项目全部评为优。', 'universal',
   [(len(OFF['规建办']) == 19, '规建办%d个项目' % len(OFF['规建办'])), universal(OFF['规建办'], lambda f: f['grade'] == '优', '')])
n96 = sum(1 for f in F if score(f) >= 96)
st('总分在96分及以上的项目共有%d个。' % (n96 + 2), 'count', [(False, '%d个' % n96)])
nz = [f for f in F if init(f) == 0]
nwc = sum(1 for f, x in IND if x['actual'] == '未达成指标且效果较差')
st('全镇实际完成值为“未达成指标且效果较差”的三级指标共有%d条。' % (nwc - 1), 'count', [(False, '%d条' % nwc)])
f = P('基层综治')
st('平安办-基层综治及国家安全经费设了%d条三级指标，却一条满意度指标都没有。' % len(f['indicators']), 'multi_claim',
   [(True, ''), (not any(sat(x) for x in f['indicators']), '')])
nsat_ok = sum(1 for fo in OFF['党政办'] if sat_all_met(fo))
st('党政办11个项目中有10个满意度指标全部达标。', 'count', [(nsat_ok == 10, '%d个' % nsat_ok)])

# ---- universals ----
st('每个项目都至少有一条三级指标被扣了分。', 'universal', [universal(F, lambda f: nded(f) >= 1, '')])
st('所有项目的全年执行数都等于全年预算数。', 'universal', [universal(F, lambda f: exe(f) == annual(f), '')])
st('党政办所有项目的满意度指标都达标了。', 'universal', [universal(OFF['党政办'], sat_all_met, '')],
   note='oddity: 固定资产采购与管理的受益群众满意度8.50%<9.00%')
st('规建办所有项目的满意度都没有达标。', 'universal', [universal(OFF['规建办'], sat_missed, '')])
st('所有项目的年初预算都不为零。', 'universal', [universal(F, lambda f: init(f) != 0, '')])
st('社发办所有项目的总分都在85分以上。', 'universal', [universal(OFF['社发办'], lambda f: score(f) > 85, '')])
st('平安办的项目全部由桃浦镇平安建设办公室实施。', 'universal',
   [universal(OFF['平安办'], lambda f: f['unit'] == '桃浦镇平安建设办公室', '')])
st('所有满意度指标都归在“服务对象满意度指标”这个二级指标下。', 'universal',
   [(all(x['l2'] == '服务对象满意度指标' for f, x in IND if sat(x)), '')])
st('宣传科四个项目的满意度指标都被扣了分。', 'universal',
   [universal(OFF['宣传科'], lambda f: any(sat(x) and ded(x) for x in f['indicators']), '')])
st('城运中心三个项目的满意度都没有达标。', 'universal', [universal(OFF['城运中心'], sat_missed, '')])
st('综合执法队两个项目总分都在95分以上。', 'universal', [universal(OFF['综合执法队'], lambda f: score(f) > 95, '')])

# ---- uniqueness ----
st('中小企业扶持专项经费是唯一一个年初预算超过1亿元的项目。', 'unique',
   [unique(F, lambda f: init(f) > 10000, '财政所-中小企业扶持专项经费')])
st('献血补助专项经费是唯一一个总分低于88分的项目。', 'unique',
   [unique(F, lambda f: score(f) < 88, '社发办-献血补助专项经费')])
st('党政办-应急专项经费是全镇唯一一个总分90分的项目。', 'unique',
   [unique(F, lambda f: score(f) == 90, '党政办-应急专项经费')])
st('社区卫生医疗专项经费是唯一得88分的项目。', 'unique',
   [unique(F, lambda f: score(f) == 88, '社发办-社区卫生医疗专项经费')])
st('只有规建办的项目设置了成本指标。', 'unique',
   [universal([f for f in F if any(x['l2'] == '成本指标' for x in f['indicators'])], lambda f: office(f) == '规建办', '')])
st('信访工作经费是唯一一个只有1条指标被扣分的项目。', 'unique',
   [unique(F, lambda f: nded(f) == 1, '信访办-信访工作经费')])

# ---- ranks ----
st('小区综合改造专项经费执行数在全镇排第五。', 'rank', [(rank_of(P('小区综合改造'), F, exe) == 5, '')])
st('环卫保洁公司购买服务专项经费的执行数全镇第二。', 'rank',
   [(rank_of(P('环卫保洁'), F, exe) == 2, '排第%d' % rank_of(P('环卫保洁'), F, exe))])
st('社发办-片区专项经费执行数在社发办排第二，仅次于就业援助成本补贴。', 'rank',
   [(rank_of(P('社发办-片区专项经费'), OFF['社发办'], exe) == 2, ''),
    (ranked(OFF['社发办'], exe)[0] == '社发办-就业援助成本补贴', '')])
st('综合行政执法队办公场所改造专项经费年初预算在党政办里最高。', 'rank',
   [(rank_of(P('综合行政执法队办公场所'), OFF['党政办'], init) == 1, '')])
st('城市建设管理运行专项经费全年预算在规建办排第二。', 'rank',
   [(rank_of(P('城市建设管理运行'), OFF['规建办'], annual) == 2,
     '排第%d' % rank_of(P('城市建设管理运行'), OFF['规建办'], annual))])

# ---- growth / share / ratio ----
g = (annual(P('社区智能安防')) - init(P('社区智能安防'))) / init(P('社区智能安防')) * 100
st('社区智能安防经费全年预算比年初增长约27%。', 'calc_growth', [(near(g, 27, '0.5'), '增长%s%%' % r2(g))])
sh = sum(exe(x) for x in OFF['规建办']) / sum(exe(x) for x in F) * 100
st('规建办全年执行数占全镇的两成以上。', 'calc_share', [(sh > 20, '占%s%%' % r2(sh))])
sh = sum(exe(x) for x in OFF['财政所']) / sum(exe(x) for x in F)
st('财政所执行数占全镇执行总额的三分之二以上。', 'calc_share', [(sh > Decimal(2) / 3, '占%s%%' % r2(sh * 100))])
rt = annual(P('消防实事')) / init(P('消防实事'))
st('消防实事项目经费全年预算是年初的十倍多。', 'calc_ratio', [(10 < rt < 11, '%s倍' % r2(rt))])
g = (annual(P('体育、健身')) - init(P('体育、健身'))) / init(P('体育、健身')) * 100
st('社发办-体育、健身专项经费全年预算比年初增长超过10%。', 'calc_growth', [(g > 10, '增长%s%%' % r2(g))])
rt = annual(P('综合整治工作经费')) / init(P('综合整治工作经费'))
st('平安办-综合整治工作经费全年预算只有年初的三分之一左右。', 'calc_ratio', [(near(rt, Decimal(1) / 3, '0.02'), '')])
sh = exe(P('中小企业')) / sum(exe(x) for x in OFF['财政所'])
st('中小企业扶持专项经费执行数占财政所执行合计的一半以上。', 'calc_share', [(sh > Decimal('0.5'), '')])
g = (init(P('就业援助')) - annual(P('就业援助'))) / init(P('就业援助')) * 100
st('就业援助成本补贴全年预算比年初下降了约22.8%。', 'calc_growth', [(near(g, '22.8', '0.1'), '下降%s%%' % r2(g))])
rt = exe(P('服务经济')) / exe(P('科技企业扶持'))
st('服务经济专项经费执行数是科技企业扶持专项经费的5倍。', 'calc_ratio', [(near(rt, 5, '0.05'), '%s倍' % r2(rt))])

# ---- office / unit ----
st('桃浦镇拆违经费是规建办的项目。', 'office', [(office(P('拆违经费')) == '规建办', '属于%s' % office(P('拆违经费')))])
st('莲花公寓居委调整办公地点专项经费的实施单位是桃浦镇社区党群服务中心（社区管理）。', 'unit',
   [(P('莲花公寓居委')['unit'].endswith('桃浦镇社区党群服务中心（社区管理）'), '')])
st('司法所-司法行政经费的实施单位是桃浦镇司法所。', 'unit',
   [(P('司法行政经费')['unit'] == '桃浦镇司法所', '实施单位为%s' % P('司法行政经费')['unit'])])
st('社区文化中心专项经费由社发办实施。', 'unit',
   [('社会事业发展办公室' in P('社区文化中心')['unit'], '实施单位为%s，名称无科室前缀' % P('社区文化中心')['unit'])])
st('机关总支-各类创建项目经费由桃浦镇武装部实施，总分97分。', 'unit',
   [(P('机关总支')['unit'] == '桃浦镇武装部', ''), score_claim('机关总支', 97)])

# ---- multi-clause ----
f = P('桃浦西路养老院')
st('规建办-桃浦西路养老院专项经费年初预算%s万元，全年执行%s万元，新增设备增长率为0%%，这一条被扣了5分。' % (w(init(f)), w(exe(f))),
   'multi_claim', [fund_claim('桃浦西路养老院', 'init', init(f)), fund_claim('桃浦西路养老院', 'exec', exe(f)),
                   actual_claim('桃浦西路养老院', '新增设备增长率', 0), deduct_claim('桃浦西路养老院', '新增设备增长率', 5)])
st('社发办-社区卫生医疗专项经费年初预算60万元，全年只执行了10万元，评分等级为良，每年服务人次达到了400人次。', 'multi_claim',
   [fund_claim('社区卫生医疗', 'init', 60), fund_claim('社区卫生医疗', 'exec', 10), grade_claim('社区卫生医疗', '良'),
    actual_claim('社区卫生医疗', '每年服务人次', 400)])
st('第五次经济普查专项经费年初预算216.25万元，全年执行54.89万元，被统计单位满意度95%。', 'multi_claim',
   [fund_claim('经济普查', 'init', '216.25'), fund_claim('经济普查', 'exec', '54.89'),
    actual_claim('经济普查', '被统计单位满意度', 95)], note='95%是目标值')
st('党群中心-居委会选举专项经费年初预算3万元，全年执行2.36万元，总分98分，居民满意度100%。', 'multi_claim',
   [fund_claim('居委会选举', 'init', 3), fund_claim('居委会选举', 'exec', '2.36'), score_claim('居委会选举', 98),
    actual_claim('居委会选举', '居民满意度', 100)])
sm = sum(exe(x) for x in OFF['城运中心'])
sm = sum(exe(x) for x in OFF['组织科'])
st('组织科两个项目总分都是94分，全年执行合计%s万元。' % w(sm), 'multi_claim',
   [universal(OFF['组织科'], lambda f: score(f) == 94, ''), (True, '')])
av = sum(score(x) for x in OFF['平安办']) / len(OFF['平安办'])
lo = min(OFF['平安办'], key=score)
st('平安办6个项目平均总分超过95分，其中最低的是人口服务管理经费，91分。', 'multi_claim',
   [(av > 95, ''), (lo['project'] == '平安办-人口服务管理经费' and score(lo) == 91, '')])
sm = sum(exe(x) for x in OFF['党政办'])
st('党政办11个项目全年执行合计超过2000万元，其中机关后勤服务专项经费执行最多。', 'multi_claim',
   [(sm > 2000, '合计%s万元' % w(sm)), (ranked(OFF['党政办'], exe)[0] == '党政办-机关后勤服务专项经费', '')])
st('宣传科-政协委员活动专项经费年初、全年预算都是2万元，总分94分，政协委员工作满意度90%，未达95%的目标。', 'multi_claim',
   [fund_claim('政协委员', 'init', 2), fund_claim('政协委员', 'annual', 2), score_claim('政协委员', 94),
    actual_claim('政协委员', '政协委员工作满意度', 90), met_claim('政协委员', '政协委员工作满意度', False)])
st('信访办-信访工作经费年初预算62万元，全年执行60万元，总分99分。', 'multi_claim',
   [fund_claim('信访工作经费', 'init', 62), fund_claim('信访工作经费', 'exec', 60), score_claim('信访工作经费', 99)])
st('财政所-即知即改专项经费年初预算500万元，全年预算调减到58.86万元，总分92分，评为良。', 'multi_claim',
   [fund_claim('即知即改', 'init', 500), fund_claim('即知即改', 'annual', '58.86'), score_claim('即知即改', 92),
    grade_claim('即知即改', '良')])

# ---- cannot verify ----
for text, typ, note in [
    ('桃浦镇2022年社区便民巴士补贴执行了120万元。', 'out_of_scope_year', '只有2023年度的表'),
    ('长征镇2023年消防安全专项经费总分也是98分。', 'out_of_scope_town', '另一个镇'),
    ('献血补助专项经费的项目负责人是社发办副主任。', 'out_of_scope_field', '表中不记录负责人'),
    ('环卫保洁服务由三家保洁公司中标承接。', 'out_of_scope_field', '表中不记录供应商'),
    ('小区综合改造专项经费2024年预算将增加到4000万元。', 'out_of_scope_future', None),
    ('1230路便民巴士全年载客量超过50万人次。', 'out_of_scope_field', '表中只有乘坐人数增长率，无载客量'),
    ('规建办-业委会专项经费全年共支持了35个小区完成业委会换届。', 'out_of_scope_field', '表中换届数量只有完成率'),
    ('社发办-就业援助成本补贴全年预算调减是因为部分人员退休。', 'out_of_scope_reason', '表中不记录预算调整原因'),
]:
    st(text, typ, verdict='无法核实', note=note)


# ----------------------------------------------------------------------------
def main():
    with open(os.path.join(OUT, 'heldout2.jsonl'), 'w', encoding='utf-8') as fh:
        for d in QUESTIONS:
            fh.write(json.dumps(d, ensure_ascii=False) + '\n')
    with open(os.path.join(OUT, 'statements_heldout2.jsonl'), 'w', encoding='utf-8') as fh:
        for d in STATEMENTS:
            fh.write(json.dumps(d, ensure_ascii=False) + '\n')
    print('questions', len(QUESTIONS), dict(Counter(d['kind'] for d in QUESTIONS)))
    print('statements', len(STATEMENTS), dict(Counter(d['verdict'] for d in STATEMENTS)))


if __name__ == '__main__':
    main()
