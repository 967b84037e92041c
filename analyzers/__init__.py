"""Text analysis for Chinese and Japanese: normalisation, tokenizers, kanji folding."""
