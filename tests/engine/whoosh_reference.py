"""A query tree as the equivalent Whoosh query: the yardstick the evaluator is compared to.

Whoosh writes the index of record; queries never read it. These tests read it to check
that our evaluator finds and scores exactly what Whoosh itself would.
"""

from __future__ import annotations

from whoosh import query as Q
from whoosh import scoring

from engine.scoring import K1, B
from engine.tree import And, AndNot, Every, Node, OnSide, Or, Phrase, Prefix, Term

WEIGHTING = scoring.BM25F(B=B, K1=K1)  # the weighting our evaluator reproduces


def to_whoosh(node: Node) -> Q.Query:
    """The equivalent Whoosh query; for `OnSide`, its child's (a superset: no Whoosh query
    checks one side's text, so the tests apply `side_check` to Whoosh's answer)."""
    if isinstance(node, Term):
        return Q.Term(node.field, node.text, boost=node.boost)
    if isinstance(node, Phrase):
        return Q.Phrase(node.field, list(node.words), boost=node.boost)
    if isinstance(node, Prefix):
        return Q.Prefix(node.field, node.prefix, boost=node.boost)
    if isinstance(node, And):
        return Q.And([to_whoosh(c) for c in node.children], boost=node.boost)
    if isinstance(node, Or):
        if not node.children:
            return Q.NullQuery
        return Q.Or([to_whoosh(c) for c in node.children], boost=node.boost)
    if isinstance(node, AndNot):
        return Q.AndNot(to_whoosh(node.positive), to_whoosh(node.negative))
    if isinstance(node, Every):
        return Q.Every(boost=node.boost)
    if isinstance(node, OnSide):
        return to_whoosh(node.child)
    raise TypeError(f"not a query node: {node!r}")
