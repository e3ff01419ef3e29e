"""Imported by the reader pool's fork server only (the last of `ingest.READER_MODULES`).

The fork server imports the reader modules once and forks every reader from itself; before,
each reader then built its own extraction pipeline, imported pdfium and pdfplumber, and
loaded the masking and extraction lookup tables on its first document: about 0.25 s of CPU
per reader, paid again by every one of them on a machine whose cores they share. Done here,
once, before the readers are forked, they start with it all in place (shared until written,
as forked memory is).
"""

from __future__ import annotations

import contextlib
import importlib
from pathlib import Path

#: A bundled document read, masked and extracted once, so that every lookup table a first
#: document loads is loaded here (a protokollsutdrag: bodies, persons, decisions, dates).
WARM_UP = Path(__file__).parent / "sample" / "tn_2024-05-14_protokollsutdrag.txt"


def warm() -> None:
    from diarium import ingest, settings
    from extractors.readers import read_document

    importlib.import_module("extractors.pdf")  # pdfium; the readers import it on a first PDF
    importlib.import_module("extractors.pdf_tables")  # pdfplumber, for the tables of a PDF
    extractor = ingest._worker_extractor(settings.spacy_model())  # the one readers use
    ingest.analyse(read_document(WARM_UP), extractor, settings.masking_policy())


# A head start only: should it fail, each reader builds what it lacks, as before. (The fork
# server lets only an ImportError of a preloaded module pass; anything else would stop it.)
with contextlib.suppress(Exception):
    warm()
