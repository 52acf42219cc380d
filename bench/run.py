"""`make bench`: the application over HTTP as production runs it, beside the raw SQL giving the same answer.

    IPENFORCE_DATABASE_URL=postgres://…/bench .venv/bin/python bench/run.py --requests 200

Starts gunicorn (2 workers, DEBUG off) on the database `make bench-data` built, logs in the officers, heads and
supervisors it needs (sessions made here, cookies sent over HTTP), then for each operation sends `--requests`
requests one at a time, each followed by its raw SQL twin on a direct connection (interleaved, so both see the
same load); reports p50/p95/p99 of both, their ratio, the queries one request makes (counted in-process), the
throughput of 16 concurrent clients over the read operations, `verify_audit`'s events per second and the web
workers' memory. Writes bench/results/latest.md and exits non-zero when a target is missed.
"""
import argparse
import http.client
import json
import os
import platform
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from ipenforce.cases.filters import filter_cases  # noqa: E402
from ipenforce.cases.presenters import list_values  # noqa: E402
from ipenforce.cases.selectors import case_list  # noqa: E402
from ipenforce.cases.views import PAGE_SIZE  # noqa: E402
from ipenforce.core.pagination import COUNT_CAP  # noqa: E402
from ipenforce.orgs.models import User  # noqa: E402
from ipenforce.orgs.selectors import covered_agencies  # noqa: E402

# Targets at 1,000,000 cases (p95, ms) from issue 20.
QUEUE, SEARCH, REPORT, ASSESSMENT, ACTION, EXPORT = 30, 50, 100, 150, 20, 300
RAW_RATIO = 1.3
CSRF = "b" * 32


@dataclass
class Operation:
    name: str
    user: str
    path: str
    params: dict = field(default_factory=dict)
    target: float = QUEUE
    raw: str | None = None  # the SQL giving the same answer
    raw_params: list = field(default_factory=list)
    method: str = "GET"
    body: str = ""
    statuses: tuple = (200,)
    app: list = field(default_factory=list)
    sql: list = field(default_factory=list)
    queries: int | None = None
    failures: int = 0
    error: str = ""


def pct(samples: list[float], p: float) -> float:
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


class Http:
    def __init__(self, port: int, cookie: str):
        self.port, self.cookie = port, cookie
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def request(self, method: str, path: str, params: dict, body: str = "") -> tuple[int, float, bytes]:
        url = path + ("?" + urlencode(params) if params else "")
        headers = {"Cookie": self.cookie, "Host": "127.0.0.1", "X-CSRFToken": CSRF}
        if body:
            headers["Content-Type"] = "application/json"
        began = time.perf_counter()
        try:
            self.conn.request(method, url, body=body.encode() or None, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
        except (http.client.HTTPException, OSError):
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            return 0, (time.perf_counter() - began) * 1000, b""
        return response.status, (time.perf_counter() - began) * 1000, data


def session_cookie(username: str) -> str:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}; csrftoken={CSRF}"


def raw_ms(statement: str, params: list) -> float:
    began = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        cursor.fetchall()
        while cursor.nextset():
            cursor.fetchall()
    return (time.perf_counter() - began) * 1000


def scalar(statement: str, params=None):
    with connection.cursor() as cursor:
        cursor.execute(statement, params or [])
        row = cursor.fetchone()
        return row[0] if row else None


def start_server(port: int, workers: int) -> subprocess.Popen:
    with socket.socket() as probe:  # never measure a server someone else left on the port
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise SystemExit(f"port {port} is in use: pass --port or BENCH_PORT")
    env = dict(os.environ, IPENFORCE_DEBUG="0", IPENFORCE_SECRET_KEY=settings.SECRET_KEY,
               IPENFORCE_ALLOWED_HOSTS="127.0.0.1,localhost", IPENFORCE_SECURE_COOKIES="0",
               IPENFORCE_SSL_REDIRECT="0")
    env.pop("IPENFORCE_DEBUG_TOOLBAR", None)
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    # DEBUG off serves the hashed static files named in the manifest.
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    server = subprocess.Popen([gunicorn, "config.wsgi", "-w", str(workers), "-b", f"127.0.0.1:{port}",
                               "--log-level", "warning"], cwd=ROOT, env=env, start_new_session=True)
    for _n in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not start")


def worker_rss_mb(server: subprocess.Popen) -> float:
    children = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split()
    sizes = []
    for pid in [str(server.pid), *children]:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        found = re.search(r"VmRSS:\s+(\d+) kB", status)
        if found:
            sizes.append(int(found.group(1)) / 1024)
    return max(sizes) if sizes else float("nan")


def operations(today: date) -> list[Operation]:
    """The operations of issue 20, with the users, terms and rows found in the generated data."""
    officer = User.objects.get(username="ft_officer1")
    ft_path = officer.agency.path
    sz = User.objects.get(username="sz_supervisor").agency
    # The unit head and bureau head with the most pending approvals.
    approver = scalar("""SELECT u.username FROM workflow_approval a JOIN cases_case c ON c.id = a.subject_id
                         JOIN orgs_user u ON u.agency_id = c.agency_id
                         JOIN orgs_rolegrant r ON r.user_id = u.id AND r.role = a.awaiting_role
                         WHERE a.status = 'pending' AND a.awaiting_role = 'unit_head'
                         GROUP BY u.username ORDER BY count(*) DESC, u.username LIMIT 1""")
    bureau_head = scalar("""SELECT u.username FROM workflow_approval a JOIN cases_case c ON c.id = a.subject_id
                            JOIN orgs_user u ON u.agency_id = c.agency_id
                            JOIN orgs_rolegrant r ON r.user_id = u.id AND r.role = 'agency_head'
                            WHERE a.status = 'pending' AND a.awaiting_role = 'agency_head'
                            GROUP BY u.username ORDER BY count(*) DESC, u.username LIMIT 1""") or "ft_head"
    approver = approver or "ft_unithead"
    sz_prefix = sz.jurisdiction_prefix
    party, uscc, number = _rows(
        """SELECT p.name, p.uscc, c.number FROM cases_case c JOIN cases_party p ON p.case_id = c.id
           JOIN orgs_agency a ON a.id = c.agency_id
           WHERE a.region_code LIKE %s AND p.uscc <> '' AND c.number IS NOT NULL ORDER BY c.id DESC LIMIT 1""",
        [sz_prefix + "%"])[0]
    case_id = scalar("""SELECT c.id FROM cases_case c JOIN cases_case_officers o ON o.case_id = c.id
                        JOIN orgs_user u ON u.id = o.user_id WHERE u.username = 'ft_officer1'
                        ORDER BY c.id DESC LIMIT 1""") or scalar(
        "SELECT c.id FROM cases_case c JOIN orgs_agency a ON a.id = c.agency_id WHERE a.path LIKE %s "
        "ORDER BY c.id DESC LIMIT 1", [ft_path + "%"])
    case_type = scalar("SELECT id FROM django_content_type WHERE app_label = 'cases' AND model = 'case'")
    start = date(today.year if today.month > 6 else today.year - 1, 1, 1)
    end = date(start.year, 6, 30)
    # The queues' raw twin: what orgs.selectors.work_queue asks — the items naming the user and those of their
    # roles at the agencies they cover (each an index range scan), their union; the page and its capped count.
    queue = ("WITH q AS (SELECT w.id FROM core_workitem w JOIN core_workitemperson p ON p.item_id = w.id "
             "WHERE p.user_id = %s AND NOT p.excluded AND w.state = 'open'{kind} UNION ALL "
             "SELECT w.id FROM core_workitem w WHERE w.state = 'open' AND w.eligible_role = ANY(%s) "
             "AND w.assignee_agency_id = ANY(%s){kind} AND w.id NOT IN (SELECT item_id FROM core_workitemperson "
             "WHERE user_id = %s AND excluded)) ")
    queue_sql = (queue + "SELECT w.id, w.title, w.due_at, a.name FROM core_workitem w "
                 "LEFT JOIN orgs_agency a ON a.id = w.assignee_agency_id WHERE w.id IN (SELECT id FROM q) "
                 "ORDER BY w.due_at NULLS LAST, w.created_at, w.id LIMIT 20; "
                 + queue + "SELECT count(*) FROM (SELECT 1 FROM q LIMIT 1001) t")
    ops = []
    for who in ("ft_officer1", approver, bureau_head):
        user = User.objects.get(username=who)
        covered = covered_agencies(user)
        params = [user.pk, list(covered), sorted(set().union(*covered.values())), user.pk]
        ops.append(Operation(f"workbench ({who})", who, "/", raw=queue_sql.format(kind=""),
                             raw_params=params * 2))
        ops.append(Operation(f"approvals queue ({who})", who, "/cases/approvals/",
                             raw=queue_sql.format(kind=" AND w.kind LIKE '%%.approval'"), raw_params=params * 2))
    for who in ("ft_officer1", "sz_supervisor"):
        for page in (1, 40):
            raw, raw_params = list_twin(who, (page - 1) * PAGE_SIZE)
            ops.append(Operation(f"case list p{page} ({who})", who, "/cases/", {"page": page} if page > 1 else {},
                                 raw=raw, raw_params=raw_params))
        raw, raw_params = list_twin(who)
        ops.append(Operation(f"case list API ({who})", who, "/api/v1/cases", {"limit": PAGE_SIZE}, raw=raw,
                             raw_params=raw_params))
    ops.append(Operation("case page", "ft_officer1", f"/cases/{case_id}/",
                         raw="SELECT * FROM cases_case WHERE id = %s; SELECT * FROM cases_party WHERE case_id = %s; "
                             "SELECT * FROM workflow_step WHERE subject_type_id = %s AND subject_id = %s; "
                             "SELECT * FROM workflow_deadline WHERE subject_type_id = %s AND subject_id = %s",
                         raw_params=[case_id, case_id, case_type, case_id, case_type, case_id]))
    name = party.replace("有限公司", "")
    for label, term in (("1 char", name[4]), ("2 chars", name[4:6]), ("4 chars", name[4:8]),
                        ("6 chars", party[3:9]), ("USCC", uscc), ("case number", number)):
        raw, raw_params = list_twin("sz_supervisor", q=term)
        ops.append(Operation(f"search {label} ({term})", "sz_supervisor", "/cases/", {"q": term}, SEARCH,
                             raw=raw, raw_params=raw_params))
    # The twins read what the pages read: the cases of the city's agencies (ids found first) through the
    # (agency_id, handled_on / closed_on / decided_on) indexes, in one aggregate bounded by the period's dates.
    city_ids = "c.agency_id = ANY(ARRAY(SELECT id FROM orgs_agency WHERE region_code LIKE %s AND path LIKE %s))"
    city = [sz_prefix + "%", sz.path + "%"]
    figures = ("SELECT {group} count(*) FILTER (WHERE c.handled_on BETWEEN %s AND %s), "
               "count(*) FILTER (WHERE c.closed_on BETWEEN %s AND %s), "
               "sum(coalesce(c.fine, 0) + coalesce(c.confiscation, 0)) FILTER (WHERE c.decided_on BETWEEN %s AND %s) "
               f"FROM cases_case c WHERE {city_ids} AND (c.handled_on BETWEEN %s AND %s "
               "OR c.closed_on BETWEEN %s AND %s OR c.decided_on BETWEEN %s AND %s) {group_by}")
    report_sql = figures.format(group="c.ip_type,", group_by="GROUP BY c.ip_type").replace(
        "FROM cases_case c", ", count(*) FILTER (WHERE c.handled_on BETWEEN %s AND %s) FROM cases_case c").replace(
        "OR c.decided_on BETWEEN %s AND %s)", "OR c.decided_on BETWEEN %s AND %s OR c.handled_on BETWEEN %s AND %s "
        "OR c.closed_on BETWEEN %s AND %s OR c.decided_on BETWEEN %s AND %s)")
    year_ago = [date(start.year - 1, 1, 1), date(start.year - 1, 6, 30)]
    now = [start, end]
    ops.append(Operation("half-year city report", "sz_supervisor", "/reports/",
                         {"agency": sz.pk, "start": start, "end": end}, REPORT, raw=report_sql,
                         raw_params=[*now * 3, *year_ago, *city, *now * 3, *year_ago * 3]))
    this_year = [date(today.year, 1, 1), today]
    ops.append(Operation("dashboard", "sz_supervisor", "/dashboard/", {}, REPORT,
                         raw=figures.format(group="c.ip_type,", group_by="GROUP BY c.ip_type"),
                         raw_params=[*this_year * 3, *city, *this_year * 3]))
    ops.append(Operation("assessment (city units)", "sz_supervisor", "/assessment/",
                         {"agency": sz.pk, "start": start, "end": end}, ASSESSMENT,
                         raw=figures.format(group="c.agency_id,", group_by="GROUP BY c.agency_id"),
                         raw_params=[*now * 3, *city, *now * 3]))
    ops += supervision_and_module_lists(sz_prefix)
    # The day from which about 1,000 of the officer's bureau's cases were discovered, never past the synchronous
    # limit (a longer export answers 302 and goes to the worker).
    since = scalar("""SELECT d FROM (SELECT d, sum(k) OVER (ORDER BY d DESC) AS n FROM (
                          SELECT c.discovered_on AS d, count(*) AS k FROM cases_case c
                          JOIN orgs_agency a ON a.id = c.agency_id WHERE a.path LIKE %s GROUP BY 1) days) t
                      WHERE n <= %s ORDER BY (n >= 1000) DESC, n LIMIT 1""", [ft_path + "%", settings.EXPORT_SYNC_ROWS])
    ops.append(Operation("export 1,000 rows (.xlsx)", "ft_officer1", "/cases/export.xlsx",
                         {"discovered_from": since or today - timedelta(days=60)}, EXPORT))
    ops.append(Operation("export 50,000+ rows (to the worker)", "sz_supervisor", "/cases/export.xlsx", {}, EXPORT,
                         statuses=(200, 302)))  # past IPENFORCE_EXPORT_SYNC_ROWS the worker builds it: 302
    return ops


def supervision_and_module_lists(sz_prefix: str) -> list[Operation]:
    """The procuratorate's and the supervisor's supervision views, and the main lists of the modules around the
    cases (dispatch, e-commerce notices, credit publications), each beside the SQL giving the same rows."""
    from ipenforce.orgs.selectors import agency_id_sets, case_agency_ids, sees_jurisdiction

    procurator = User.objects.get(username="sz_procurator")
    transfer_type = scalar("SELECT id FROM django_content_type WHERE app_label = 'linkage' AND model = 'transfer'")
    # The scopes as the app reads them: agency-id sets on the rows' agency columns (orgs.selectors).
    own, region = (sorted(ids) for ids in agency_id_sets(procurator))
    transfer_scope = "(t.bureau_id = ANY(%s) OR t.procuratorate_id = ANY(%s) OR t.procuratorate_id = ANY(%s))"
    scope_args = [region, region, own]
    procuratorate = (
        # Cases over a criminal threshold and not transferred (以罚代刑 suspects), newest first.
        "SELECT c.id, c.number, c.title, c.crime_alerts, a.name FROM cases_case c JOIN orgs_agency a "
        "ON a.id = c.agency_id WHERE c.agency_id = ANY(%s) AND c.crime_alerts <> '[]' AND NOT EXISTS (SELECT 1 "
        "FROM linkage_transfer t WHERE t.case_id = c.id AND t.state <> 'refused') "
        "ORDER BY c.registered_at DESC, c.id DESC LIMIT 200; "
        # The police's overdue decisions.
        "SELECT d.id, d.title, d.due_at, t.id, p.name, coalesce(c.number, c.title) FROM workflow_deadline d "
        "JOIN linkage_transfer t ON t.id = d.subject_id JOIN cases_case c ON c.id = t.case_id "
        "LEFT JOIN orgs_agency p ON p.id = t.police_id WHERE d.subject_type_id = %s AND d.status = 'running' "
        f"AND d.rule = ANY(%s) AND d.due_at < now() AND {transfer_scope} ORDER BY d.due_at LIMIT 200; "
        # Non-filings the bureau has not challenged.
        "SELECT t.id, t.state, c.number, c.title, p.name FROM linkage_transfer t JOIN cases_case c "
        "ON c.id = t.case_id LEFT JOIN orgs_agency p ON p.id = t.police_id "
        f"WHERE t.state IN ('not_filed', 'upheld') AND {transfer_scope} "
        "ORDER BY t.created_at DESC, t.id DESC LIMIT 200; "
        # The opinions on the region's cases.
        "SELECT o.id, o.issued_at, o.answered_at, c.number FROM linkage_supervisionopinion o JOIN cases_case c "
        "ON c.id = o.case_id JOIN orgs_agency a ON a.id = c.agency_id WHERE a.region_code LIKE %s "
        "ORDER BY o.issued_at DESC, o.id DESC LIMIT 200")
    from ipenforce.linkage.supervision import POLICE_DECISIONS

    ops = [Operation("procuratorate supervision", "sz_procurator", "/transfers/supervision/", {}, REPORT,
                     raw=procuratorate,
                     raw_params=[sorted(case_agency_ids(procurator)), transfer_type, list(POLICE_DECISIONS),
                                 *scope_args, *scope_args, sz_prefix + "%"])]
    # The city's supervisions (its subtree: the supervising agency's or the case's), open ones by deadline.
    supervisor = User.objects.get(username="sz_supervisor")
    supervised = ("FROM supervision_supervisedcase s JOIN cases_case c ON c.id = s.case_id JOIN orgs_agency a "
                  "ON a.id = c.agency_id JOIN orgs_agency sa ON sa.id = s.supervisor_agency_id "
                  "WHERE s.state <> 'closed' AND (c.agency_id = ANY(%s) OR s.supervisor_agency_id = ANY(%s))")
    # A top-level supervisor reads the region's cases.
    args = [sorted(case_agency_ids(supervisor)), sorted(agency_id_sets(supervisor)[0])]
    ops.append(Operation("supervisor's supervision cases", "sz_supervisor", "/supervision/cases/", {}, REPORT,
                         raw=f"SELECT s.id, s.state, s.deadline, s.next_report_due, c.number, c.title, a.name, "
                             f"sa.name {supervised} ORDER BY s.deadline, s.id LIMIT 25; "
                             f"SELECT count(*) FROM (SELECT 1 {supervised} LIMIT 1001) t",
                         raw_params=args * 2))
    # 交办: the city bureau's assignments, the ones it issued and those issued to its units.
    city = User.objects.get(username="sz_inspector") if User.objects.filter(
        username="sz_inspector").exists() else supervisor
    assigned = ("FROM command_assignment x JOIN orgs_agency g ON g.id = x.assigner_id JOIN orgs_agency r "
                "ON r.id = x.receiver_id WHERE (x.assigner_id = ANY(%s) OR (x.receiver_id = ANY(%s) AND x.state "
                "NOT IN ('draft', 'withdrawn')))")
    own, region = agency_id_sets(city)
    city_ids = sorted(own | region if sees_jurisdiction(city) else own)
    ops.append(Operation("dispatch assignments (city)", "sz_inspector" if city != supervisor else "sz_supervisor",
                         "/assignments/", {"all": 1},
                         raw=f"SELECT x.id, x.title, x.state, x.due_on, g.name, r.name {assigned} "
                             "ORDER BY x.created_at DESC, x.id DESC LIMIT 25; "
                             f"SELECT count(*) FROM (SELECT 1 {assigned} LIMIT 1001) t",
                         raw_params=[city_ids] * 4))
    # 电商通知: the protection centre's notices to the platforms, newest first.
    centre = sorted(agency_id_sets(User.objects.get(username="centre_staff"))[0])
    notices = ("FROM protection_takedownnotice n JOIN orgs_agency p ON p.id = n.platform_id "
               "WHERE (n.platform_id = ANY(%s) OR n.right_holder_id = ANY(%s) OR n.centre_id = ANY(%s))")
    ops.append(Operation("e-commerce notices (centre)", "centre_staff", "/protection/", {"all": 1},
                         raw=f"SELECT n.id, n.state, n.sent_on, p.name, n.right_holder_name {notices} "
                             "ORDER BY n.created_at DESC, n.id DESC LIMIT 25; "
                             f"SELECT count(*) FROM (SELECT 1 {notices} LIMIT 1001) t",
                         raw_params=[centre] * 6))
    # 行政处罚信息公示: a district's publications, newest first.
    district = sorted(case_agency_ids(User.objects.get(username="ft_officer1")))
    published = ("FROM credit_publication x JOIN orgs_agency a ON a.id = x.agency_id WHERE x.agency_id = ANY(%s)")
    ops.append(Operation("credit publications (ft_officer1)", "ft_officer1", "/credit/", {},
                         raw=f"SELECT x.id, x.state, x.decision_number, x.party_name, x.published_on, x.ends_on, "
                             f"a.name {published} ORDER BY x.published_on DESC, x.id DESC LIMIT 25; "
                             f"SELECT count(*) FROM (SELECT 1 {published} LIMIT 1001) t",
                         raw_params=[district] * 2))
    return ops


def list_twin(username: str, offset: int = 0, **filters) -> tuple[str, list]:
    """The case list's raw twin: the statements the page runs for its answer — the page of rows (the scope, the
    filters and the search as `cases.filters` builds them, on the same index paths), its count up to the cap and
    its cases' parties — without Django around them."""
    rows = list_values(filter_cases(case_list(User.objects.get(username=username)), **filters))
    page, page_params = rows[offset: offset + PAGE_SIZE].query.sql_with_params()
    counted, count_params = rows.order_by()[: max(COUNT_CAP, offset + 2 * PAGE_SIZE) + 1].query.sql_with_params()
    return (f"{page}; SELECT count(*) FROM ({counted}) t; SELECT case_id, id, name, uscc, id_number FROM cases_party "
            f"WHERE case_id IN (SELECT id FROM ({page}) p) ORDER BY id",
            [*page_params, *count_params, *page_params])


def _rows(statement, params):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall()


def approval_action(port: int, runs: int) -> Operation | None:
    """Approve, as the unit head with the most, the first step of pending approvals (each request uses one).

    A bureau with several unit heads addresses each approval to the one nearest the case's officers (the app answers
    403 `permission_denied` to the others): such a case is skipped and counted, not timed, and the next one taken."""
    rows = _rows("""SELECT u.username, c.id, c.version FROM workflow_approval a
                    JOIN cases_case c ON c.id = a.subject_id
                    JOIN orgs_user u ON u.agency_id = c.agency_id
                    JOIN orgs_rolegrant r ON r.user_id = u.id AND r.role = 'unit_head'
                    WHERE a.status = 'pending' AND a.awaiting_role = 'unit_head' AND a.position = 0
                      AND u.username = (SELECT u2.username FROM workflow_approval a2
                                        JOIN cases_case c2 ON c2.id = a2.subject_id
                                        JOIN orgs_user u2 ON u2.agency_id = c2.agency_id
                                        JOIN orgs_rolegrant r2 ON r2.user_id = u2.id AND r2.role = 'unit_head'
                                        WHERE a2.status = 'pending' AND a2.awaiting_role = 'unit_head'
                                        AND a2.position = 0
                                        GROUP BY u2.username ORDER BY count(*) DESC LIMIT 1)
                    ORDER BY c.id LIMIT %s""", [runs * 2])
    if not rows:
        return None
    op = Operation("approval action (approve)", rows[0][0], "", target=ACTION, method="POST")
    client = Http(port, session_cookie(rows[0][0]))
    skipped = 0
    for _username, case_id, version in rows:
        if len(op.app) == runs:
            break
        status, ms, data = client.request("POST", f"/api/v1/cases/{case_id}/actions/approve", {},
                                          f'{{"version": {version}, "comment": "同意"}}')
        if status == 403 and b'"permission_denied"' in data:
            skipped += 1
            continue
        op.app.append(ms)
        if status != 200:
            op.failures += 1
            op.error = f"HTTP {status}: {data[:120].decode(errors='replace')}"
    if skipped:
        op.name += f" ({skipped} addressed to another unit head skipped)"
    return op


def count_queries(op: Operation) -> None:
    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(User.objects.get(username=op.user))
    with CaptureQueriesContext(connection) as captured:
        client.get(op.path, op.params)
    op.queries = len(captured)


def throughput(port: int, ops: list[Operation], clients: int, seconds: float) -> float:
    reads = [op for op in ops if op.raw]
    if not reads:  # --only picked no read operation with a raw twin
        return float("nan")
    cookies = {op.user: session_cookie(op.user) for op in reads}
    done, stop = [0] * clients, time.perf_counter() + seconds

    def run(n):
        http_client = {}
        k = n
        while time.perf_counter() < stop:
            op = reads[k % len(reads)]
            k += 1
            connection_ = http_client.setdefault(op.user, Http(port, cookies[op.user]))
            status, _ms, _data = connection_.request("GET", op.path, op.params)
            done[n] += status in op.statuses

    threads = [threading.Thread(target=run, args=(n,)) for n in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.perf_counter() - began)


def verify_audit_rate() -> tuple[int, float, bool]:
    from ipenforce.core.audit import verify_chain

    began = time.perf_counter()
    report = verify_chain()
    return report.checked, report.checked / (time.perf_counter() - began), report.ok


WORKER_EXPORT = """
import json, resource, time
from ipenforce.core.exports import export_job_run
began = time.perf_counter()
job = export_job_run(job_id={job})
print(json.dumps({{"state": job.state, "rows": job.done, "seconds": time.perf_counter() - began,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def worker_export(since_id: int) -> dict | None:
    """Build the newest export job queued since `since_id` as `db_worker` would (export_job_run, in a process of
    its own, DEBUG off): its rows, seconds and peak memory. The other jobs the requests queued are marked failed,
    so a worker started on the bench database later does not spend an hour on copies."""
    from ipenforce.core.models import ExportJob

    jobs = list(ExportJob.objects.filter(pk__gt=since_id, state=ExportJob.QUEUED).order_by("-pk")
                .values_list("pk", flat=True))
    if not jobs:
        return None
    ExportJob.objects.filter(pk__in=jobs[1:]).update(state=ExportJob.FAILED, error="benchmark copy, not built")
    env = dict(os.environ, IPENFORCE_DEBUG="0", IPENFORCE_SECRET_KEY=settings.SECRET_KEY)
    done = subprocess.run([sys.executable, "manage.py", "shell", "-c", WORKER_EXPORT.format(job=jobs[0])], cwd=ROOT,
                          env=env, capture_output=True, text=True)
    if done.returncode:
        return {"state": "crashed", "rows": 0, "seconds": 0, "rss_mb": float("nan"), "error": done.stderr[-500:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def vacuum_analyze_if_needed() -> str:
    """The planner needs statistics: VACUUM ANALYZE unless every table has been analysed since it was loaded."""
    stale = scalar("""SELECT count(*) FROM pg_stat_user_tables WHERE n_live_tup > 0
                      AND (greatest(last_analyze, last_autoanalyze) IS NULL
                           OR n_mod_since_analyze > 0.1 * n_live_tup)""")
    if stale:
        began = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        return f"VACUUM ANALYZE run first ({stale} tables had stale statistics, {time.perf_counter() - began:.0f} s)"
    analysed = scalar("SELECT max(greatest(last_analyze, last_autoanalyze)) FROM pg_stat_user_tables "
                      "WHERE relname = 'cases_case'")
    return f"statistics current (cases_case analysed {analysed:%Y-%m-%d %H:%M})" if analysed else "statistics current"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=int(os.environ.get("BENCH_REQUESTS", 200)))
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8765)))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--output", default=str(ROOT / "bench/results/latest.md"))
    parser.add_argument("--only", default="",
                        help="run the operations whose name contains this (or one of these, comma-separated)")
    parser.add_argument("--skip-audit", action="store_true")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        print("bench/run.py measures PostgreSQL (IPENFORCE_DATABASE_URL=postgres://…; `make bench-data` first)")
        return 2
    vacuum = vacuum_analyze_if_needed()
    print(vacuum, flush=True)
    cases = scalar("SELECT count(*) FROM cases_case")
    first_job = scalar("SELECT coalesce(max(id), 0) FROM core_exportjob")
    load_before = os.getloadavg()[0]
    today = date.today()
    ops = [op for op in operations(today) if any(part in op.name for part in args.only.split(","))]
    server = start_server(args.port, args.workers)
    try:
        clients = {}
        for op in ops:
            client = clients.setdefault(op.user, Http(args.port, session_cookie(op.user)))
            for _n in range(3):  # warm: the first requests load code and fill caches
                client.request(op.method, op.path, op.params)
            runs = args.requests if op.statuses == (200,) else max(args.requests // 10, 10)
            try:
                for _n in range(runs):
                    status, ms, _data = client.request(op.method, op.path, op.params)
                    op.app.append(ms)
                    op.failures += status not in op.statuses
                    if op.raw:
                        op.sql.append(raw_ms(op.raw, op.raw_params))
                count_queries(op)
            except Exception as error:  # one broken operation is reported, not the end of the run
                op.failures += 1
                op.error = f"{type(error).__name__}: {error}"[:200]
                print(f"  {op.name}: {op.error}", flush=True)
            print(f"  {op.name:<44} p50 {pct(op.app, 50):8.1f}  p95 {pct(op.app, 95):8.1f} ms"
                  f"  raw p50 {pct(op.sql, 50):7.1f}  queries {op.queries}  failures {op.failures}", flush=True)
            # Written as it goes: an interrupted run still leaves the operations it measured.
            write_results(args, [o for o in ops if o.app or o.error], cases, None, None, None,
                          (load_before, os.getloadavg()[0]), None, vacuum)
        action = approval_action(args.port, args.requests) if not args.only or "approval" in args.only else None
        if action:
            ops.append(action)
            print(f"  {action.name:<44} p50 {pct(action.app, 50):8.1f}  p95 {pct(action.app, 95):8.1f} ms "
                  f"({len(action.app)} approvals)", flush=True)
        rate = throughput(args.port, ops, args.clients, args.seconds)
        rss = worker_rss_mb(server)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    export = worker_export(first_job) if any("worker" in op.name for op in ops) else None
    audit = None if args.skip_audit else verify_audit_rate()
    load = (load_before, os.getloadavg()[0])
    missed = write_results(args, ops, cases, rate, rss, audit, load, export, vacuum)
    print(Path(args.output).read_text())
    return 1 if missed else 0


def write_results(args, ops, cases, rate, rss, audit, load, export, vacuum) -> int:
    lines = [f"# Benchmark: {cases:,} cases", "",
             f"`make bench` on {date.today()}: {platform.node()}, {os.cpu_count()} cores, "
             f"{_memory()} RAM, {platform.platform()}, PostgreSQL {connection.pg_version // 10000}, "
             f"gunicorn {args.workers} workers, DEBUG off; {args.requests} requests per read operation one at a "
             "time, each followed by its raw SQL on a direct connection (interleaved). Times in ms; the ratio is "
             "app p50 ÷ raw p50; queries are what one request runs. Load average "
             f"{load[0]:.1f} at the start and {load[1]:.1f} at the end (other work shares the machine).", "",
             "| operation | p50 | p95 | p99 | target p95 | raw p50 | app/raw | queries | result |",
             "|---|---|---|---|---|---|---|---|---|"]
    missed = 0
    for op in ops:
        p95 = pct(op.app, 95)
        ratio = pct(op.app, 50) / pct(op.sql, 50) if op.sql else None
        problems = []
        if p95 > op.target:
            problems.append(f"{p95 / op.target:.1f}× over")
        if ratio and ratio > RAW_RATIO:
            problems.append(f"{ratio:.1f}× raw")
        if op.failures:
            problems.append(f"{op.failures} failed" + (f" ({op.error})" if op.error else ""))
        missed += bool(problems)
        lines.append(f"| {op.name} | {pct(op.app, 50):.1f} | {p95:.1f} | {pct(op.app, 99):.1f} | ≤ {op.target} | "
                     f"{pct(op.sql, 50):.1f} | {f'{ratio:.1f}' if ratio else '–'} | "
                     f"{op.queries if op.queries is not None else '–'} | "
                     f"{'MISSED: ' + ', '.join(problems) if problems else 'ok'} |")
    lines.append("")
    if rate is None:
        lines.append("- (interrupted or still running: throughput, memory and `verify_audit` not measured yet)")
    else:
        lines += [f"- throughput, {args.clients} concurrent clients over the read operations: **{rate:.1f} "
                  "requests/s**" if rate == rate else "- throughput: not measured (no read operation selected)",
                  f"- largest gunicorn process: **{rss:.0f} MB** (target ≤ 200 MB)"]
        missed += rss > 200
    if export:
        worker_ok = export["state"] == "done" and export["rss_mb"] <= 200
        lines.append(f"- the worker's build of the long export (export_job_run in a process of its own): "
                     f"{export['rows']:,} rows in **{export['seconds']:.1f} s**, peak **{export['rss_mb']:.0f} MB** "
                     f"(target ≤ 200 MB), {export['state']}" + (f": {export['error']}" if export.get("error") else ""))
        missed += not worker_ok
    lines.append(f"- {vacuum}")
    if audit:
        checked, per_second, ok = audit
        lines.append(f"- `verify_audit`: {checked:,} events at **{per_second:,.0f} events/s** (target ≥ 100,000), "
                     f"chain {'intact' if ok else 'BROKEN'}")
        missed += per_second < 100_000 or not ok
    lines.append("")
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return missed


def _memory() -> str:
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        return f"{kb / 1024 / 1024:.0f} GB"
    except (OSError, AttributeError):
        return "?"


if __name__ == "__main__":
    sys.exit(main())
