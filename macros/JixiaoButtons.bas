Attribute VB_Name = "JixiaoButtons"
' Buttons on the form sheet of the jixiao template (.xlsm).
' Each macro only hands over to Python (addin/buttons.py) through xlwings RunPython;
' all logic and all Chinese text live in Python. Keep this file ASCII only.
Option Explicit

Public Sub JX_Calc()
    RunPython "import addin.buttons as b; b.calc()"
End Sub

Public Sub JX_Check()
    RunPython "import addin.buttons as b; b.check()"
End Sub

Public Sub JX_Summarize()
    RunPython "import addin.buttons as b; b.summarize()"
End Sub

Public Sub JX_Report()
    RunPython "import addin.buttons as b; b.report()"
End Sub

Public Sub JX_Finalize()
    RunPython "import addin.buttons as b; b.finalize()"
End Sub
