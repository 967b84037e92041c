# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""Phrase matching over mapped posting lists, compiled (Cython; built by `make install`).

A phrase is its words at consecutive positions. In numpy that is a dozen array passes
per word (gather the positions of the candidate documents, shift, intersect), each over
every position of a frequent word, and a query's phrases were a third of its CPU at 100x.
Here it is one merge per word over the candidates: the candidates and each document's
positions are both ascending, so every position is looked at once.

`engine.evaluate` uses these when the module is built and keeps its numpy code for an
index whose arrays have other types; both give the same documents (tested).
"""

from libc.stdint cimport int32_t, int64_t, uint16_t, uint32_t, uint64_t

import numpy as np

ctypedef fused ids_t:
    int32_t
    int64_t

ctypedef fused first_t:
    uint32_t
    uint64_t
    int64_t

ctypedef fused pos_t:
    uint16_t
    uint32_t
    int32_t
    int64_t


def starts(
    const int64_t[:] docs,
    const ids_t[:] ids,
    const first_t[:] first,
    const pos_t[:] pos,
    int64_t offset,
):
    """(documents, positions − `offset`) of a word in `docs` (ascending, a subset of
    `ids`), the positions ≥ 0: where a phrase whose word `offset` this is would start."""
    cdef Py_ssize_t n = docs.shape[0], m = ids.shape[0], i, j = 0, k, w = 0
    cdef int64_t p
    # at most every position of the word: one allocation, no counting pass
    out_doc = np.empty(pos.shape[0], dtype=np.int64)
    out_pos = np.empty(pos.shape[0], dtype=np.int64)
    cdef int64_t[:] od = out_doc, op = out_pos
    for i in range(n):
        while j < m and ids[j] < docs[i]:
            j += 1
        if j < m and ids[j] == docs[i]:
            for k in range(<Py_ssize_t>first[j], <Py_ssize_t>first[j + 1]):
                p = <int64_t>pos[k] - offset
                if p >= 0:
                    od[w] = docs[i]
                    op[w] = p
                    w += 1
    return out_doc[:w], out_pos[:w]


def follow(
    const int64_t[:] cand_doc,
    const int64_t[:] cand_pos,
    const ids_t[:] ids,
    const first_t[:] first,
    const pos_t[:] pos,
    int64_t offset,
):
    """The candidates (document, start), ascending, whose document has the word at
    `start + offset`: a merge of the candidates with the word's ascending positions."""
    cdef Py_ssize_t n = cand_doc.shape[0], m = ids.shape[0], i, j = 0, k = 0, end = 0
    cdef int64_t d = -1, want
    keep = np.zeros(n, dtype=np.bool_)
    cdef unsigned char[:] kv = keep.view(np.uint8)
    for i in range(n):
        if cand_doc[i] != d:  # a new document: find its positions
            d = cand_doc[i]
            while j < m and ids[j] < d:
                j += 1
            if j < m and ids[j] == d:
                k, end = <Py_ssize_t>first[j], <Py_ssize_t>first[j + 1]
            else:
                k, end = 0, 0
        want = cand_pos[i] + offset
        while k < end and <int64_t>pos[k] < want:
            k += 1
        if k < end and <int64_t>pos[k] == want:
            kv[i] = 1
    got = np.asarray(keep)
    return np.asarray(cand_doc)[got], np.asarray(cand_pos)[got]
