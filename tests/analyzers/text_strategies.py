"""Hypothesis text for the analyzer properties: CJK, kana, full/half width, CJK punctuation,
awkward whitespace and controls, plus anything else Unicode has."""

from hypothesis import strategies as st

cjk_text = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        st.characters(min_codepoint=0x3040, max_codepoint=0x30FF),
        st.characters(min_codepoint=0xFF01, max_codepoint=0xFF9F),
        st.sampled_from(list("，。、：；（）“”《》 \t\n\r\u3000\x85\x1fAIai09-_.%ー々\"'")),
        st.characters(codec=None),
    ),
    max_size=60,
)
