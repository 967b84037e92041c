"""A bilingual glossary learned from the aligned pairs, with curated entries that win.

Terms with no shared kanji (跨境 ↔ クロスボーダー, 数据 ↔ データ) can only be bridged by
evidence: the aligned clauses. Learning runs in stages, one module each:

- `segment` and `pairs`: the words of each distinct aligned pair (jieba once per distinct
  block) and its n-grams, held compactly (offsets and vocabulary ids in arrays);
- `evidence` (with `cooccurrence`): for every Chinese word n-gram and Japanese word
  n-gram that recur, in how many distinct aligned pairs they occur, alone and together;
- `association`: the Dice coefficient ranks the candidates (kanji folding is a strong
  prior: 贸易 ↔ 貿易 is right even when seen once), and two rules keep collocations out
  (residual evidence, mutual choice);
- `gaps`: terms seen in a single pair (负面清单 ↔ ネガティブリスト) give Dice nothing to go
  on; the gap learner reads them off the pair itself, between confident anchors;
- `curated`: entries of `data/glossary.tsv` always win, and can block a learned pair;
- `pipeline`: `learn` runs the stages in order; `save` and `load` write and read the
  JSON file the engine uses.
"""

from indexer.glossary.association import MAX_TARGETS, MIN_DICE, MIN_RESIDUAL_DICE
from indexer.glossary.curated import apply_curated, read_curated
from indexer.glossary.enumerations import MIN_ITEMS, learn_enumerations
from indexer.glossary.evidence import (
    EXAMPLES,
    MAX_N,
    MIN_PAIR_COUNT,
    Glossary,
    Link,
    Spans,
    gram_spans,
    ngrams,
    word_spans,
)
from indexer.glossary.gaps import CONFIDENT, GAP_SCORE, GAP_ZH_CHARS, learn_gaps
from indexer.glossary.learn import learn, learn_each, load, save

__all__ = [
    "CONFIDENT",
    "EXAMPLES",
    "GAP_SCORE",
    "GAP_ZH_CHARS",
    "MAX_N",
    "MAX_TARGETS",
    "MIN_DICE",
    "MIN_ITEMS",
    "MIN_PAIR_COUNT",
    "MIN_RESIDUAL_DICE",
    "Glossary",
    "Link",
    "Spans",
    "apply_curated",
    "gram_spans",
    "learn",
    "learn_each",
    "learn_enumerations",
    "learn_gaps",
    "load",
    "ngrams",
    "read_curated",
    "save",
    "word_spans",
]
