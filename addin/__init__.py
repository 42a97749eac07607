"""The thin xlwings layer of 绩效自评助手: UDFs (``udfs``) and button entry points (``buttons``).

Everything here is a one-line hand-over to the core package ``jixiao``; the only code of
its own is reading values from and applying plans to an open Excel workbook (``host``).
"""
