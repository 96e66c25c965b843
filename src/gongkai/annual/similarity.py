"""内容雷同: how much of one report's prose is found in another's (30号 "内容雷同"; 宿迁 重复率 > 50%).

The measure is containment of character shingles: the text without whitespace is cut into every
run of ``SHINGLE`` characters, and the share of one text's distinct shingles that also occur in
the other is the share of it "found in" the other. It is asymmetric (a short text copied whole
into a long one is 100% found in it, the long one only partly in the short one), and the shared
count is the same from both sides: ``share(a, b) * size(a) == share(b, a) * size(b)``.

A supervisor compares hundreds of reports pairwise, so the pairwise part (``most_similar``) works
on ``Fingerprint``s — each report's shingle set, made once — and only the pairs above the
threshold are worth ``compare``, which also finds the copied passages.

A shingle is hashed as the tuple of its code points: Python hashes a tuple of ints the same in
every process (a str's hash changes with each one), so the sketches, and the pairs they pick as
the most similar of a run, are the same from run to run. Fingerprints are never stored.
"""

from __future__ import annotations

import heapq
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations, islice

from .layout import SECTIONS
from .model import Report

SHINGLE = 8  # characters: long enough that common phrases (政府信息公开) do not count alone
MIN_PASSAGE = 20  # characters (without whitespace): shorter shared runs are not listed as passages
DEFAULT_THRESHOLD = 0.5  # 宿迁 2026: 与上年度重复率 > 50%
SKETCH_SIZE = 256  # shingles a Sketch keeps: a 2 KB array whatever the length; shares ±~6 points
SKETCH_MARGIN = 0.15  # sketches pick candidates this far below the threshold; ``confirm`` decides

# sections 一 to 五: the prose a report writes itself (六 is often a bare "无"; tables are not prose)
PROSE_SECTIONS = tuple(s.key for s in SECTIONS if s.key != "other")

Texts = str | Sequence[tuple[str | None, str | None]]  # one text, or (section key, text) pairs


@dataclass(frozen=True)
class Fingerprint:
    """The shingles of one report's prose (or of one text), with a label to name it by."""

    shingles: frozenset[int]
    key: str = ""

    @property
    def size(self) -> int:
        return len(self.shingles)


@dataclass(frozen=True)
class Passage:
    """A run of text of the first report that is also in the other (offsets in its section's text)."""

    section: str | None
    start: int
    end: int
    text: str

    @property
    def length(self) -> int:
        """Characters without whitespace."""
        return len("".join(self.text.split()))


@dataclass(frozen=True)
class Similarity:
    share: float  # share of the first text's shingles found in the second (0–1)
    passages: tuple[Passage, ...]  # the shared runs, longest first
    shared: int = 0  # distinct shingles in both
    size: int = 0  # distinct shingles of the first text


@dataclass(frozen=True)
class Pair:
    """Two fingerprints of a ``most_similar`` call, by their index, and the share each way."""

    a: int
    b: int
    share_a: float  # share of a found in b
    share_b: float  # share of b found in a

    @property
    def share(self) -> float:
        return max(self.share_a, self.share_b)


def prose(report: Report) -> list[tuple[str, str | None]]:
    """The report's own prose: sections 一–五, in order (the tables are not part of it)."""
    return [(key, report.sections.get(key)) for key in PROSE_SECTIONS]


def _parts(texts: Texts) -> list[tuple[str | None, str]]:
    if isinstance(texts, str):
        return [(None, texts)]
    return [(key, text) for key, text in texts if text]


def _squeeze(text: str) -> tuple[str, list[int]]:
    """The text without whitespace, and where each remaining character was in ``text``."""
    kept = [(i, c) for i, c in enumerate(text) if not c.isspace()]
    return "".join(c for _, c in kept), [i for i, _ in kept]


def _shingles(squeezed: str) -> Iterable[int]:
    """The hash of every run of SHINGLE characters, in order (made in C: zip builds the tuples)."""
    points = list(map(ord, squeezed))
    return map(hash, zip(*(points[i:] for i in range(SHINGLE)), strict=False))  # (the last ends it)


def fingerprint(texts: Texts, key: str = "") -> Fingerprint:
    shingles: set[int] = set()
    for _, text in _parts(texts):
        shingles.update(_shingles("".join(text.split())))
    return Fingerprint(frozenset(shingles), key)


def report_fingerprint(report: Report, key: str | None = None) -> Fingerprint:
    return fingerprint(prose(report), report.agency.name or "" if key is None else key)


def _share(a: Fingerprint, b: Fingerprint) -> tuple[int, float]:
    if not a.shingles or not b.shingles:
        return 0, 0.0
    shared = len(a.shingles & b.shingles)
    return shared, shared / len(a.shingles)


def compare(a: Texts, b: Texts | Fingerprint, min_passage: int = MIN_PASSAGE) -> Similarity:
    """How much of ``a`` is found in ``b``, and the passages of ``a`` that are (longest first).

    ``b`` may be a fingerprint already made (the passages need only its shingles)."""
    other = b if isinstance(b, Fingerprint) else fingerprint(b)
    mine = fingerprint(a)
    shared, share = _share(mine, other)
    if not shared:
        return Similarity(0.0, (), 0, mine.size)
    passages = []
    theirs = other.shingles
    for section, text in _parts(a):
        squeezed, where = _squeeze(text)
        start = None
        hits = [h in theirs for h in _shingles(squeezed)] + [False]
        for i, hit in enumerate(hits):
            if hit and start is None:
                start = i
            elif not hit and start is not None:
                end = i - 1 + SHINGLE  # the run's last shingle ends here (exclusive)
                if end - start >= min_passage:
                    first, last = where[start], where[end - 1] + 1
                    passages.append(Passage(section, first, last, text[first:last]))
                start = None
    passages.sort(
        key=lambda p: (-p.length, PROSE_SECTIONS.index(p.section) if p.section in PROSE_SECTIONS else 0)
    )
    return Similarity(share, tuple(passages), shared, mine.size)


def compare_reports(
    report: Report, other: Report | Fingerprint, min_passage: int = MIN_PASSAGE
) -> Similarity:
    """``compare`` on two reports' prose (sections 一–五)."""
    return compare(prose(report), other if isinstance(other, Fingerprint) else prose(other), min_passage)


def _bitsets(prints: Sequence[Fingerprint]) -> list[int]:
    """Each fingerprint as one integer with a bit per shingle of the batch (numbered as first
    seen): intersecting two is then one ``&`` and a ``bit_count``, in C, instead of a set
    intersection hashing every element."""
    ids: dict[int, int] = {}
    bitsets = []
    for p in prints:
        buffer = bytearray((len(ids) + p.size) // 8 + 1)  # room for every id it can get
        for shingle in p.shingles:
            i = ids.setdefault(shingle, len(ids))
            buffer[i >> 3] |= 1 << (i & 7)
        bitsets.append(int.from_bytes(buffer, "little"))
    return bitsets


def most_similar(
    items: Sequence[Report | Fingerprint], threshold: float = DEFAULT_THRESHOLD, limit: int | None = None
) -> list[Pair]:
    """Every pair of which one is at least ``threshold`` found in the other, most similar first.

    Pairwise on the fingerprints, made once each (300 reports are 44,850 pairs)."""
    prints = [x if isinstance(x, Fingerprint) else report_fingerprint(x) for x in items]
    bitsets = _bitsets(prints)
    sizes = [p.size for p in prints]
    pairs = []
    for i, j in combinations(range(len(prints)), 2):
        if not sizes[i] or not sizes[j]:
            continue
        shared = (bitsets[i] & bitsets[j]).bit_count()
        if shared >= threshold * min(sizes[i], sizes[j]):  # the larger of the two shares
            pairs.append(Pair(i, j, shared / sizes[i], shared / sizes[j]))
    pairs.sort(key=lambda p: (-p.share, p.a, p.b))
    return pairs if limit is None else pairs[:limit]


class Sketch:
    """A fingerprint cut down to its ``SKETCH_SIZE`` smallest shingle hashes (a bottom-k sketch),
    as a sorted array: a few KB whatever the report's length, so a run over a thousand files can
    keep one per file. Shares estimated from two sketches are exact while both reports have at
    most ``SKETCH_SIZE`` shingles, and within a few points above that."""

    __slots__ = ("key", "size", "values")

    def __init__(self, fingerprint: Fingerprint, k: int = SKETCH_SIZE):
        self.values = array("q", sorted(heapq.nsmallest(k, fingerprint.shingles)))
        self.size = fingerprint.size
        self.key = fingerprint.key


def sketch_shares(a: Sketch, b: Sketch, k: int = SKETCH_SIZE) -> tuple[float, float]:
    """(share of a found in b, share of b found in a), estimated from the sketches: the Jaccard
    index of the two shingle sets is the share of the k smallest hashes of their union that both
    hold, and the shared count follows from it and the two sizes."""
    mine, theirs = set(a.values), set(b.values)
    return _estimate(mine & theirs, a.values.tolist(), a.size, b.values.tolist(), b.size, k)


def _estimate(
    both: set, mine: list[int], size_a: int, theirs: list[int], size_b: int, k: int
) -> tuple[float, float]:
    """``sketch_shares`` from the hashes the sketches share and their sorted values."""
    if not size_a or not size_b:
        return 0.0, 0.0
    if size_a <= k and size_b <= k:  # the sketches are the whole sets
        shared = float(len(both))
    else:
        if not both:
            return 0.0, 0.0
        # the k smallest distinct values of the union: two sorted runs merged by one sort in C
        union = list(islice(dict.fromkeys(sorted(mine + theirs)), k))
        jaccard = len(both.intersection(union)) / len(union)  # (the values are distinct)
        shared = jaccard * (size_a + size_b) / (1 + jaccard)
    return min(1.0, shared / size_a), min(1.0, shared / size_b)


def _may_reach(shared_hashes: int, size_a: int, size_b: int, k: int, threshold: float) -> bool:
    """Whether ``_estimate`` of two sketches holding ``shared_hashes`` hashes in common can give
    a share of ``threshold``. With either set larger than its sketch, the k smallest hashes of
    the union are k of them, at most all the common ones: the Jaccard index is at most
    shared_hashes / k, and the estimated shares grow with it. Most pairs of a run share a few
    hashes, and are ruled out without taking the k smallest of their union."""
    if (size_a <= k and size_b <= k) or not size_a or not size_b:
        return True  # the exact count (or none): as quick to compute as to bound
    jaccard = min(1.0, shared_hashes / k)
    shared = jaccard * (size_a + size_b) / (1 + jaccard)
    return shared / min(size_a, size_b) >= threshold


def most_similar_sketches(
    sketches: Sequence[Sketch], threshold: float = DEFAULT_THRESHOLD, limit: int | None = None
) -> list[Pair]:
    """``most_similar`` on sketches (estimated shares): for a run over many files."""
    sets = [set(s.values) for s in sketches]
    values = [s.values.tolist() for s in sketches]
    sizes = [s.size for s in sketches]
    pairs = []
    for i, j in combinations(range(len(sketches)), 2):
        both = sets[i] & sets[j]
        if not _may_reach(len(both), sizes[i], sizes[j], SKETCH_SIZE, threshold):
            continue
        share_a, share_b = _estimate(both, values[i], sizes[i], values[j], sizes[j], SKETCH_SIZE)
        if max(share_a, share_b) >= threshold:
            pairs.append(Pair(i, j, share_a, share_b))
    pairs.sort(key=lambda p: (-p.share, p.a, p.b))
    return pairs if limit is None else pairs[:limit]


def similar_files(
    sketches: Sequence[Sketch],
    fingerprint_of: Callable[[int], Fingerprint],
    threshold: float = DEFAULT_THRESHOLD,
    limit: int = 10,
) -> list[Pair]:
    """The most similar pairs of a large run, with exact shares, keeping one sketch per file: the
    sketches name candidates (``SKETCH_MARGIN`` below the threshold, a few times ``limit``), and
    only their files' full fingerprints are made again (``fingerprint_of(index)``) to measure them."""
    candidates = most_similar_sketches(sketches, max(0.0, threshold - SKETCH_MARGIN), limit=4 * limit)
    made: dict[int, Fingerprint] = {}

    def full(i: int) -> Fingerprint:
        if i not in made:
            made[i] = fingerprint_of(i)
        return made[i]

    pairs = []
    for c in candidates:
        a, b = full(c.a), full(c.b)
        shared, share_a = _share(a, b)
        share_b = shared / b.size if b.size else 0.0
        if max(share_a, share_b) >= threshold:
            pairs.append(Pair(c.a, c.b, share_a, share_b))
    pairs.sort(key=lambda p: (-p.share, p.a, p.b))
    return pairs[:limit]


__all__ = [
    "DEFAULT_THRESHOLD",
    "Fingerprint",
    "Pair",
    "Passage",
    "Similarity",
    "Sketch",
    "compare",
    "compare_reports",
    "fingerprint",
    "most_similar",
    "most_similar_sketches",
    "prose",
    "report_fingerprint",
    "similar_files",
    "sketch_shares",
]
