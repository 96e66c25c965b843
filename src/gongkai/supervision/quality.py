"""The quality rules (issue 11 §3) over the agencies of a workplace: XY-JUMP, DUP-TEXT, TBL-ZERO and
PEER-RANGE, each agency's report against its own last year and against the others.

The reports are the ones the workplace's 错误/警告 columns check (``reports.queries.current_reports``:
the latest published version while published, else the live tables with the workspace's texts);
last year's is the filed one (latest published version, else an imported baseline). The peers
are the other agencies of the workplace with a report this year: PEER-RANGE keeps those of the
same kind and level itself (``CheckOptions.peer_match``); DUP-TEXT compares with all of them
(a 乡镇 copying the county's text is what 内容雷同 is about).

No query per agency: the reports are in hand; the comparisons are Python. The pairs of similar
reports are found once with ``similarity.most_similar`` (bitsets); DUP-TEXT then only looks at
the fingerprints of those partners (the others are handed to it without one), so 500 agencies
do not cost 250,000 set intersections."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass, field

from gongkai.annual import similarity
from gongkai.annual.checks import REGISTRY, CheckContext, CheckOptions, Finding, Severity
from gongkai.annual.model import Report
from gongkai.annual.peers import KEY_FIGURES, Digest, Quartiles, digest, quartile_table

CODES = ("XY-JUMP", "DUP-TEXT", "TBL-ZERO", "PEER-RANGE")
PASSAGES = 3  # copied passages shown per pair


@dataclass
class Copied:
    """Two reports of the same year, one largely found in the other, with the passages."""

    a: object  # agency
    b: object
    share_a: float  # share of a's prose found in b
    share_b: float
    passages: tuple  # of a's text found in b, longest first

    @property
    def share(self) -> float:
        return max(self.share_a, self.share_b)


@dataclass
class AgainstLastYear:
    agency: object
    previous_year: int
    share: float
    passages: tuple
    flagged: bool


@dataclass
class Outlier:
    agency: object
    value: object
    high: bool


@dataclass
class FigureRow:
    quartiles: Quartiles
    label: str
    outliers: list[Outlier]


@dataclass
class PeerGroup:
    kind: str
    level: str
    agencies: list
    figures: list[FigureRow]


@dataclass
class Quality:
    threshold: float
    findings: dict[int, list[Finding]] = field(default_factory=dict)  # warnings, by agency pk
    pairs: list[Copied] = field(default_factory=list)
    last_year: list[AgainstLastYear] = field(default_factory=list)
    groups: list[PeerGroup] = field(default_factory=list)

    def count(self, pk: int) -> int | None:
        found = self.findings.get(pk)
        return None if found is None else len(found)


def _run(report: Report, context: CheckContext) -> list[Finding]:
    """The four rules' warnings (a rule that fails is left out, as ``run_all`` does)."""
    out = []
    for code in CODES:
        try:
            out.extend(f for f in REGISTRY[code].function(report, context) if f.severity is Severity.WARNING)
        except Exception:  # noqa: BLE001, S112 - a check must not take the page down
            continue
    return out


def _without_prose(d: Digest) -> Digest:
    return dataclasses.replace(d, fingerprint=similarity.Fingerprint(frozenset(), d.fingerprint.key))


def quality(
    agencies, reports: dict, previous: dict, options: CheckOptions, *, detail: bool = False
) -> Quality:
    """The quality warnings of every agency in ``reports`` (keyed by agency pk); with ``detail``, also
    what the 质量 page shows: the copied pairs with their passages, each agency against its last
    year, the quartiles of each group of agencies like each other with the outliers."""
    by_pk = {a.pk: a for a in agencies}
    pks = [a.pk for a in agencies if a.pk in reports]
    digests = {pk: digest(reports[pk], key=by_pk[pk].name) for pk in pks}
    out = Quality(options.duplicate_share)
    prints = [digests[pk].fingerprint for pk in pks]
    pairs = similarity.most_similar(prints, threshold=options.duplicate_share)
    partners: dict[int, set[int]] = defaultdict(set)
    for pair in pairs:
        partners[pks[pair.a]].add(pks[pair.b])
        partners[pks[pair.b]].add(pks[pair.a])
    bare = {pk: _without_prose(d) for pk, d in digests.items()}
    for pk in pks:
        peers = [digests[o] if o in partners[pk] else bare[o] for o in pks if o != pk]
        context = CheckContext(options=options, previous=previous.get(pk), peers=peers)
        out.findings[pk] = _run(reports[pk], context)
    if not detail:
        return out
    for pair in pairs:
        a, b = pks[pair.a], pks[pair.b]
        if pair.share_b > pair.share_a:  # the one mostly found in the other first: its passages
            a, b = b, a
        found = similarity.compare(similarity.prose(reports[a]), digests[b].fingerprint)
        out.pairs.append(
            Copied(
                by_pk[a],
                by_pk[b],
                max(pair.share_a, pair.share_b),
                min(pair.share_a, pair.share_b),
                found.passages[:PASSAGES],
            )
        )
    for pk in pks:
        before = previous.get(pk)
        if before is None:
            continue
        found = similarity.compare(similarity.prose(reports[pk]), similarity.prose(before))
        if not found.size:
            continue
        out.last_year.append(
            AgainstLastYear(
                by_pk[pk],
                before.year,
                found.share,
                found.passages[:PASSAGES],
                found.share >= options.duplicate_share,
            )
        )
    out.last_year.sort(key=lambda x: -x.share)
    out.groups = _groups(by_pk, pks, reports, digests, out.findings, options)
    return out


def _groups(by_pk, pks, reports, digests, findings, options) -> list[PeerGroup]:
    """Agencies like each other (the same kind and level), each group's quartile table, and per
    key figure the agencies PEER-RANGE finds outside its range."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for pk in pks:
        groups[(by_pk[pk].kind, by_pk[pk].level)].append(pk)
    out = []
    for (kind, level), members in groups.items():
        table = quartile_table(
            [digests[pk] for pk in members], fence=options.peer_fence, min_peers=options.peer_min
        )
        if not table:
            continue
        rows = []
        for q in table:
            figure = q.figure
            outliers = []
            for pk in members:
                report = reports[pk]
                if figure.grid not in report.tables:
                    continue
                path = report.tables[figure.grid].path(figure.row, figure.column)
                if any(f.code == "PEER-RANGE" and path in f.cells for f in findings[pk]):
                    value = figure.value(report)
                    outliers.append(Outlier(by_pk[pk], value, float(value) > q.high))
            layout = reports[members[0]].layout
            rows.append(
                FigureRow(q, figure.label(layout) if figure.present(layout) else figure.key, outliers)
            )
        out.append(PeerGroup(kind, level, [by_pk[pk] for pk in members], rows))
    return out


__all__ = ["CODES", "KEY_FIGURES", "Quality", "quality"]
