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

from ipenforce.cases.filters import GRAM_SEARCH, like_pattern  # noqa: E402
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
    scope_sz = "a.region_code LIKE %s"
    case_list_sql = ("SELECT c.id, c.number, c.title, c.state, a.name FROM cases_case c JOIN orgs_agency a "
                     "ON a.id = c.agency_id WHERE {scope} ORDER BY c.registered_at DESC, c.id DESC LIMIT 20 "
                     "OFFSET %s")
    count_sql = "SELECT count(*) FROM cases_case c JOIN orgs_agency a ON a.id = c.agency_id WHERE {scope}"
    # The search's raw twin: the same index paths the app takes (cases.filters), then the page and its count.
    search_page = ("SELECT c.id, c.number, c.title FROM cases_case c JOIN orgs_agency a ON a.id = c.agency_id "
                   f"WHERE {scope_sz} AND c.id IN ({{ids}}) ORDER BY c.registered_at DESC, c.id DESC LIMIT 20; "
                   "SELECT count(*) FROM (SELECT 1 FROM cases_case c JOIN orgs_agency a ON a.id = c.agency_id "
                   f"WHERE {scope_sz} AND c.id IN ({{ids}}) LIMIT 1001) t")
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
    for who, scope, arg in (("ft_officer1", "a.path LIKE %s", ft_path + "%"),
                            ("sz_supervisor", scope_sz, sz_prefix + "%")):
        for page, offset in ((1, 0), (40, 780)):
            ops.append(Operation(f"case list p{page} ({who})", who, "/cases/", {"page": page} if page > 1 else {},
                                 raw=case_list_sql.format(scope=scope) + "; " + count_sql.format(scope=scope),
                                 raw_params=[arg, offset, arg]))
    ops.append(Operation("case page", "ft_officer1", f"/cases/{case_id}/",
                         raw="SELECT * FROM cases_case WHERE id = %s; SELECT * FROM cases_party WHERE case_id = %s; "
                             "SELECT * FROM workflow_step WHERE subject_type_id = %s AND subject_id = %s; "
                             "SELECT * FROM workflow_deadline WHERE subject_type_id = %s AND subject_id = %s",
                         raw_params=[case_id, case_id, case_type, case_id, case_type, case_id]))
    name = party.replace("有限公司", "")
    exact = {"USCC": ("SELECT case_id FROM cases_party WHERE uscc = %s OR id_number = %s", [uscc, uscc]),
             "case number": ("SELECT id FROM cases_case WHERE number = %s", [number])}
    for label, term in (("1 char", name[4]), ("2 chars", name[4:6]), ("4 chars", name[4:8]),
                        ("6 chars", party[3:9]), ("USCC", uscc), ("case number", number)):
        like = like_pattern(term)
        ids, params = exact.get(label, (GRAM_SEARCH, [term, like, like, like, term, like]))
        ops.append(Operation(f"search {label} ({term})", "sz_supervisor", "/cases/", {"q": term}, SEARCH,
                             raw=search_page.format(ids=ids),
                             raw_params=[sz_prefix + "%", *params, sz_prefix + "%", *params]))
    handled = ("SELECT c.ip_type, count(*), sum(c.fine) FROM cases_case c JOIN orgs_agency a ON a.id = c.agency_id "
               f"WHERE {scope_sz} AND ((c.procedure = 'ordinary' AND c.filed_on BETWEEN %s AND %s) OR "
               "(c.procedure = 'simple' AND c.decided_on BETWEEN %s AND %s)) GROUP BY c.ip_type")
    year_ago = [date(start.year - 1, 1, 1), date(start.year - 1, 6, 30)]
    ops.append(Operation("half-year city report", "sz_supervisor", "/reports/",
                         {"agency": sz.pk, "start": start, "end": end}, REPORT,
                         raw=handled + "; " + handled,
                         raw_params=[sz_prefix + "%", start, end, start, end, sz_prefix + "%", *year_ago, *year_ago]))
    ops.append(Operation("dashboard", "sz_supervisor", "/dashboard/", {}, REPORT, raw=handled,
                         raw_params=[sz_prefix + "%", date(today.year, 1, 1), today, date(today.year, 1, 1), today]))
    ops.append(Operation("assessment (city units)", "sz_supervisor", "/assessment/",
                         {"agency": sz.pk, "start": start, "end": end}, ASSESSMENT,
                         raw=handled.replace("c.ip_type", "c.agency_id"),
                         raw_params=[sz_prefix + "%", start, end, start, end]))
    ops.append(Operation("procuratorate supervision", "sz_procurator", "/transfers/supervision/", {}, REPORT))
    ops.append(Operation("supervisor's supervision cases", "sz_supervisor", "/supervision/cases/", {}, REPORT))
    since = scalar("""SELECT d FROM (SELECT c.discovered_on AS d, count(*) OVER (ORDER BY c.discovered_on DESC) AS n
                      FROM cases_case c JOIN orgs_agency a ON a.id = c.agency_id WHERE a.path LIKE %s) t
                      WHERE n >= 1000 ORDER BY d DESC LIMIT 1""", [ft_path + "%"])
    ops.append(Operation("export 1,000 rows (.xlsx)", "ft_officer1", "/cases/export.xlsx",
                         {"discovered_from": since or today - timedelta(days=60)}, EXPORT))
    ops.append(Operation("export 50,000+ rows (to the worker)", "sz_supervisor", "/cases/export.xlsx", {}, EXPORT,
                         statuses=(200, 302)))  # past IPENFORCE_EXPORT_SYNC_ROWS the worker builds it: 302
    return ops


def _rows(statement, params):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall()


def approval_action(port: int, runs: int) -> Operation | None:
    """Approve, as the unit head with the most, the first step of pending approvals (each request uses one)."""
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
                    ORDER BY c.id LIMIT %s""", [runs])
    if not rows:
        return None
    op = Operation("approval action (approve)", rows[0][0], "", target=ACTION, method="POST")
    client = Http(port, session_cookie(rows[0][0]))
    for _username, case_id, version in rows:
        status, ms, _data = client.request("POST", f"/api/v1/cases/{case_id}/actions/approve", {},
                                           f'{{"version": {version}, "comment": "同意"}}')
        op.app.append(ms)
        op.failures += status != 200
    return op


def count_queries(op: Operation) -> None:
    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(User.objects.get(username=op.user))
    with CaptureQueriesContext(connection) as captured:
        client.get(op.path, op.params)
    op.queries = len(captured)


def throughput(port: int, ops: list[Operation], clients: int, seconds: float) -> float:
    reads = [op for op in ops if op.raw]
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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=int(os.environ.get("BENCH_REQUESTS", 200)))
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8765)))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--output", default=str(ROOT / "bench/results/latest.md"))
    parser.add_argument("--only", default="", help="run the operations whose name contains this")
    parser.add_argument("--skip-audit", action="store_true")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        print("bench/run.py measures PostgreSQL (IPENFORCE_DATABASE_URL=postgres://…; `make bench-data` first)")
        return 2
    cases = scalar("SELECT count(*) FROM cases_case")
    load_before = os.getloadavg()[0]
    today = date.today()
    ops = [op for op in operations(today) if args.only in op.name]
    server = start_server(args.port, args.workers)
    try:
        clients = {}
        for op in ops:
            client = clients.setdefault(op.user, Http(args.port, session_cookie(op.user)))
            for _n in range(3):  # warm: the first requests load code and fill caches
                client.request(op.method, op.path, op.params)
            runs = args.requests if op.statuses == (200,) else max(args.requests // 10, 10)
            for _n in range(runs):
                status, ms, _data = client.request(op.method, op.path, op.params)
                op.app.append(ms)
                op.failures += status not in op.statuses
                if op.raw:
                    op.sql.append(raw_ms(op.raw, op.raw_params))
            count_queries(op)
            print(f"  {op.name:<44} p50 {pct(op.app, 50):8.1f}  p95 {pct(op.app, 95):8.1f} ms"
                  f"  raw p50 {pct(op.sql, 50):7.1f}  queries {op.queries}  failures {op.failures}", flush=True)
            # Written as it goes: an interrupted run still leaves the operations it measured.
            write_results(args, [o for o in ops if o.app], cases, None, None, None,
                          (load_before, os.getloadavg()[0]))
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
    audit = None if args.skip_audit else verify_audit_rate()
    load = (load_before, os.getloadavg()[0])
    missed = write_results(args, ops, cases, rate, rss, audit, load)
    print(Path(args.output).read_text())
    return 1 if missed else 0


def write_results(args, ops, cases, rate, rss, audit, load) -> int:
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
            problems.append(f"{op.failures} failed")
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
                  "requests/s**", f"- largest gunicorn process: **{rss:.0f} MB** (target ≤ 200 MB)"]
        missed += rss > 200
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
