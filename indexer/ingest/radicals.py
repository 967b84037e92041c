"""Radical code points that PDF text layers emit in place of ordinary ideographs.

Some fonts map glyphs such as 车 or 长 to the CJK Radicals Supplement (⻋ U+2ECB, ⻓ U+2ED3)
and 支 or 色 to the Kangxi Radicals block (⽀ U+2F40). The text looks right but no search
for 车 or 支 finds it. NFKC (applied by `analyzers.normalize`) maps the Kangxi block back;
the Supplement has no compatibility mapping, so this table (after Unicode's
EquivalentUnifiedIdeograph.txt) does it, for the forms that stand for a whole character.

>>> unradical("汽⻋与⻓期")
'汽车与长期'
"""

from __future__ import annotations

_PAIRS = (
    "⺃乚⺅亻⺉刂⺌小⺏尣⺐尢⺓幺⺕彐⺗心⺘扌⺙攵⺛旡⺜日⺝月⺞歺⺟母⺠民⺡氵⺣灬⺤爫⺧牜⺨犭⺩王"
    "⺪疋⺫罒⺬示⺭礻⺯糹⺰纟⺲罒⺹耂⺺肀⺼月⺾艹⺿艹⻀艹⻁虍⻂衤⻃覀⻄西⻅见⻆角⻇角⻈讠⻉贝⻋车"
    "⻌辶⻍辶⻎辶⻏阝⻐钅⻑長⻒镸⻓长⻔门⻖阝⻗雨⻘青⻙韦⻚页⻛风⻜飞⻝食⻠饣⻡首⻢马⻣骨⻤鬼"
    "⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯⻮齿⻯竜⻰龙⻲亀⻳龟"
)
TABLE = {ord(_PAIRS[i]): _PAIRS[i + 1] for i in range(0, len(_PAIRS), 2)}


def unradical(text: str) -> str:
    """Replace CJK Radicals Supplement code points by the ideographs they stand for."""
    return text.translate(TABLE)
