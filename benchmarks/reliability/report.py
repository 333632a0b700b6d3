"""The suite's verdict and the table it prints."""

from __future__ import annotations

from typing import Any


def verdict(results: dict[str, Any]) -> dict[str, Any]:
    load = results.get("load", [])
    hostile = results.get("hostile", {})
    found = results.get("faults", [])
    replays = hostile.get("replays", {})
    lost = sum(int(f.get("lost") or 0) + int(f.get("unanswered") or 0) for f in found)
    lost += sum(int(r.get("lost") or 0) for r in load)
    twice = sum(int(f.get("sent_twice") or 0) for f in found)
    twice += sum(int(r.get("sent_twice") or 0) for r in load)
    twice += sum(max(0, r["answers"] - 1) for r in replays.values())
    summary = {
        "load_held": f"{sum(1 for r in load if r['held'])}/{len(load)}",
        "faults_survived": f"{sum(1 for f in found if f['survived'])}/{len(found)}",
        "bad_inputs_tried": hostile.get("tried", 0),
        "bad_inputs_as_expected": hostile.get("passed", 0),
        "bad_inputs_500": hostile.get("server_errors", 0),
        "replays_answered_once": f"{sum(1 for r in replays.values() if r['ok'])}/{len(replays)}",
        "data_lost": lost,
        "sent_twice": twice,
    }
    summary["green"] = (summary["load_held"].split("/")[0] == summary["load_held"].split("/")[1]
                        and summary["faults_survived"].split("/")[0] == summary["faults_survived"].split("/")[1]
                        and hostile.get("passed") == hostile.get("tried") and lost == 0 and twice == 0
                        and all(r["ok"] for r in replays.values()))
    return summary


def print_report(results: dict[str, Any]) -> None:
    print(f"\nReliability — {results['backend']}, {results['clients']} clients, {results['machine']}, "
          f"{results.get('total_seconds')} s")
    print(f"server ready in {results.get('startup_seconds')} s; first request per endpoint (ms): "
          f"{results.get('first_request_ms')}")
    print("\n| endpoint | requests | req/s | p50 ms | p99 ms | errors | /healthz ok | answered/accepted | lost | twice "
          "| held |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in results.get("load", []):
        answered = "—" if r["answered"] is None else f"{r['answered']}/{r['accepted']}"
        print(f"| {r['endpoint']} | {r['requests']} | {r['throughput_rps']} | {r['p50_ms']} | {r['p99_ms']} | "
              f"{r['errors']} | {r['healthz']} | {answered} | {r['lost']} | {r['sent_twice']} | "
              f"{'yes' if r['held'] else 'NO'} |")
    hostile = results.get("hostile", {})
    print(f"\nhostile inputs: {hostile.get('passed')}/{hostile.get('tried')} got the expected status, "
          f"{hostile.get('server_errors')} answered 5xx; RSS {hostile.get('rss_mb_before')} → "
          f"{hostile.get('rss_mb_after')} MB")
    for case in hostile.get("cases", []):
        if not case["ok"]:
            print(f"  ✗ {case['case']}: {case['status']} (expected {case['expected']})")
    for platform_name, replay in hostile.get("replays", {}).items():
        print(f"  replay ×3 {platform_name}: statuses {replay['statuses']}, answered {replay['answers']}×")
    print("\n| fault | survived | what clients saw | notes |")
    print("|---|---|---|---|")
    skip = {"fault", "survived", "statuses"}
    for f in results.get("faults", []):
        notes = ", ".join(f"{k}={v}" for k, v in f.items() if k not in skip)
        print(f"| {f['fault']} | {'yes' if f['survived'] else 'NO'} | {f['statuses']} | {notes} |")
    v = results["verdict"]
    print("\n| load held | faults survived | bad inputs tried | bad inputs as expected | data lost | sent twice |")
    print("|---|---|---:|---:|---:|---:|")
    print(f"| {v['load_held']} | {v['faults_survived']} | {v['bad_inputs_tried']} | {v['bad_inputs_as_expected']} | "
          f"{v['data_lost']} | {v['sent_twice']} |")
    print(f"\nserver log tracebacks: {results.get('server_tracebacks')}; verdict: "
          f"{'GREEN' if v['green'] else 'NOT GREEN'}")
