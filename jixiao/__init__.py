"""jixiao — 绩效自评助手.

The core of the project: the form model, value parsing, scoring profiles, checks,
reading and writing workbooks, and the command line. Pure Python: the Excel add-in
(``addin/``) is a thin layer over these functions, so that everything a button does
can also run headless on a finance bureau's server.
"""

__version__ = "0.1.0"
