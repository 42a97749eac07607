"""Outlook .msg files for the tests, written from scratch ([MS-CFB] compound file, [MS-OXMSG] streams).

No library here writes compound files (olefile reads them), and no Outlook runs here, so this
builds the smallest valid one: 512-byte sectors, one FAT, streams under 4096 bytes in the mini
stream, the directory as a right-leaning tree. ``olefile`` — what ``jixiao`` reads .msg with —
must open what this writes (a test checks it), so the fixture is held to a real reader.
"""

from __future__ import annotations

import struct

SECTOR, MINI, CUTOFF = 512, 64, 4096
FREE, END, FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF


def _chain(fat: list[int], start: int, n: int) -> None:
    for k in range(n):
        fat[start + k] = start + k + 1 if k < n - 1 else END


def compound_file(entries: dict[str, bytes | None]) -> bytes:
    """A compound file of ``entries``: "a/b" path -> stream bytes, or None for a storage."""
    paths = sorted(entries, key=lambda p: (p.count("/"), p))
    for p in paths:  # every parent storage exists
        parent = p.rpartition("/")[0]
        assert not parent or entries.get(parent, b"") is None, parent
    # ---- directory entries: 0 is the root; then in path order
    names = ["Root Entry"] + [p.rpartition("/")[2] for p in paths]
    kinds = [5] + [1 if entries[p] is None else 2 for p in paths]
    parent_of = [-1] + [0 if "/" not in p else 1 + paths.index(p.rpartition("/")[0]) for p in paths]
    children: dict[int, list[int]] = {}
    for i in range(1, len(names)):
        children.setdefault(parent_of[i], []).append(i)
    child, right = [NOSTREAM] * len(names), [NOSTREAM] * len(names)
    for parent, kids in children.items():
        kids.sort(key=lambda i: (len(names[i]), names[i].upper()))  # the order CFB compares names in
        child[parent] = kids[0]
        for a, b in zip(kids, kids[1:]):
            right[a] = b
    # ---- mini stream (small streams) and big streams
    mini = bytearray()
    minifat: list[int] = []
    start, size = [0] * len(names), [0] * len(names)
    big: list[tuple[int, bytes]] = []
    for i, p in enumerate(paths, 1):
        data = entries[p]
        if data is None:
            continue
        size[i] = len(data)
        if len(data) < CUTOFF:
            n = max(1, -(-len(data) // MINI)) if data else 0
            if n:
                start[i] = len(minifat)
                minifat += [0] * n
                _chain(minifat, start[i], n)
                mini += data.ljust(n * MINI, b"\0")
            else:
                start[i] = END
        else:
            big.append((i, data))
    nsec = lambda b: -(-b // SECTOR)  # noqa: E731
    n_dir = nsec(len(names) * 128)
    n_minifat = nsec(len(minifat) * 4) if minifat else 0
    n_mini = nsec(len(mini))
    n_big = sum(nsec(len(d)) for _i, d in big)
    n_fat = 1
    while n_fat * (SECTOR // 4) < n_fat + n_dir + n_minifat + n_mini + n_big:
        n_fat += 1
    assert n_fat <= 109  # the header's DIFAT holds them all
    fat = [FREE] * (n_fat * SECTOR // 4)
    at = 0
    for k in range(n_fat):
        fat[at + k] = FATSECT
    at += n_fat
    dir_start = at
    _chain(fat, at, n_dir)
    at += n_dir
    minifat_start = at if n_minifat else END
    _chain(fat, at, n_minifat)
    at += n_minifat
    mini_start = at if n_mini else END
    _chain(fat, at, n_mini)
    at += n_mini
    body = bytearray()
    for i, data in big:
        n = nsec(len(data))
        start[i] = at
        _chain(fat, at, n)
        at += n
        body += data.ljust(n * SECTOR, b"\0")
    start[0], size[0] = mini_start, len(mini)
    # ---- write
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 40, 0, n_fat, dir_start, 0, CUTOFF, minifat_start, n_minifat, END, 0)
    for k in range(109):
        struct.pack_into("<I", header, 76 + 4 * k, k if k < n_fat else FREE)
    directory = bytearray()
    for i, name in enumerate(names):
        e = bytearray(128)
        raw = (name + "\0").encode("utf-16-le")
        e[0:len(raw)] = raw
        struct.pack_into("<HBB", e, 64, len(raw), kinds[i], 1)
        struct.pack_into("<III", e, 68, NOSTREAM, right[i], child[i])
        struct.pack_into("<IQ", e, 116, start[i] if kinds[i] != 1 else 0, size[i])
        directory += e
    directory = directory.ljust(n_dir * SECTOR, b"\0")
    minifat_bytes = b"".join(struct.pack("<I", v) for v in minifat).ljust(n_minifat * SECTOR, b"\xff")
    return (bytes(header) + b"".join(struct.pack("<I", v) for v in fat) + bytes(directory) + minifat_bytes
            + bytes(mini).ljust(n_mini * SECTOR, b"\0") + bytes(body))


def outlook_msg(subject: str, sender: str, attachments: list[tuple[str, bytes]], *, ansi_names: bool = False,
                embedded: int = 0, forwarded: list[tuple[str, bytes]] | None = None,
                body: str = "请查收附件。") -> bytes:
    """A saved Outlook message: subject, sender's address, and attachments by file name.
    ``ansi_names``: names in the 8-bit (…001E) properties, GBK, as older Outlook on a Chinese
    Windows writes them, instead of the Unicode (…001F) ones."""
    u = lambda s: s.encode("utf-16-le")  # noqa: E731
    forwarded = forwarded or []  # the files of each forwarded message
    entries: dict[str, bytes | None] = {
        "__properties_version1.0": b"\0" * 32,
        "__substg1.0_0037001F": u(subject),
        "__substg1.0_0C1F001F": u(sender),
        "__substg1.0_1000001F": u(body),
    }
    for k, (name, data) in enumerate(attachments):
        box = f"__attach_version1.0_#{k:08X}"
        entries[box] = None
        entries[f"{box}/__properties_version1.0"] = b"\0" * 8
        if ansi_names:
            entries[f"{box}/__substg1.0_3707001E"] = name.encode("gbk")
        else:
            entries[f"{box}/__substg1.0_3707001F"] = u(name)
            entries[f"{box}/__substg1.0_3704001F"] = u(name[:8])
        entries[f"{box}/__substg1.0_37010102"] = data
    for k in range(len(attachments), len(attachments) + embedded):  # a message attached (forwarded) as such
        box = f"__attach_version1.0_#{k:08X}"
        entries[box] = None
        inner = f"{box}/__substg1.0_3701000D"
        entries[inner] = None
        entries[f"{inner}/__substg1.0_0037001F"] = u("转发的邮件")
        for j, (name, data) in enumerate(forwarded):
            entries[f"{inner}/__attach_version1.0_#{j:08X}"] = None
            entries[f"{inner}/__attach_version1.0_#{j:08X}/__substg1.0_3707001F"] = u(name)
            entries[f"{inner}/__attach_version1.0_#{j:08X}/__substg1.0_37010102"] = data
    return compound_file(entries)


def winmail_dat(files: list[tuple[str, bytes]], codepage: int = 936, long_names: bool = True) -> bytes:
    """Outlook's winmail.dat (TNEF), as Outlook sends a message in 格式 › RTF to another mail program:
    the attachments inside it, each with its 8-bit title in the code page and (``long_names``)
    its Unicode long file name among its MAPI properties, as Outlook 2007 and later write."""
    import struct

    def attr(level: int, name: int, kind: int, data: bytes) -> bytes:
        return struct.pack("<BHHI", level, name, kind, len(data)) + data + struct.pack("<H", sum(data) & 0xFFFF)

    out = struct.pack("<IH", 0x223E9F78, 0x0001)
    out += attr(1, 0x9006, 0x0008, struct.pack("<I", 0x00010000))       # attTnefVersion
    out += attr(1, 0x9007, 0x0006, struct.pack("<II", codepage, 0))     # attOemCodepage
    for name, data in files:
        out += attr(2, 0x9002, 0x0006, struct.pack("<HIHHI", 1, 0xFFFFFFFF, 0, 0, 0))  # attAttachRendData
        out += attr(2, 0x8010, 0x0001, name.encode("gbk", "replace") + b"\0")         # attAttachTitle
        out += attr(2, 0x800F, 0x0006, data)                                           # attAttachData
        if long_names:
            u = name.encode("utf-16-le") + b"\0\0"
            props = struct.pack("<IHHII", 1, 0x001F, 0x3707, 1, len(u)) + u + b"\0" * (-len(u) % 4)
            out += attr(2, 0x9005, 0x0006, props)                                      # attAttachment
    return out
