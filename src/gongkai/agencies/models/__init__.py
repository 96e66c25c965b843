from .agency import Agency, AgencyKind, AgencyLevel
from .membership import Membership, Role

__all__ = ["Agency", "AgencyKind", "AgencyLevel", "Membership", "Role"]
