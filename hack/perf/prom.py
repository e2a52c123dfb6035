"""Reconcile latency quantiles from the operator's Prometheus text (/q/metrics).

JOSDK times every reconcile in the timer operator.sdk.controllers.execution.reconcile, exported
as operator_sdk_controllers_execution_reconcile_seconds with a percentile histogram (cumulative
_bucket series). Quantiles are computed from the bucket counts, as Prometheus' histogram_quantile
does, over the difference of two scrapes: exactly the reconciles in between.
"""

import collections
import re
import urllib.request

TIMER = "operator_sdk_controllers_execution_reconcile_seconds_bucket"
LINE = re.compile(r'^(\w+)\{(.*)\} ([0-9.eE+-]+|NaN)$')
LE = re.compile(r'(?:^|,)le="([^"]+)"')


def scrape(port):
    with urllib.request.urlopen(f"http://localhost:{port}/q/metrics", timeout=30) as r:
        return r.read().decode()


def buckets(text):
    """{upper bound: cumulative count}, summed over all series of the reconcile timer."""
    out = collections.Counter()
    for line in text.splitlines():
        if not line.startswith(TIMER):
            continue
        m = LINE.match(line)
        if not m or m.group(1) != TIMER:
            continue
        le = LE.search(m.group(2))
        if le:
            bound = float("inf") if le.group(1) == "+Inf" else float(le.group(1))
            out[bound] += float(m.group(3))
    return out


def quantile(q, after, before=None):
    """The q-quantile in seconds of the reconciles between two bucket snapshots (None if none)."""
    before = before or {}
    bounds = sorted(after)
    counts = [after[b] - before.get(b, 0) for b in bounds]
    total = counts[-1] if counts else 0
    if total <= 0:
        return None
    rank = q * total
    previous_bound, previous_count = 0.0, 0.0
    for bound, count in zip(bounds, counts):
        if count >= rank:
            if bound == float("inf"):
                return previous_bound
            share = (rank - previous_count) / (count - previous_count) if count > previous_count else 1
            return previous_bound + (bound - previous_bound) * share
        previous_bound, previous_count = bound, count
    return bounds[-1]


def count(after, before=None):
    before = before or {}
    inf = float("inf")
    return after.get(inf, 0) - before.get(inf, 0)
