"""Office files (DOCX, XLSX) are zip archives: their declared sizes are checked before parsing.

A 1.45 MB DOCX whose `document.xml` inflates to gigabytes took 3.0 GB of memory and then
a traceback; a 2.9 MB XLSX holding a 1 GB cell took 2.0 GB and was accepted. The zip's
central directory states every member's uncompressed size, and Python's zipfile stops a
member at that size (a CRC error past it), so checking the stated sizes bounds what any
parser downstream can be handed.
"""

from __future__ import annotations

import io
import zipfile

from indexer.errors import IngestError

MAX_UNZIPPED_BYTES = 64 * 1024 * 1024  # a 300-page Word document: ~5 MB of XML
MAX_RATIO = 100  # deflated XML: 5-20x; a bomb: 1,000x and more
RATIO_FLOOR = 1024 * 1024  # small members may compress any amount
MAX_MEMBERS = 10_000


def check_zip(data: bytes, name: str, kind: str) -> None:
    """IngestError when the archive would inflate past the limits (or is not a zip).

    `kind` names the file for messages: "DOCX file", "XLSX workbook"."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as err:
        raise IngestError(f"{name}: not a readable {kind} (damaged or truncated)") from err
    if len(members) > MAX_MEMBERS:
        raise IngestError(f"{name}: {len(members):,} parts in one {kind}; refused")
    total = sum(m.file_size for m in members)
    if total > MAX_UNZIPPED_BYTES:
        raise IngestError(
            f"{name}: unpacks to {total / 2**20:,.1f} MB (the limit is "
            f"{MAX_UNZIPPED_BYTES // 2**20} MB once unpacked); split the document"
        )
    for m in members:
        if m.file_size > RATIO_FLOOR and m.file_size > MAX_RATIO * max(1, m.compress_size):
            raise IngestError(
                f"{name}: {m.filename} inflates {m.file_size // max(1, m.compress_size):,} times "
                f"(a zip bomb?); refused"
            )
