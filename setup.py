"""The compiled part of the package (everything else is declared in setup.cfg).

`engine/_phrase.pyx` is phrase matching over the mapped postings (see its docstring);
`make install` builds it with Cython and the machine's C compiler. It is optional: where
no compiler is found the install goes on without it, and the engine matches phrases with
its numpy code, same results, more slowly.
"""

from Cython.Build import cythonize
from setuptools import setup

extensions = cythonize(["engine/_phrase.pyx"], language_level=3, quiet=True)
for ext in extensions:
    ext.optional = True  # a failed compile is a warning, not a failed install

setup(ext_modules=extensions)
