"""Crafts the hostile files of issue #12 with python's zipfile module.

Usage: hostile-files.py KIND OUT [BASE]
BASE is a real .docx or .odt made by pandoc, whose text part is replaced.
"""
import re
import sys
import zipfile

ESSAY = ("Det var en gång en elev som skrev en uppsats om sommaren i Göteborg. "
         "Hon beskrev havet, vinden och alla människor på Järntorget en varm dag i juli. ") * 3


def archive(out, entries):
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            z.writestr(zipfile.ZipInfo(name), data, compress_type=zipfile.ZIP_DEFLATED)


def replaced(base, out, part, change):
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == part:
                data = change(data.decode("utf-8")).encode("utf-8")
            dst.writestr(info, data, compress_type=zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED)


def one_word_docx(word):
    # The body's first run holds the one word.
    return lambda xml: re.sub(r"<w:t([^>]*)>[^<]*</w:t>", lambda m: "<w:t>" + word + "</w:t>", xml, count=1)


def random_letters(n):
    import random
    rng = random.Random(12)
    letters = "abcdefghijklmnopqrstuvwxyzåäöABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    return "".join(rng.choices(letters, k=n))


def unclosed_odt(content_bytes):
    def change(xml):
        head = xml[: xml.index("<office:text")]
        return head + "<office:text><text:p>" + "<a" * ((content_bytes - len(head)) // 2)
    return change


kind, out = sys.argv[1], sys.argv[2]
base = sys.argv[3] if len(sys.argv) > 3 else None
if kind == "backslash-name":
    archive(out, [("klass\\", ESSAY), ("uppsats.txt", ESSAY + " Ett annat slut.")])
elif kind == "long-name":
    archive(out, [("a" * 1500 + ".txt", ESSAY), ("uppsats.txt", ESSAY + " Ett annat slut.")])
elif kind == "unsafe-names":
    archive(out, [("../../etc/uppsats.txt", ESSAY), ("/abs/uppsats.txt", ESSAY + " Två."), ("C:\\elev\\uppsats.txt", ESSAY + " Tre."),
                  ("kontroll\x01\x07.txt", ESSAY + " Fyra.")])
elif kind == "many-entries":
    archive(out, [(f"e{i}.txt", "kort") for i in range(5000)])
elif kind.startswith("zeros-"):
    count = int(kind.split("-")[1])
    archive(out, [(f"noll{i}.txt", b"\0" * (50 * 1024 * 1024)) for i in range(count)])
elif kind.startswith("nested-zip"):
    import io
    inner = io.BytesIO()
    size = 50 * 1024 * 1024 if kind == "nested-zip" else 1024
    archive(inner, [(f"noll{i}.txt", b"\0" * size) for i in range(6)])
    archive(out, [("inre.zip", inner.getvalue()), ("uppsats.txt", ESSAY)])
elif kind.startswith("one-word-docx-"):
    replaced(base, out, "word/document.xml", one_word_docx("a" * int(kind.rsplit("-", 1)[1])))
elif kind.startswith("random-word-docx-"):
    replaced(base, out, "word/document.xml", one_word_docx(random_letters(int(kind.rsplit("-", 1)[1]))))
elif kind.startswith("unclosed-odt-"):
    replaced(base, out, "content.xml", unclosed_odt(int(kind.rsplit("-", 1)[1])))
else:
    sys.exit(f"unknown kind {kind}")
