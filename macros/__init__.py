"""VBA sources (ASCII) and the ribbon XML of the Excel add-in; installed as ``addin.macros`` (setup.py)."""
