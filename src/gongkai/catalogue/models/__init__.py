from .entry import (
    DEFAULT_INDEX_PATTERN,
    AgencySettings,
    Attachment,
    DisclosureMode,
    DocType,
    Entry,
    IndexCounter,
    OwnCategory,
    Stamp,
    Status,
    Validity,
)

__all__ = [
    "DEFAULT_INDEX_PATTERN",
    "AgencySettings",
    "Attachment",
    "DisclosureMode",
    "DocType",
    "Entry",
    "IndexCounter",
    "OwnCategory",
    "Stamp",
    "Status",
    "Validity",
]
