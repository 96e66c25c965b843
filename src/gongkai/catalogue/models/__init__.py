"""The catalogue's models, one module per entity."""

from .agency_settings import DEFAULT_INDEX_PATTERN, AgencySettings
from .attachment import Attachment
from .category import OwnCategory
from .counter import IndexCounter
from .entry import DisclosureMode, DocType, Entry, Status, Validity
from .stamp import Stamp
from .synonym import Synonym

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
    "Synonym",
    "Validity",
]
