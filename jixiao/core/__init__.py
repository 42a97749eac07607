"""The core concepts every part of jixiao shares, each in one place.

Nothing here imports openpyxl, python-calamine, xlwings or python-docx: these modules hold
the arithmetic and vocabulary that the template's formulas, the readers, the checker, the
汇总 and the reports must agree on, so a figure cannot come out differently in two places.

- ``numbers``: one cell → number function, one way to show a number and a percentage.
- ``rates``: the one 执行率 and 执行率得分.
- ``grades``: the one set of grade bands, in Python and as an Excel formula.
- ``fieldpath``: paths into a form as data (``indicators[3].score``).
"""

from . import fieldpath, grades, numbers, rates

__all__ = ["fieldpath", "grades", "numbers", "rates"]
