"""Writes touchpoint-gen's calls.csv rows repeated to N calls (new call ids), for the normalize benchmark.
Usage: python3 docs/benchmarks/repeat_calls.py CALLS.CSV N > calls-big.csv"""
import csv
import sys

rows = list(csv.reader(open(sys.argv[1], newline="")))
header, body = rows[0], rows[1:]
writer = csv.writer(sys.stdout, lineterminator="\r\n")
writer.writerow(header)
for n in range(int(sys.argv[2])):
    row = list(body[n % len(body)])
    row[0] = "CL-%07d" % n
    writer.writerow(row)
