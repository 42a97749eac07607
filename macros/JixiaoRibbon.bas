Attribute VB_Name = "JixiaoRibbon"
' Ribbon callbacks of the jixiao add-in (.xlam), tab defined in macros/ribbon.xml.
' Each callback only hands over to Python (addin/buttons.py), which works on the
' active workbook; JX_Ready (JixiaoText) first says in Chinese when no Python
' is set up. Keep this file ASCII only.
Option Explicit

Public Sub JX_RibbonCalc(control As IRibbonControl)
    If JX_Ready() Then RunPython "import addin.buttons as b; b.calc()"
End Sub

Public Sub JX_RibbonCheck(control As IRibbonControl)
    If JX_Ready() Then RunPython "import addin.buttons as b; b.check()"
End Sub

Public Sub JX_RibbonSummarize(control As IRibbonControl)
    If JX_Ready() Then RunPython "import addin.buttons as b; b.summarize()"
End Sub

Public Sub JX_RibbonReport(control As IRibbonControl)
    If JX_Ready() Then RunPython "import addin.buttons as b; b.report()"
End Sub

Public Sub JX_RibbonFinalize(control As IRibbonControl)
    If JX_Ready() Then RunPython "import addin.buttons as b; b.finalize()"
End Sub
