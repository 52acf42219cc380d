"""The generator's audit chain (bench/generate.py chain_events): the events it writes as COPY rows carry the hashes
compute_hash gives the same events, also for titles that COPY and JSON must escape. No database needed."""
import importlib.util
import json
import re
from datetime import datetime
from pathlib import Path

from ipenforce.core.audit import GENESIS, audit_key, compute_hash
from ipenforce.core.models import AuditEvent

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _generate():
    spec = importlib.util.spec_from_file_location("bench_generate_chain", BENCH / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _unescape(field: str):
    if field == "\\N":
        return None
    return re.sub(r"\\(.)", lambda m: {"t": "\t", "n": "\n", "r": "\r"}.get(m.group(1), m.group(1)), field)


def test_chain_rows_hash_as_compute_hash_does():
    generate = _generate()
    title = 'a "quoted"\ttab \\ backslash\n深圳市鑫业贸易有限公司涉嫌侵犯著作权案'
    escaped = title.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
    lines = [f"41\t7\t3\tft_officer1\t\\N\t{escaped}\tverifying\t2025-03-02T09:12:33.000250+00:00\t\\N\t\\N\t\\N\n",
             "42\t7\t3\tft_officer1\t粤深市监罚〔2025〕1001号\tx\tclosed\t2025-03-02T09:00:00+00:00\t2025-03-04\t"
             "2025-04-01\t2025-05-02\n"]
    rows = []
    seq, prev, written = generate.chain_events(lines, audit_key(), 100, "a" * 64, rows.append)
    assert written == len(rows) == 5 + 9 and seq == 114 and prev == rows[-1].split("\t")[10]
    expected_prev = "a" * 64
    for row in rows:
        fields = [_unescape(f) for f in row.rstrip("\n").split("\t")]
        event = AuditEvent(seq=int(fields[0]), created_at=datetime.fromisoformat(fields[1]), actor_label=fields[2],
                           action=fields[3], target_type=fields[4], target_id=fields[5], target_label=fields[6],
                           before=json.loads(fields[7]) if fields[7] else None, after=json.loads(fields[8]),
                           prev_hash=fields[9], actor_id=int(fields[11]), agency_id=int(fields[12]))
        assert event.prev_hash == expected_prev != GENESIS
        assert compute_hash(event) == fields[10], event.action
        expected_prev = fields[10]
    assert json.loads(_unescape(rows[0].split("\t")[8]))["title"] == title
