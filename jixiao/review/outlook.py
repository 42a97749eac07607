"""A message Outlook saved as .msg: who sent it, when, and its attached files.

Outlook's “另存为” and a message dragged out of Outlook onto a folder give a .msg — a compound
file ([MS-CFB]) of MAPI properties ([MS-OXMSG]), not MIME like an .eml. ``olefile`` reads the
container; the few properties needed here are streams named by their property tag:

- each attachment is a storage ``__attach_version1.0_#0000000N`` holding its long file name
  (``__substg1.0_3707`` — ``001F`` Unicode, ``001E`` 8-bit in the message's code page, GBK on a
  Chinese Windows), else its short or display name (``3704``, ``3001``), and its bytes
  (``__substg1.0_37010102``); an attached (forwarded) message is a storage ``…3701000D`` whose own
  attachments are read in turn, as an .eml's are;
- the sender's address: ``5D01`` (SMTP), else ``0C1F``/``0065`` when they hold an address (an
  Exchange account keeps an X.500 path there instead);
- when it was sent: ``PR_CLIENT_SUBMIT_TIME`` (0x0039, a FILETIME) in the fixed-size property
  stream ``__properties_version1.0``.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..mail import ADDRESS

__all__ = ["Message", "NotAMessage", "read_msg"]

_ATTACH = re.compile(r"__attach_version1\.0_#[0-9A-Fa-f]{8}")
EMBEDDED = "__substg1.0_3701000D"  # an attachment that is itself a message
MAX_DEPTH = 5                       # messages forwarded inside messages, levels read
CODEPAGES = {936: "gbk", 54936: "gb18030", 950: "big5", 65001: "utf-8", 1252: "cp1252", 20127: "ascii"}


class NotAMessage(ValueError):
    """A compound file (a .doc, an .xls) named .msg: no message in it."""


@dataclass
class Message:
    sender: str = ""
    sent: float | None = None                     # seconds since 1970, or None
    attachments: list[tuple[str, bytes]] = field(default_factory=list)
    embedded: int = 0                             # messages attached (forwarded): their files are read
    body: str = ""                                # its plain text (PR_BODY), for what it says instead of attaching


def _props(ole: Any, storage: str, header: int) -> dict[int, bytes]:
    """tag -> 8-byte value of the fixed-size properties of a storage ("" = the message)."""
    name = f"{storage}/__properties_version1.0" if storage else "__properties_version1.0"
    if not ole.exists(name):
        return {}
    raw = ole.openstream(name).read()
    out = {}
    for at in range(header, len(raw) - 15, 16):
        tag, _flags, value = struct.unpack_from("<II8s", raw, at)
        out[tag] = value
    return out


def read_msg(path: Path, default_codepage: str = "gbk") -> Message:
    """The message at ``path``. Raises what olefile raises for a file that is no compound file,
    and ``NotAMessage`` for one that holds no message; the caller says so in Chinese."""
    import olefile

    with olefile.OleFileIO(str(path)) as ole:
        if not ole.exists("__properties_version1.0") and not ole.exists("__substg1.0_0037001F") \
                and not any(_ATTACH.fullmatch(e[0]) for e in ole.listdir(storages=True)):
            raise NotAMessage("compound file without message properties")
        props = _props(ole, "", 32)
        cp = props.get(0x3FFD0003)
        codec = CODEPAGES.get(struct.unpack("<I", cp[:4])[0], default_codepage) if cp else default_codepage

        def text(storage: str, prop: int) -> str:
            base = f"{storage}/" if storage else ""
            for suffix, enc in (("001F", "utf-16-le"), ("001E", codec)):
                name = f"{base}__substg1.0_{prop:04X}{suffix}"
                if ole.exists(name):
                    raw = ole.openstream(name).read()
                    return raw.decode(enc, errors="replace").rstrip("\0").strip()
            return ""

        msg = Message()
        for prop in (0x5D01, 0x0C1F, 0x0065):
            addr = text("", prop)
            if ADDRESS.fullmatch(addr):
                name = text("", 0x0C1A)  # PR_SENDER_NAME
                msg.sender = f"{name} <{addr}>" if name and name != addr else addr
                break
        msg.body = text("", 0x1000)[:20000]  # PR_BODY
        when = props.get(0x00390040)  # PR_CLIENT_SUBMIT_TIME
        if when:
            ticks = struct.unpack("<Q", when)[0]
            msg.sent = ticks / 1e7 - 11644473600 if ticks else None
        boxes = sorted({"/".join(e[:k + 1]) for e in ole.listdir(storages=True) for k in range(0, len(e), 2)
                        if k < 2 * MAX_DEPTH and _ATTACH.fullmatch(e[k]) and all(
                            _ATTACH.fullmatch(e[j]) and e[j + 1] == EMBEDDED for j in range(0, k, 2))})
        for box in boxes:
            if ole.exists(f"{box}/{EMBEDDED}"):  # a message forwarded as an attachment: its files are
                msg.embedded += 1                # boxes below it, taken in this same loop
                continue
            name = text(box, 0x3707) or text(box, 0x3704) or text(box, 0x3001)
            data = f"{box}/__substg1.0_37010102"
            if name and ole.exists(data):
                msg.attachments.append((name, ole.openstream(data).read()))
        return msg
