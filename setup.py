"""The compiled part of the package (everything else is declared in setup.cfg).

`engine/_phrase.pyx` is phrase matching over the mapped postings (see its docstring);
`make install` builds it with Cython and the machine's C compiler. Without it the engine
uses its numpy code and gives the same results, more slowly.
"""

from Cython.Build import cythonize
from setuptools import setup

setup(ext_modules=cythonize(["engine/_phrase.pyx"], language_level=3, quiet=True))
