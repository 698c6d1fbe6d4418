"""The built-in `calls` mapping written for Python and orjson, for docs/BENCHMARKS.md: the same fields from the
same record, with simpler phone rules (digits, NANP) and times re-written only when they end in Z."""
import re
import sys

import orjson

NOT_DIGITS = re.compile(rb"[^0-9+]")
READ = {"call_id", "start_time", "caller_number", "customer_id", "wait_seconds", "handle_seconds", "queue",
        "disposition", "agent_id", "end_time", "notes"}


def ms(text):
    if isinstance(text, str) and text.endswith("Z") and "." not in text:
        return text[:-1] + ".000Z"
    return text


def phone(text):
    digits = NOT_DIGITS.sub(b"", text.encode()).decode()
    if digits.startswith("+"):
        return digits
    if len(digits) == 10:
        return "+1" + digits
    if len(digits) == 11 and digits.startswith("1"):
        return "+" + digits
    return None


def number(value):
    if isinstance(value, (int, float)):
        return value
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def main():
    out = sys.stdout.buffer
    for line in sys.stdin.buffer:
        record = orjson.loads(line)
        if record.get("kind") != "record":
            out.write(line)
            continue
        data = record["data"]
        ids = {}
        if data.get("caller_number"):
            normalized = phone(data["caller_number"])
            if normalized:
                ids["phone"] = normalized
        if data.get("customer_id"):
            ids["customer_id"] = data["customer_id"]
        metrics = {}
        for key in ("wait_seconds", "handle_seconds"):
            value = number(data.get(key))
            if value is not None and value >= 0:
                metrics[key] = value
        properties = {"queue": data.get("queue"), "disposition": data.get("disposition"),
                      "agent_id": data.get("agent_id"), "end_time": ms(data.get("end_time"))}
        properties.update({k: v for k, v in data.items() if k not in READ})
        event = {"kind": "event", "id": "calls:" + str(data["call_id"]), "time": ms(data["start_time"]),
                 "received": record.get("received"), "source": record["source"], "channel": "call_center",
                 "type": "call", "stage": "support", "ids": ids, "text": data.get("notes"), "metrics": metrics,
                 "properties": {k: v for k, v in properties.items() if v not in (None, "")}}
        out.write(orjson.dumps({k: v for k, v in event.items() if v is not None}) + b"\n")


main()
