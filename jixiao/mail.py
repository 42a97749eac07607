"""Email drafts (.eml) a person opens, checks and sends: the 定稿 mail to the 财政局, and the
财政局's return mail to each department.

A draft carries ``X-Unsent: 1`` (Outlook opens it as a new message to send). Each attachment's
Chinese name is written both ways mail programs read it: RFC 2231 (``filename*=utf-8''…``, the
standard, first) and RFC 2047 words in quotes (``name="=?utf-8?b?…?="``, what Outlook, Foxmail
and webmail write, and all that some older clients understand). Python's default policy folds
every name into RFC 2231 alone, so the message is built with the compat32 classes, which write a
header as it is given. Every header is ASCII: nothing 8-bit for a relay to mangle.
"""

from __future__ import annotations

import mimetypes
import re
from email.utils import formatdate
from pathlib import Path
from typing import cast

from .fileio import atomic_write_bytes

__all__ = ["ADDRESS", "addresses", "bad_addresses", "draft", "is_address", "listed_addresses"]

ADDRESS = re.compile(r"[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\".]+")


def is_address(text: str) -> bool:
    """Whether ``text`` is an address a draft can carry: its headers are ASCII (see above), so an address typed
    with a Chinese input method's full-width “１６３” or an address in Chinese characters is none — the draft
    writer could not encode it and the whole review stopped with an internal error."""
    return text.isascii() and ADDRESS.fullmatch(text) is not None


def _half_width(text: str) -> str:
    """Full-width letters, digits and signs as the half-width ones they stand for (“ｍｚ＠１６３．ｃｏｍ” is
    mz@163.com, typed with a Chinese input method left in full-width mode)."""
    import unicodedata

    return unicodedata.normalize("NFKC", text)


def addresses(text: str | None) -> list[str]:
    """The addresses of a 设置 cell, split where people split them (； or ;)."""
    return [a.strip() for a in (text or "").replace("；", ";").split(";") if a.strip()]


def bad_addresses(text: str | None) -> list[str]:
    """The entries of an address cell that are no email address (“张三 <a@b.cn>” is one)."""
    from email.utils import parseaddr

    return [a for a in addresses(text) if not is_address(parseaddr(a)[1] or "")]


def listed_addresses(text: object) -> tuple[list[str], list[str]]:
    """The addresses of a cell in the bureau's project list, and the entries that are none.

    Laxer than a 设置 cell (``addresses``): a list exported from a budget system or typed by
    several people separates addresses with ；, ，, 、 or spaces, and holds bare addresses only."""
    tokens = [t.strip("<>《》") for t in re.split(r"[;；,，、\s]+", str(text or "").strip()) if t.strip("<>《》")]
    good = [_half_width(t) for t in tokens if is_address(_half_width(t))]
    return good, [t for t in tokens if not is_address(_half_width(t))]


def draft(target: Path, *, subject: str, body: str, sender: str | None, to: str | list[str] | None,
          files: list[Path], answers: list[str] | None = None, names: list[str] | None = None,
          date: str | None = None) -> Path:
    """Write the draft to ``target`` (atomically) and return it. ``answers``: the Message-IDs of the
    mails it replies to, oldest first (In-Reply-To the last, References all): the mail programs show
    it in their conversation. ``names``: the name each file is attached under (a file-name-safe one;
    default its own name): the file on disk is not renamed. ``date``: its ``Date:`` header (RFC 2822) where it is
    a draft written before and written again as it was (``review.rounds.mailed_at``); else now."""
    from email import encoders
    from email.header import Header
    from email.mime.base import MIMEBase
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText
    from email.utils import formataddr, parseaddr

    def people(given: str | list[str] | None) -> str:
        items = addresses(given) if isinstance(given, str) or given is None else given
        return ", ".join(_person(a) for a in items)

    def _person(given: str) -> str:
        name, addr = parseaddr(_half_width(given))
        if not addr:
            return given
        if not addr.isascii():   # a sender's address in Chinese characters (RFC 6532): encoded words, to be
            return cast(str, Header(given, "utf-8").encode())   # corrected by the reviewer, not a stopped review
        return formataddr((name, addr), charset="utf-8")

    msg = MIMEMultipart()
    msg["Subject"] = cast(str, Header(subject, "utf-8"))  # compat32 folds a Header object itself
    msg["From"] = people(sender)
    msg["To"] = people(to)
    msg["Date"] = date or formatdate(localtime=True)
    msg["X-Unsent"] = "1"  # Outlook opens it as a draft to send
    if answers:
        msg["In-Reply-To"] = answers[-1]
        msg["References"] = " ".join(answers)
    text = MIMEText(body, "plain", "utf-8")
    del text["MIME-Version"]
    msg.attach(text)
    for p, name in zip(files, names or [p.name for p in files]):
        ctype = mimetypes.guess_type(name)[0] or "application/octet-stream"
        part = MIMEBase(*ctype.split("/", 1))
        del part["Content-Type"], part["MIME-Version"]
        words = Header(name, "utf-8", header_name=' filename="').encode()  # folded between words
        part["Content-Type"] = f'{ctype};\n name="{words}"'
        part["Content-Disposition"] = f'attachment;\n {_rfc2231("filename", name)};\n filename="{words}"'
        part.set_payload(p.read_bytes())
        encoders.encode_base64(part)
        msg.attach(part)
    atomic_write_bytes(target, sealed(msg.as_bytes()))
    return target


def draft_date(path: Path) -> str | None:
    """The ``Date:`` header of the draft at ``path`` as written (None: no such file, or no date in it)."""
    from email.parser import BytesHeaderParser

    try:
        with path.open("rb") as fh:
            value = BytesHeaderParser().parse(fh)["Date"]
    except OSError:
        return None
    return str(value).strip() or None if value else None


_SEAL = re.compile(rb"Message-ID: <([0-9a-f]{32})@localhost>\n")


def sealed(data: bytes) -> bytes:
    """A draft with a Message-ID made of the digest of the rest of it: a draft a person has since edited
    (an address filled in, a line of the text changed, in a text editor) no longer matches it, so
    ``untouched_draft`` tells it from one written as it was, to be written over (``marker.untouched_output``).
    An ordinary Message-ID to a mail program (it gives the mail its own when it is sent)."""
    import hashlib

    return b"Message-ID: <" + hashlib.sha256(data).hexdigest()[:32].encode() + b"@localhost>\n" + data


def untouched_draft(data: bytes) -> bool:
    """Whether ``data`` is a draft as ``draft`` wrote it (``sealed``), byte for byte."""
    import hashlib

    m = _SEAL.match(data)
    return m is not None and hashlib.sha256(data[m.end():]).hexdigest()[:32].encode() == m.group(1)


def _rfc2231(param: str, value: str) -> str:
    """``param*0*=utf-8''%E5…; param*1*=…``: RFC 2231 with continuations, each line short."""
    from urllib.parse import quote

    chunks = re.findall(r"(?:%[0-9A-F]{2}|[^%]){1,18}", quote(value, safe=""))
    first = "utf-8''"
    return ";\n ".join(f"{param}*{k}*={first if k == 0 else ''}{c}" for k, c in enumerate(chunks))
