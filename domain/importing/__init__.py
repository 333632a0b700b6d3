"""Importing the client book from an Excel workbook or a folder of CSV files (spec: import-format.md)."""
