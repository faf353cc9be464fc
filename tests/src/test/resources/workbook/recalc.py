#!/usr/bin/python3
"""Recalculates workbooks in LibreOffice Calc and prints every formula cell's fresh value.

usage: recalc.py OUT.tsv FILE.xlsx [FILE.xlsx ...]

One headless soffice (its own throw-away profile) opens each file, runs a full recalculation
(calculateAll(): a plain load or convert keeps the values cached in the file), and writes one line per
formula cell: file, sheet, cell (A1), result type (number|text|error), value, formula.
With PDF=dir in the environment each workbook is also exported to dir/<name>.pdf for a person to look at.
"""
import os
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def col_name(n):
    s = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def main():
    out, files = sys.argv[1], sys.argv[2:]
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    pipe = "yibao_recalc_%d" % os.getpid()
    office = subprocess.Popen(["soffice", "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
                               "-env:UserInstallation=file://" + profile, "--accept=pipe,name=%s;urp;" % pipe],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        for _ in range(240):
            try:
                ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                break
            except NoConnectException:
                if office.poll() is not None:
                    sys.exit("soffice exited with %s before accepting a connection" % office.returncode)
                time.sleep(0.25)
        if ctx is None:
            sys.exit("soffice did not accept a connection within 60 s")
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        pdf_dir = os.environ.get("PDF")
        with open(out, "w", encoding="utf-8") as w:
            for f in files:
                url = uno.systemPathToFileUrl(os.path.abspath(f))
                doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
                if doc is None:
                    sys.exit("LibreOffice could not open " + f)
                doc.calculateAll()
                sheets = doc.Sheets
                for i in range(sheets.Count):
                    sh = sheets.getByIndex(i)
                    ranges = sh.queryContentCells(16)  # com.sun.star.sheet.CellFlags.FORMULA
                    for addr in ranges.RangeAddresses:
                        for row in range(addr.StartRow, addr.EndRow + 1):
                            for c in range(addr.StartColumn, addr.EndColumn + 1):
                                cell = sh.getCellByPosition(c, row)
                                if not cell.Formula.startswith("="):
                                    continue
                                if cell.getError() != 0:
                                    kind, value = "error", str(cell.getError())
                                elif cell.FormulaResultType2 == 2:  # FormulaResult.STRING
                                    kind, value = "text", cell.getString()
                                else:
                                    kind, value = "number", repr(cell.getValue())
                                w.write("\t".join([os.path.basename(f), sh.Name, col_name(c) + str(row + 1), kind,
                                                   value.replace("\t", " "), cell.Formula]) + "\n")
                if pdf_dir:
                    name = os.path.splitext(os.path.basename(f))[0] + ".pdf"
                    doc.storeToURL(uno.systemPathToFileUrl(os.path.join(os.path.abspath(pdf_dir), name)),
                                   (prop("FilterName", "calc_pdf_Export"),))
                doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge goes down with the office
    finally:
        try:
            office.wait(timeout=20)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main()
