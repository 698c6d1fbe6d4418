"""ingest's NDJSON reading written for Python and orjson, for docs/BENCHMARKS.md: each line of the file given is
parsed (a line that is not JSON is counted, as ingest dead-letters it) and written as ingest's record envelope with
its provenance, a fixed received time and the value minified. No barriers, as with --barrier-every 0."""
import sys

import orjson


def main():
    path = sys.argv[1]
    name = path.rsplit("/", 1)[-1].split(".", 1)[0]
    head = b'{"kind":"record","source":{"name":' + orjson.dumps(name) + b',"format":"ndjson","file":' \
        + orjson.dumps(path) + b',"line":'
    received = b',"received":"2026-11-01T00:00:00.000Z","data":'
    out = sys.stdout.buffer
    offset = 0
    bad = 0
    with open(path, "rb") as lines:
        for number, line in enumerate(lines, 1):
            try:
                value = orjson.dumps(orjson.loads(line))
            except orjson.JSONDecodeError:
                bad += 1
            else:
                out.write(head + str(number).encode() + b',"offset":' + str(offset).encode() + b'}' + received
                          + value + b'}\n')
            offset += len(line)
    print(f"dead letters: {bad}", file=sys.stderr)


main()
