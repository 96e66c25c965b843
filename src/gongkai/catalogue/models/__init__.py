from .entry import (
    DEFAULT_INDEX_PATTERN,
    AgencySettings,
    Attachment,
    DisclosureMode,
    DocType,
    Entry,
    IndexCounter,
    OwnCategory,
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
    "Status",
    "Validity",
]
