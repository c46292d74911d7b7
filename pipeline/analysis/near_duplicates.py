"""Near-identical texts in a large collection: MinHash signatures over character shingles
find candidate pairs (locality-sensitive hashing in bands), an edit-distance ratio
(:func:`rapidfuzz.fuzz.ratio`) confirms them, and confirmed pairs join into groups.

Pure functions, deterministic for a given input: the hash functions come from a fixed seed.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Iterable, Sequence

import numpy as np
from rapidfuzz import fuzz

SHINGLE = 5
N_HASHES = 48
BANDS = 16
MIN_RATIO = 90.0
_PRIME = (1 << 31) - 1


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    """The character ``k``-grams of ``text`` (the text itself when shorter than ``k``)."""
    if len(text) <= k:
        return {text}
    return {text[i : i + k] for i in range(len(text) - k + 1)}


def minhash_signatures(texts: Sequence[str], n_hashes: int = N_HASHES, seed: int = 0) -> np.ndarray:
    """One row of ``n_hashes`` MinHash values per text, over its character shingles."""
    rng = np.random.default_rng(seed)
    a = rng.integers(1, _PRIME, size=(n_hashes, 1), dtype=np.uint64)
    b = rng.integers(0, _PRIME, size=(n_hashes, 1), dtype=np.uint64)
    out = np.empty((len(texts), n_hashes), dtype=np.uint64)
    for row, text in enumerate(texts):
        base = np.fromiter(
            (zlib.crc32(s.encode()) % _PRIME for s in shingles(text)), dtype=np.uint64
        )
        out[row] = ((a * base[None, :] + b) % _PRIME).min(axis=1)
    return out


def candidate_pairs(signatures: np.ndarray, bands: int = BANDS) -> set[tuple[int, int]]:
    """Pairs of rows whose signatures agree on every value of at least one band."""
    rows = signatures.shape[1] // bands
    pairs: set[tuple[int, int]] = set()
    for band in range(bands):
        buckets: dict[bytes, list[int]] = defaultdict(list)
        chunk = signatures[:, band * rows : (band + 1) * rows]
        for index, key in enumerate(chunk):
            buckets[key.tobytes()].append(index)
        for members in buckets.values():
            pairs.update(
                (members[i], members[j])
                for i in range(len(members))
                for j in range(i + 1, len(members))
            )
    return pairs


def group_near_duplicates(texts: Sequence[str], min_ratio: float = MIN_RATIO) -> list[int]:
    """For each text, the index of the first text of its group: texts join when their
    :func:`rapidfuzz.fuzz.ratio` (0-100) is at least ``min_ratio``, and groups are the
    connected sets of such pairs. Identical texts always join."""
    parent = list(range(len(texts)))
    if len(texts) < 2:
        return parent
    first_of: dict[str, int] = {}
    for index, text in enumerate(texts):
        _union(parent, first_of.setdefault(text, index), index)
    unique = sorted(first_of.values())
    signatures = minhash_signatures([texts[i] for i in unique])
    confirmed = (
        (unique[i], unique[j])
        for i, j in candidate_pairs(signatures)
        if fuzz.ratio(texts[unique[i]], texts[unique[j]]) >= min_ratio
    )
    _union_all(parent, confirmed)
    return [_find(parent, i) for i in range(len(texts))]


def _union_all(parent: list[int], pairs: Iterable[tuple[int, int]]) -> None:
    for i, j in pairs:
        _union(parent, i, j)


def _union(parent: list[int], i: int, j: int) -> None:
    root_i, root_j = _find(parent, i), _find(parent, j)
    if root_i != root_j:
        parent[max(root_i, root_j)] = min(root_i, root_j)


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i
