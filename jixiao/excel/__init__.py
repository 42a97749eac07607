"""Writing and editing spreadsheet files: the official sheets, templates, edit plans applied with
openpyxl or written anew with XlsxWriter, cached formula results, the VBA packages, LibreOffice."""
