"""Word links per aligned pair, computed at build time and stored with the generation.

A link says which characters of a pair's Chinese text translate which characters of its
Japanese text, with a confidence and the evidence it rests on, so that a hit can mark the
counterpart of the query term on the other side without any dictionary at search time.

- `tokens`: the words of each distinct pair (query-mode words, folded keys, loan origins);
- `priors`: evidence per word pair (curated, glossary, kanji identity and overlap,
  dictionary pivot, JMdict pairs — a hiragana word by its kanji spelling too —,
  loanwords, names, Latin and numbers, dictionary short forms, parenthetical glosses);
- `dictionary`: the CC-CEDICT pivot;
- `model1`: IBM Model 1 EM, vectorised, seeded by the priors;
- `documents`: Model 1 counted per document (each pair decoded with its own document's
  table) and the glossary's evidence learned per document, so that adding another corpus
  moves no document's links through the counts or the glossary: other documents reach
  a document's links not at all (the dictionaries and curated pairs are fixed files);
- `symmetrize`: grow-diag-final-and of the two directions;
- `repair`: mistakes of the aligner mended per pair (which occurrence of a repeated
  word stands beside its neighbours' links, an unsure guess far from them, the one word
  left between linked neighbours);
- `regions`: a free occurrence of a linked word takes its twin's rendering; a clause's
  one unlinked word and the one word left where the clause is translated;
- `spans`: word cells → span links over whole words and compounds (a link resting on a
  kanji in common alone narrowed to the shared kanji);
- `omitted`: no link from the aligner's guess on a word its document seldom links (a
  word the translations leave out);
- `align`: `learn_links` runs them; `store`: the generation's `links.jsonl`.
"""

from typing import Any

from indexer.links.spans import Link, is_probable
from storage.links_file import FILE, load, save

__all__ = ["FILE", "Link", "is_probable", "learn_links", "load", "save"]


def __getattr__(name: str) -> Any:
    """`learn_links` on first use: it pulls in numpy, which searching never needs."""
    if name == "learn_links":
        from indexer.links.learn import learn_links

        return learn_links
    raise AttributeError(name)
