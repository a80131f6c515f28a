"""Page objects: HTML in, typed items out; no I/O (see ../../../shared/STYLE.md)."""

from spiders.pages.clinic_page import extract_page, page_kind

__all__ = ["extract_page", "page_kind"]
