"""`make bench-data`: a province of synthetic enforcement data on PostgreSQL, built set-based (no row-by-row inserts).

    BENCH_CASES=1000000 IPENFORCE_DATABASE_URL=postgres://… .venv/bin/python bench/generate.py

On top of the demo city (`seed_demo`, Shenzhen) it adds a province bureau and the other 20 cities of Guangdong with
their district bureaus and market-regulation offices (所), officers, unit heads, legal reviewers and bureau heads,
then `--cases` cases over the last five years in every state and both procedures (shares below), each with its
parties (valid USCC or resident ID numbers, companies reused across cases like repeat offenders), IP rights,
officers, timeline steps, approvals (decided, and pending where a case waits on one), time limits, open work items
with their people, and ≥ 5 audit events a case on the keyed hash chain (hashed in a forked process while PostgreSQL
loads the other tables, then loaded with COPY, so `verify_audit` passes). The loaded tables' secondary indexes and
keys are dropped for the load (one transaction) and rebuilt after it, two at a time. Every value is a deterministic
function of the case id (`bench_rand`), so a run is reproducible and the benchmark can find its terms. Ends with
VACUUM ANALYZE. Idempotent: a second run with the same size does nothing; another size needs a fresh database.
"""
import argparse
import multiprocessing
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from ipenforce.core import audit  # noqa: E402

# The other 20 prefecture-level cities of Guangdong (Shenzhen comes from seed_demo): name, region code, districts.
CITIES = [
    ("广州", "440100", ["越秀", "海珠", "荔湾", "天河", "白云", "黄埔", "番禺", "花都", "南沙", "从化", "增城"]),
    ("韶关", "440200", ["武江", "浈江", "曲江", "乐昌", "南雄", "仁化"]),
    ("珠海", "440400", ["香洲", "斗门", "金湾"]),
    ("汕头", "440500", ["龙湖", "金平", "濠江", "潮阳", "潮南", "澄海", "南澳"]),
    ("佛山", "440600", ["禅城", "南海", "顺德", "三水", "高明"]),
    ("江门", "440700", ["蓬江", "江海", "新会", "台山", "开平", "鹤山", "恩平"]),
    ("湛江", "440800", ["赤坎", "霞山", "坡头", "麻章", "廉江", "雷州", "吴川"]),
    ("茂名", "440900", ["茂南", "电白", "高州", "化州", "信宜"]),
    ("肇庆", "441200", ["端州", "鼎湖", "高要", "四会", "广宁"]),
    ("惠州", "441300", ["惠城", "惠阳", "博罗", "惠东", "龙门"]),
    ("梅州", "441400", ["梅江", "梅县", "兴宁", "大埔", "丰顺"]),
    ("汕尾", "441500", ["城区", "海丰", "陆丰", "陆河"]),
    ("河源", "441600", ["源城", "紫金", "龙川", "连平", "和平"]),
    ("阳江", "441700", ["江城", "阳东", "阳春", "阳西"]),
    ("清远", "441800", ["清城", "清新", "英德", "连州", "佛冈"]),
    ("东莞", "441900", ["莞城", "南城", "东城", "万江", "长安", "虎门", "厚街", "塘厦"]),
    ("中山", "442000", ["石岐", "东区", "西区", "南区", "小榄", "古镇"]),
    ("潮州", "445100", ["湘桥", "潮安", "饶平"]),
    ("揭阳", "445200", ["榕城", "揭东", "揭西", "惠来", "普宁"]),
    ("云浮", "445300", ["云城", "云安", "新兴", "郁南", "罗定"]),
]
# Case-load weight of a city's units (the Pearl River Delta handles most cases).
CITY_WEIGHT = {"广州": 8, "深圳": 8, "东莞": 5, "佛山": 5, "中山": 3, "惠州": 3, "珠海": 2, "汕头": 2, "江门": 2}
OFFICES_PER_DISTRICT = 3

SQL_FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION bench_rand(id bigint, salt int) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT (hashint8extended(id, salt) & 9007199254740991)::double precision / 9007199254740992.0 $$;

CREATE OR REPLACE FUNCTION bench_pick(arr text[], id bigint, salt int) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT arr[1 + floor(bench_rand(id, salt) * array_length(arr, 1))::int] $$;

-- GB 32100-2015 check character of a unified social credit code's first 17 characters.
CREATE OR REPLACE FUNCTION bench_uscc(first17 text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT first17 || substr('0123456789ABCDEFGHJKLMNPQRTUWXY', (1 + (31 - s % 31) % 31)::int, 1)
  FROM (SELECT sum((strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(first17, i, 1)) - 1)
                   * (ARRAY[1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28])[i]) AS s
        FROM generate_series(1, 17) i) t $$;

-- GB 11643-1999 check digit of a resident identity number's first 17 digits.
CREATE OR REPLACE FUNCTION bench_id_number(first17 text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT first17 || substr('10X98765432', (1 + s % 11)::int, 1)
  FROM (SELECT sum(substr(first17, i, 1)::int * (ARRAY[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2])[i]) AS s
        FROM generate_series(1, 17) i) t $$;

-- A repeat offender: company k of the province's pool (name, USCC) or person k (name, ID number).
CREATE OR REPLACE FUNCTION bench_company(k bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT bench_pick('{广州,深圳,东莞,佛山,中山,惠州,珠海,汕头,江门,湛江,茂名,揭阳,潮州,肇庆,清远}', k, 1) || '市'
      || bench_pick('{华,鑫,恒,盛,鹏,达,创,宏,隆,泰,锦,瑞,弘,兴,嘉,聚,腾,凯,美,佳,新,永,丰,立,信,诚,金,银,中,天}', k, 2)
      || bench_pick('{业,辉,源,邦,宇,晟,昌,润,讯,科,通,航,安,荣,发,城,星,博,顺,和,正,远,利,海,亿,德,乐,达}', k, 3)
      || bench_pick('{贸易,电子,科技,服饰,实业,商贸,五金,日用品,化妆品,食品,电器,网络,鞋业,箱包,玩具,印刷,医疗器械,'
                    '机械,家具,灯饰}', k, 4)
      || bench_pick('{有限公司,有限公司,有限公司,有限责任公司,商行,经营部}', k, 5) $$;

CREATE OR REPLACE FUNCTION bench_person(k bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT bench_pick('{王,李,张,刘,陈,杨,黄,赵,吴,周,徐,孙,马,朱,胡,郭,何,林,罗,高,郑,梁,谢,宋,唐,许,邓,冯,韩,曾,彭,蔡}',
                    k, 11)
      || bench_pick('{伟,芳,娜,敏,静,丽,强,磊,军,洋,勇,艳,杰,娟,涛,明,超,秀,霞,平,刚,桂,志,文,建,华,海,国,玉,春}',
                    k, 12)
      || CASE WHEN bench_rand(k, 13) < 0.6
              THEN bench_pick('{英,兰,生,荣,林,清,辉,红,成,德,福,宇,鹏,龙,琳,婷,晨,浩,嘉,锋}', k, 14) ELSE '' END $$;
"""


def _sql(statement: str, params=None) -> int:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.rowcount


def _scalar(statement: str, params=None):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchone()[0]


def _rows(statement: str, params=None) -> list:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall()


def _timed(label: str, statement: str, params=None) -> int:
    began = time.perf_counter()
    rows = _sql(statement, params)
    print(f"  {label:<32} {rows:>10} rows  {time.perf_counter() - began:7.1f} s", flush=True)
    return rows


def _agency(parent_id: int, level: str, region_code: str, name: str, short_name: str) -> int:
    """A market-regulation agency under `parent_id`, its materialised path extended by its own id."""
    agency_id = _scalar("""INSERT INTO orgs_agency (path, kind, level, region_code, name, short_name, is_active,
                               created_at, updated_at, parent_id, password_login)
                           VALUES ('tmp-' || %s, 'market_regulation', %s, %s, %s, %s, true, now(), now(), %s, true)
                           RETURNING id""", [name, level, region_code, name, short_name, parent_id])
    _sql("UPDATE orgs_agency SET path = (SELECT path FROM orgs_agency WHERE id = %s) || lpad(id::text, 8, '0') || '.'"
         " WHERE id = %s", [parent_id, agency_id])
    return agency_id


def province() -> None:
    """The province bureau above Shenzhen, the other cities, their district bureaus and offices, and their staff."""
    if _scalar("SELECT count(*) FROM orgs_agency WHERE name = '广东省市场监督管理局'"):
        return
    _sql("""INSERT INTO orgs_agency (path, kind, level, region_code, name, short_name, is_active, created_at,
                                     updated_at, parent_id, password_login)
            VALUES ('tmp', 'market_regulation', 'province', '440000', '广东省市场监督管理局', '粤市监', true,
                    now(), now(), NULL, true)""")
    root = _scalar("SELECT id FROM orgs_agency WHERE name = '广东省市场监督管理局'")
    _sql("UPDATE orgs_agency SET path = lpad(%s::text, 8, '0') || '.' WHERE id = %s", [root, root])
    # Shenzhen's market-regulation tree moves under the province.
    _sql("""UPDATE orgs_agency SET path = lpad(%s::text, 8, '0') || '.' || path
            WHERE kind = 'market_regulation' AND id <> %s""", [root, root])
    _sql("UPDATE orgs_agency SET parent_id = %s WHERE kind = 'market_regulation' AND level = 'city'", [root])
    for city, code, districts in CITIES:
        city_id = _agency(root, "city", code, f"{city}市市场监督管理局", f"{city[0]}市监")
        for n, district in enumerate(districts, start=1):
            region = f"{code[:4]}{n + 2:02d}"
            district_id = _agency(city_id, "district", region, f"{city}市市场监督管理局{district}分局",
                                  f"{city[0]}{district}市监")
            for office in range(1, OFFICES_PER_DISTRICT + 1):
                _agency(district_id, "office", region, f"{city}{district}分局第{office}市场监管所",
                        f"{city[0]}{district}{office}所市监")
    # Staff of every new unit: officers, unit heads, a legal reviewer and a head per bureau; officers and a unit
    # head per office; supervisors and statisticians at the cities and the province. Password: ft_officer1's.
    staff = """
      WITH units AS (
        SELECT a.id, a.level, a.region_code FROM orgs_agency a
        WHERE a.kind = 'market_regulation' AND a.path LIKE lpad(%(root)s::text, 8, '0') || '.%%'
          AND NOT EXISTS (SELECT 1 FROM orgs_user u WHERE u.agency_id = a.id)),
      plan(level, role, n) AS (VALUES ('district', 'case_officer', 14), ('district', 'unit_head', 2),
                                      ('district', 'legal_reviewer', 1), ('district', 'agency_head', 1),
                                      ('office', 'case_officer', 6), ('office', 'unit_head', 1),
                                      ('city', 'agency_head', 1), ('city', 'supervisor', 2),
                                      ('city', 'statistician', 1), ('city', 'legal_reviewer', 1),
                                      ('province', 'supervisor', 2), ('province', 'agency_head', 1))
      INSERT INTO orgs_user (password, is_superuser, username, first_name, last_name, email, is_staff, is_active,
                             date_joined, full_name, phone, certificate_no, certificate_valid_from,
                             certificate_valid_to, agency_id, auth_epoch)
      SELECT (SELECT password FROM orgs_user WHERE username = 'ft_officer1'), false,
             'b' || u.id || '_' || p.role || '_' || g, '', '', '', false, true, now(),
             bench_person(u.id * 100 + g * 7 + length(p.role)), '', CASE WHEN p.role IN ('case_officer', 'unit_head')
             THEN '44' || lpad((u.id * 100 + g)::text, 8, '0') ELSE '' END,
             CASE WHEN p.role IN ('case_officer', 'unit_head') THEN date '2024-01-01' END,
             CASE WHEN p.role IN ('case_officer', 'unit_head') THEN date '2029-12-31' END, u.id, 0
      FROM units u JOIN plan p ON p.level = u.level CROSS JOIN LATERAL generate_series(1, p.n) g"""
    _timed("users", staff, {"root": root})
    _timed("role grants", """
      INSERT INTO orgs_rolegrant (role, user_id)
      SELECT substring(username from '^b[0-9]+_(.*)_[0-9]+$'), id FROM orgs_user
      WHERE username ~ '^b[0-9]+_' AND NOT EXISTS (SELECT 1 FROM orgs_rolegrant r WHERE r.user_id = orgs_user.id)""")
    _sql("""INSERT INTO orgs_rolegrant (role, user_id) SELECT 'case_officer', id FROM orgs_user
            WHERE username ~ '^b[0-9]+_unit_head_' ON CONFLICT DO NOTHING""")


CASES = r"""
CREATE UNLOGGED TABLE bench_units AS
  SELECT row_number() OVER (ORDER BY a.id) - 1 AS k, a.id AS agency_id, a.short_name,
         (SELECT array_agg(u.id ORDER BY u.id) FROM orgs_user u JOIN orgs_rolegrant r ON r.user_id = u.id
          AND r.role = 'case_officer' WHERE u.agency_id = a.id) AS officers
  FROM orgs_agency a
  CROSS JOIN LATERAL generate_series(1, CASE
      WHEN a.name LIKE ANY (%(heavy)s) THEN 3 ELSE 1 END * CASE a.level WHEN 'district' THEN 3 ELSE 1 END)
  WHERE a.kind = 'market_regulation' AND a.level IN ('district', 'office')
    AND EXISTS (SELECT 1 FROM orgs_user u JOIN orgs_rolegrant r ON r.user_id = u.id AND r.role = 'case_officer'
                WHERE u.agency_id = a.id);
CREATE UNLOGGED TABLE bench_cases AS
WITH g AS (
  SELECT i, bench_rand(i, 20) AS r_state, bench_rand(i, 21) AS r_proc,
         (current_date - floor(power(bench_rand(i, 22), 1.15) * 1826)::int) AS discovered,
         floor(power(bench_rand(i, 23), 2.2) * %(pool)s)::bigint AS offender,
         bench_rand(i, 24) AS r_amount
  FROM generate_series(%(first)s::bigint, %(last)s::bigint) i),
s AS (
  SELECT g.*, u.agency_id, u.short_name, u.officers,
         CASE WHEN r_proc < 0.22 THEN 'simple' ELSE 'ordinary' END AS procedure,
         current_date - discovered AS age
  FROM g JOIN bench_units u ON u.k = floor(bench_rand(g.i, 25) * %(units)s)::int),
t AS (
  SELECT s.*,
    CASE WHEN procedure = 'simple' THEN CASE WHEN age < 3 AND r_state < 0.3 THEN 'simple' ELSE 'closed' END
         WHEN age > 400 THEN CASE WHEN r_state < 0.06 THEN 'not_filed' WHEN r_state < 0.10 THEN 'transferred'
                                  WHEN r_state < 0.12 THEN 'executing' WHEN r_state < 0.60 THEN 'closed'
                                  ELSE 'archived' END
         WHEN age > 120 THEN CASE WHEN r_state < 0.06 THEN 'not_filed' WHEN r_state < 0.10 THEN 'transferred'
                                  WHEN r_state < 0.16 THEN 'executing' WHEN r_state < 0.20 THEN 'investigating'
                                  WHEN r_state < 0.22 THEN 'suspended' WHEN r_state < 0.25 THEN 'closing'
                                  ELSE 'closed' END
         ELSE (ARRAY['verifying','verifying','verifying','investigating','investigating','investigating',
                     'investigating','reviewing','notifying','statement','hearing','deciding','serving',
                     'executing','closing','closed','closed','not_filed','transferred','suspended'])
              [1 + floor(r_state * 20)::int] END AS state
  FROM s),
u AS (
  SELECT t.*,
    CASE WHEN state IN ('verifying', 'not_filed') OR procedure = 'simple' THEN NULL
         ELSE discovered + 1 + floor(bench_rand(i, 26) * 14)::int END AS filed,
    CASE WHEN procedure = 'simple' THEN discovered
         WHEN state IN ('serving', 'executing', 'closing', 'closed', 'archived')
         THEN least(discovered + 20 + floor(bench_rand(i, 27) * 150)::int, current_date) END AS decided
  FROM t)
SELECT u.*, CASE WHEN state IN ('closed', 'archived') THEN least(decided + 5 + floor(bench_rand(i, 28) * 60)::int,
                                                               current_date) END AS closed,
       CASE WHEN decided IS NOT NULL THEN round((200 + 800000 * power(r_amount, 6))::numeric, -2) END AS fine,
       CASE WHEN bench_rand(i, 29) < 0.7 THEN 'organisation' ELSE 'natural_person' END AS party_kind,
       (ARRAY['trademark','trademark','trademark','trademark','trademark','trademark','patent','patent',
              'copyright','copyright'])[1 + floor(bench_rand(i, 30) * 10)::int] AS ip_type,
       officers[1 + floor(bench_rand(i, 31) * array_length(officers, 1))::int] AS officer1,
       officers[1 + (floor(bench_rand(i, 31) * array_length(officers, 1))::int + 1) %% array_length(officers, 1)]
         AS officer2
FROM u;
"""

INSERT_CASES = r"""
INSERT INTO cases_case (number, number_year, number_seq, title, source, ip_type, description, discovered_on,
  conduct_on, is_ecommerce, is_cross_region, is_major, procedure, triage_reason, state, version, illegal_turnover,
  illegal_gains, goods_value, proposed_fine, findings, hearing_right, outcome, is_warning, fine, decision_reason,
  registered_at, filed_on, decided_on, served_on, service_method, closed_on, archived_on, payment_plan, updated_at,
  agency_id, created_by_id, crime_alerts, harms_safety, major_rights, public_interest, offence, innocent_seller,
  serious_circumstances, discretion, order_to_stop, confiscated_goods, confiscated_tools, destruction_record,
  collective_minutes, review_body, court, archive_number, retention)
SELECT
  CASE WHEN coalesce(filed, decided) IS NOT NULL THEN
    short_name || '罚〔' || extract(year FROM coalesce(filed, decided)) || '〕'
    || row_number() OVER (PARTITION BY agency_id, extract(year FROM coalesce(filed, decided)) ORDER BY i) + 1000
    || '号' END,
  extract(year FROM coalesce(filed, decided)),
  CASE WHEN coalesce(filed, decided) IS NOT NULL THEN
    row_number() OVER (PARTITION BY agency_id, extract(year FROM coalesce(filed, decided)) ORDER BY i) + 1000 END,
  CASE WHEN party_kind = 'organisation' THEN bench_company(offender) ELSE bench_person(offender) END
    || CASE ip_type WHEN 'patent' THEN '涉嫌假冒专利案' WHEN 'copyright' THEN '涉嫌侵犯著作权案'
       ELSE (ARRAY['涉嫌销售侵犯注册商标专用权商品案', '涉嫌生产假冒注册商标商品案', '涉嫌擅自使用他人注册商标案',
                   '涉嫌网络销售侵权商品案'])[1 + floor(bench_rand(i, 32) * 4)::int] END,
  (ARRAY['inspection','inspection','complaint','complaint','report','assigned','transfer_in',
         'ecommerce'])[1 + floor(bench_rand(i, 33) * 8)::int],
  ip_type,
  '执法人员在' || bench_pick('{人民路,解放路,中山路,建设路,和平路,新华路,东风路,滨海大道,工业大道,商业街}', i, 34)
    || floor(bench_rand(i, 35) * 300 + 1)::int || '号检查时发现，当事人经营场所内存放'
    || bench_pick('{运动鞋,手提包,手机配件,化妆品,白酒,儿童玩具,服装,电池,耳机,光盘}', i, 36)
    || floor(bench_rand(i, 37) * 900 + 10)::int || '件，涉嫌侵犯知识产权。',
  discovered, discovered - floor(bench_rand(i, 38) * 30)::int, bench_rand(i, 39) < 0.2, bench_rand(i, 40) < 0.05,
  bench_rand(i, 41) < 0.03, procedure, '', state, 1 + floor(bench_rand(i, 42) * 12)::int,
  round((500 + 5000000 * power(r_amount, 5))::numeric, 2), round((100 + 800000 * power(r_amount, 7))::numeric, 2),
  NULL, fine, '', coalesce(procedure = 'ordinary' AND fine > 10000, false),
  CASE WHEN decided IS NOT NULL THEN 'penalty' ELSE '' END,
  false, fine, '', discovered + time '09:00' + (bench_rand(i, 43) * interval '8 hours'), filed, decided,
  CASE WHEN decided IS NOT NULL AND state NOT IN ('serving') THEN decided + 3 END,
  CASE WHEN decided IS NOT NULL AND state NOT IN ('serving') THEN 'direct' ELSE '' END,
  closed, CASE WHEN state = 'archived' THEN closed + 20 END, '[]'::jsonb, now(), agency_id, officer1,
  CASE WHEN state = 'transferred' THEN '["crime.trademark_counterfeit"]'::jsonb ELSE '[]'::jsonb END, false, false,
  false, '', false, false, '', decided IS NOT NULL, '[]'::jsonb, '[]'::jsonb, '', '', '', '',
  CASE WHEN state = 'archived' THEN short_name || '档' || i ELSE '' END,
  CASE WHEN state = 'archived' THEN '10y' ELSE '' END
FROM bench_cases ORDER BY i
"""

# Rows that hang off the cases: all keyed to the case id through bench_map (case id ↔ generator index).
DEPENDENTS = [
    ("parties", r"""
INSERT INTO cases_party (kind, name, uscc, id_number, legal_representative, address, service_address,
                         service_address_confirmed, phone, case_id)
SELECT b.party_kind, CASE WHEN b.party_kind = 'organisation' THEN bench_company(b.offender)
                          ELSE bench_person(b.offender) END,
       CASE WHEN b.party_kind = 'organisation'
            THEN bench_uscc('9144' || lpad((b.offender %% 10000)::text, 4, '0') || 'MA'
                            || lpad((b.offender %% 10000000)::text, 7, '0')) ELSE '' END,
       CASE WHEN b.party_kind = 'natural_person'
            THEN bench_id_number('4403' || lpad((b.offender %% 100)::text, 2, '0')
                 || to_char(date '1960-01-01' + (b.offender %% 14000)::int, 'YYYYMMDD')
                 || lpad((b.offender %% 1000)::text, 3, '0')) ELSE '' END,
       CASE WHEN b.party_kind = 'organisation' THEN bench_person(b.offender + 7) ELSE '' END,
       '广东省' || bench_pick('{人民路,解放路,中山路,建设路}', b.i, 44) || (b.offender %% 500) || '号', '', false,
       '13' || lpad((b.offender %% 1000000000)::text, 9, '0'), m.case_id
FROM bench_cases b JOIN bench_map m ON m.i = b.i
UNION ALL
SELECT 'natural_person', bench_person(b.i * 3 + 1), '', bench_id_number('440304' || to_char(date '1970-01-01'
       + (b.i %% 12000)::int, 'YYYYMMDD') || lpad((b.i %% 1000)::text, 3, '0')), '', '', '', false, '', m.case_id
FROM bench_cases b JOIN bench_map m ON m.i = b.i WHERE bench_rand(b.i, 45) < 0.15
"""),
    ("rights", r"""
INSERT INTO cases_ipright (ip_type, patent_number, trademark_number, trademark_class, copyright_number, work_title,
                           holder, case_id)
SELECT b.ip_type,
       CASE WHEN b.ip_type = 'patent' THEN 'ZL20' || (10 + b.i %% 14) || '1' || lpad((b.i %% 10000000)::text, 7, '0')
            || '.' || (b.i %% 10) ELSE '' END,
       CASE WHEN b.ip_type = 'trademark' THEN (1000000 + b.i %% 9000000)::text ELSE '' END,
       CASE WHEN b.ip_type = 'trademark' THEN 1 + (b.i %% 45)::int END,
       CASE WHEN b.ip_type = 'copyright'
            THEN '国作登字-20' || (15 + b.i %% 10) || '-F-' || lpad((b.i %% 100000000)::text, 8, '0') ELSE '' END,
       '', bench_company(b.i %% 5000 + 900000000), m.case_id
FROM bench_cases b JOIN bench_map m ON m.i = b.i
"""),
    ("officers", r"""
INSERT INTO cases_case_officers (case_id, user_id)
SELECT m.case_id, b.officer1 FROM bench_cases b JOIN bench_map m ON m.i = b.i WHERE b.state <> 'verifying'
UNION ALL
SELECT m.case_id, b.officer2 FROM bench_cases b JOIN bench_map m ON m.i = b.i
WHERE b.state <> 'verifying' AND b.officer2 <> b.officer1
"""),
    ("steps", r"""
INSERT INTO workflow_step (subject_id, kind, action, actor_role, from_state, to_state, comment, payload, created_at,
                           actor_id, agency_id, subject_type_id)
SELECT m.case_id, s.kind, s.action, s.role, s.from_state, s.to_state, '', '{}'::jsonb, s.at, b.officer1, b.agency_id,
       %(ct)s
FROM bench_cases b JOIN bench_map m ON m.i = b.i
CROSS JOIN LATERAL (VALUES
  ('action', 'register', '', '', 'verifying', b.discovered + time '09:00', true),
  ('proposal', 'file', '', 'verifying', 'verifying', b.filed - 1 + time '10:00', b.filed IS NOT NULL),
  ('approve', 'file', 'unit_head', 'verifying', 'verifying', b.filed - 1 + time '15:00', b.filed IS NOT NULL),
  ('action', 'file', '', 'verifying', 'investigating', b.filed + time '09:30', b.filed IS NOT NULL),
  ('action', 'decide', '', 'deciding', 'serving', b.decided + time '11:00', b.decided IS NOT NULL),
  ('action', 'close', '', 'closing', 'closed', b.closed + time '16:00', b.closed IS NOT NULL)
) AS s(kind, action, role, from_state, to_state, at, present)
WHERE s.present
"""),
    ("decided approvals", r"""
INSERT INTO workflow_approval (subject_id, action, payload, chain, position, awaiting, awaiting_role, status,
                               created_at, decided_at, proposer_id, subject_type_id)
SELECT m.case_id, 'file', '{}'::jsonb, '["unit_head", "agency_head"]'::jsonb, 2, '', '', 'approved',
       b.filed - 1 + time '10:00', b.filed - 1 + time '17:00', b.officer1, %(ct)s
FROM bench_cases b JOIN bench_map m ON m.i = b.i WHERE b.filed IS NOT NULL
"""),
    # A case waiting on an approval: verifying cases propose filing, deciding cases their decision.
    ("pending approvals", r"""
INSERT INTO workflow_approval (subject_id, action, payload, chain, position, awaiting, awaiting_role, status,
                               created_at, decided_at, proposer_id, subject_type_id)
SELECT m.case_id, CASE b.state WHEN 'verifying' THEN 'file' ELSE 'decide' END, '{}'::jsonb,
       '["unit_head", "agency_head"]'::jsonb, p.position, (ARRAY['unit_head', 'agency_head'])[p.position + 1],
       (ARRAY['unit_head', 'agency_head'])[p.position + 1], 'pending', now() - interval '2 days', NULL, b.officer1,
       %(ct)s
FROM bench_cases b JOIN bench_map m ON m.i = b.i
CROSS JOIN LATERAL (SELECT floor(bench_rand(b.i, 46) * 2)::int AS position) p
WHERE b.state IN ('verifying', 'deciding') AND bench_rand(b.i, 47) < 0.5
"""),
    ("deadlines", r"""
INSERT INTO workflow_deadline (subject_id, rule, title, owner, started_at, due_at, unit, status, pauses, extensions,
                               stopped_at, warning, citation, verified, subject_type_id)
SELECT m.case_id, 'admin.decision_ordinary', '普通程序作出处理决定', 'officers', b.filed + time '09:30',
       b.filed + 90 + time '23:59', 'natural_days',
       CASE WHEN b.decided IS NOT NULL THEN 'met' WHEN b.state IN ('transferred', 'not_filed') THEN 'cancelled'
            ELSE 'running' END, '[]'::jsonb, 0, CASE WHEN b.decided IS NOT NULL THEN b.decided + time '11:00' END, '',
       '《中华人民共和国行政处罚法》（2021）第六十条', true, %(ct)s
FROM bench_cases b JOIN bench_map m ON m.i = b.i WHERE b.filed IS NOT NULL
UNION ALL
SELECT m.case_id, 'admin.lead_verification', '核查线索并决定是否立案', 'officers', b.discovered + time '09:00',
       b.discovered + 21 + time '23:59', 'working_days', CASE WHEN b.state = 'verifying' THEN 'running' ELSE 'met' END,
       '[]'::jsonb, 0, CASE WHEN b.state <> 'verifying' THEN coalesce(b.filed, b.discovered + 5) + time '09:30' END, '',
       '《市场监督管理行政处罚程序规定》第十八条', true, %(ct)s
FROM bench_cases b JOIN bench_map m ON m.i = b.i WHERE b.procedure = 'ordinary'
"""),
]

# The work items of what the cases wait on, as workflow.worklist keeps them: one per pending approval (its role at
# the case's agency) and one per running time limit (the case's officers by name).
WORK_ITEMS = r"""
INSERT INTO core_workitem (kind, title, target_type, target_id, url, eligible_role, state, due_at, due_status,
                           created_at, closed_at, assignee_agency_id)
SELECT 'case.approval', coalesce(c.number, '案源 ' || c.id || '：' || c.title) || ' · 待审批：'
       || CASE a.action WHEN 'file' THEN '立案' ELSE '处理决定' END, 'cases.case', c.id::text, '/cases/' || c.id || '/',
       a.awaiting_role, 'open', NULL::timestamptz, 'ok', a.created_at, NULL::timestamptz, c.agency_id
FROM workflow_approval a JOIN cases_case c ON c.id = a.subject_id
WHERE a.subject_type_id = %(ct)s AND a.status = 'pending' AND c.id >= %(first_case)s
UNION ALL
SELECT 'deadline:' || d.rule, coalesce(c.number, '案源 ' || c.id || '：' || c.title) || ' · ' || d.title, 'cases.case',
       c.id::text, '/cases/' || c.id || '/', '', 'open', d.due_at,
       CASE WHEN d.due_at < now() THEN 'overdue' WHEN d.due_at < now() + interval '3 days' THEN 'due_soon'
            ELSE 'ok' END, d.started_at, NULL, c.agency_id
FROM workflow_deadline d JOIN cases_case c ON c.id = d.subject_id
WHERE d.subject_type_id = %(ct)s AND d.status = 'running' AND c.id >= %(first_case)s
"""
WORK_PEOPLE = r"""
INSERT INTO core_workitemperson (excluded, item_id, user_id)
SELECT false, w.id, o.user_id FROM core_workitem w JOIN cases_case_officers o ON o.case_id = w.target_id::bigint
WHERE w.kind LIKE 'deadline:%%' AND w.target_type = 'cases.case' AND w.target_id::bigint >= %(first_case)s
"""


# The modules around the cases, in proportion to them and in the states their lists filter on (issue 20: the
# supervision views and the new modules' main lists). All keyed to the generated cases (id >= first_case) through
# bench_rand, so a run is reproducible. The city of a case is the second step of its agency's path (province.city.…).
CITY_OF_CASE = """(SELECT ca.id FROM orgs_agency ca
                   WHERE ca.path = substring(ag.path from '^[0-9]+\\.[0-9]+\\.'))"""
MODULES = [
    # 两法衔接: 90 % of the cases in state `transferred` were sent (the rest are the procuratorate's 以罚代刑
    # suspects), in every criminal stage; Shenzhen's to its police and procuratorate (the only ones on the platform).
    ("transfers", r"""
INSERT INTO linkage_transfer (state, version, report, package, criminal_fine, sent_at, created_at, updated_at,
                              bureau_id, case_id, court_id, created_by_id, police_id, procuratorate_id)
SELECT t.state, 3, '涉嫌犯罪案件移送书：' || c.title, '{}'::jsonb,
       CASE WHEN t.state IN ('judged', 'appealed', 'effective') THEN round((c.fine * 2)::numeric, -2) END,
       CASE WHEN t.state IN ('sent', 'received') THEN now() - bench_rand(c.id, 62) * interval '60 days'
            ELSE c.registered_at + interval '40 days' END,
       c.registered_at + interval '35 days', now(), c.agency_id, c.id,
       CASE WHEN t.state IN ('judged', 'appealed', 'effective') AND sz.region THEN %(court)s END, c.created_by_id,
       CASE WHEN sz.region THEN %(police)s END, CASE WHEN sz.region THEN %(procuratorate)s END
FROM cases_case c JOIN orgs_agency ag ON ag.id = c.agency_id
CROSS JOIN LATERAL (SELECT ag.region_code LIKE '4403%%' AS region) sz
CROSS JOIN LATERAL (SELECT bench_pick('{sent,received,received,filed,filed,filed,filed,filed,not_filed,not_filed,'
                                      'upheld,supervision,reasons_requested,arrest_requested,prosecution_review,'
                                      'prosecution_review,indicted,judged,effective,effective,effective,effective,'
                                      'returned,refused}', c.id, 61) AS state) t
WHERE c.id >= %(first_case)s AND c.state = 'transferred' AND bench_rand(c.id, 60) < 0.9
"""),
    # The police's running time limits of the transfers waiting on them (about half past due).
    ("transfer time limits", r"""
INSERT INTO workflow_deadline (subject_id, rule, title, owner, started_at, due_at, unit, status, pauses, extensions,
                               stopped_at, warning, citation, verified, subject_type_id)
SELECT t.id, CASE t.state WHEN 'sent' THEN 'linkage.police_receipt' ELSE 'linkage.police_filing_decision' END,
       CASE t.state WHEN 'sent' THEN '公安机关接受移送并书面告知' ELSE '公安机关作出立案或不予立案决定' END, 'police',
       t.sent_at, t.sent_at + CASE t.state WHEN 'sent' THEN interval '3 days' ELSE interval '33 days' END,
       'natural_days', 'running', '[]'::jsonb, 0, NULL, '', '《行政执法机关移送涉嫌犯罪案件的规定》第八条', true,
       %(transfer_type)s
FROM linkage_transfer t WHERE t.case_id >= %(first_case)s AND t.state IN ('sent', 'received')
"""),
    # 挂牌督办: the city bureau supervises about 1 % of its ordinary cases; the finished ones are closed (销号).
    ("supervised cases", r"""
INSERT INTO supervision_supervisedcase (instructions, interval_days, deadline, next_report_due, late_reports,
                                        last_report_on, stage, publicised, sites_closed, state, version, created_at,
                                        closed_at, case_id, created_by_id, supervisor_agency_id)
SELECT '请依法从快查处，每15日报告一次进展。', 15, c.registered_at::date + 120 + floor(bench_rand(c.id, 64) * 60)::int,
       CASE WHEN s.state = 'supervising' THEN current_date + floor(bench_rand(c.id, 65) * 30)::int - 8 END,
       floor(power(bench_rand(c.id, 66), 3) * 3)::int, CASE WHEN s.state <> 'supervising' OR bench_rand(c.id, 67)
       < 0.7 THEN current_date - floor(bench_rand(c.id, 68) * 15)::int END, 'administrative', false, 0, s.state, 2,
       c.registered_at + interval '5 days', CASE WHEN s.state = 'closed' THEN c.registered_at + interval '150 days' END,
       c.id, coalesce((SELECT min(u.id) FROM orgs_user u WHERE u.agency_id = city.id), c.created_by_id), city.id
FROM cases_case c JOIN orgs_agency ag ON ag.id = c.agency_id
CROSS JOIN LATERAL (SELECT """ + CITY_OF_CASE + r""" AS id) city
CROSS JOIN LATERAL (SELECT CASE WHEN c.state IN ('closed', 'archived', 'not_filed', 'transferred') THEN 'closed'
                                WHEN c.state = 'closing' THEN 'closing' ELSE 'supervising' END AS state) s
WHERE c.id >= %(first_case)s AND c.procedure = 'ordinary' AND bench_rand(c.id, 63) < 0.01 AND city.id IS NOT NULL
"""),
    # 交办: the city bureau hands about 2 % of its units' leads and cases down to them, in every state.
    ("assignments", r"""
INSERT INTO command_assignment (kind, title, instructions, feedback_wanted, reply_within_days, designated, state,
                                version, received_at, due_on, escalated_at, outcome, outcome_case_number, report,
                                created_at, updated_at, assigner_id, case_id, created_by_id, previous_id, receiver_id)
SELECT k.kind, '交办：' || c.title, '请核查处理并按期反馈。', '', 20, false, a.state, 2,
       CASE WHEN a.state NOT IN ('draft', 'issued', 'withdrawn') THEN c.registered_at + interval '2 days' END,
       CASE WHEN a.state NOT IN ('draft', 'issued', 'withdrawn')
            THEN (c.registered_at + interval '30 days')::date END, NULL,
       CASE WHEN a.state = 'accepted' THEN 'case_filed' ELSE '' END,
       CASE WHEN a.state = 'accepted' THEN coalesce(c.number, '') ELSE '' END,
       CASE WHEN a.state IN ('reported', 'accepted') THEN '已核查并依法处理。' ELSE '' END,
       c.registered_at - interval '1 day', now(), city.id, CASE WHEN k.kind <> 'task' THEN c.id END,
       coalesce((SELECT min(u.id) FROM orgs_user u WHERE u.agency_id = city.id), c.created_by_id), NULL, c.agency_id
FROM cases_case c JOIN orgs_agency ag ON ag.id = c.agency_id
CROSS JOIN LATERAL (SELECT """ + CITY_OF_CASE + r""" AS id) city
CROSS JOIN LATERAL (SELECT bench_pick('{lead,lead,case,task}', c.id, 70) AS kind) k
CROSS JOIN LATERAL (SELECT CASE WHEN c.registered_at > now() - interval '60 days'
                                THEN bench_pick('{draft,issued,issued,received,received,received,reported}', c.id, 71)
                                ELSE bench_pick('{accepted,accepted,accepted,accepted,declined,reassigned,withdrawn}',
                                                c.id, 71) END AS state) a
WHERE c.id >= %(first_case)s AND bench_rand(c.id, 69) < 0.02 AND city.id IS NOT NULL
"""),
    # 电商通知: the protection centre's notices to the platforms, about one for every 20 cases, in every state.
    ("takedown notices", r"""
INSERT INTO protection_takedownnotice (right_holder_name, identity, ip_type, right_text, listings, evidence, seller,
                                       measures, measures_on, forwarded_on, declaration, declaration_arrived_on,
                                       action_kind, action_notified_on, ended_on, state, version, sent_on, created_at,
                                       centre_id, complaint_id, created_by_id, platform_id, right_holder_id, case_id,
                                       identity_requested, seller_identity)
SELECT bench_company(c.id %% 5000 + 900000000), '统一社会信用代码证', c.ip_type, '权利证书及权利人信息',
       'https://item.example.com/' || c.id, '侵权比对说明及公证书', bench_company(c.id + 7),
       CASE WHEN n.state NOT IN ('sent', 'declined', 'withdrawn') THEN 'delete' ELSE '' END,
       CASE WHEN n.state NOT IN ('sent', 'declined', 'withdrawn') THEN c.discovered_on + 2 END,
       CASE WHEN n.state NOT IN ('sent', 'declined', 'withdrawn') THEN c.discovered_on + 2 END,
       CASE WHEN n.state IN ('declared', 'kept', 'must_end', 'ended') THEN '不侵权声明' ELSE '' END,
       CASE WHEN n.state IN ('declared', 'kept', 'must_end', 'ended') THEN c.discovered_on + 6 END,
       CASE WHEN n.state = 'kept' THEN 'complaint' ELSE '' END,
       CASE WHEN n.state = 'kept' THEN c.discovered_on + 15 END,
       CASE WHEN n.state = 'ended' THEN c.discovered_on + 25 END, n.state, 2, c.discovered_on,
       c.registered_at, %(centre)s, NULL, %(centre_user)s,
       (%(platforms)s::bigint[])[1 + floor(bench_rand(c.id, 73) * cardinality(%(platforms)s::bigint[]))::int],
       NULL, NULL, false, ''
FROM cases_case c
CROSS JOIN LATERAL (SELECT CASE WHEN c.discovered_on > current_date - 30
                                THEN bench_pick('{sent,sent,measures_taken,declared,declined}', c.id, 74)
                                ELSE bench_pick('{ended,ended,kept,kept,withdrawn,must_end,measures_taken}', c.id, 74)
                                END AS state) n
WHERE c.id >= %(first_case)s AND bench_rand(c.id, 72) < 0.05 AND cardinality(%(platforms)s::bigint[]) > 0
"""),
    # 行政处罚信息公示: every ordinary-procedure penalty decision is published (three years; three months for a
    # small fine), then expires; a few were withdrawn or stopped early.
    ("credit publications", r"""
INSERT INTO credit_publication (state, version, decision_number, party_name, party_uscc, party_id_masked,
                                party_address_masked, legal_representative, is_natural_person, violation, penalty,
                                authority, decided_on, published_on, short_period, ends_on, changed_on, withdrawn_on,
                                stopped_on, objection_pending, created_at, case_id, created_by_id, document_name,
                                document_sha256, other_province, push_receiver, pushed_on, registered_region,
                                agency_id)
SELECT CASE WHEN r < 0.01 THEN 'withdrawn' WHEN r < 0.03 THEN 'stopped' ELSE 'published' END, 2, c.number, p.name,
       p.uscc, CASE WHEN p.uscc = '' THEN left(p.id_number, 6) || '********' || right(p.id_number, 4) ELSE '' END,
       '广东省****', p.legal_representative, p.uscc = '', '侵犯知识产权', '罚款' || c.fine || '元', ag.name,
       c.decided_on, c.decided_on + 7, c.fine <= 10000, c.decided_on + 7 + CASE WHEN c.fine <= 10000
       THEN 90 ELSE 1095 END, NULL, CASE WHEN r < 0.01 THEN c.decided_on + 30 END,
       CASE WHEN r >= 0.01 AND r < 0.03 THEN c.decided_on + 200 END, false, c.decided_on + time '10:00', c.id,
       c.created_by_id, '', '', false, '', NULL, left(p.uscc, 6), c.agency_id
FROM cases_case c JOIN orgs_agency ag ON ag.id = c.agency_id
CROSS JOIN LATERAL (SELECT bench_rand(c.id, 75) AS r) x
JOIN (SELECT DISTINCT ON (case_id) case_id, name, uscc, id_number, legal_representative FROM cases_party
      WHERE case_id >= %(first_case)s ORDER BY case_id, id) p ON p.case_id = c.id  -- set-based: no index here
WHERE c.id >= %(first_case)s AND c.procedure = 'ordinary' AND c.decided_on IS NOT NULL AND c.number IS NOT NULL
  AND c.fine IS NOT NULL
"""),
]


def modules(first_case: int) -> None:
    """The rows of the modules around the generated cases (MODULES), for the lists issue 20 measures."""
    def one(statement, params=None):
        return _scalar(statement, params)

    params = {
        "first_case": first_case,
        "police": one("SELECT min(id) FROM orgs_agency WHERE kind = 'police' AND parent_id IS NULL "
                      "AND region_code = '440300'"),
        "procuratorate": one("SELECT min(id) FROM orgs_agency WHERE kind = 'procuratorate' AND parent_id IS NULL "
                             "AND region_code = '440300'"),
        "court": one("SELECT min(id) FROM orgs_agency WHERE kind = 'court' AND parent_id IS NULL "
                     "AND region_code = '440300'"),
        "centre": one("SELECT min(id) FROM orgs_agency WHERE kind = 'protection_centre'"),
        "platforms": one("SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM orgs_agency "
                         "WHERE kind = 'ecommerce_platform'"),
        "transfer_type": one("SELECT id FROM django_content_type WHERE app_label = 'linkage' AND model = 'transfer'"),
    }
    params["centre_user"] = one("SELECT coalesce((SELECT min(id) FROM orgs_user WHERE agency_id = %s), "
                                "(SELECT min(id) FROM orgs_user))", [params["centre"]])
    for label, statement in MODULES:
        _timed(label, statement, params)


def cases(total: int) -> tuple[int, int]:
    """The cases (and the bench_cases/bench_map tables keyed by the generator index); the first new case id and
    the content type of a case."""
    first_case = _scalar("SELECT coalesce(max(id), 0) + 1 FROM cases_case")
    ct = _scalar("SELECT id FROM django_content_type WHERE app_label = 'cases' AND model = 'case'")
    heavy = [f"{city}%" for city, weight in CITY_WEIGHT.items() if weight >= 3] + ["深圳%", "%福田%", "%南山%"]
    _sql("DROP TABLE IF EXISTS bench_units, bench_cases, bench_map")
    _sql(CASES.split(";")[0], {"heavy": heavy})
    units = _scalar("SELECT count(*) FROM bench_units")
    _timed("case plan", CASES.split(";", 1)[1],
           {"first": 1, "last": total, "pool": max(total // 3, 10), "units": units})
    _timed("cases", INSERT_CASES)
    _sql("""CREATE UNLOGGED TABLE bench_map AS
            SELECT row_number() OVER (ORDER BY id) AS i, id AS case_id FROM cases_case WHERE id >= %s""", [first_case])
    _sql("CREATE UNIQUE INDEX ON bench_map (i)")
    _sql("ANALYZE bench_cases; ANALYZE bench_map")
    return first_case, ct


def dependents(first_case: int, ct: int) -> None:
    """Parties, rights, officers, steps, approvals, deadlines, work items and their people of the new cases."""
    for label, statement in DEPENDENTS:
        _timed(label, statement, {"ct": ct})
    _sql("ANALYZE cases_case_officers, workflow_approval, workflow_deadline")
    _timed("work items", WORK_ITEMS, {"ct": ct, "first_case": first_case})
    _sql("ANALYZE core_workitem")
    _timed("work item people", WORK_PEOPLE, {"first_case": first_case})
    _sql("""INSERT INTO cases_numberseries (agency_id, year, last)
            SELECT agency_id, number_year, max(number_seq) FROM cases_case WHERE number_year IS NOT NULL
            GROUP BY agency_id, number_year
            ON CONFLICT (agency_id, year) DO UPDATE SET last = greatest(cases_numberseries.last, EXCLUDED.last)""")


# Tables the generator fills in bulk: their secondary indexes (the n-gram and trigram GINs above all) and foreign keys
# are dropped for the load and rebuilt once after it (sorted builds, two at a time; keys checked set-based), which is
# far cheaper than maintaining them row by row. Primary keys stay. A step that needs a unique index for ON CONFLICT
# must not target these tables.
BULK_TABLES = ["cases_case", "cases_party", "cases_ipright", "cases_case_officers", "workflow_step",
               "workflow_approval", "workflow_deadline", "core_workitem", "core_workitemperson", "core_auditevent"]


def drop_secondary(tables: list[str]) -> tuple[list, list]:
    """Drop the tables' secondary indexes, unique constraints and foreign keys; their definitions
    (pg_get_indexdef/pg_get_constraintdef, so the names migrations know stay) for `rebuild`."""
    with connection.cursor() as cursor:
        cursor.execute("""SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), contype
                          FROM pg_constraint WHERE conrelid = ANY(%s::regclass[]) AND contype IN ('f', 'u')
                          ORDER BY contype DESC, conname""", [tables])
        constraints = cursor.fetchall()
        cursor.execute("""SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid), am.amname
                          FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
                          WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary
                            AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
                          ORDER BY am.amname <> 'gin', 1""", [tables])  # the slow GIN builds first
        indexes = cursor.fetchall()
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # checks still pending in this transaction run now
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table, name, _definition, _kind in constraints:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _definition, _method in indexes:
            cursor.execute(f"DROP INDEX {name}")
    return indexes, constraints


def in_parallel(statements: list[tuple[str, str]], connections: int = 2, setup: str = "") -> list[tuple[str, float]]:
    """Run (label, statement) pairs on `connections` autocommit connections of their own, each taking the next
    statement when it is free; (label, seconds) of each. Raises if any failed."""
    import psycopg

    params = {k: v for k, v in connection.get_connection_params().items()
              if k not in ("cursor_factory", "context", "prepare_threshold")}
    queue, lock, timings = list(statements), threading.Lock(), []

    def worker():
        with psycopg.connect(**params, autocommit=True) as own, own.cursor() as cursor:
            if setup:
                cursor.execute(setup)
            while True:
                with lock:
                    if not queue:
                        return
                    label, statement = queue.pop(0)
                step = time.perf_counter()
                cursor.execute(statement)
                timings.append((label, time.perf_counter() - step))

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    failed = {label for label, _statement in statements} - {label for label, _seconds in timings}
    if failed:
        raise RuntimeError(f"failed (see the traceback above): {sorted(failed)}")
    return timings


def rebuild(indexes: list, constraints: list) -> None:
    """Recreate what drop_secondary dropped: the indexes two at a time on their own connections once the data is
    committed (CREATE INDEX takes a SHARE lock, so two builds may share a table), else one by one in the open
    transaction (the smoke test's); then the unique constraints and the foreign keys (checked set-based). Should a
    build fail, the data stays without that index and bench_meta is not written."""
    began = time.perf_counter()
    memory = "SET maintenance_work_mem = '1GB'"
    builds = [(name, definition) for name, definition, _method in indexes]
    if connection.in_atomic_block:
        timings = []
        with connection.cursor() as cursor:
            cursor.execute(memory.replace("SET", "SET LOCAL"))
            for name, definition in builds:
                step = time.perf_counter()
                cursor.execute(definition)
                timings.append((name, time.perf_counter() - step))
    else:
        timings = in_parallel(builds, setup=memory)
    with connection.cursor() as cursor:
        for table, name, definition, _kind in reversed(constraints):  # unique constraints, then foreign keys
            cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
    slowest = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in sorted(timings, key=lambda t: -t[1])[:3])
    print(f"  {'indexes and keys rebuilt':<32} {len(indexes) + len(constraints):>10}       "
          f"{time.perf_counter() - began:7.1f} s (slowest: {slowest})", flush=True)


def vacuum_analyze() -> None:
    """VACUUM ANALYZE every table, the largest first, two at a time."""
    tables = [row[0] for row in _rows("""SELECT c.oid::regclass::text FROM pg_class c
                                         JOIN pg_namespace n ON n.oid = c.relnamespace
                                         WHERE c.relkind IN ('r', 'm') AND n.nspname = 'public'
                                         ORDER BY pg_total_relation_size(c.oid) DESC""")]
    in_parallel([(table, f"VACUUM (ANALYZE) {table}") for table in tables])


# The audit chain: the cases' rows are copied out of PostgreSQL (times already as the ISO text the hash covers),
# a forked process hashes the chain into a COPY file while PostgreSQL loads the parties, rights, steps and the rest,
# then the file is streamed into core_auditevent.
AUDIT_INPUT = r"""
COPY (SELECT c.id, c.agency_id, c.created_by_id, u.username, c.number, c.title, c.state,
             to_char(c.registered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS')
               || CASE WHEN extract(microseconds FROM c.registered_at)::bigint %% 1000000 = 0 THEN ''
                       ELSE to_char(c.registered_at AT TIME ZONE 'UTC', '.US') END || '+00:00',
             c.filed_on, c.decided_on, c.closed_on
      FROM cases_case c JOIN orgs_user u ON u.id = c.created_by_id
      WHERE c.id >= %s ORDER BY c.registered_at, c.id) TO STDOUT
"""
AUDIT_COLUMNS = ("seq, created_at, actor_label, action, target_type, target_id, target_label, before, after, "
                 "prev_hash, hash, actor_id, agency_id")
CHUNK = 8 << 20


def _copy_field(text: str) -> str:
    """A COPY text-format field (tabs, newlines and backslashes escaped)."""
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return text


def _copy_unfield(text: str) -> str:
    if "\\" not in text:
        return text
    out, chars = [], iter(text)
    for char in chars:
        if char == "\\":
            char = next(chars)
            char = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f", "v": "\v"}.get(char, char)
        out.append(char)
    return "".join(out)


def chain_events(lines, key: bytes, seq: int, prev: str, write) -> tuple[int, str, int]:
    """Hash the events of the cases in `lines` (AUDIT_INPUT's COPY rows) onto the chain after (seq, prev), writing
    each event as a COPY row of core_auditevent; the new head and the number of events."""
    written, sign = 0, audit.event_signer(key)
    for line in lines:
        case_id, agency_id, actor_id, actor, number, title, state, registered, filed, decided, closed = \
            line.rstrip("\n").split("\t")
        title, actor = _copy_unfield(title), _copy_unfield(actor)
        number = None if number == "\\N" else _copy_unfield(number)
        label = (number or f"案源 {case_id}：{title}")[:255]
        events = [("case.register", registered, "null",
                   f'{{"state":"verifying","title":{audit.event_string(title)}}}'),
                  ("case.triage", registered, "null", '{"procedure":"ordinary"}'),
                  ("case.assign_officers", registered, "null", f'{{"officers":[{actor_id}]}}'),
                  ("case.update", registered, '{"version":1}', '{"version":2}')]
        if filed != "\\N":
            at = f"{filed}T09:30:00+00:00"
            number_json = "null" if number is None else audit.event_string(number)
            events += [("case.file.proposed", at, "null", '{"action":"file"}'),
                       ("case.file.approved_step", at, "null", '{"role":"unit_head"}'),
                       ("case.file", at, '{"state":"verifying"}',
                        f'{{"number":{number_json},"state":"investigating"}}')]
        if decided != "\\N":
            events.append(("case.decide", f"{decided}T11:00:00+00:00", "null", '{"outcome":"penalty"}'))
        if closed != "\\N":
            events.append(("case.close", f"{closed}T16:00:00+00:00", '{"state":"closing"}', '{"state":"closed"}'))
        if len(events) < 5:
            events.append(("case.update", registered, '{"version":2}',
                           f'{{"state":{audit.event_string(state)},"version":3}}'))
        actor_field, label_field = _copy_field(actor), _copy_field(label)
        for action, at, before, after in events:
            seq += 1
            digest = sign(audit.event_text(seq, prev, at, int(actor_id), actor, int(agency_id),
                                                           action, "cases.case", case_id, label, before, after))
            before_field = "\\N" if before == "null" else _copy_field(before)
            write(f"{seq}\t{at}\t{actor_field}\t{action}\tcases.case\t{case_id}\t{label_field}\t{before_field}\t"
                  f"{_copy_field(after)}\t{prev}\t{digest}\t{actor_id}\t{agency_id}\n")
            prev = digest
        written += len(events)
    return seq, prev, written


def _chain_worker(source, target, key: bytes, seq: int, prev: str, result) -> None:
    with open(os.dup(source.fileno()), encoding="utf-8") as lines, \
            open(os.dup(target.fileno()), "w", encoding="utf-8", buffering=CHUNK) as out:
        head = chain_events(lines, key, seq, prev, out.write)
    result.send(head)  # after the events are written out
    result.close()


class AuditChain:
    """Five or more events a case on the keyed hash chain after the existing events (`start` right after the cases
    are in, `load` once the other tables are): hashed in a forked process while PostgreSQL works on the rest. Its
    files are anonymous (unlinked when made): nothing done to /tmp meanwhile can take them away."""

    def __init__(self, first_case: int):
        self.began = time.perf_counter()
        source, self.events = tempfile.TemporaryFile(), tempfile.TemporaryFile()
        with connection.cursor() as cursor:
            cursor.execute("SELECT seq, hash FROM core_audithead WHERE id = 1")
            seq, prev = cursor.fetchone() or (0, audit.GENESIS)
        with connection.connection.cursor() as cursor, cursor.copy(AUDIT_INPUT, [first_case]) as copy:
            for chunk in copy:
                source.write(chunk)
        source.flush()
        source.seek(0)
        context = multiprocessing.get_context("fork")  # the child never touches the parent's connection
        self.receive, sender = context.Pipe(duplex=False)
        self.worker = context.Process(target=_chain_worker,
                                      args=(source, self.events, audit.audit_key(), seq, prev, sender))
        self.worker.start()
        sender.close()  # so a worker that dies makes recv() fail instead of waiting for ever
        source.close()  # the child has its own descriptor

    def load(self) -> int:
        seq, prev, written = self.receive.recv()
        self.worker.join()
        hashed = time.perf_counter()
        self.events.seek(0)  # the child wrote through the same file description
        with connection.connection.cursor() as cursor:
            with cursor.copy(f"COPY core_auditevent ({AUDIT_COLUMNS}) FROM STDIN") as copy:
                while chunk := self.events.read(CHUNK):
                    copy.write(chunk)
            cursor.execute("UPDATE core_audithead SET seq = %s, hash = %s WHERE id = 1", [seq, prev])
        self.events.close()
        print(f"  {'audit events (HMAC chain, COPY)':<32} {written:>10} rows  "
              f"{time.perf_counter() - self.began:7.1f} s (COPY {time.perf_counter() - hashed:.1f} s)", flush=True)
        return written


def generate(total: int) -> int:
    """The province and `total` cases with everything hanging off them; the number of audit events written.
    A new column or table the data must fill gets its own set-based function, called in the marked place."""
    _sql(SQL_FUNCTIONS)
    province()
    with transaction.atomic():  # all the cases and what hangs off them, or nothing
        if _scalar("SELECT to_regclass('bench_meta') IS NOT NULL"):
            print(f"  already generated ({_scalar('SELECT count(*) FROM cases_case')} cases); drop the database to "
                  "generate another size")
            return 0
        indexes, constraints = drop_secondary(BULK_TABLES)
        # No row triggers for the load (the stats rollup's stale-month marks: one to three a case); the rollup is
        # rebuilt whole after it (rebuild_month_figures).
        _sql("SET LOCAL session_replication_role = replica")
        first_case, ct = cases(total)
        chain = AuditChain(first_case)  # hashed in a forked process while PostgreSQL loads the rest
        dependents(first_case, ct)
        # ← set-based steps for further columns and tables go here (they may use bench_cases and bench_map)
        modules(first_case)
        written = chain.load()
        _sql("SET LOCAL session_replication_role = origin")
        _sql("DROP TABLE IF EXISTS bench_units, bench_cases, bench_map")
    rebuild(indexes, constraints)
    _sql("CREATE TABLE bench_meta (cases integer, generated_at timestamptz DEFAULT now())")
    _sql("INSERT INTO bench_meta (cases) VALUES (%s)", [total])
    return written


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=int(os.environ.get("BENCH_CASES", 1_000_000)))
    parser.add_argument("--skip-seed", action="store_true", help="the demo city is already there")
    parser.add_argument("--any-database", action="store_true",
                        help="allow a database whose name does not contain 'bench'")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        print("bench/generate.py needs PostgreSQL (IPENFORCE_DATABASE_URL=postgres://…)")
        return 2
    # It drops and rebuilds the loaded tables' indexes and keys and adds a province of invented cases: never on
    # a database that might be a real one by mistake.
    if "bench" not in connection.settings_dict["NAME"] and not args.any_database:
        print(f"refusing to generate into {connection.settings_dict['NAME']!r}: use a database named *bench* "
              "(or --any-database)")
        return 2
    began = time.perf_counter()
    if not args.skip_seed:
        call_command("migrate", verbosity=0)
        if not _scalar("SELECT count(*) FROM orgs_user WHERE username = 'ft_officer1'"):
            call_command("seed_demo", verbosity=0)
    connection.set_autocommit(True)
    _sql("SET synchronous_commit = off")
    print(f"province and {args.cases} cases:", flush=True)
    generate(args.cases)
    call_command("rebuild_month_figures")  # the stats rollup (stats.rollup), as on a migrated database
    step = time.perf_counter()
    vacuum_analyze()
    print(f"  {'VACUUM ANALYZE':<32} {'':>10}       {time.perf_counter() - step:7.1f} s")
    total = _scalar("SELECT count(*) FROM cases_case")
    print(f"done: {total} cases in {time.perf_counter() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
