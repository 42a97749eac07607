Attribute VB_Name = "JixiaoButtons"
' Buttons on the form sheet of the jixiao template (.xlsm).
' Each macro only hands over to Python (addin/buttons.py) through xlwings RunPython;
' all logic lives in Python; JX_Ready (JixiaoText) first says in Chinese when no Python is set up. Keep this file ASCII only.
Option Explicit

Public Sub JX_Calc()
    If JX_Ready() Then RunPython "import addin.buttons as b; b.calc()"
End Sub

Public Sub JX_Check()
    If JX_Ready() Then RunPython "import addin.buttons as b; b.check()"
End Sub

Public Sub JX_Summarize()
    If JX_Ready() Then RunPython "import addin.buttons as b; b.summarize()"
End Sub

Public Sub JX_Report()
    If JX_Ready() Then RunPython "import addin.buttons as b; b.report()"
End Sub

Public Sub JX_Finalize()
    If JX_Ready() Then RunPython "import addin.buttons as b; b.finalize()"
End Sub
